/** Number, time and money formatting shared by every page. */

export function fmtDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

export function fmtCost(usd: number | null | undefined): string {
  if (usd == null || !Number.isFinite(usd)) return "–";
  if (usd === 0) return "$0";
  return usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}

/** Short money for chart axes: tiny amounts in exponent form ($1.3e-5) rather than a row of zeros. */
export function fmtCostCompact(usd: number): string {
  if (!Number.isFinite(usd)) return "–";
  if (usd === 0) return "$0";
  if (Math.abs(usd) < 0.001) return `$${usd.toExponential(1).replace(".0e", "e")}`;
  if (Math.abs(usd) < 1) return `$${Number(usd.toPrecision(2))}`;
  return `$${fmtCompact(usd)}`;
}

/** Short counts for chart axes: 1.2k, 3.4M. */
export function fmtCompact(n: number): string {
  if (!Number.isFinite(n)) return "–";
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

export function fmtInt(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? "–" : Math.round(n).toLocaleString("en-US");
}

export function fmtNumber(n: number | null | undefined, digits = 3): string {
  if (n == null || !Number.isFinite(n)) return "–";
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(digits);
}

export function fmtTime(ms: number | string | null | undefined): string {
  if (ms == null || ms === "") return "–";
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toLocaleString("en-GB", { hour12: false });
}

/** Short text of a value for table cells. */
export function brief(value: unknown, max = 80): string {
  if (value == null) return "–";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
