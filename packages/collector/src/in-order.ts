// Maps items through an async step one at a time, for steps that write: each sees what the one before it wrote, in order.
export async function mapInOrder<T, R>(items: Iterable<T>, step: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  for (const item of items) results.push(await step(item, index++));
  return results;
}

/** The index of the first item `test` holds for, asking one at a time; -1 when none. */
export async function findIndexInOrder<T>(items: readonly T[], test: (item: T, index: number) => Promise<boolean>): Promise<number> {
  for (const [index, item] of items.entries()) if (await test(item, index)) return index;
  return -1;
}
