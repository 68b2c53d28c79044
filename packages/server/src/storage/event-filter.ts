import { HoneyHiveError } from "../errors.js";
import { JSON_COLUMNS, type JsonColumn, NUMBER_COLUMNS, TEXT_COLUMNS } from "./event-codec.js";
import type { EventFilter, EventQuery, FilterOperator } from "./types.js";

/**
 * Validates query filters and normalises them into a small backend-neutral form
 * that event-query-sql.ts turns into SQL. Nothing from the request reaches SQL
 * text except names checked against fixed lists; values and JSON paths are bound.
 */

export const OPERATORS: readonly FilterOperator[] = [
  "is",
  "is not",
  "contains",
  "not contains",
  "greater than",
  "less than",
  "exists",
  "not exists",
];
const TYPES = ["string", "number", "boolean", "id", "datetime"] as const;
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;

export type Target =
  | { kind: "text"; column: string }
  | { kind: "number"; column: string }
  | { kind: "json"; column: JsonColumn; path: string[] };

/** What to test: `compare` is the value side kind; negated operators are expressed by `negate`. */
export type Predicate =
  | { test: "exists"; negate: boolean; target: Target }
  | {
      test: "eq" | "gt" | "lt";
      negate: boolean;
      target: Target;
      as: "text" | "number";
      value: string | number;
    }
  | { test: "contains"; negate: boolean; target: Target; value: string }
  | { test: "bool"; negate: boolean; target: Target & { kind: "json" }; value: boolean };

const FIELDS_HINT =
  `Filter on a column (${[...TEXT_COLUMNS, ...NUMBER_COLUMNS].join(", ")}) or a dotted path into ` +
  `${JSON_COLUMNS.join(", ")} (e.g. metadata.cost). Operators: ${OPERATORS.join(", ")}. ` +
  `Types: ${TYPES.join(", ")}.`;

export const invalidFilter = (message: string, field?: string): HoneyHiveError =>
  new HoneyHiveError(
    "HH_E_INVALID_FILTER",
    400,
    message,
    FIELDS_HINT,
    field === undefined ? undefined : { field },
  );

function resolveTarget(field: unknown): Target {
  if (typeof field !== "string" || !FIELD_RE.test(field)) {
    throw invalidFilter(`Invalid filter field ${JSON.stringify(field)}`);
  }
  const [head, ...path] = field.split(".");
  if ((TEXT_COLUMNS as readonly string[]).includes(head!) && path.length === 0)
    return { kind: "text", column: head! };
  if ((NUMBER_COLUMNS as readonly string[]).includes(head!) && path.length === 0) {
    return { kind: "number", column: head! };
  }
  if ((JSON_COLUMNS as readonly string[]).includes(head!)) {
    if (path.length === 0)
      throw invalidFilter(`Filter field '${field}' needs a key, e.g. '${field}.name'`, field);
    return { kind: "json", column: head as JsonColumn, path };
  }
  throw invalidFilter(`Unknown filter field '${field}'`, field);
}

function toNumber(value: unknown, field: string, datetime: boolean): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    if (datetime) {
      const t = Date.parse(value);
      if (Number.isFinite(t)) return t;
    }
  }
  throw invalidFilter(`Filter on '${field}' needs a ${datetime ? "date or number" : "number"} value`, field);
}

function toBoolean(value: unknown, field: string): boolean {
  if (value === true || value === "true" || value === 1) return true;
  if (value === false || value === "false" || value === 0) return false;
  throw invalidFilter(`Filter on '${field}' needs a boolean value (true or false)`, field);
}

const toText = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);

export function compileFilter(f: EventFilter): Predicate {
  const field = typeof f?.field === "string" ? f.field : "";
  const target = resolveTarget(f?.field);
  const op = f.operator;
  if (!OPERATORS.includes(op))
    throw invalidFilter(`Unknown operator ${JSON.stringify(op)} on '${field}'`, field);
  if (f.type !== undefined && !TYPES.includes(f.type)) {
    throw invalidFilter(`Unknown filter type ${JSON.stringify(f.type)} on '${field}'`, field);
  }
  const negate = op === "is not" || op === "not contains" || op === "not exists";
  if (op === "exists" || op === "not exists") return { test: "exists", negate, target };
  if (f.value === undefined) throw invalidFilter(`Filter on '${field}' with '${op}' needs a value`, field);
  if ((op === "is" || op === "is not") && f.value === null)
    return { test: "exists", negate: !negate, target };

  const type =
    f.type ??
    (typeof f.value === "number" ? "number" : typeof f.value === "boolean" ? "boolean" : ("string" as const));
  // Columns have a fixed kind; the filter type only matters for JSON paths.
  const numeric =
    target.kind === "number" || (target.kind === "json" && (type === "number" || type === "datetime"));
  if (op === "contains" || op === "not contains") {
    if (target.kind === "number")
      throw invalidFilter(`'${op}' does not apply to numeric field '${field}'`, field);
    if (target.kind === "json" && type !== "string" && type !== "id") {
      throw invalidFilter(`'${op}' needs type string on '${field}'`, field);
    }
    return { test: "contains", negate, target, value: toText(f.value).toLowerCase() };
  }
  if (target.kind === "json" && type === "boolean") {
    if (op !== "is" && op !== "is not")
      throw invalidFilter(`'${op}' does not apply to booleans ('${field}')`, field);
    return { test: "bool", negate, target, value: toBoolean(f.value, field) };
  }
  const test = op === "greater than" ? "gt" : op === "less than" ? "lt" : "eq";
  if (numeric) {
    const value = toNumber(f.value, field, type === "datetime" || target.kind === "number");
    return { test, negate, target, as: "number", value };
  }
  if (target.kind === "text" && type === "boolean") {
    return { test, negate, target, as: "text", value: String(toBoolean(f.value, field)) };
  }
  return { test, negate, target, as: "text", value: toText(f.value) };
}

export interface CompiledQuery {
  projectId: string;
  predicates: Predicate[];
  gte: number | null;
  lte: number | null;
  limit: number;
  offset: number;
  desc: boolean;
}

const bound = (v: unknown, name: string): number | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && Number.isFinite(Date.parse(v))) return Date.parse(v);
  throw invalidFilter(`dateRange.${name} must be epoch milliseconds or an ISO date`, `dateRange.${name}`);
};

/** Validates a query. limit is clamped to [1, 10000] (default 100), page to >= 1. */
export function compileQuery(q: EventQuery): CompiledQuery {
  if (q.filters !== undefined && !Array.isArray(q.filters)) throw invalidFilter("filters must be an array");
  const predicates = (q.filters ?? []).map(compileFilter);
  const rawLimit = Number.isFinite(q.limit) ? Math.floor(q.limit as number) : DEFAULT_LIMIT;
  const limit = Math.min(MAX_LIMIT, Math.max(1, rawLimit));
  const page = Number.isFinite(q.page) ? Math.max(1, Math.floor(q.page as number)) : 1;
  return {
    projectId: q.projectId,
    predicates,
    gte: bound(q.dateRange?.$gte, "$gte"),
    lte: bound(q.dateRange?.$lte, "$lte"),
    limit,
    offset: (page - 1) * limit,
    desc: q.order !== "asc",
  };
}
