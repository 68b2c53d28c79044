import type { SqlDriver } from "../../storage/sql/driver.js";
import { jsonObject, numberColumn } from "../../storage/sql/rows.js";

/**
 * The latest health report of each SDK instance of a project. A report
 * replaces the instance's previous one (counters are totals since the
 * instance started), so reading is one row per client.
 */

export interface SdkHealthReport {
  instance_id: string;
  source: string;
  sdk_name: string;
  sdk_version: string;
  service_name: string;
  spans_exported: number;
  spans_dropped: number;
  dropped_by_reason: Record<string, number>;
  buffer_bytes: number;
}

export interface SdkClient extends SdkHealthReport {
  last_seen: number;
}

const COLUMNS =
  "project_id, instance_id, source, sdk_name, sdk_version, service_name, last_seen, spans_exported, " +
  "spans_dropped, dropped_by_reason, buffer_bytes";

export async function recordSdkHealth(
  sql: SqlDriver,
  projectId: string,
  r: SdkHealthReport,
): Promise<number> {
  const now = Date.now();
  const replaced = COLUMNS.split(", ")
    .slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");
  await sql.run(
    `INSERT INTO ${sql.table("sdk_clients")} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, instance_id) DO UPDATE SET ${replaced}`,
    [
      projectId,
      r.instance_id,
      r.source,
      r.sdk_name,
      r.sdk_version,
      r.service_name,
      now,
      r.spans_exported,
      r.spans_dropped,
      JSON.stringify(r.dropped_by_reason),
      r.buffer_bytes,
    ],
  );
  return now;
}

/** Every client of the project, most recently seen first. */
export async function listSdkClients(sql: SqlDriver, projectId: string): Promise<SdkClient[]> {
  const rows = await sql.all(
    `SELECT ${COLUMNS} FROM ${sql.table("sdk_clients")} WHERE project_id = ? ORDER BY last_seen DESC, instance_id`,
    [projectId],
  );
  const n = (v: unknown): number => numberColumn(v) ?? 0;
  return rows.map((r) => ({
    instance_id: String(r["instance_id"]),
    source: String(r["source"]),
    sdk_name: String(r["sdk_name"]),
    sdk_version: String(r["sdk_version"]),
    service_name: String(r["service_name"]),
    last_seen: n(r["last_seen"]),
    spans_exported: n(r["spans_exported"]),
    spans_dropped: n(r["spans_dropped"]),
    dropped_by_reason: jsonObject(r["dropped_by_reason"]) as Record<string, number>,
    buffer_bytes: n(r["buffer_bytes"]),
  }));
}
