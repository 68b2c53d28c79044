import type { JsonObject } from "@honeyhive-ts/semconv";

/** Field names follow the HoneyHive API (snake_case on the wire). */

export type DatasetType = "evaluation" | "fine-tuning";
export type PipelineType = "event" | "session";

export interface Dataset {
  id: string;
  project_id: string;
  name: string;
  description: string;
  type: DatasetType;
  pipeline_type: PipelineType;
  /** Datapoint ids in the dataset's order (omitted when not asked for). */
  datapoints?: string[];
  num_points: number;
  linked_evals: string[];
  metadata: JsonObject;
  created_at: number;
  updated_at: number;
}

export interface DatasetInput {
  name: string;
  description?: string;
  type?: DatasetType;
  pipeline_type?: PipelineType;
  linked_evals?: string[];
  metadata?: JsonObject;
  /** Datapoint ids, in order: the dataset's whole membership. */
  datapoints?: string[];
}

export type DatasetPatch = Partial<DatasetInput>;

export interface Datapoint {
  id: string;
  project_id: string;
  inputs: JsonObject;
  history: JsonObject[];
  ground_truth: JsonObject;
  linked_event: string | null;
  linked_evals: string[];
  linked_datasets: string[];
  metadata: JsonObject;
  created_at: number;
  updated_at: number;
}

/** What makes a datapoint; the store assigns id and timestamps. */
export interface DatapointDraft {
  inputs: JsonObject;
  history?: JsonObject[];
  ground_truth?: JsonObject;
  linked_event?: string | null;
  linked_evals?: string[];
  metadata?: JsonObject;
}

export interface DatapointPatch extends Partial<DatapointDraft> {
  /** Replaces the datasets the datapoint belongs to (new ones append it at their end). */
  linked_datasets?: string[];
}

/** Which row keys become inputs, ground truth and history; the rest go to metadata. */
export interface FieldMapping {
  inputs?: string[];
  ground_truth?: string[];
  history?: string[];
}
