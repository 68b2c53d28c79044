import type { JsonObject } from "@honeyhive-ts/semconv";

export const RUN_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An evaluation run (HoneyHive "experiment"). Times are epoch ms. */
export interface Run {
  run_id: string;
  project_id: string;
  name: string;
  description: string;
  dataset_id: string | null;
  /** Session (or event) ids of the run, in the order they were added. */
  event_ids: string[];
  /** Datapoint ids, aligned by position with the run's sessions when sessions do not name theirs. */
  datapoint_ids: string[];
  session_ids: string[];
  configuration: JsonObject;
  metadata: JsonObject;
  status: RunStatus;
  /** Results a client stored on the run (the computed ones come from GET /runs/{id}/result). */
  results: JsonObject | null;
  created_at: number;
  updated_at: number;
}

export interface CreateRunInput {
  name: string;
  description?: string;
  dataset_id?: string | null;
  event_ids?: string[];
  datapoint_ids?: string[];
  session_ids?: string[];
  configuration?: JsonObject;
  metadata?: JsonObject;
  status?: RunStatus;
  results?: JsonObject | null;
}

/**
 * An update. Id lists are appended (ids already present are skipped, order
 * kept); metadata is merged key by key; every other given field replaces.
 */
export type RunPatch = Partial<CreateRunInput>;

export const RUN_SORT_FIELDS = ["created_at", "updated_at", "name", "status"] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

export interface RunListQuery {
  dataset_id?: string;
  status?: RunStatus;
  /** Case-insensitive substring of the name. */
  name?: string;
  /** 1-based; default 1. */
  page?: number;
  /** Default 100, at most 1000. */
  limit?: number;
  sort_by?: RunSortField;
  sort_order?: "asc" | "desc";
}
