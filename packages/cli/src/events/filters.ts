/**
 * `--filter` expressions to the server's event filters. The operator is the
 * first of these found after the field name (longest first, so `!=` is not
 * read as `=`):
 *
 *   field=value   is            field!=value  is not
 *   field>value   greater than  field<value   less than
 *   field~value   contains      field!~value  not contains
 *
 * Values are typed the way they read: numbers as numbers, true/false as
 * booleans, anything else as a string (quote nothing; the shell already did).
 */

type Operator = "is" | "is not" | "contains" | "not contains" | "greater than" | "less than";

export interface EventFilter {
  field: string;
  operator: Operator;
  value: string | number | boolean;
  type: "string" | "number" | "boolean";
}

const OPERATORS: ReadonlyArray<[string, Operator]> = [
  ["!=", "is not"],
  ["!~", "not contains"],
  ["=", "is"],
  [">", "greater than"],
  ["<", "less than"],
  ["~", "contains"],
];

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

const FILTER_HELP =
  "FIELD=VALUE, FIELD!=VALUE, FIELD>N, FIELD<N, FIELD~TEXT (contains), FIELD!~TEXT; " +
  "FIELD is a column (event_name, event_type, session_id, source, duration, ...) " +
  "or a dotted path (metadata.cost, inputs.question)";

function typed(raw: string, operator: Operator): Pick<EventFilter, "value" | "type"> {
  if (operator.endsWith("contains")) return { value: raw, type: "string" };
  if (raw === "true" || raw === "false") return { value: raw === "true", type: "boolean" };
  if (raw.trim() !== "" && Number.isFinite(Number(raw))) return { value: Number(raw), type: "number" };
  return { value: raw, type: "string" };
}

/** Parses one expression; throws a message naming the problem when it does not parse. */
export function parseFilter(expr: string): EventFilter {
  let best: { at: number; token: string; operator: Operator } | undefined;
  for (const [token, operator] of OPERATORS) {
    const at = expr.indexOf(token);
    if (at > 0 && (!best || at < best.at || (at === best.at && token.length > best.token.length))) {
      best = { at, token, operator };
    }
  }
  if (!best) throw new Error(`--filter '${expr}' has no operator: use ${FILTER_HELP}`);
  const field = expr.slice(0, best.at).trim();
  if (!FIELD_RE.test(field)) throw new Error(`--filter '${expr}': '${field}' is not a field name`);
  return { field, operator: best.operator, ...typed(expr.slice(best.at + best.token.length), best.operator) };
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since` / `--until`: an ISO date, epoch ms, or an age like 30m, 24h, 7d, 2w (before `now`). */
export function parseTime(value: string, now = Date.now()): number {
  const rel = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value.trim());
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!]!;
  if (/^\d{10,}$/.test(value)) return Number(value);
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new Error(`'${value}' is not a time: use ISO-8601 (2026-01-31T12:00Z) or an age (24h, 7d)`);
  return t;
}
