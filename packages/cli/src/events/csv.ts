/** CSV writing for event exports: nested objects become dotted columns (RFC 4180 quoting). */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The dotted leaf paths of a row, in first-seen order. Objects are walked;
 * arrays and scalars are leaves (an array goes into one cell as JSON), and an
 * empty object is a leaf too, so it keeps its column.
 */
export function leafPaths(row: unknown, prefix = "", into: string[] = []): string[] {
  if (!isPlainObject(row) || (prefix && Object.keys(row).length === 0)) {
    if (prefix) into.push(prefix);
    return into;
  }
  for (const [k, v] of Object.entries(row)) leafPaths(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}

/** The union of the rows' leaf paths, in first-seen order. */
export function columnsOf(rows: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const p of leafPaths(r)) seen.add(p);
  return [...seen];
}

/** The value at a dotted path, or undefined. */
export function valueAt(row: unknown, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split(".")) {
    if (!isPlainObject(v)) return undefined;
    v = v[part];
  }
  return v;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value as Json) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(",")}\r\n`;

export const csvRow = (row: unknown, columns: readonly string[]): string =>
  csvLine(columns.map((c) => valueAt(row, c)));
