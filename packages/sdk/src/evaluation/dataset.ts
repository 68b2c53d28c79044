import { createHash } from "node:crypto";
import type { HoneyHive } from "../client/client.js";

/** A row of an inline dataset: HoneyHive's `ground_truth` or the camelCase `groundTruth`. */
export interface DatasetRow {
  inputs: Record<string, unknown>;
  ground_truth?: unknown;
  groundTruth?: unknown;
  metadata?: Record<string, unknown>;
  /** Your own datapoint id (default: `EXT-` + a hash of the row). */
  id?: string;
}

/** One datapoint as `evaluate()` runs it. */
export interface EvalDatapoint {
  id: string;
  inputs: Record<string, unknown>;
  groundTruth: unknown;
  metadata: Record<string, unknown>;
}

export interface LoadedDataset {
  datasetId: string;
  datapoints: EvalDatapoint[];
}

/** JSON with object keys sorted at every level, so equal data has one text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** `EXT-` and 24 hex digits of the SHA-256 of the canonical JSON: the same data always gets the same id. */
export function externalId(value: unknown): string {
  return `EXT-${createHash("sha256")
    .update(canonicalJson(value) ?? "null")
    .digest("hex")
    .slice(0, 24)}`;
}

function rowError(index: number, message: string): TypeError {
  return new TypeError(`dataset[${index}]: ${message}`);
}

/**
 * An inline dataset with deterministic ids, so two runs over the same data
 * compare datapoint by datapoint. The dataset id hashes every row; a row's id
 * hashes the row (a repeated identical row gets its occurrence number mixed
 * in, so every datapoint of the run has its own id).
 */
export function inlineDataset(rows: readonly DatasetRow[]): LoadedDataset {
  if (!Array.isArray(rows)) throw new TypeError("dataset must be an array of {inputs, ground_truth?}");
  const seen = new Map<string, number>();
  const datapoints = rows.map((row, index): EvalDatapoint => {
    if (row === null || typeof row !== "object") throw rowError(index, "is not an object");
    const inputs = row.inputs ?? {};
    if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs))
      throw rowError(index, "inputs must be an object");
    let id = row.id;
    if (id === undefined) {
      const base = externalId(row);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      id = n === 0 ? base : externalId({ row, occurrence: n });
    } else if (typeof id !== "string" || id === "") {
      throw rowError(index, "id must be a non-empty string");
    }
    return {
      id,
      inputs,
      groundTruth: row.ground_truth ?? row.groundTruth,
      metadata: row.metadata ?? {},
    };
  });
  const ids = new Set(datapoints.map((d) => d.id));
  if (ids.size !== datapoints.length) throw new TypeError("dataset: two rows have the same id");
  return { datasetId: externalId(rows), datapoints };
}

/** A server dataset's datapoints, page by page. */
export async function loadDataset(client: HoneyHive, datasetId: string): Promise<LoadedDataset> {
  const datapoints: EvalDatapoint[] = [];
  for await (const dp of client.datapoints.iterate({ dataset_id: datasetId })) {
    datapoints.push({
      id: dp.id,
      inputs: dp.inputs ?? {},
      groundTruth: dp.ground_truth,
      metadata: dp.metadata ?? {},
    });
  }
  return { datasetId, datapoints };
}
