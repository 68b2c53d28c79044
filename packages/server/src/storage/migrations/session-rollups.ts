import type { Migration } from "./sqlite.js";

/**
 * Per-session rollups, kept by triggers on `events` in the transaction that
 * writes the events, so listing sessions (GET /v1/sessions/list) is an
 * indexed read of one small row per session however many events there are.
 * One row per (project, session): first start, last end, duration, counts,
 * tokens and cost of the session's events (the session event itself only
 * widens the time span, as in GET /session/:id), and `updated_at`, the wall
 * clock of the last insert (a session written to recently is "running").
 *
 * Inserts add to the row (on PostgreSQL a trigger per statement over the
 * transition table; on SQLite the writers, once per session per
 * transaction: see SQLITE_ROLLUP_ADD_SQL); updates that change a counted
 * column and deletes recompute the session from its events (an index range).
 * Existing events are rolled up by the migration itself.
 *
 * PostgreSQL also gets the live cursor of GET /v1/live: `tx_id`, the id of
 * the transaction that wrote the event (null for rows older than this
 * migration), with an index per project. SQLite's live cursor is the rowid.
 */

const COLUMNS =
  "project_id, session_id, start_time, end_time, duration, event_count, error_count, model_count, " +
  "prompt_tokens, completion_tokens, total_tokens, cost, updated_at";

const SUMMED = [
  "event_count",
  "error_count",
  "model_count",
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
  "cost",
] as const;

type Dialect = "sqlite" | "postgres";

const NOW: Record<Dialect, string> = {
  sqlite: "((julianday('now') - 2440587.5) * 86400000.0)",
  postgres: "(extract(epoch from clock_timestamp()) * 1000)",
};

/** One event's contribution to each summed column, `e` naming the event row. */
function contributions(e: string): string[] {
  const counted = `${e}.event_type <> 'session'`;
  return [
    `CASE WHEN ${counted} THEN 1 ELSE 0 END`,
    `CASE WHEN ${counted} AND ${e}.error IS NOT NULL AND ${e}.error <> '' THEN 1 ELSE 0 END`,
    `CASE WHEN ${e}.event_type = 'model' THEN 1 ELSE 0 END`,
    ...["prompt_tokens", "completion_tokens", "total_tokens", "cost"].map(
      (c) => `CASE WHEN ${counted} THEN COALESCE(${e}.${c}, 0) ELSE 0 END`,
    ),
  ];
}

/** SELECT list rolling up the events `e` grouped by project and session. */
function aggregateSelect(updatedAt: string): string {
  return [
    "e.project_id",
    "e.session_id",
    "MIN(e.start_time)",
    "MAX(e.end_time)",
    "MAX(e.end_time) - MIN(e.start_time)",
    ...contributions("e").map((c) => `SUM(${c})`),
    updatedAt,
  ].join(", ");
}

/** ON CONFLICT clause: "add" merges a contribution into the row, "replace" overwrites the aggregates. */
function onConflict(d: Dialect, mode: "add" | "replace"): string {
  const r = d === "postgres" ? "r." : "";
  const least = d === "postgres" ? "LEAST" : "MIN";
  const greatest = d === "postgres" ? "GREATEST" : "MAX";
  const start = mode === "add" ? `${least}(${r}start_time, excluded.start_time)` : "excluded.start_time";
  const end = mode === "add" ? `${greatest}(${r}end_time, excluded.end_time)` : "excluded.end_time";
  const sets = [
    `start_time = ${start}`,
    `end_time = ${end}`,
    `duration = ${end} - ${start}`,
    ...SUMMED.map((c) => (mode === "add" ? `${c} = ${r}${c} + excluded.${c}` : `${c} = excluded.${c}`)),
    ...(mode === "add" ? ["updated_at = excluded.updated_at"] : []),
  ];
  return `ON CONFLICT (project_id, session_id) DO UPDATE SET ${sets.join(", ")}`;
}

const into = (d: Dialect, t: string): string =>
  `INSERT INTO ${t}session_rollups${d === "postgres" ? " AS r" : ""} (${COLUMNS})`;

/** Recomputes the sessions listed by `scope` (a FROM item with project_id, session_id, aliased d). */
function recompute(d: Dialect, t: string, scope: string): string {
  return `${into(d, t)}
  SELECT ${aggregateSelect(NOW[d])} FROM ${t}events e JOIN ${scope}
    ON e.project_id = d.project_id AND e.session_id = d.session_id
  WHERE TRUE GROUP BY e.project_id, e.session_id
  ${onConflict(d, "replace")};
DELETE FROM ${t}session_rollups WHERE EXISTS (SELECT 1 FROM ${scope}
    WHERE d.project_id = ${t}session_rollups.project_id AND d.session_id = ${t}session_rollups.session_id)
  AND NOT EXISTS (SELECT 1 FROM ${t}events e WHERE e.project_id = ${t}session_rollups.project_id
    AND e.session_id = ${t}session_rollups.session_id);`;
}

