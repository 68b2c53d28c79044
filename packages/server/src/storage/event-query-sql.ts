import type { CompiledQuery, Predicate, Target } from "./event-filter.js";

/**
 * Turns a compiled query into a WHERE clause for one SQL dialect. Every value
 * and JSON path is a bound parameter; only fixed column names reach the text.
 *
 * Semantics shared by both dialects:
 * - JSON paths: "number" compares JSON numbers only, "boolean" JSON true/false,
 *   "text" the scalar's text form (strings, numbers, booleans; objects/arrays never match).
 * - "exists" means present and not null.
 * - Negated operators (is not, not contains, not exists) are the exact complement
 *   of their positive form, so rows where the field is missing or null match them.
 */

export interface SqlDialect {
  /** Placeholder for the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  /** The bound value that stands for a JSON path. */
  pathParam(path: readonly string[]): unknown;
  /** Scalar text form at a path, NULL when missing/null/object/array. `p()` gives a fresh placeholder for the path. */
  jsonText(column: string, p: () => string): string;
  /** Numeric value at a path, NULL unless a JSON number. */
  jsonNumber(column: string, p: () => string): string;
  /** True when the value at the path is the JSON boolean `value`. */
  jsonBool(column: string, p: () => string, value: boolean): string;
  /** True when the path is present and not JSON null. */
  jsonExists(column: string, p: () => string): string;
  /** Case-insensitive substring test; `needle` is a placeholder of an already lower-cased string. */
  icontains(expr: string, needle: string): string;
  /** Wraps a text expression so that < and > compare by code point. */
  byteOrder(expr: string): string;
}

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly d: SqlDialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.d.placeholder(this.values.length);
  }
}

function valueExpr(t: Target, as: "text" | "number", d: SqlDialect, ps: Params, a: string): string {
  if (t.kind !== "json") return a + t.column;
  const path = d.pathParam(t.path);
  const p = () => ps.add(path);
  return as === "number" ? d.jsonNumber(a + t.column, p) : d.jsonText(a + t.column, p);
}

function positive(pr: Predicate, d: SqlDialect, ps: Params, a: string): string {
  const t = pr.target;
  switch (pr.test) {
    case "exists":
      if (t.kind !== "json") return `${a}${t.column} IS NOT NULL`;
      return d.jsonExists(a + t.column, () => ps.add(d.pathParam(t.path)));
    case "bool": {
      const path = d.pathParam(pr.target.path);
      return d.jsonBool(a + pr.target.column, () => ps.add(path), pr.value);
    }
    case "contains": {
      const expr = valueExpr(t, "text", d, ps, a);
      return d.icontains(expr, ps.add(pr.value));
    }
    default: {
      const expr = valueExpr(t, pr.as, d, ps, a);
      const sqlOp = pr.test === "eq" ? "=" : pr.test === "gt" ? ">" : "<";
      const left = pr.as === "text" && pr.test !== "eq" ? d.byteOrder(expr) : expr;
      return `${left} ${sqlOp} ${ps.add(pr.value)}`;
    }
  }
}

/**
 * WHERE clause (without the keyword) for the query's project, filters and date
 * range; `alias` qualifies the event columns when the query joins other tables.
 */
export function buildWhere(q: CompiledQuery, d: SqlDialect, alias?: string): SqlFragment {
  const ps = new Params(d);
  const a = alias === undefined ? "" : `${alias}.`;
  const parts = [`${a}project_id = ${ps.add(q.projectId)}`];
  if (q.gte !== null) parts.push(`${a}start_time >= ${ps.add(q.gte)}`);
  if (q.lte !== null) parts.push(`${a}start_time <= ${ps.add(q.lte)}`);
  for (const pr of q.predicates) {
    const sql = positive(pr, d, ps, a);
    parts.push(pr.negate ? `NOT COALESCE((${sql}), FALSE)` : `(${sql})`);
  }
  return { sql: parts.join(" AND "), params: ps.values };
}

export function orderBy(q: CompiledQuery): string {
  const dir = q.desc ? "DESC" : "ASC";
  return `ORDER BY start_time ${dir}, event_id ${dir}`;
}
