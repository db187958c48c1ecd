// Tests on an event's props, shared by points rules (purchase value > 10000) and segment rules.
import { z } from 'zod';

export const propTestSchema = z
  .object({
    /** A prop name, or `list[].field` to test the items of a list: true when any item passes (purchase items' categories). */
    prop: z.string().min(1).max(64).regex(/^[^\[\]]+(\[\]\.[^\[\]]+)?$/, 'must be a prop name or list[].field'),
    op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in']),
    value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()])).max(100)]),
  })
  .strict();

export type PropTest = z.infer<typeof propTestSchema>;

export function propMatches(test: PropTest, props: Record<string, unknown> | null): boolean {
  const item = test.prop.indexOf('[].');
  if (item === -1) return valueMatches(test, props?.[test.prop]);
  const list = props?.[test.prop.slice(0, item)];
  const field = test.prop.slice(item + 3);
  return Array.isArray(list) && list.some((entry) => typeof entry === 'object' && entry !== null && valueMatches(test, (entry as Record<string, unknown>)[field]));
}

function valueMatches(test: PropTest, actual: unknown): boolean {
  const { op, value } = test;
  if (op === 'in') return Array.isArray(value) && value.includes(actual as never);
  if (op === 'eq') return actual === value;
  if (op === 'ne') return actual !== value;
  if (typeof actual !== 'number' || typeof value !== 'number') return false;
  return op === 'gt' ? actual > value : op === 'gte' ? actual >= value : op === 'lt' ? actual < value : actual <= value;
}
