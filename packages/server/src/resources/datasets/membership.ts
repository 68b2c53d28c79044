import { HoneyHiveError, notFound } from "../../errors.js";
import type { SqlDriver } from "../../storage/sql/driver.js";
import { inChunks, insertRows, marks } from "./sql-batch.js";

/**
 * Which datapoints a dataset holds and in what order (dataset_datapoints).
 * Every function takes the driver of a running transaction.
 */

const JOIN_COLUMNS = ["project_id", "dataset_id", "datapoint_id", "position"] as const;

/** Ids in first-seen order without repeats. */
export const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * Appends datapoints at the end of a dataset; ones already in it keep their
 * place. Reserving positions with one UPDATE locks the dataset row, so
 * concurrent appends never hand out the same position.
 */
export async function appendToDataset(
  tx: SqlDriver,
  projectId: string,
  datasetId: string,
  datapointIds: readonly string[],
  now: number,
): Promise<void> {
  const ids = unique(datapointIds);
  const row = await tx.get(
    `UPDATE ${tx.table("datasets")} SET next_position = next_position + ?, updated_at = ? WHERE id = ? AND project_id = ? RETURNING next_position`,
    [ids.length, now, datasetId, projectId],
  );
  if (!row) throw notFound("Dataset", datasetId);
  const start = Number(row["next_position"]) - ids.length;
  await insertRows(
    tx,
    tx.table("dataset_datapoints"),
    JOIN_COLUMNS,
    ids.map((id, i) => [projectId, datasetId, id, start + i]),
    "ON CONFLICT (dataset_id, datapoint_id) DO NOTHING",
  );
}

/** Makes `datapointIds` (in that order) the whole content of a dataset. */
export async function replaceDatasetContent(
  tx: SqlDriver,
  projectId: string,
  datasetId: string,
  datapointIds: readonly string[],
  now: number,
): Promise<void> {
  const ids = unique(datapointIds);
  await tx.run(`DELETE FROM ${tx.table("dataset_datapoints")} WHERE dataset_id = ? AND project_id = ?`, [
    datasetId,
    projectId,
  ]);
  await tx.run(
    `UPDATE ${tx.table("datasets")} SET next_position = ?, updated_at = ? WHERE id = ? AND project_id = ?`,
    [ids.length, now, datasetId, projectId],
  );
  await insertRows(
    tx,
    tx.table("dataset_datapoints"),
    JOIN_COLUMNS,
    ids.map((id, i) => [projectId, datasetId, id, i]),
  );
}

/** Refuses (400, naming `field[i]`) the first id that is not a row of `table` in the project. */
export async function requireExisting(
  sql: SqlDriver,
  table: "datasets" | "datapoints",
  projectId: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  const found = new Set(
    await inChunks(unique(ids), async (part) =>
      (
        await sql.all<{ id: string }>(
          `SELECT id FROM ${sql.table(table)} WHERE project_id = ? AND id IN (${marks(part.length)})`,
          [projectId, ...part],
        )
      ).map((r) => r.id),
    ),
  );
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing < 0) return;
  const what = table === "datasets" ? "dataset" : "datapoint";
  throw new HoneyHiveError(
    "HH_E_VALIDATION",
    400,
    `${field}[${missing}]: ${what} '${ids[missing]}' was not found in this project`,
    `List only ${what}s of the API key's project (GET /v1/${what}s).`,
    { field: `${field}[${missing}]` },
  );
}

/** dataset ids of each datapoint, in dataset id order. */
export async function datasetsOf(
  sql: SqlDriver,
  projectId: string,
  datapointIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await inChunks(datapointIds, (part) =>
    sql.all<{ datapoint_id: string; dataset_id: string }>(
      `SELECT datapoint_id, dataset_id FROM ${sql.table("dataset_datapoints")} WHERE project_id = ? AND datapoint_id IN (${marks(part.length)}) ORDER BY dataset_id`,
      [projectId, ...part],
    ),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.datapoint_id);
    if (list) list.push(r.dataset_id);
    else out.set(r.datapoint_id, [r.dataset_id]);
  }
  return out;
}
