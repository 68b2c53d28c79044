/**
 * Session rollups on SQLite: the events a transaction inserted, added to
 * their sessions' rows once per session at the end of the transaction (see
 * SQLITE_ROLLUP_ADD_SQL for why not a trigger). Same arithmetic as the
 * PostgreSQL trigger: the session event itself only widens the time span.
 */
import type BetterSqlite3 from "better-sqlite3";
import { SQLITE_ROLLUP_ADD_SQL } from "./migrations/session-rollups.js";
import { INSERT_COLUMNS } from "./sqlite-sql.js";

const at = (column: string): number => INSERT_COLUMNS.split(", ").indexOf(column);
const PROJECT = at("project_id");
const SESSION = at("session_id");
const TYPE = at("event_type");
const ERROR = at("error");
const START = at("start_time");
const END = at("end_time");
const TOKENS = ["prompt_tokens", "completion_tokens", "total_tokens", "cost"].map(at);

/** One session's part of a transaction's inserts, in SQLITE_ROLLUP_ADD_SQL's column order after the key. */
interface Part {
  project: unknown;
  session: unknown;
  start: number;
  end: number;
  counts: [events: number, errors: number, models: number];
  sums: number[];
}

export interface RollupAdder {
  /** An event row (bind values in INSERT_COLUMNS order) that the transaction inserted. */
  add(values: readonly unknown[]): void;
  /** Writes the sessions' rows; call inside the same transaction, after the inserts. */
  flush(): void;
}

export function createRollupAdder(db: BetterSqlite3.Database): RollupAdder {
  const upsert = db.prepare(SQLITE_ROLLUP_ADD_SQL);
  const parts = new Map<string, Part>();
  const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return {
    add(values) {
      const key = `${values[PROJECT]}\u0000${values[SESSION]}`;
      let part = parts.get(key);
      if (part === undefined) {
        part = {
          project: values[PROJECT],
          session: values[SESSION],
          start: num(values[START]),
          end: num(values[END]),
          counts: [0, 0, 0],
          sums: TOKENS.map(() => 0),
        };
        parts.set(key, part);
      }
      part.start = Math.min(part.start, num(values[START]));
      part.end = Math.max(part.end, num(values[END]));
      const type = values[TYPE];
      if (type === "model") part.counts[2]++;
      if (type === "session") return;
      part.counts[0]++;
      const error = values[ERROR];
      if (error !== null && error !== undefined && error !== "") part.counts[1]++;
      for (let i = 0; i < TOKENS.length; i++) part.sums[i]! += num(values[TOKENS[i]!]);
    },
    flush() {
      const now = Date.now();
      for (const p of parts.values())
        upsert.run(p.project, p.session, p.start, p.end, p.end - p.start, ...p.counts, ...p.sums, now);
      parts.clear();
    },
  };
}
