/**
 * Splits streamed text into lines (LF or CRLF) with their 1-based numbers.
 * A line longer than `maxChars` is reported as too long and its text dropped
 * while it streams past, so one runaway line cannot exhaust memory.
 */
export interface Line {
  line: number;
  text: string;
  tooLong?: boolean;
}

export class LineReader {
  private carry = "";
  private dropping = false;
  private line = 0;

  constructor(private readonly maxChars: number) {}

  push(text: string): Line[] {
    const out: Line[] = [];
    let from = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
      this.emit(text.slice(from, nl), out);
      from = nl + 1;
    }
    this.carry += text.slice(from);
    if (this.carry.length > this.maxChars) {
      this.dropping = true;
      this.carry = "";
    }
    return out;
  }

  end(): Line[] {
    const out: Line[] = [];
    if (this.carry !== "" || this.dropping) this.emit("", out);
    return out;
  }

  private emit(tail: string, out: Line[]): void {
    this.line++;
    const text = this.carry + tail;
    this.carry = "";
    if (this.dropping || text.length > this.maxChars) {
      this.dropping = false;
      out.push({ line: this.line, text: "", tooLong: true });
    } else {
      out.push({ line: this.line, text: text.endsWith("\r") ? text.slice(0, -1) : text });
    }
  }
}