const COUNTED_COLUMNS = [
  "session_id",
  "event_type",
  "error",
  "start_time",
  "end_time",
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
  "cost",
];

function tableSql(d: Dialect, t: string): string {
  const text = d === "postgres" ? 'text COLLATE "C"' : "TEXT";
  const real = d === "postgres" ? "double precision" : "REAL";
  const indexes = ["start_time", "duration", "event_count", "total_tokens", "cost", "error_count"].map(
    (c) => `CREATE INDEX session_rollups_${c} ON ${t}session_rollups (project_id, ${c}, session_id);`,
  );
  return `CREATE TABLE ${t}session_rollups (
  project_id ${text} NOT NULL,
  session_id ${text} NOT NULL,
  start_time ${real} NOT NULL,
  end_time ${real} NOT NULL,
  duration ${real} NOT NULL,
  event_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  model_count INTEGER NOT NULL,
  prompt_tokens ${real} NOT NULL,
  completion_tokens ${real} NOT NULL,
  total_tokens ${real} NOT NULL,
  cost ${real} NOT NULL,
  updated_at ${real} NOT NULL,
  PRIMARY KEY (project_id, session_id)
);
${indexes.join("\n")}
INSERT INTO ${t}session_rollups (${COLUMNS})
  SELECT ${aggregateSelect("MAX(e.end_time)")} FROM ${t}events e GROUP BY e.project_id, e.session_id;
`;
}

/**
 * The upsert that adds inserted events to a session's row on SQLite, bound
 * with the values of {@link COLUMNS} (see sqlite-rollups.ts). SQLite has no
 * statement-level triggers and a per-row one (even one that does nothing)
 * cost a fifth to a half of the insert rate, so its writers add a
 * transaction's inserts themselves, one upsert per session.
 */
export const SQLITE_ROLLUP_ADD_SQL = `${into("sqlite", "")} VALUES (${COLUMNS.split(", ")
  .map(() => "?")
  .join(", ")})
  ${onConflict("sqlite", "add")}`;

function sqliteTriggers(): string {
  const one = (ref: string) => `(SELECT ${ref}.project_id AS project_id, ${ref}.session_id AS session_id) d`;
  const changed = COUNTED_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR ");
  return `
CREATE TRIGGER session_rollups_update AFTER UPDATE OF ${COUNTED_COLUMNS.join(", ")} ON events FOR EACH ROW
WHEN ${changed}
BEGIN
  ${recompute("sqlite", "", one("OLD"))}
  ${recompute("sqlite", "", one("NEW"))}
END;
CREATE TRIGGER session_rollups_delete AFTER DELETE ON events FOR EACH ROW
WHEN EXISTS (SELECT 1 FROM session_rollups WHERE project_id = OLD.project_id AND session_id = OLD.session_id)
BEGIN
  ${recompute("sqlite", "", one("OLD"))}
END;
`;
}

function postgresTriggers(): string {
  const t = "{{s}}";
  const changed = COUNTED_COLUMNS.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(" OR ");
  const pair =
    "(SELECT DISTINCT * FROM (VALUES (OLD.project_id, OLD.session_id), (NEW.project_id, NEW.session_id)) " +
    "AS v(project_id, session_id)) d";
  return `
CREATE FUNCTION ${t}hh_session_rollups_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  ${into("postgres", t)}
  SELECT ${aggregateSelect(NOW.postgres)} FROM new_events e
  GROUP BY e.project_id, e.session_id ORDER BY e.project_id, e.session_id
  ${onConflict("postgres", "add")};
  RETURN NULL;
END
$body$;
CREATE TRIGGER session_rollups_insert AFTER INSERT ON ${t}events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION ${t}hh_session_rollups_insert();
CREATE FUNCTION ${t}hh_session_rollups_update() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  ${recompute("postgres", t, pair)}
  RETURN NULL;
END
$body$;
CREATE TRIGGER session_rollups_update AFTER UPDATE OF ${COUNTED_COLUMNS.join(", ")} ON ${t}events
  FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${t}hh_session_rollups_update();
CREATE FUNCTION ${t}hh_session_rollups_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  ${recompute("postgres", t, "(SELECT DISTINCT project_id, session_id FROM old_events) d")}
  RETURN NULL;
END
$body$;
CREATE TRIGGER session_rollups_delete AFTER DELETE ON ${t}events
  REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION ${t}hh_session_rollups_delete();
ALTER TABLE ${t}events ADD COLUMN tx_id xid8;
ALTER TABLE ${t}events ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();
CREATE INDEX events_live ON ${t}events (project_id, tx_id, event_id) WHERE tx_id IS NOT NULL;
`;
}

const VERSION = 8;
const NAME = "session rollups and the live cursor";

export const SQLITE_SESSION_ROLLUPS: Migration = {
  version: VERSION,
  name: NAME,
  sql: tableSql("sqlite", "") + sqliteTriggers(),
};

export const POSTGRES_SESSION_ROLLUPS: Migration = {
  version: VERSION,
  name: NAME,
  sql: tableSql("postgres", "{{s}}") + postgresTriggers(),
};
