import { randomUUID } from "node:crypto";
import { conflict } from "../../errors.js";
import { isUniqueViolation, type SqlDriver, type SqlParam, type SqlRow } from "../../storage/sql/driver.js";
import { jsonArray, jsonObject, numberColumn, toJson } from "../../storage/sql/rows.js";
import { replaceDatasetContent, requireExisting } from "./membership.js";
import type { Dataset, DatasetInput, DatasetPatch, DatasetType, PipelineType } from "./types.js";

export interface DatasetQuery {
  id?: string;
  name?: string;
  type?: DatasetType;
  /** Adds each dataset's datapoint ids (in order). */
  includeDatapoints: boolean;
}

const duplicateName = (name: string) =>
  conflict(
    `A dataset named '${name}' already exists in this project`,
    "Choose another name, or update the existing dataset (PUT /v1/datasets/{id}).",
  );

/** Runs `write`, turning a unique-name violation into 409. */
async function uniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (name !== undefined && isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

/** Datasets on the SQL driver. Names are unique per project (datapoints are found by dataset name). */
export class DatasetStore {
  constructor(private readonly sql: SqlDriver) {}

  async create(projectId: string, input: DatasetInput): Promise<Dataset> {
    const id = randomUUID();
    const now = Date.now();
    await uniqueName(input.name, () =>
      this.sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO ${tx.table("datasets")} (id, project_id, name, description, type, pipeline_type, linked_evals, metadata, next_position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
          [
            id,
            projectId,
            input.name,
            input.description ?? "",
            input.type ?? "evaluation",
            input.pipeline_type ?? "event",
            toJson(input.linked_evals ?? []),
            toJson(input.metadata ?? {}),
            now,
            now,
          ],
        );
        if (input.datapoints?.length) await this.setContent(tx, projectId, id, input.datapoints, now);
      }),
    );
    return (await this.get(projectId, id, true)) as Dataset;
  }

  async get(projectId: string, id: string, includeDatapoints = true): Promise<Dataset | null> {
    return (await this.list(projectId, { id, includeDatapoints }))[0] ?? null;
  }

  /** Oldest first. */
  async list(projectId: string, q: DatasetQuery): Promise<Dataset[]> {
    const where = ["d.project_id = ?"];
    const params: SqlParam[] = [projectId];
    for (const [column, value] of [
      ["id", q.id],
      ["name", q.name],
      ["type", q.type],
    ] as const) {
      if (value === undefined) continue;
      where.push(`d.${column} = ?`);
      params.push(value);
    }
    const rows = await this.sql.all(
      `SELECT d.*, (SELECT COUNT(*) FROM ${this.sql.table("dataset_datapoints")} j WHERE j.dataset_id = d.id) AS num_points FROM ${this.sql.table("datasets")} d WHERE ${where.join(" AND ")} ORDER BY d.created_at, d.id`,
      params,
    );
    const out: Dataset[] = [];
    for (const r of rows) {
      const dataset = decode(r);
      if (q.includeDatapoints) dataset.datapoints = await this.datapointIds(projectId, dataset.id);
      out.push(dataset);
    }
    return out;
  }

  async update(projectId: string, id: string, patch: DatasetPatch): Promise<Dataset | null> {
    const now = Date.now();
    const sets: string[] = [];
    const params: SqlParam[] = [];
    for (const key of ["name", "description", "type", "pipeline_type"] as const) {
      if (patch[key] === undefined) continue;
      sets.push(`${key} = ?`);
      params.push(patch[key]);
    }
    for (const key of ["linked_evals", "metadata"] as const) {
      if (patch[key] === undefined) continue;
      sets.push(`${key} = ?`);
      params.push(toJson(patch[key]));
    }
    const found = await uniqueName(patch.name, () =>
      this.sql.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE ${tx.table("datasets")} SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ? AND project_id = ?`,
          [...params, now, id, projectId],
        );
        if (changed > 0 && patch.datapoints) await this.setContent(tx, projectId, id, patch.datapoints, now);
        return changed > 0;
      }),
    );
    return found ? this.get(projectId, id, true) : null;
  }

  /**
   * Deletes a dataset and the datapoints that belonged to it and to no other
   * dataset (a datapoint shared with another dataset stays there).
   */
  async delete(projectId: string, id: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const join = tx.table("dataset_datapoints");
      await tx.run(
        `DELETE FROM ${tx.table("datapoints")} WHERE project_id = ? AND id IN (SELECT datapoint_id FROM ${join} WHERE dataset_id = ? AND project_id = ?) AND NOT EXISTS (SELECT 1 FROM ${join} o WHERE o.datapoint_id = ${tx.table("datapoints")}.id AND o.dataset_id <> ?)`,
        [projectId, id, projectId, id],
      );
      return (
        (await tx.run(`DELETE FROM ${tx.table("datasets")} WHERE id = ? AND project_id = ?`, [
          id,
          projectId,
        ])) > 0
      );
    });
  }

  /** Takes a datapoint out of a dataset (the datapoint itself stays). */
  async removeDatapoint(projectId: string, datasetId: string, datapointId: string): Promise<boolean> {
    return (
      (await this.sql.run(
        `DELETE FROM ${this.sql.table("dataset_datapoints")} WHERE dataset_id = ? AND datapoint_id = ? AND project_id = ?`,
        [datasetId, datapointId, projectId],
      )) > 0
    );
  }

  private async datapointIds(projectId: string, datasetId: string): Promise<string[]> {
    const rows = await this.sql.all<{ datapoint_id: string }>(
      `SELECT datapoint_id FROM ${this.sql.table("dataset_datapoints")} WHERE dataset_id = ? AND project_id = ? ORDER BY position`,
      [datasetId, projectId],
    );
    return rows.map((r) => r.datapoint_id);
  }

  private async setContent(tx: SqlDriver, projectId: string, id: string, ids: string[], now: number) {
    await requireExisting(tx, "datapoints", projectId, ids, "datapoints");
    await replaceDatasetContent(tx, projectId, id, ids, now);
  }
}

function decode(r: SqlRow): Dataset {
  return {
    id: String(r["id"]),
    project_id: String(r["project_id"]),
    name: String(r["name"]),
    description: String(r["description"] ?? ""),
    type: String(r["type"]) as DatasetType,
    pipeline_type: String(r["pipeline_type"]) as PipelineType,
    num_points: numberColumn(r["num_points"]) ?? 0,
    linked_evals: jsonArray<string>(r["linked_evals"]),
    metadata: jsonObject(r["metadata"]),
    created_at: numberColumn(r["created_at"]) ?? 0,
    updated_at: numberColumn(r["updated_at"]) ?? 0,
  };
}
