import { randomUUID } from "node:crypto";
import type { SqlDriver, SqlRow } from "../../storage/sql/driver.js";
import { jsonArray, jsonObject, numberColumn, toJson } from "../../storage/sql/rows.js";
import { appendToDataset, datasetsOf, requireExisting, unique } from "./membership.js";
import { inChunks, insertRows, marks } from "./sql-batch.js";
import type { Datapoint, DatapointDraft, DatapointPatch } from "./types.js";

const COLUMNS = [
  "id",
  "project_id",
  "inputs",
  "history",
  "ground_truth",
  "linked_event",
  "linked_evals",
  "metadata",
  "created_at",
  "updated_at",
] as const;

export interface DatapointQuery {
  ids?: string[];
  datasetId?: string;
  limit: number;
  offset: number;
}

/** A page of a dataset; `next` is the position to continue after, null on the last page. */
export interface DatasetPage {
  datapoints: Omit<Datapoint, "linked_datasets">[];
  next: number | null;
}

function decode(r: SqlRow): Omit<Datapoint, "linked_datasets"> {
  return {
    id: String(r["id"]),
    project_id: String(r["project_id"]),
    inputs: jsonObject(r["inputs"]),
    history: jsonArray(r["history"]),
    ground_truth: jsonObject(r["ground_truth"]),
    linked_event: (r["linked_event"] as string | null) ?? null,
    linked_evals: jsonArray<string>(r["linked_evals"]),
    metadata: jsonObject(r["metadata"]),
    created_at: numberColumn(r["created_at"]) ?? 0,
    updated_at: numberColumn(r["updated_at"]) ?? 0,
  };
}

/** Datapoints on the SQL driver; a datapoint may belong to several datasets (see membership.ts). */
export class DatapointStore {
  constructor(private readonly sql: SqlDriver) {}

  /**
   * Creates datapoints and appends them to each of `datasetIds`, all in one
   * transaction with multi-row INSERTs (imports call this once per chunk).
   * Unknown datasets fail the whole call with 404 before anything is written.
   */
  async create(projectId: string, drafts: readonly DatapointDraft[], datasetIds: readonly string[] = []) {
    if (drafts.length === 0) return [];
    const now = Date.now();
    const ids = drafts.map(() => randomUUID());
    const rows = drafts.map((d, i) => [
      ids[i] as string,
      projectId,
      toJson(d.inputs) as string,
      toJson(d.history ?? []) as string,
      toJson(d.ground_truth ?? {}) as string,
      d.linked_event ?? null,
      toJson(d.linked_evals ?? []) as string,
      toJson(d.metadata ?? {}) as string,
      now,
      now,
    ]);
    await this.sql.transaction(async (tx) => {
      await insertRows(tx, tx.table("datapoints"), COLUMNS, rows);
      for (const datasetId of unique(datasetIds)) await appendToDataset(tx, projectId, datasetId, ids, now);
    });
    return ids;
  }

  async get(projectId: string, id: string): Promise<Datapoint | null> {
    return (await this.list(projectId, { ids: [id], limit: 1, offset: 0 }))[0] ?? null;
  }

  /** By ids (in the order given), by dataset (in its order), or all (oldest first). */
  async list(projectId: string, q: DatapointQuery): Promise<Datapoint[]> {
    let rows: SqlRow[];
    if (q.ids) {
      rows = await this.byIds(projectId, unique(q.ids).slice(q.offset, q.offset + q.limit));
    } else if (q.datasetId) {
      const members = await this.sql.all<{ datapoint_id: string }>(
        `SELECT datapoint_id FROM ${this.sql.table("dataset_datapoints")} WHERE dataset_id = ? AND project_id = ? ORDER BY position LIMIT ? OFFSET ?`,
        [q.datasetId, projectId, q.limit, q.offset],
      );
      rows = await this.byIds(
        projectId,
        members.map((m) => m.datapoint_id),
      );
    } else {
      rows = await this.sql.all(
        `SELECT * FROM ${this.sql.table("datapoints")} WHERE project_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?`,
        [projectId, q.limit, q.offset],
      );
    }
    const points = rows.map(decode);
    const linked = await datasetsOf(
      this.sql,
      projectId,
      points.map((p) => p.id),
    );
    return points.map((p) => ({ ...p, linked_datasets: linked.get(p.id) ?? [] }));
  }

  /** One page of a dataset after `afterPosition`, in dataset order (keyset paging for exports). */
  async page(
    projectId: string,
    datasetId: string,
    afterPosition: number,
    limit: number,
  ): Promise<DatasetPage> {
    const members = await this.sql.all<{ datapoint_id: string; position: unknown }>(
      `SELECT datapoint_id, position FROM ${this.sql.table("dataset_datapoints")} WHERE dataset_id = ? AND project_id = ? AND position > ? ORDER BY position LIMIT ?`,
      [datasetId, projectId, afterPosition, limit],
    );
    const rows = await this.byIds(
      projectId,
      members.map((m) => m.datapoint_id),
    );
    const last = members[members.length - 1];
    return {
      datapoints: rows.map(decode),
      next: members.length === limit && last ? (numberColumn(last.position) ?? null) : null,
    };
  }

  /**
   * Rows of the given ids in that order (missing ones left out). Membership is
   * read first and rows fetched by primary key, so every plan is an index
   * lookup whatever the planner knows about table sizes.
   */
  private async byIds(projectId: string, ids: readonly string[]): Promise<SqlRow[]> {
    const dp = this.sql.table("datapoints");
    const found = new Map<string, SqlRow>(
      (
        await inChunks(ids, (part) =>
          this.sql.all(`SELECT * FROM ${dp} WHERE project_id = ? AND id IN (${marks(part.length)})`, [
            projectId,
            ...part,
          ]),
        )
      ).map((r) => [String(r["id"]), r]),
    );
    return ids.flatMap((id): SqlRow[] => {
      const row = found.get(id);
      return row ? [row] : [];
    });
  }

  /** Replaces the given fields; `linked_datasets` replaces the datapoint's memberships. */
  async update(projectId: string, id: string, patch: DatapointPatch): Promise<Datapoint | null> {
    const now = Date.now();
    const sets: string[] = [];
    const params: (string | number | null)[] = [];
    for (const key of ["inputs", "history", "ground_truth", "linked_evals", "metadata"] as const) {
      if (patch[key] === undefined) continue;
      sets.push(`${key} = ?`);
      params.push(toJson(patch[key]));
    }
    if (patch.linked_event !== undefined) {
      sets.push("linked_event = ?");
      params.push(patch.linked_event);
    }
    const found = await this.sql.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE ${tx.table("datapoints")} SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ? AND project_id = ?`,
        [...params, now, id, projectId],
      );
      if (changed === 0) return false;
      if (patch.linked_datasets) {
        const keep = unique(patch.linked_datasets);
        await requireExisting(tx, "datasets", projectId, keep, "linked_datasets");
        const current = (await datasetsOf(tx, projectId, [id])).get(id) ?? [];
        for (const gone of current.filter((d) => !keep.includes(d))) {
          await tx.run(
            `DELETE FROM ${tx.table("dataset_datapoints")} WHERE dataset_id = ? AND datapoint_id = ? AND project_id = ?`,
            [gone, id, projectId],
          );
        }
        for (const added of keep.filter((d) => !current.includes(d))) {
          await appendToDataset(tx, projectId, added, [id], now);
        }
      }
      return true;
    });
    return found ? this.get(projectId, id) : null;
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.run(`DELETE FROM ${this.sql.table("datapoints")} WHERE id = ? AND project_id = ?`, [
        id,
        projectId,
      ])) > 0
    );
  }
}
