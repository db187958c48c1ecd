// Rows of a posted form (`variants[0].name`, `props[2].from`): which the form holds, and a refusal's field told by the form's row when empty rows were left out.

/** The row indexes under `prefix` a form holds, in order; only below `max`, so a forged form cannot make the reading long. */
export function rowIndexes(form: Record<string, unknown>, prefix: string, max: number): number[] {
  const rows = new Set<number>();
  const pattern = new RegExp(`^${prefix}\\[(\\d{1,3})\\]\\.`);
  for (const key of Object.keys(form)) {
    const index = pattern.exec(key)?.[1];
    if (index !== undefined && Number(index) < max) rows.add(Number(index));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Renames `prefix[k]` in a field to `prefix[kept[k]]`: the k-th row read is the form's row kept[k]. */
export const formFieldOf = (prefix: string, kept: readonly number[]) => (field: string) =>
  field.replace(new RegExp(`^${prefix}\\[(\\d+)\\]`), (whole, k: string) => (kept[Number(k)] === undefined ? whole : `${prefix}[${kept[Number(k)]}]`));

/** A refusal with its field (and the message that starts with it) renamed. */
export const renamed = (refusal: { field: string; message: string }, fieldOf: (field: string) => string) => {
  const field = fieldOf(refusal.field);
  return { field, message: field + refusal.message.slice(refusal.field.length) };
};
