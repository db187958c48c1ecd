// Input refused at the edge: the error every layer throws for it, and zod's issues turned into what a client is told — the field, named as a developer writes it, and a message.
import type { z } from 'zod';

/** A request the collector refuses as a whole, with the status and field to tell the client. */
export class InputError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Input refused, told as the field (as a developer writes it) and a message that starts with it. */
export type Refusal = { field: string; message: string };

/** A command's result, or the 400 its refusal is answered with. */
export function accepted<T extends object>(result: T | Refusal): T {
  if ('field' in result && 'message' in result) throw new InputError(400, result.field, result.message);
  return result;
}

/** Formats an issue path the way a developer writes it: `props.items[2].price`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** The first issue of a failed parse as {field, message}, for answers that name the field. */
export function firstIssue(error: z.ZodError, prefix: readonly PropertyKey[] = []): Refusal {
  const issue = error.issues[0]!;
  const field = fieldPath([...prefix, ...issue.path]) || 'body';
  return { field, message: `${field}: ${issue.message}` };
}

type Issue = z.core.$ZodIssue;

/** How far into the input an issue points, following a union into the option that got furthest. */
function depthOf(issue: Issue): number {
  // An unknown key points at that key: deeper than a missing one.
  if (issue.code === 'unrecognized_keys') return issue.path.length + 1;
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue.path.length;
  return issue.path.length + Math.max(...issue.errors.map((option) => Math.max(0, ...option.map(depthOf))));
}

/** The issue that names a field, not just "invalid input": inside a union, the one from the option that matched furthest. */
function deepest(issue: Issue): Issue {
  if (issue.code === 'unrecognized_keys') return { ...issue, path: [...issue.path, issue.keys[0]!] };
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  // On a tie an unknown key explains more than a missing one: {bogus: 1} is not "missing all".
  const rank = (i: Issue) => depthOf(i) * 2 + (i.code === 'unrecognized_keys' ? 1 : 0);
  const best = issue.errors.flat().reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const inner = deepest(best);
  return { ...inner, path: [...issue.path, ...inner.path] };
}

/** Like firstIssue, for schemas built of unions (segment rules), where zod's first issue would only say "Invalid input". */
export function deepestIssue(error: z.ZodError, prefix: readonly PropertyKey[] = []): Refusal & { path: PropertyKey[] } {
  const issue = deepest(error.issues[0]!);
  const field = fieldPath([...prefix, ...issue.path]) || 'body';
  return { field, message: `${field}: ${issue.message}`, path: [...issue.path] };
}

/** The 400 a failed parse is answered with, naming the first field that is wrong. */
export function invalidInput(error: z.ZodError, prefix: readonly PropertyKey[] = []): InputError {
  const { field, message } = firstIssue(error, prefix);
  return new InputError(400, field, message);
}

/** The value as the schema outputs it, or an InputError (400) naming the first field that is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidInput(parsed.error, prefix);
}
