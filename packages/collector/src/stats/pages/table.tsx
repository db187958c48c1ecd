// The table the stats pages list things in: column headings, a row per item, and a sentence instead when there is nothing to list.
import type { Child } from 'hono/jsx';

/** A column's heading; with a class when the css aligns it (`num`) or hides it on narrow screens (`wide-only`). */
export type Column = string | [label: Child, className: string];

export function DataTable<Item>(props: {
  class?: string;
  /** Left out for tables whose rows head themselves. */
  columns?: Column[];
  items: readonly Item[];
  row: (item: Item) => Child;
  /** Said instead of the table when there are no items; without it an empty table stands. */
  empty?: Child;
  /** The box that scrolls a wide table on its own, as the css names it where the table sits. */
  scroll?: 'scroll' | 'table-scroll';
}) {
  if (props.items.length === 0 && props.empty !== undefined) return <p class="empty">{props.empty}</p>;
  const table = (
    <table class={props.class}>
      {props.columns && (
        <thead>
          <tr>
            {props.columns.map((column) => {
              const [label, className] = typeof column === 'string' ? [column] : column;
              return (
                <th scope="col" class={className}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
      )}
      <tbody>{props.items.map(props.row)}</tbody>
    </table>
  );
  return props.scroll ? <div class={props.scroll}>{table}</div> : table;
}
