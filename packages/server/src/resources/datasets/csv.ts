/**
 * A streaming CSV reader and a field writer (RFC 4180, read leniently).
 * Text arrives in arbitrary pieces; records come out as soon as they end, so
 * memory holds one record at most. Quoted fields may contain commas, doubled
 * quotes and newlines; CRLF and LF both end records; a quote inside an
 * unquoted field is kept as a character. Each record remembers the line it
 * started on and whether each field was quoted, because an empty quoted field
 * ("") is an empty string while an empty unquoted field is no value at all.
 */

export interface CsvField {
  value: string;
  quoted: boolean;
}

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: CsvField[];
  /** Set when the record is malformed; the reader resumes at the next line. */
  error?: string;
}

type State = "start" | "unquoted" | "quoted" | "quote" | "skip";

export class CsvReader {
  private state: State = "start";
  private fields: CsvField[] = [];
  private field = "";
  private size = 0;
  private line = 1;
  private recordLine = 1;
  private error: string | undefined;
  private out: CsvRecord[] = [];

  /** `maxRecordChars` bounds the memory of one record; longer ones are reported and skipped. */
  constructor(private readonly maxRecordChars: number) {}

  push(text: string): CsvRecord[] {
    for (let i = 0; i < text.length; i++) this.take(text.charCodeAt(i), text, i);
    return this.drain();
  }

  end(): CsvRecord[] {
    if (this.state === "quoted") this.fail("unterminated quoted field");
    if (this.state === "quote") this.endField(true);
    else if (this.state === "unquoted" || (this.state === "start" && this.fields.length > 0))
      this.endField(false);
    if (this.state === "skip" || this.fields.length > 0) this.endRecord();
    return this.drain();
  }

  private drain(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private take(c: number, text: string, i: number): void {
    if (c === 10) this.line++;
    switch (this.state) {
      case "skip":
        if (c === 10) this.endRecord();
        return;
      case "quoted":
        if (c === 34) this.state = "quote";
        else this.append(text, i);
        return;
      case "quote":
        if (c === 34) {
          this.append(text, i);
          this.state = "quoted";
        } else if (c === 44) this.endField(true);
        else if (c === 10) {
          this.endField(true);
          this.endRecord();
        } else if (c !== 13)
          this.fail("unexpected character after a closing quote (double quotes inside a quoted field)");
        return;
      case "start":
        if (c === 34) {
          this.state = "quoted";
          return;
        }
        this.state = "unquoted";
        this.unquoted(c, text, i);
        return;
      case "unquoted":
        this.unquoted(c, text, i);
    }
  }

  private unquoted(c: number, text: string, i: number): void {
    if (c === 44) this.endField(false);
    else if (c === 10) {
      this.endField(false);
      this.endRecord();
    } else if (c !== 13) this.append(text, i);
  }

  private append(text: string, i: number): void {
    this.field += text[i];
    if (++this.size > this.maxRecordChars) this.fail(`record longer than ${this.maxRecordChars} characters`);
  }

  private endField(quoted: boolean): void {
    this.fields.push({ value: this.field, quoted });
    this.field = "";
    this.state = "start";
  }

  private fail(message: string): void {
    this.error ??= message;
    this.field = "";
    this.fields = [];
    this.state = "skip";
  }

  /** Ends the record; the caller has ended its last field. Blank lines yield nothing. */
  private endRecord(): void {
    const blank =
      this.error === undefined &&
      this.fields.length === 1 &&
      this.fields[0]?.value === "" &&
      !this.fields[0].quoted;
    if (this.error !== undefined) this.out.push({ line: this.recordLine, fields: [], error: this.error });
    else if (!blank && this.fields.length > 0) this.out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = "";
    this.size = 0;
    this.error = undefined;
    this.state = "start";
    this.recordLine = this.line;
  }
}

/** One CSV field: quoted when it must be, and always for "" (so it reads back as an empty string). */
export function csvField(value: string | undefined): string {
  if (value === undefined) return "";
  if (value === "" || /[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}
