import type { SqlDriver } from "../storage/sql/driver.js";

/**
 * The trigger that queues evaluations in the transaction that writes events:
 * for each new event (not for a repeated one that the insert skipped), one
 * evaluation_queue row per enabled code or LLM metric of its project whose
 * event_type / event_name filter matches (null, '' or '*' match any). With
 * no enabled metric the trigger reads one index entry of `metrics` and
 * writes nothing, so ingest pays next to nothing; sampling is decided later,
 * by the engine (sampling.ts).
 *
 * Triggers are the one piece of DDL the two dialects cannot share, so they
 * are installed here, idempotently, when the evaluation engine starts (under
 * an advisory lock on PostgreSQL so replicas starting together agree), after
 * the evaluation_queue table exists (migration 6).
 */

const NAME = "events_evaluation_enqueue";
const RUNNABLE_TYPES = "('custom', 'PYTHON', 'model', 'LLM')";

function matching(metrics: string, event: string): string {
  return `${metrics}.enabled_in_prod = 1 AND ${metrics}.type IN ${RUNNABLE_TYPES}
      AND (${metrics}.event_type IS NULL OR ${metrics}.event_type IN ('', '*') OR ${metrics}.event_type = ${event}.event_type)
      AND (${metrics}.event_name IS NULL OR ${metrics}.event_name IN ('', '*') OR ${metrics}.event_name = ${event}.event_name)`;
}

const COLUMNS =
  "project_id, event_id, metric_id, metric_name, status, attempts, next_attempt_at, last_error, created_at, updated_at";

function sqliteTrigger(): string {
  const now = "((julianday('now') - 2440587.5) * 86400000.0)";
  return `CREATE TRIGGER IF NOT EXISTS ${NAME} AFTER INSERT ON events FOR EACH ROW
BEGIN
  INSERT INTO evaluation_queue (${COLUMNS})
  SELECT NEW.project_id, NEW.event_id, m.id, m.name, 'pending', 0, 0, NULL, ${now}, ${now}
  FROM metrics m WHERE m.project_id = NEW.project_id AND ${matching("m", "NEW")}
  ON CONFLICT DO NOTHING;
END`;
}

/** A statement-level trigger over the transition table: one INSERT ... SELECT per ingest statement. */
function postgresTrigger(sql: SqlDriver): string[] {
  const fn = sql.table("hh_enqueue_evaluations");
  const now = "(extract(epoch from clock_timestamp()) * 1000)";
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  INSERT INTO ${sql.table("evaluation_queue")} (${COLUMNS})
  SELECT n.project_id, n.event_id, m.id, m.name, 'pending', 0, 0, NULL, ${now}, ${now}
  FROM new_events n JOIN ${sql.table("metrics")} m ON m.project_id = n.project_id
  WHERE ${matching("m", "n")}
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$body$`,
    `CREATE TRIGGER ${NAME} AFTER INSERT ON ${sql.table("events")}
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

export async function installEvaluationTriggers(sql: SqlDriver): Promise<void> {
  if (sql.dialect === "sqlite") {
    await sql.run(sqliteTrigger());
    return;
  }
  await sql.transaction(async (tx) => {
    await tx.get("SELECT pg_advisory_xact_lock(hashtext('honeyhive-ts:evaluation-trigger'))");
    const events = sql.table("events");
    const exists = await tx.get(
      "SELECT 1 AS found FROM pg_trigger WHERE tgname = ? AND tgrelid = CAST(? AS text)::regclass",
      [NAME, events],
    );
    if (exists) return;
    for (const statement of postgresTrigger(tx)) await tx.run(statement);
  });
}
