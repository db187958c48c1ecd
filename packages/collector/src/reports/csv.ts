// CSV lines as RFC 4180 writes them, made safe to open in a spreadsheet: hostile text never becomes a formula.
export type Cell = string | number | null | undefined;

/** Spreadsheets run a cell starting with one of these as a formula (or strip it into one). */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  // Numbers are ours (ids, scores), never typed by a visitor: left as numbers so spreadsheets sum them.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended by CRLF as RFC 4180 asks. */
export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
