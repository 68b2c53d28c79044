import type { Output } from "./output.js";

const BAR_WIDTH = 28;
const PLAIN_EVERY_MS = 2000;

function human(n: number, unit: "bytes" | "rows"): string {
  if (unit === "rows") return `${n} rows`;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Progress of a long import or export, on stderr only. On a terminal it is a
 * bar redrawn in place; otherwise (a log, CI) a plain line at most every two
 * seconds, so logs stay short; with --quiet nothing. `done` always ends it
 * with one summary line (unless quiet).
 */
export class Progress {
  private current = 0;
  private lastPlain = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: Output,
    private readonly label: string,
    private readonly unit: "bytes" | "rows",
    private total?: number,
  ) {
    this.tty = out.stderrIsTty;
    this.lastPlain = Date.now();
  }

  setTotal(total: number): void {
    this.total = total;
  }

  add(n: number): void {
    this.to(this.current + n);
  }

  /** Sets the amount done so far. */
  to(current: number): void {
    this.current = current;
    if (this.out.quiet) return;
    if (this.tty) this.out.stderr.write(`\r${this.render()}`);
    else if (Date.now() - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = Date.now();
      this.out.stderr.write(`${this.render()}\n`);
    }
  }

  get count(): number {
    return this.current;
  }

  /** Clears the bar and prints `summary` (if any) on stderr. */
  done(summary?: string): void {
    if (this.out.quiet) return;
    if (this.tty) this.out.stderr.write("\r\x1b[2K");
    if (summary) this.out.stderr.write(`${summary}\n`);
  }

  private render(): string {
    const amount = human(this.current, this.unit);
    if (!this.total) return `${this.label}: ${amount}`;
    const ratio = Math.min(1, this.current / this.total);
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
    return `${this.label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${amount} of ${human(this.total, this.unit)}`;
  }
}
