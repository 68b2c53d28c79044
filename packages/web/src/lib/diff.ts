/**
 * Line diff (longest common subsequence) for comparing two runs' outputs and
 * two configuration versions. Inputs past a size bound fall back to a
 * whole-block replacement so a 1 MB output never freezes the page.
 */

export type DiffOp = { kind: "same" | "add" | "del"; text: string };

const MAX_CELLS = 4_000_000;

/** Lines of `a` → lines of `b` as same / del / add operations, in order. */
export function diffLines(a: string, b: string): DiffOp[] {
  const x = a === "" ? [] : a.split("\n");
  const y = b === "" ? [] : b.split("\n");
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  )
    tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const out: DiffOp[] = x.slice(0, head).map((text) => ({ kind: "same", text }));
  out.push(...middle(xs, ys));
  for (const text of x.slice(x.length - tail)) out.push({ kind: "same", text });
  return out;
}

function middle(x: string[], y: string[]): DiffOp[] {
  if (x.length * y.length > MAX_CELLS) {
    return [
      ...x.map((text) => ({ kind: "del" as const, text })),
      ...y.map((text) => ({ kind: "add" as const, text })),
    ];
  }
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: "same", text: x[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      out.push({ kind: "del", text: x[i++]! });
    } else {
      out.push({ kind: "add", text: y[j++]! });
    }
  }
  while (i < n) out.push({ kind: "del", text: x[i++]! });
  while (j < m) out.push({ kind: "add", text: y[j++]! });
  return out;
}

/** Stable, readable text of any JSON value for diffing (keys sorted). */
export function diffText(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(sortKeys(value), null, 2) ?? "";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

/** Improved / degraded / same for one metric value pair. */
export function compareValues(
  oldValue: number | boolean | null | undefined,
  newValue: number | boolean | null | undefined,
  lowerIsBetter = false,
): "improved" | "degraded" | "same" | "missing" {
  if (oldValue == null || newValue == null) return "missing";
  const a = Number(oldValue);
  const b = Number(newValue);
  if (a === b) return "same";
  return b > a !== lowerIsBetter ? "improved" : "degraded";
}
