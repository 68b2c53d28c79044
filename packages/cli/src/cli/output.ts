import type { Writable } from "node:stream";

/**
 * Where a command's results go. With --json, stdout carries one JSON document
 * (or JSON lines) and nothing else; people get aligned text. Notes and
 * progress go to stderr so they never mix with data.
 */
export class Output {
  constructor(
    readonly json: boolean,
    readonly quiet: boolean,
    readonly stdout: Writable = process.stdout,
    readonly stderr: NodeJS.WriteStream | Writable = process.stderr,
  ) {}

  /** The command's result: `doc` as JSON, or the human rendering. */
  result(doc: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(doc)}\n`);
    else {
      const text = human();
      if (text) this.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    }
  }

  /** A remark for people (stderr), silenced by --quiet. */
  note(message: string): void {
    if (!this.quiet) this.stderr.write(`${message}\n`);
  }

  get stderrIsTty(): boolean {
    return (this.stderr as NodeJS.WriteStream).isTTY === true;
  }
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** Rows as left-aligned columns with a header line; a message when there are none. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], empty = "(none)"): string {
  if (rows.length === 0) return empty;
  const cells = rows.map((r) => columns.map((c) => String(c.value(r) ?? "")));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join("\n");
}

/** A time (epoch ms, or already an ISO string) as an ISO date for display. */
export const isoDate = (t: unknown): string =>
  typeof t === "number" && Number.isFinite(t) ? new Date(t).toISOString() : typeof t === "string" ? t : "";
