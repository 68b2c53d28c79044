import type { PlannedRow } from "./batch-plan.js";
import type { SqlDialect } from "./event-query-sql.js";
import { pgJson } from "./postgres-json.js";

/** PostgreSQL spelling of the event statements: record columns, row chunks, JSON filter SQL. */

const COLUMN_TYPES = [
  ["project_id", "text"],
  ["event_id", "text"],
  ["session_id", "text"],
  ["parent_id", "text"],
  ["event_type", "text"],
  ["event_name", "text"],
  ["source", "text"],
  ["config", "jsonb"],
  ["inputs", "jsonb"],
  ["outputs", "jsonb"],
  ["error", "text"],
  ["start_time", "float8"],
  ["end_time", "float8"],
  ["duration", "float8"],
  ["metadata", "jsonb"],
  ["feedback", "jsonb"],
  ["metrics", "jsonb"],
  ["user_properties", "jsonb"],
  ["span_ref", "text"],
  ["model", "text"],
  ["provider", "text"],
  ["prompt_tokens", "float8"],
  ["completion_tokens", "float8"],
  ["total_tokens", "float8"],
  ["cost", "float8"],
] as const;
export const COLUMNS = COLUMN_TYPES.map(([c]) => c);
export const RECORD_DEF = [...COLUMN_TYPES.map(([c, t]) => `${c} ${t}`), "lookup_ref text"].join(", ");
/** Rows per statement are capped by size: jsonb values must stay far below PostgreSQL's 256 MB limit. */
const MAX_CHUNK_CHARS = 32 * 1024 * 1024;

export function chunkRows(rows: readonly PlannedRow[]): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const r of rows) {
    const json = pgJson(r);
    if (parts.length > 0 && size + json.length > MAX_CHUNK_CHARS) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 0;
    }
    parts.push(json);
    size += json.length + 1;
  }
  if (parts.length > 0 || chunks.length === 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

export const UPDATABLE = COLUMNS.filter(
  (c) => !["project_id", "event_id", "session_id", "parent_id", "span_ref"].includes(c),
);

export const postgresDialect = (containsCollation: string): SqlDialect => ({
  placeholder: (n) => `$${n}`,
  pathParam: (path) => [...path],
  jsonText: (c, p) =>
    `(CASE WHEN jsonb_typeof(${c} #> ${p()}::text[]) IN ('string', 'number', 'boolean') ` +
    `THEN ${c} #>> ${p()}::text[] END)`,
  jsonNumber: (c, p) =>
    `(CASE WHEN jsonb_typeof(${c} #> ${p()}::text[]) = 'number' THEN (${c} #>> ${p()}::text[])::float8 END)`,
  jsonBool: (c, p, v) => `(${c} #> ${p()}::text[]) = '${v ? "true" : "false"}'::jsonb`,
  jsonExists: (c, p) => `COALESCE(jsonb_typeof(${c} #> ${p()}::text[]), 'null') <> 'null'`,
  icontains: (expr, needle) => `strpos(lower((${expr})::text COLLATE "${containsCollation}"), ${needle}) > 0`,
  byteOrder: (expr) => `(${expr}) COLLATE "C"`,
});
