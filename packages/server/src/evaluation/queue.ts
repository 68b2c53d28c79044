import type { SqlDriver, SqlRow } from "../storage/sql/driver.js";
import { numberColumn } from "../storage/sql/rows.js";

/** A queued evaluation this replica has claimed (leased until it is done or the lease ends). */
export interface Claimed {
  project_id: string;
  event_id: string;
  metric_id: string;
  metric_name: string;
  /** Attempts including this one. */
  attempts: number;
}

export interface FailedEvaluation {
  event_id: string;
  metric_name: string;
  attempts: number;
  error: string | null;
  updated_at: number;
}

export interface QueueCounts {
  pending: number;
  failed: number;
}

/**
 * The evaluation_queue table (migration 6, filled by the trigger in
 * triggers.ts) on the shared SQL driver. Claiming is a compare-and-swap on
 * next_attempt_at, so replicas never evaluate the same row at once, and a
 * claim is an attempt: a row whose evaluations keep dying with their process
 * still reaches the attempt limit.
 */
export class EvaluationQueue {
  private readonly table: string;

  constructor(private readonly sql: SqlDriver) {
    this.table = sql.table("evaluation_queue");
  }

  /** Claims up to `limit` due rows, leasing them until `now + leaseMs`. */
  async claim(now: number, limit: number, leaseMs: number): Promise<Claimed[]> {
    const due = await this.sql.all(
      `SELECT project_id, event_id, metric_id, metric_name, attempts, next_attempt_at FROM ${this.table}
       WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
      [now, limit],
    );
    const claimed: Claimed[] = [];
    for (const row of due) {
      const changed = await this.sql.run(
        `UPDATE ${this.table} SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
         WHERE ${KEY} AND status = 'pending' AND next_attempt_at = ?`,
        [now + leaseMs, now, ...key(row), numberColumn(row["next_attempt_at"])],
      );
      if (changed === 1) {
        claimed.push({
          project_id: String(row["project_id"]),
          event_id: String(row["event_id"]),
          metric_id: String(row["metric_id"]),
          metric_name: String(row["metric_name"]),
          attempts: (numberColumn(row["attempts"]) ?? 0) + 1,
        });
      }
    }
    return claimed;
  }

  /** The evaluation is done (scored, or nothing to do): the row goes. */
  async remove(row: Claimed): Promise<void> {
    await this.sql.run(`DELETE FROM ${this.table} WHERE ${KEY}`, key(row));
  }

  /** Try again after `delayMs`. */
  async retry(row: Claimed, error: string, now: number, delayMs: number): Promise<void> {
    await this.sql.run(
      `UPDATE ${this.table} SET next_attempt_at = ?, last_error = ?, updated_at = ? WHERE ${KEY}`,
      [now + delayMs, error, now, ...key(row)],
    );
  }

  /** Gave up: the row stays, failed, for operators to see. */
  async fail(row: Claimed, error: string, now: number): Promise<void> {
    await this.sql.run(
      `UPDATE ${this.table} SET status = 'failed', last_error = ?, updated_at = ? WHERE ${KEY}`,
      [error, now, ...key(row)],
    );
  }

  async counts(projectId: string): Promise<QueueCounts> {
    const rows = await this.sql.all(
      `SELECT status, COUNT(*) AS n FROM ${this.table} WHERE project_id = ? GROUP BY status`,
      [projectId],
    );
    const count = (status: string) => numberColumn(rows.find((r) => r["status"] === status)?.["n"]) ?? 0;
    return { pending: count("pending"), failed: count("failed") };
  }

  async recentFailures(projectId: string, limit: number): Promise<FailedEvaluation[]> {
    const rows = await this.sql.all(
      `SELECT event_id, metric_name, attempts, last_error, updated_at FROM ${this.table}
       WHERE project_id = ? AND status = 'failed' ORDER BY updated_at DESC LIMIT ?`,
      [projectId, limit],
    );
    return rows.map((r) => ({
      event_id: String(r["event_id"]),
      metric_name: String(r["metric_name"]),
      attempts: numberColumn(r["attempts"]) ?? 0,
      error: r["last_error"] === null || r["last_error"] === undefined ? null : String(r["last_error"]),
      updated_at: numberColumn(r["updated_at"]) ?? 0,
    }));
  }
}

const KEY = "project_id = ? AND event_id = ? AND metric_id = ?";
const key = (r: SqlRow | Claimed): [string, string, string] => [
  String((r as SqlRow)["project_id"]),
  String((r as SqlRow)["event_id"]),
  String((r as SqlRow)["metric_id"]),
];
