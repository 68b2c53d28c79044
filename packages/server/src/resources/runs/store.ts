import { randomUUID } from "node:crypto";
import type { JsonObject } from "@honeyhive-ts/semconv";
import { conflict } from "../../errors.js";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { jsonArray, jsonColumn, jsonObject, numberColumn, toJson } from "../../storage/sql/rows.js";
import type { CreateRunInput, Run, RunListQuery, RunPatch, RunStatus } from "./types.js";

const COLUMNS =
  "id, project_id, name, description, dataset_id, status, event_ids, datapoint_ids, session_ids, " +
  "configuration, metadata, results, created_at, updated_at";

function decode(row: SqlRow): Run {
  return {
    run_id: String(row["id"]),
    project_id: String(row["project_id"]),
    name: String(row["name"]),
    description: String(row["description"] ?? ""),
    dataset_id:
      row["dataset_id"] === null || row["dataset_id"] === undefined ? null : String(row["dataset_id"]),
    event_ids: jsonArray<string>(row["event_ids"]),
    datapoint_ids: jsonArray<string>(row["datapoint_ids"]),
    session_ids: jsonArray<string>(row["session_ids"]),
    configuration: jsonObject(row["configuration"]),
    metadata: jsonObject(row["metadata"]),
    status: String(row["status"]) as RunStatus,
    results: jsonColumn<JsonObject | null>(row["results"], null),
    created_at: numberColumn(row["created_at"]) ?? 0,
    updated_at: numberColumn(row["updated_at"]) ?? 0,
  };
}

/** `current` followed by the ids of `added` it does not hold yet, in their order. */
export function appendUnique(current: readonly string[], added: readonly string[] | undefined): string[] {
  if (!added || added.length === 0) return [...current];
  const seen = new Set(current);
  const out = [...current];
  for (const id of added) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Compare-and-swap attempts of one update before giving up with a 409. */
const MAX_ATTEMPTS = 100;

function applyPatch(old: Run, patch: RunPatch, now: number): Run {
  return {
    ...old,
    name: patch.name ?? old.name,
    description: patch.description ?? old.description,
    dataset_id: patch.dataset_id === undefined ? old.dataset_id : patch.dataset_id,
    event_ids: appendUnique(old.event_ids, patch.event_ids),
    datapoint_ids: appendUnique(old.datapoint_ids, patch.datapoint_ids),
    session_ids: appendUnique(old.session_ids, patch.session_ids),
    configuration: patch.configuration ?? old.configuration,
    metadata: patch.metadata ? { ...old.metadata, ...patch.metadata } : old.metadata,
    status: patch.status ?? old.status,
    results: patch.results === undefined ? old.results : patch.results,
    updated_at: Math.max(now, old.updated_at),
  };
}

/** Runs stored through the shared SQL driver (same SQL on SQLite and PostgreSQL). */
export class RunStore {
  private readonly table: string;

  constructor(private readonly sql: SqlDriver) {
    this.table = sql.table("runs");
  }

  async create(projectId: string, input: CreateRunInput, now = Date.now()): Promise<Run> {
    const run: Run = {
      run_id: randomUUID(),
      project_id: projectId,
      name: input.name,
      description: input.description ?? "",
      dataset_id: input.dataset_id ?? null,
      event_ids: appendUnique([], input.event_ids),
      datapoint_ids: appendUnique([], input.datapoint_ids),
      session_ids: appendUnique([], input.session_ids),
      configuration: input.configuration ?? {},
      metadata: input.metadata ?? {},
      status: input.status ?? "pending",
      results: input.results ?? null,
      created_at: now,
      updated_at: now,
    };
    await this.sql.run(
      `INSERT INTO ${this.table} (${COLUMNS}, version) VALUES (${Array(14).fill("?").join(", ")}, 0)`,
      this.values(run),
    );
    return run;
  }

  async get(projectId: string, runId: string): Promise<Run | null> {
    const row = await this.sql.get(`SELECT ${COLUMNS} FROM ${this.table} WHERE project_id = ? AND id = ?`, [
      projectId,
      runId,
    ]);
    return row ? decode(row) : null;
  }

  async list(projectId: string, q: RunListQuery = {}): Promise<{ runs: Run[]; total: number }> {
    const where = ["project_id = ?"];
    const params: SqlParam[] = [projectId];
    if (q.dataset_id !== undefined) {
      where.push("dataset_id = ?");
      params.push(q.dataset_id);
    }
    if (q.status !== undefined) {
      where.push("status = ?");
      params.push(q.status);
    }
    if (q.name !== undefined && q.name !== "") {
      const find = this.sql.dialect === "postgres" ? "strpos" : "instr";
      where.push(`${find}(lower(name), ?) > 0`);
      params.push(q.name.toLowerCase());
    }
    const clause = where.join(" AND ");
    const limit = Math.min(1000, Math.max(1, Math.floor(q.limit ?? 100)));
    const offset = (Math.max(1, Math.floor(q.page ?? 1)) - 1) * limit;
    // sort_by comes from a fixed list (schema-validated); never free text.
    const dir = q.sort_order === "asc" ? "ASC" : "DESC";
    const rows = await this.sql.all(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE ${clause} ORDER BY ${q.sort_by ?? "created_at"} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const count = await this.sql.get(`SELECT COUNT(*) AS n FROM ${this.table} WHERE ${clause}`, params);
    return { runs: rows.map(decode), total: numberColumn(count?.["n"]) ?? 0 };
  }

  /**
   * Applies a patch (see RunPatch). Concurrent appends (evaluation workers)
   * must all land, so the write is a compare-and-swap on the row's version:
   * re-read and retry when another update got there first. No transaction is
   * held across the read, so neither backend blocks other writers meanwhile.
   */
  async update(projectId: string, runId: string, patch: RunPatch, now = Date.now()): Promise<Run | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await this.sql.get(
        `SELECT ${COLUMNS}, version FROM ${this.table} WHERE project_id = ? AND id = ?`,
        [projectId, runId],
      );
      if (!row) return null;
      const old = decode(row);
      const run = applyPatch(old, patch, now);
      const changed = await this.sql.run(
        `UPDATE ${this.table} SET name = ?, description = ?, dataset_id = ?, status = ?, event_ids = ?, ` +
          "datapoint_ids = ?, session_ids = ?, configuration = ?, metadata = ?, results = ?, updated_at = ?, " +
          "version = version + 1 WHERE project_id = ? AND id = ? AND version = ?",
        [...this.values(run).slice(2, 12), run.updated_at, projectId, runId, numberColumn(row["version"])],
      );
      if (changed > 0) return run;
    }
    throw conflict(
      `Run '${runId}' is being updated by too many writers at once`,
      "Retry the update; it is safe to repeat (ids are appended without duplicates).",
    );
  }

  async delete(projectId: string, runId: string): Promise<boolean> {
    return (
      (await this.sql.run(`DELETE FROM ${this.table} WHERE project_id = ? AND id = ?`, [projectId, runId])) >
      0
    );
  }

  /** Bind values in COLUMNS order. */
  private values(run: Run): SqlParam[] {
    return [
      run.run_id,
      run.project_id,
      run.name,
      run.description,
      run.dataset_id,
      run.status,
      toJson(run.event_ids),
      toJson(run.datapoint_ids),
      toJson(run.session_ids),
      toJson(run.configuration),
      toJson(run.metadata),
      toJson(run.results ?? undefined),
      run.created_at,
      run.updated_at,
    ];
  }
}
