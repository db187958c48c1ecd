// Turns zod's issues into what a client is told: the field, named as a developer writes it, and a message.
import type { z } from 'zod';

/** Formats an issue path the way a developer writes it: `props.items[2].price`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** The first issue of a failed parse as {field, message}, for answers that name the field. */
export function firstIssue(error: z.ZodError, prefix: readonly PropertyKey[] = []): { field: string; message: string } {
  const issue = error.issues[0]!;
  const field = fieldPath([...prefix, ...issue.path]) || 'body';
  return { field, message: `${field}: ${issue.message}` };
}
