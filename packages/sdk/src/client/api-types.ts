// Generated from the server's /openapi.json by `npm run gen:api-types -w @honeyhive-ts/sdk`. Do not edit by hand.

export interface AddDatapointsRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  data: unknown[];
  mapping?: FieldMapping;
}

export interface AddDatapointsResponse {
  /** True when at least one datapoint was created */
  inserted: boolean;
  /** Ids of the created datapoints, in order */
  datapoint_ids: string[];
  /** False when some items were refused */
  success: boolean;
  errors?: DatapointItemError[];
}

export interface ApiKey {
  /** Key id (use it to revoke the key) */
  id: string;
  project_id: string;
  /** Label given at creation */
  name: string;
  /** First characters of the key, to recognise it */
  prefix: string;
  /** May manage projects and keys */
  is_admin: boolean;
  /** Creation time (Unix epoch ms) */
  created_at: number;
}

export type ApiKeyList = ApiKey[];

export interface BatchItemError {
  index: number;
  message: string;
}

export interface ClassicUpdateDatasetRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  description?: string;
  /** evaluation (default) or fine-tuning */
  type?: "evaluation" | "fine-tuning";
  /** event (default) or session */
  pipeline_type?: "event" | "session";
  /** Datapoint ids, in order: the dataset's whole content */
  datapoints?: string[];
  linked_evals?: string[];
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** Accepted for compatibility; ignored */
  saved?: boolean;
  name?: string;
  /** The dataset to change */
  dataset_id: string;
}

export interface Configuration {
  id: string;
  /** Model provider, e.g. openai */
  provider: string;
  /** LLM (a prompt and model) or pipeline */
  type: "LLM" | "pipeline";
  parameters: ConfigurationParameters;
  /** Labels to filter by */
  tags: string[];
  /** Who saved it, and anything else about them */
  user_properties: Record<string, unknown>;
  project_id: string;
  name: string;
  /** The version this content is from */
  version: number;
  /** Environments this version is deployed to */
  env: ("dev" | "staging" | "prod")[];
  latest_version: number;
  /** Version deployed to each environment */
  deployments: {
    dev?: number;
    staging?: number;
    prod?: number;
  };
  /** Created (Unix epoch ms) */
  created_at: number;
  /** Last changed (Unix epoch ms) */
  updated_at: number;
}

export interface ConfigurationParameters {
  /** chat or completion */
  call_type?: "chat" | "completion";
  /** Model name; required for LLM configurations */
  model?: string;
  /** temperature, max_tokens, top_p, ... */
  hyperparameters?: Record<string, unknown>;
  /** Response format, e.g. {type: json_object} */
  responseFormat?: Record<string, unknown>;
  selectedFunctions?: Record<string, unknown>[];
  /** none, auto or force */
  functionCallParams?: string;
  /** The function to force */
  forceFunction?: Record<string, unknown>;
  /** Prompt template: text, or chat messages */
  template?: string | Record<string, unknown>[];
  [key: string]: unknown;
}

export interface ConfigurationVersion {
  configuration_id: string;
  /** Model provider, e.g. openai */
  provider: string;
  /** LLM (a prompt and model) or pipeline */
  type: "LLM" | "pipeline";
  parameters: ConfigurationParameters;
  /** Labels to filter by */
  tags: string[];
  /** Who saved it, and anything else about them */
  user_properties: Record<string, unknown>;
  project_id: string;
  name: string;
  /** The version this content is from */
  version: number;
  /** Environments this version is deployed to */
  env: ("dev" | "staging" | "prod")[];
  /** Saved (Unix epoch ms) */
  created_at: number;
}

export interface CreateConfigurationRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** Unique in the project */
  name: string;
  /** Model provider, e.g. openai */
  provider: string;
  parameters: ConfigurationParameters;
  /** LLM (a prompt and model) or pipeline */
  type?: "LLM" | "pipeline";
  /** Labels to filter by */
  tags?: string[];
  /** Who saved it, and anything else about them */
  user_properties?: Record<string, unknown>;
  /** Deploy the saved version to these environments */
  env?: ("dev" | "staging" | "prod")[];
}

export interface CreateConfigurationResponse {
  id: string;
  /** Model provider, e.g. openai */
  provider: string;
  /** LLM (a prompt and model) or pipeline */
  type: "LLM" | "pipeline";
  parameters: ConfigurationParameters;
  /** Labels to filter by */
  tags: string[];
  /** Who saved it, and anything else about them */
  user_properties: Record<string, unknown>;
  project_id: string;
  name: string;
  /** The version this content is from */
  version: number;
  /** Environments this version is deployed to */
  env: ("dev" | "staging" | "prod")[];
  latest_version: number;
  /** Version deployed to each environment */
  deployments: {
    dev?: number;
    staging?: number;
    prod?: number;
  };
  /** Created (Unix epoch ms) */
  created_at: number;
  /** Last changed (Unix epoch ms) */
  updated_at: number;
  /** Always true (classic clients read it) */
  acknowledged: boolean;
  /** The new configuration's id (classic clients read it) */
  insertedId: string;
}

export interface CreateDatapointRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Inputs */
  inputs: Record<string, unknown>;
  /** Chat history before the inputs */
  history?: Record<string, unknown>[];
  /** Expected outputs */
  ground_truth?: Record<string, unknown>;
  linked_event?: string | null;
  linked_evals?: string[];
  /** Datasets it belongs to */
  linked_datasets?: string[];
  /** Metadata */
  metadata?: Record<string, unknown>;
}

export interface CreateDatapointResponse {
  result: {
    /** The new datapoint's id */
    insertedId: string;
  };
  datapoint: Datapoint;
}

export interface CreateDatasetRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  description?: string;
  /** evaluation (default) or fine-tuning */
  type?: "evaluation" | "fine-tuning";
  /** event (default) or session */
  pipeline_type?: "event" | "session";
  /** Datapoint ids, in order: the dataset's whole content */
  datapoints?: string[];
  linked_evals?: string[];
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** Accepted for compatibility; ignored */
  saved?: boolean;
  name: string;
}

export interface CreateDatasetResponse {
  inserted: boolean;
  result: {
    /** The new dataset's id */
    insertedId: string;
  };
  dataset: Dataset;
}

export interface CreateEvent {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** UUID; generated when absent */
  event_id?: string;
  /** Session UUID; a new session when absent */
  session_id?: string;
  parent_id?: string | null;
  children_ids?: string[];
  event_name: string;
  source?: string;
  /** Model or tool configuration */
  config?: Record<string, unknown>;
  /** Inputs */
  inputs?: Record<string, unknown>;
  /** Outputs */
  outputs?: Record<string, unknown>;
  error?: string | null;
  /** Start (Unix epoch ms) */
  start_time?: number;
  /** End (Unix epoch ms) */
  end_time?: number;
  /** Milliseconds */
  duration?: number;
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** User feedback */
  feedback?: Record<string, unknown>;
  /** Metrics and evaluator scores */
  metrics?: Record<string, unknown>;
  /** User properties */
  user_properties?: Record<string, unknown>;
  /** model, tool or chain */
  event_type: "model" | "tool" | "chain";
}

export interface CreateEventBatchRequest {
  events: unknown[];
  is_single_session?: boolean;
  session_properties?: {
    session_name?: string;
    source?: string;
    /** Session inputs */
    inputs?: Record<string, unknown>;
    /** Session metadata */
    metadata?: Record<string, unknown>;
    /** User properties */
    user_properties?: Record<string, unknown>;
    /** Session configuration */
    config?: Record<string, unknown>;
  };
}

export interface CreateEventBatchResponse {
  event_ids: string[];
  /** The session the batch created, if any */
  session_id?: string;
  /** False when some items were rejected (see errors) */
  success: boolean;
  errors?: BatchItemError[];
}

export interface CreateEventRequest {
  event: CreateEvent;
}

export interface CreateEventResponse {
  event_id: string;
  session_id: string;
  success: boolean;
}

export interface CreateMetricRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** Unique in the project; the key of the score in event.metrics */
  name: string;
  /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
  type: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
  description?: string;
  criteria?: string | null;
  /** Type of the score */
  return_type?: "float" | "boolean" | "string" | "categorical";
  /** Also evaluate production traffic */
  enabled_in_prod?: boolean;
  needs_ground_truth?: boolean;
  threshold?: {
    min?: number;
    max?: number;
  } | null;
  pass_when?: boolean | string | number | (boolean | string | number)[] | null;
  event_name?: string | null;
  event_type?: string | null;
  model_provider?: string | null;
  model_name?: string | null;
  /** Composite metrics: the metrics combined (weighted mean) */
  child_metrics?: {
    name: string;
    id?: string;
    /** Default 1 */
    weight?: number;
    [key: string]: unknown;
  }[];
  sampling_percentage?: number;
  categories?: Record<string, unknown>[] | null;
}

export interface CreateModelEvent {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** UUID; generated when absent */
  event_id?: string;
  /** Session UUID; a new session when absent */
  session_id?: string;
  parent_id?: string | null;
  children_ids?: string[];
  event_name?: string;
  source?: string;
  /** Model or tool configuration */
  config?: Record<string, unknown>;
  /** Inputs */
  inputs?: Record<string, unknown>;
  /** Outputs */
  outputs?: Record<string, unknown>;
  error?: string | null;
  /** Start (Unix epoch ms) */
  start_time?: number;
  /** End (Unix epoch ms) */
  end_time?: number;
  /** Milliseconds */
  duration?: number;
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** User feedback */
  feedback?: Record<string, unknown>;
  /** Metrics and evaluator scores */
  metrics?: Record<string, unknown>;
  /** User properties */
  user_properties?: Record<string, unknown>;
  model: string;
  provider?: string;
  messages?: Record<string, unknown>[];
  /** The model's response message or text */
  response?: unknown;
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    total_tokens?: number;
  };
  cost?: number;
  /** Temperature, max_tokens, ... */
  hyperparameters?: Record<string, unknown>;
  tools?: unknown[];
  tool_choice?: unknown;
  template?: unknown;
}

export interface CreateModelEventBatchRequest {
  model_events: unknown[];
  is_single_session?: boolean;
  session_properties?: {
    session_name?: string;
    source?: string;
    /** Session inputs */
    inputs?: Record<string, unknown>;
    /** Session metadata */
    metadata?: Record<string, unknown>;
    /** User properties */
    user_properties?: Record<string, unknown>;
    /** Session configuration */
    config?: Record<string, unknown>;
  };
}

export interface CreateModelEventRequest {
  model_event: CreateModelEvent;
}

export interface CreateProjectRequest {
  name: string;
  description?: string;
}

export interface CreateRunRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  name: string;
  description?: string;
  dataset_id?: string | null;
  /** Session ids (or any event id of a session) of the run */
  event_ids?: string[];
  /** Datapoint ids, aligned by position with the run's sessions */
  datapoint_ids?: string[];
  /** Session ids of the run */
  session_ids?: string[];
  /** The configuration evaluated (model, prompt, ...) */
  configuration?: Record<string, unknown>;
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** pending, running, completed, failed, cancelled */
  status?: "pending" | "running" | "completed" | "failed" | "cancelled";
  results?: Record<string, unknown> | null;
}

export interface CreateRunResponse {
  run_id: string;
  evaluation: Run;
}

export interface CreateToolRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** Unique in the project */
  name: string;
  description?: string;
  /** JSON schema of the tool's arguments */
  parameters?: {
    /** Usually object */
    type?: string;
    /** One JSON schema per argument */
    properties?: Record<string, unknown>;
    required?: string[];
    [key: string]: unknown;
  };
  /** function or tool */
  tool_type?: "function" | "tool";
  /** Older spelling of tool_type */
  type?: "function" | "tool";
}

export interface CreatedApiKey {
  /** Shown once */
  api_key: string;
  key_id: string;
  prefix: string;
  project_id: string;
}

export interface CreatedProject {
  id: string;
  name: string;
  description: string;
  /** Creation time (Unix epoch ms) */
  created_at: number;
  /** The project's first API key; shown once */
  api_key: string;
}

export interface Datapoint {
  /** Datapoint id */
  id: string;
  /** The same id, under the classic HoneyHive name */
  _id: string;
  /** Project id */
  project_id: string;
  /** Inputs of the function under evaluation */
  inputs: Record<string, unknown>;
  /** Chat history before the inputs */
  history: Record<string, unknown>[];
  /** Expected outputs */
  ground_truth: Record<string, unknown>;
  /** The event it was made from */
  linked_event: string | null;
  linked_evals: string[];
  /** Datasets it belongs to */
  linked_datasets: string[];
  /** Metadata */
  metadata: Record<string, unknown>;
  /** Creation time */
  created_at: string;
  /** Last change */
  updated_at: string;
}

export interface DatapointBatchRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  datapoints: unknown[];
  /** Also append every created datapoint to this dataset */
  dataset_id?: string;
}

/** Why the item at index was refused */
export interface DatapointItemError {
  index: number;
  message: string;
}

export interface DatapointList {
  datapoints: Datapoint[];
}

export interface DatapointRead {
  /** One datapoint (a list, as HoneyHive answers) */
  datapoint: Datapoint[];
}

export interface DatapointResponse {
  success: boolean;
  datapoint: Datapoint;
}

export interface DatapointsFromEventsRequest {
  event_ids: string[];
  mapping?: EventMapping;
}

export interface Dataset {
  /** Dataset id */
  id: string;
  /** The same id, under the classic HoneyHive name */
  _id: string;
  /** Project id */
  project_id: string;
  name: string;
  description: string;
  /** evaluation (default) or fine-tuning */
  type: "evaluation" | "fine-tuning";
  /** event (default) or session */
  pipeline_type: "event" | "session";
  /** Datapoint ids in the dataset's order */
  datapoints?: string[];
  num_points: number;
  /** Run ids evaluated on this dataset */
  linked_evals: string[];
  /** Metadata */
  metadata: Record<string, unknown>;
  /** Creation time */
  created_at: string;
  /** Last change */
  updated_at: string;
}

/** JSONL (application/x-ndjson) or CSV (text/csv), streamed */
export type DatasetExport = string;

export interface DatasetList {
  testcases: Dataset[];
}

export interface DatasetResponse {
  success: boolean;
  dataset: Dataset;
}

export interface DatasetsDeleteResponse {
  success: boolean;
  deleted: boolean;
  /** The id given */
  id: string;
}

export interface DeleteConfigurationResponse {
  success: boolean;
  /** Id of the deleted resource */
  deleted: string;
}

export interface DeleteMetricResponse {
  success: boolean;
  /** Id of the deleted resource */
  deleted: string;
}

export interface DeleteResponse {
  success: boolean;
  /** The deleted id, or the number of rows deleted */
  deleted: string | number;
}

export interface DeleteRunResponse {
  id: string;
  deleted: boolean;
}

export interface DeleteToolResponse {
  success: boolean;
  /** Id of the deleted resource */
  deleted: string;
}

export interface DeployConfigurationRequest {
  /** Deployment environment: dev, staging or prod */
  env: "dev" | "staging" | "prod";
  /** Version to deploy; the latest when absent */
  version?: number;
}

export interface EvaluationStatus {
  /** Evaluations of this project waiting or running */
  pending: number;
  /** Evaluations of this project that gave up (kept with their error) */
  failed: number;
  recent_failures: FailedEvaluation[];
  /** Counts of this replica since it started, all projects */
  replica: {
    /** Whether this replica runs evaluations (HH_EVAL_CONCURRENCY > 0) */
    evaluating: boolean;
    evaluated: number;
    failed: number;
    retried: number;
    /** Outside the metric's sample, or the metric was disabled or deleted */
    skipped: number;
  };
}

export interface Event {
  event_id: string;
  project_id: string;
  session_id: string;
  parent_id: string | null;
  children_ids: string[];
  event_type: "session" | "model" | "tool" | "chain";
  event_name: string;
  source: string;
  /** Model or tool configuration */
  config: Record<string, unknown>;
  /** Inputs */
  inputs: Record<string, unknown>;
  /** Outputs */
  outputs: Record<string, unknown>;
  error: string | null;
  /** Start (Unix epoch ms) */
  start_time: number;
  /** End (Unix epoch ms) */
  end_time: number;
  /** Milliseconds */
  duration: number;
  /** Metadata (sessions: aggregates num_events, cost, total_tokens, ...) */
  metadata: Record<string, unknown>;
  /** User feedback */
  feedback: Record<string, unknown>;
  /** Metrics and evaluator scores */
  metrics: Record<string, unknown>;
  /** User properties */
  user_properties: Record<string, unknown>;
}

export interface EventChart {
  metric: string;
  /** avg, p50, p90, p95, p99, count, sum, min, max; default avg */
  aggregation: "avg" | "p50" | "p90" | "p95" | "p99" | "count" | "sum" | "min" | "max";
  /** minute, hour, day or week (UTC; weeks start on Monday); default hour */
  bucket: "minute" | "hour" | "day" | "week";
  groupBy: string | null;
  dateRange: {
    $gte: number;
    $lte: number;
  };
  series: EventChartSeries[];
}

export interface EventChartRequest {
  project?: string;
  /** count, error (1 for a failed event: avg is the error rate), duration, cost, tokens (= total_tokens), prompt_tokens, completion_tokens, or a numeric metrics.*, metadata.* or feedback.* field */
  metric: string;
  /** event_name, event_type, model, provider, source, session_id, or a metadata.* / user_properties.* / config.* / feedback.* path; the 20 largest groups are named, the rest form one 'other' series */
  groupBy?: string;
  /** minute, hour, day or week (UTC; weeks start on Monday); default hour */
  bucket?: "minute" | "hour" | "day" | "week";
  /** avg, p50, p90, p95, p99, count, sum, min, max; default avg */
  aggregation?: "avg" | "p50" | "p90" | "p95" | "p99" | "count" | "sum" | "min" | "max";
  /** Start-time range; default: ending now, 1 day for minute buckets, 7 days for hour, 90 for day, 52 weeks for week */
  dateRange?: {
    /** Epoch ms or an ISO-8601 date */
    $gte?: number | string;
    /** Epoch ms or an ISO-8601 date */
    $lte?: number | string;
  };
  filters?: EventFilter[];
}

export interface EventChartSeries {
  /** Group value ('(none)' when missing); null without groupBy and for the 'other' series */
  group: string | null;
  /** True for the series of all groups beyond the largest 20 */
  other: boolean;
  /** Buckets with at least one value, in time order */
  points: {
    /** Bucket start, epoch ms (UTC) */
    t: number;
    value: number;
    /** Events with a value in the bucket */
    count: number;
  }[];
}

/** Fields merged into the event's feedback; any other field is kept as given */
export interface EventFeedbackRequest {
  /** A score: a number (e.g. 1-5), thumbs up/down as a boolean, or a label */
  rating?: number | boolean | string;
  comment?: string;
  /** What the output should have been */
  correction?: unknown;
  labels?: string[];
  /** Who gave the feedback (an end-user id) */
  user?: string;
  /** Project name (classic API); the key decides the project */
  project?: string;
  [key: string]: unknown;
}

export interface EventFeedbackResponse {
  success: boolean;
  event_id: string;
  /** The event's whole feedback after the merge */
  feedback: Record<string, unknown>;
}

export interface EventFilter {
  /** Column or dotted path, e.g. metadata.cost */
  field: string;
  operator:
    | "is"
    | "is not"
    | "contains"
    | "not contains"
    | "greater than"
    | "less than"
    | "exists"
    | "not exists";
  value?: unknown;
  type?: "string" | "number" | "boolean" | "id" | "datetime";
}

/** Each value lands under the last segment of its path */
export interface EventMapping {
  /** Dotted event paths (e.g. inputs.question) that become inputs; default: all of event.inputs */
  inputs?: string[];
  /** Dotted event paths that become ground truth; default: all of event.outputs */
  ground_truth?: string[];
  /** Dotted event paths holding chat messages */
  history?: string[];
}

export interface EventNode {
  event_id: string;
  project_id: string;
  session_id: string;
  parent_id: string | null;
  children_ids: string[];
  event_type: "session" | "model" | "tool" | "chain";
  event_name: string;
  source: string;
  /** Model or tool configuration */
  config: Record<string, unknown>;
  /** Inputs */
  inputs: Record<string, unknown>;
  /** Outputs */
  outputs: Record<string, unknown>;
  error: string | null;
  /** Start (Unix epoch ms) */
  start_time: number;
  /** End (Unix epoch ms) */
  end_time: number;
  /** Milliseconds */
  duration: number;
  /** Metadata (sessions: aggregates num_events, cost, total_tokens, ...) */
  metadata: Record<string, unknown>;
  /** User feedback */
  feedback: Record<string, unknown>;
  /** Metrics and evaluator scores */
  metrics: Record<string, unknown>;
  /** User properties */
  user_properties: Record<string, unknown>;
  children: EventNode[];
}

export interface EventsPage {
  events: Record<string, unknown>[];
  /** Matches over all pages */
  totalEvents: number;
}

export interface ExportEventsRequest {
  project?: string;
  filters?: EventFilter[];
  dateRange?: {
    /** Epoch ms or an ISO-8601 date */
    $gte?: number | string;
    /** Epoch ms or an ISO-8601 date */
    $lte?: number | string;
  };
  projections?: string[];
  limit?: number;
  page?: number;
  order?: "asc" | "desc";
}

export interface FailedEvaluation {
  event_id: string;
  metric_name: string;
  attempts: number;
  error: string | null;
  /** Unix epoch ms */
  updated_at: number;
}

/** Routes each row's keys; keys not listed go to metadata. Without a mapping keys route by name. */
export interface FieldMapping {
  /** Row keys that become inputs */
  inputs?: string[];
  /** Row keys that become ground truth */
  ground_truth?: string[];
  /** Row keys holding chat messages (a message or a list of them) */
  history?: string[];
}

export interface GetRunResponse {
  evaluation: Run;
}

export interface ImportError {
  line: number;
  message: string;
}

export interface ImportResult {
  /** The dataset the rows went to */
  dataset_id: string;
  imported: number;
  failed: number;
  /** The first 100 refused lines */
  errors: ImportError[];
}

export interface ListRunsResponse {
  evaluations: Run[];
  total: number;
  page: number;
  limit: number;
}

export interface Me {
  project: {
    id: string;
    name: string;
  };
  key: {
    id: string;
    name: string;
    is_admin: boolean;
  };
  /** Every project for an admin key (usable with X-HoneyHive-Project), else the key's own */
  projects: {
    id: string;
    name: string;
  }[];
}

export interface Metric {
  id: string;
  project_id: string;
  /** Unique in the project; the key of the score in event.metrics */
  name: string;
  /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
  type: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
  description: string;
  criteria: string | null;
  /** Type of the score */
  return_type: "float" | "boolean" | "string" | "categorical";
  /** Also evaluate production traffic */
  enabled_in_prod: boolean;
  needs_ground_truth: boolean;
  threshold: {
    min?: number;
    max?: number;
  } | null;
  pass_when: boolean | string | number | (boolean | string | number)[] | null;
  event_name: string | null;
  event_type: string | null;
  model_provider: string | null;
  model_name: string | null;
  child_metrics: Record<string, unknown>[];
  sampling_percentage: number;
  categories: Record<string, unknown>[] | null;
  /** Created (Unix epoch ms) */
  created_at: number;
  /** Last changed (Unix epoch ms) */
  updated_at: number;
}

export interface Project {
  id: string;
  name: string;
  description: string;
  /** Creation time (Unix epoch ms) */
  created_at: number;
}

export type ProjectList = Project[];

export interface RevokeApiKeyResponse {
  success: boolean;
  /** Id of the revoked key */
  deleted: string;
}

export interface Run {
  run_id: string;
  project_id: string;
  name: string;
  description: string;
  dataset_id: string | null;
  event_ids: string[];
  datapoint_ids: string[];
  session_ids: string[];
  /** Configuration */
  configuration: Record<string, unknown>;
  /** Metadata */
  metadata: Record<string, unknown>;
  /** pending, running, completed, failed, cancelled */
  status: "pending" | "running" | "completed" | "failed" | "cancelled";
  results: Record<string, unknown> | null;
  /** Epoch ms */
  created_at: number;
  /** Epoch ms */
  updated_at: number;
}

export interface RunComparison {
  new_run_id: string;
  old_run_id: string;
  /** average, min, max, median, p90, p95, p99, sum, count; default average */
  aggregate_function: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
  commonDatapoints: string[];
  only_in_new: string[];
  only_in_old: string[];
  only_in_new_count: number;
  only_in_old_count: number;
  metrics: RunMetricComparison[];
}

export interface RunDatapointResult {
  datapoint_id: string;
  session_id: string;
  passed: boolean;
  metrics: {
    name: string;
    event_name: string;
    value: number | boolean;
    passed: boolean | null;
  }[];
}

export interface RunEventComparison {
  run_id_1: string;
  run_id_2: string;
  /** Datapoints with matching events in both runs */
  commonDatapoints: number;
  /** Pairs before paging */
  totalEvents: number;
  events: {
    datapoint_id: string;
    event_name: string;
    event_1: RunPairedEvent;
    event_2: RunPairedEvent;
  }[];
}

export interface RunMetricComparison {
  metric_name: string;
  event_name: string;
  metric_type: string | null;
  lower_is_better: boolean;
  old_aggregate: number | null;
  new_aggregate: number | null;
  improved_count: number;
  degraded_count: number;
  same_count: number;
  improved: string[];
  degraded: string[];
  same: string[];
}

export interface RunMetricDetail {
  metric_name: string;
  /** Event the values were found on (the session name for session metrics) */
  event_name: string;
  metric_type: string;
  /** The requested aggregate function's value */
  aggregate: number;
  values_count: number;
  passed_count: number;
  failed_count: number;
  /** Mean */
  average: number;
  /** Minimum */
  min: number;
  /** Maximum */
  max: number;
  /** 50th percentile */
  median: number;
  /** 90th percentile (linear interpolation) */
  p90: number;
  /** 95th percentile */
  p95: number;
  /** 99th percentile */
  p99: number;
  /** Sum */
  sum: number;
  /** Number of values */
  count: number;
}

export interface RunMetricRequest {
  /** A metric definition (with type), or a saved metric named by id or name */
  metric: {
    /** A saved metric */
    id?: string;
    /** A saved metric */
    metric_id?: string;
    /** Unique in the project; the key of the score in event.metrics */
    name?: string;
    /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
    type?: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
    description?: string;
    criteria?: string | null;
    /** Type of the score */
    return_type?: "float" | "boolean" | "string" | "categorical";
    /** Also evaluate production traffic */
    enabled_in_prod?: boolean;
    needs_ground_truth?: boolean;
    threshold?: {
      min?: number;
      max?: number;
    } | null;
    pass_when?: boolean | string | number | (boolean | string | number)[] | null;
    event_name?: string | null;
    event_type?: string | null;
    model_provider?: string | null;
    model_name?: string | null;
    /** Composite metrics: the metrics combined (weighted mean) */
    child_metrics?: {
      name: string;
      id?: string;
      /** Default 1 */
      weight?: number;
      [key: string]: unknown;
    }[];
    sampling_percentage?: number;
    categories?: Record<string, unknown>[] | null;
  };
  /** The event to evaluate */
  event: {
    event_name?: string;
    event_type?: string;
    /** Scores already computed, by metric name */
    metrics?: Record<string, unknown>;
    /** Feedback, where human scores live */
    feedback?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

export interface RunMetricResponse {
  /** The score */
  value: number | boolean | string;
  passed: boolean | null;
}

export interface RunPairedEvent {
  event_id: string;
  session_id: string;
  parent_id: string | null;
  event_type: string;
  event_name: string;
  start_time: number;
  duration: number;
  /** Inputs */
  inputs: Record<string, unknown>;
  /** Outputs */
  outputs: Record<string, unknown>;
  error: string | null;
  /** Metrics */
  metrics: Record<string, unknown>;
  /** Metadata */
  metadata: Record<string, unknown>;
}

export interface RunResult {
  run_id: string;
  /** pending, running, completed, failed, cancelled */
  status: "pending" | "running" | "completed" | "failed" | "cancelled";
  /** True when no datapoint failed */
  success: boolean;
  /** Datapoint ids that passed */
  passed: string[];
  /** Datapoint ids that failed */
  failed: string[];
  metrics: {
    /** average, min, max, median, p90, p95, p99, sum, count; default average */
    aggregation_function: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
    details: RunMetricDetail[];
  };
  datapoints: RunDatapointResult[];
}

export interface SdkClient {
  /** Stable for the life of one tracer */
  instance_id: string;
  /** The tracer's source (dev, prod, ...) */
  source: string;
  /** e.g. @honeyhive-ts/sdk */
  sdk_name: string;
  /** The SDK's version */
  sdk_version: string;
  /** The application's service name */
  service_name: string;
  /** Spans the server accepted, since the instance started */
  spans_exported: number;
  /** Spans lost, since the instance started */
  spans_dropped: number;
  /** Dropped spans by reason (buffer_full, rejected, retries_exhausted, ...) */
  dropped_by_reason: Record<string, number>;
  /** Bytes waiting in the export buffer when reported */
  buffer_bytes: number;
  /** When the last report arrived (Unix epoch ms) */
  last_seen: number;
}

export interface SdkHealth {
  clients: SdkClient[];
}

export interface SdkHealthAccepted {
  success: boolean;
  last_seen: number;
}

export interface SdkHealthReport {
  /** Stable for the life of one tracer */
  instance_id: string;
  /** The tracer's source (dev, prod, ...) */
  source: string;
  /** e.g. @honeyhive-ts/sdk */
  sdk_name: string;
  /** The SDK's version */
  sdk_version: string;
  /** The application's service name */
  service_name: string;
  /** Spans the server accepted, since the instance started */
  spans_exported: number;
  /** Spans lost, since the instance started */
  spans_dropped: number;
  /** Dropped spans by reason (buffer_full, rejected, retries_exhausted, ...) */
  dropped_by_reason: Record<string, number>;
  /** Bytes waiting in the export buffer when reported */
  buffer_bytes: number;
}

export interface SessionEventsResponse {
  events: Event[];
  totalEvents: number;
}

export interface SessionList {
  sessions: SessionSummary[];
  /** null on the last page */
  next_cursor: string | null;
}

export interface SessionSummary {
  session_id: string;
  session_name: string;
  source: string;
  user_id: string | null;
  /** First event's start (Unix epoch ms) */
  start_time: number;
  /** Last event's end (Unix epoch ms) */
  end_time: number;
  duration_ms: number;
  /** Events of the session, the session event excluded */
  event_count: number;
  error_count: number;
  /** Model events */
  model_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** USD */
  cost: number;
  feedback: Record<string, unknown>;
  metadata: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /** Written to in the last minute */
  running: boolean;
}

export interface StartSessionRequest {
  session: {
    project?: string;
    /** Client-chosen session UUID */
    session_id?: string;
    session_name?: string;
    event_name?: string;
    source?: string;
    /** Session inputs */
    inputs?: Record<string, unknown>;
    /** Session outputs */
    outputs?: Record<string, unknown>;
    /** Session metadata */
    metadata?: Record<string, unknown>;
    /** User properties */
    user_properties?: Record<string, unknown>;
    /** Session configuration */
    config?: Record<string, unknown>;
    /** Feedback */
    feedback?: Record<string, unknown>;
    /** Metrics */
    metrics?: Record<string, unknown>;
    /** Start (Unix epoch ms) */
    start_time?: number;
    /** End (Unix epoch ms) */
    end_time?: number;
    duration?: number;
  };
}

export interface StartSessionResponse {
  session_id: string;
  session: Event;
}

export interface Tool {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** JSON schema of the tool's arguments */
  parameters: Record<string, unknown>;
  /** function or tool */
  tool_type: "function" | "tool";
  /** Created (Unix epoch ms) */
  created_at: number;
  /** Last changed (Unix epoch ms) */
  updated_at: number;
}

export interface UpdateConfigurationRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** New name, unique in the project */
  name?: string;
  /** Model provider, e.g. openai */
  provider?: string;
  parameters?: ConfigurationParameters;
  /** LLM (a prompt and model) or pipeline */
  type?: "LLM" | "pipeline";
  /** Labels to filter by */
  tags?: string[];
  /** Who saved it, and anything else about them */
  user_properties?: Record<string, unknown>;
  /** Deploy the saved version to these environments */
  env?: ("dev" | "staging" | "prod")[];
}

export interface UpdateDatapointRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Inputs */
  inputs?: Record<string, unknown>;
  /** Chat history before the inputs */
  history?: Record<string, unknown>[];
  /** Expected outputs */
  ground_truth?: Record<string, unknown>;
  linked_event?: string | null;
  linked_evals?: string[];
  /** Datasets it belongs to */
  linked_datasets?: string[];
  /** Metadata */
  metadata?: Record<string, unknown>;
}

export interface UpdateDatasetRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  description?: string;
  /** evaluation (default) or fine-tuning */
  type?: "evaluation" | "fine-tuning";
  /** event (default) or session */
  pipeline_type?: "event" | "session";
  /** Datapoint ids, in order: the dataset's whole content */
  datapoints?: string[];
  linked_evals?: string[];
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** Accepted for compatibility; ignored */
  saved?: boolean;
  name?: string;
}

export interface UpdateEventRequest {
  /** Event id; a session id enriches the session */
  event_id: string;
  project?: string;
  /** Merged into metadata */
  metadata?: Record<string, unknown>;
  /** Merged into feedback */
  feedback?: Record<string, unknown>;
  /** Merged into metrics */
  metrics?: Record<string, unknown>;
  /** Merged into outputs */
  outputs?: Record<string, unknown>;
  /** Merged into inputs */
  inputs?: Record<string, unknown>;
  /** Merged into config */
  config?: Record<string, unknown>;
  /** Merged into user_properties */
  user_properties?: Record<string, unknown>;
  duration?: number;
  /** End (Unix epoch ms) */
  end_time?: number;
  error?: string | null;
}

export interface UpdateEventResponse {
  success: boolean;
  event_id: string;
  event: Event;
}

export interface UpdateMetricRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** Metric id (classic: the metric to change) */
  metric_id?: string;
  /** Metric id */
  id?: string;
  /** Unique in the project; the key of the score in event.metrics */
  name?: string;
  /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
  type?: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
  description?: string;
  criteria?: string | null;
  /** Type of the score */
  return_type?: "float" | "boolean" | "string" | "categorical";
  /** Also evaluate production traffic */
  enabled_in_prod?: boolean;
  needs_ground_truth?: boolean;
  threshold?: {
    min?: number;
    max?: number;
  } | null;
  pass_when?: boolean | string | number | (boolean | string | number)[] | null;
  event_name?: string | null;
  event_type?: string | null;
  model_provider?: string | null;
  model_name?: string | null;
  /** Composite metrics: the metrics combined (weighted mean) */
  child_metrics?: {
    name: string;
    id?: string;
    /** Default 1 */
    weight?: number;
    [key: string]: unknown;
  }[];
  sampling_percentage?: number;
  categories?: Record<string, unknown>[] | null;
}

export interface UpdateProjectRequest {
  /** Project id (classic body form) */
  project_id?: string;
  /** Project id */
  id?: string;
  name?: string;
  description?: string;
}

/** event_ids, session_ids and datapoint_ids are appended (ids already there are skipped); metadata is merged; other fields replace. */
export interface UpdateRunRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  name?: string;
  description?: string;
  dataset_id?: string | null;
  /** Session ids (or any event id of a session) of the run */
  event_ids?: string[];
  /** Datapoint ids, aligned by position with the run's sessions */
  datapoint_ids?: string[];
  /** Session ids of the run */
  session_ids?: string[];
  /** The configuration evaluated (model, prompt, ...) */
  configuration?: Record<string, unknown>;
  /** Metadata */
  metadata?: Record<string, unknown>;
  /** pending, running, completed, failed, cancelled */
  status?: "pending" | "running" | "completed" | "failed" | "cancelled";
  results?: Record<string, unknown> | null;
}

export interface UpdateToolRequest {
  /** Project name (classic API); the key decides the project */
  project?: string;
  /** Project name (classic API) */
  project_name?: string;
  /** Project name (older clients) */
  task?: string;
  /** Tool id */
  id?: string;
  /** Tool id (classic spelling) */
  tool_id?: string;
  /** Tool id (older spelling) */
  function_id?: string;
  /** Unique in the project */
  name?: string;
  description?: string;
  /** JSON schema of the tool's arguments */
  parameters?: {
    /** Usually object */
    type?: string;
    /** One JSON schema per argument */
    properties?: Record<string, unknown>;
    required?: string[];
    [key: string]: unknown;
  };
  /** function or tool */
  tool_type?: "function" | "tool";
  /** Older spelling of tool_type */
  type?: "function" | "tool";
}

export interface V1DatasetList {
  datasets: Dataset[];
}

export interface WrappedCreateConfigurationRequest {
  configuration: CreateConfigurationRequest;
}

export interface WrappedCreateMetricRequest {
  metric: CreateMetricRequest;
}

/** Every operation of the API, keyed by "METHOD /path". */
export interface ApiOperations {
  "GET /api_keys": {
    /** List the API keys of the caller's project (admin keys: ?project=<id|name>) (alias of /v1/api_keys) */
    query: {
      /** Project id or name; admin keys may name any project, others only their own */
      project?: string;
    };
    response: ApiKeyList;
  };
  "DELETE /api_keys/{id}": {
    /** Revoke an API key (it stops working at once on this replica) (alias of /v1/api_keys/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: RevokeApiKeyResponse;
  };
  "GET /configurations": {
    /** List configurations (latest versions; with env, the version deployed there) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Project name (classic API) */
      project_name?: string;
      /** Exact name */
      name?: string;
      /** Deployment environment: dev, staging or prod */
      env?: "dev" | "staging" | "prod";
      /** LLM (a prompt and model) or pipeline */
      type?: "LLM" | "pipeline";
      /** Comma-separated: configurations with every one of these tags */
      tags?: string;
    };
    response: Configuration[];
  };
  "POST /configurations": {
    /** Create a configuration (version 1), optionally deployed to env */
    body: CreateConfigurationRequest | WrappedCreateConfigurationRequest;
    response: CreateConfigurationResponse;
  };
  "GET /configurations/deployed": {
    /** The configuration named `name` at the version deployed to `env` (alias of /v1/configurations/deployed) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Configuration name */
      name: string;
      /** Deployment environment: dev, staging or prod */
      env: "dev" | "staging" | "prod";
    };
    response: Configuration;
  };
  "GET /configurations/{id}": {
    /** Read a configuration at its latest version (alias of /v1/configurations/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: Configuration;
  };
  "PUT /configurations/{id}": {
    /** Update a configuration: changed content is saved as a new version; env deploys it */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateConfigurationRequest;
    response: Configuration;
  };
  "DELETE /configurations/{id}": {
    /** Delete a configuration with all its versions and deployments */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteConfigurationResponse;
  };
  "POST /configurations/{id}/deploy": {
    /** Deploy a version (default: the latest) to an environment, moving it from the version that had it (alias of /v1/configurations/:id/deploy) */
    params: {
      /** Id */
      id: string;
    };
    body: DeployConfigurationRequest;
    response: Configuration;
  };
  "DELETE /configurations/{id}/deployments/{env}": {
    /** Remove a configuration from an environment (alias of /v1/configurations/:id/deployments/:env) */
    params: {
      /** Configuration id */
      id: string;
      /** Deployment environment: dev, staging or prod */
      env: "dev" | "staging" | "prod";
    };
    response: Configuration;
  };
  "GET /configurations/{id}/versions": {
    /** Every version of a configuration, oldest first (alias of /v1/configurations/:id/versions) */
    params: {
      /** Id */
      id: string;
    };
    response: ConfigurationVersion[];
  };
  "GET /configurations/{id}/versions/{version}": {
    /** One version of a configuration (alias of /v1/configurations/:id/versions/:version) */
    params: {
      /** Configuration id */
      id: string;
      /** Version number (1, 2, ...) */
      version: string;
    };
    response: ConfigurationVersion;
  };
  "GET /datapoints": {
    /** List datapoints: by ids, by dataset (in its order) or all (oldest first) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only these ids: repeated, comma-separated or a JSON array */
      datapoint_ids?: string | string[];
      /** Only the datapoints of this dataset, in its order */
      dataset_name?: string;
      /** Only the datapoints of this dataset, in its order */
      dataset_id?: string;
      /** At most this many (default and maximum 10000) */
      limit?: string;
      /** Skip this many */
      offset?: string;
    };
    response: DatapointList;
  };
  "POST /datapoints": {
    /** Create a datapoint (linked_datasets appends it to those datasets) */
    body: CreateDatapointRequest;
    response: CreateDatapointResponse;
  };
  "POST /datapoints/batch": {
    /** Create datapoints in one request; invalid ones are reported by index and the rest kept (alias of /v1/datapoints/batch) */
    body: DatapointBatchRequest;
    response: AddDatapointsResponse;
  };
  "GET /datapoints/{id}": {
    /** Read a datapoint */
    params: {
      /** Id */
      id: string;
    };
    response: DatapointRead;
  };
  "PUT /datapoints/{id}": {
    /** Update a datapoint: given fields replace; linked_datasets replaces its datasets */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateDatapointRequest;
    response: DatapointResponse;
  };
  "DELETE /datapoints/{id}": {
    /** Delete a datapoint (it leaves every dataset) */
    params: {
      /** Id */
      id: string;
    };
    response: DatasetsDeleteResponse;
  };
  "GET /datasets": {
    /** List datasets with their datapoint ids */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only this dataset */
      dataset_id?: string;
      /** Only the dataset of this name */
      name?: string;
      /** evaluation (default) or fine-tuning */
      type?: "evaluation" | "fine-tuning";
      /** Add each dataset's datapoint ids (always on for the classic GET /datasets) */
      include_datapoints?: "true" | "false";
    };
    response: DatasetList;
  };
  "POST /datasets": {
    /** Create a dataset (optionally with datapoint ids, in order) */
    body: CreateDatasetRequest;
    response: CreateDatasetResponse;
  };
  "PUT /datasets": {
    /** Update a dataset named by dataset_id; datapoints replaces its content */
    body: ClassicUpdateDatasetRequest;
    response: DatasetResponse;
  };
  "DELETE /datasets": {
    /** Delete the dataset named by dataset_id, and its datapoints that are in no other dataset */
    query: {
      /** The dataset to delete */
      dataset_id: string;
      /** Project name (classic API); the key decides the project */
      project?: string;
    };
    response: DatasetsDeleteResponse;
  };
  "POST /datasets/import": {
    /** Create a dataset named by ?name from a JSONL or CSV file; the raw file is the body (application/x-ndjson or text/csv, gzip allowed), streamed and committed every 2000 rows; bad lines are reported by line number (alias of /v1/datasets/import) */
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
      /** JSON FieldMapping, e.g. {"inputs":["q"],"ground_truth":["a"]} */
      mapping?: string;
      /** Comma-separated keys that become inputs */
      inputs?: string;
      /** Comma-separated keys that become ground truth */
      ground_truth?: string;
      /** Comma-separated keys holding chat messages */
      history?: string;
      name: string;
      description?: string;
      /** evaluation (default) or fine-tuning */
      type?: "evaluation" | "fine-tuning";
    };
    body: unknown;
    response: ImportResult;
  };
  "GET /datasets/{id}": {
    /** Read a dataset with its datapoint ids (alias of /v1/datasets/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DatasetResponse;
  };
  "POST /datasets/{id}/datapoints": {
    /** Add rows as datapoints: the mapping routes each row's keys; bad rows are reported by index */
    params: {
      /** Id */
      id: string;
    };
    body: AddDatapointsRequest;
    response: AddDatapointsResponse;
  };
  "POST /datasets/{id}/datapoints/from-events": {
    /** Make datapoints from traced events (inputs, outputs as ground truth), linked to them (alias of /v1/datasets/:id/datapoints/from-events) */
    params: {
      /** Id */
      id: string;
    };
    body: DatapointsFromEventsRequest;
    response: AddDatapointsResponse;
  };
  "DELETE /datasets/{id}/datapoints/{datapoint_id}": {
    /** Take a datapoint out of a dataset (the datapoint itself stays) (alias of /v1/datasets/:id/datapoints/:datapoint_id) */
    params: {
      /** Dataset id */
      id: string;
      /** Datapoint id */
      datapoint_id: string;
    };
    response: DatasetsDeleteResponse;
  };
  "GET /datasets/{id}/export": {
    /** Export a dataset as JSONL (one datapoint per line) or CSV (inputs.*, ground_truth.*, metadata.* columns), streamed (alias of /v1/datasets/:id/export) */
    params: {
      /** Id */
      id: string;
    };
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
    };
    response: unknown;
  };
  "POST /datasets/{id}/import": {
    /** Import JSONL or CSV rows into a dataset; the raw file is the body (application/x-ndjson or text/csv, gzip allowed), streamed and committed every 2000 rows; bad lines are reported by line number (alias of /v1/datasets/:id/import) */
    params: {
      /** Id */
      id: string;
    };
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
      /** JSON FieldMapping, e.g. {"inputs":["q"],"ground_truth":["a"]} */
      mapping?: string;
      /** Comma-separated keys that become inputs */
      inputs?: string;
      /** Comma-separated keys that become ground truth */
      ground_truth?: string;
      /** Comma-separated keys holding chat messages */
      history?: string;
    };
    body: unknown;
    response: ImportResult;
  };
  "GET /evaluations/status": {
    /** Server-side evaluations of this project: pending, failed (with their errors), and this replica's counts (alias of /v1/evaluations/status) */
    response: EvaluationStatus;
  };
  "GET /events": {
    /** Query events (filters, dateRange and projections as JSON query parameters) */
    query: {
      project?: string;
      /** JSON array of filters */
      filters?: string;
      /** JSON {"$gte": ..., "$lte": ...} */
      dateRange?: string;
      /** JSON array or comma-separated field names */
      projections?: string;
      limit?: string;
      page?: string;
      order?: "asc" | "desc";
    };
    response: EventsPage;
  };
  "POST /events": {
    /** Create an event */
    body: CreateEventRequest;
    response: CreateEventResponse;
  };
  "PUT /events": {
    /** Enrich an event or a session: objects merge, scalars replace */
    body: UpdateEventRequest;
    response: UpdateEventResponse;
  };
  "POST /events/batch": {
    /** Create events in one request; invalid ones are reported by index and the rest kept */
    body: CreateEventBatchRequest;
    response: CreateEventBatchResponse;
  };
  "GET /events/chart": {
    /** Chart a metric over time, bucketed and optionally grouped (alias of /v1/events/chart) */
    query: {
      project?: string;
      /** count, error (1 for a failed event: avg is the error rate), duration, cost, tokens (= total_tokens), prompt_tokens, completion_tokens, or a numeric metrics.*, metadata.* or feedback.* field */
      metric: string;
      /** event_name, event_type, model, provider, source, session_id, or a metadata.* / user_properties.* / config.* / feedback.* path; the 20 largest groups are named, the rest form one 'other' series */
      groupBy?: string;
      /** minute, hour, day or week (UTC; weeks start on Monday); default hour */
      bucket?: "minute" | "hour" | "day" | "week";
      /** avg, p50, p90, p95, p99, count, sum, min, max; default avg */
      aggregation?: "avg" | "p50" | "p90" | "p95" | "p99" | "count" | "sum" | "min" | "max";
      /** JSON {"$gte": ..., "$lte": ...} */
      dateRange?: string;
      /** JSON array of filters (as in /events/export) */
      filters?: string;
    };
    response: EventChart;
  };
  "POST /events/chart": {
    /** Chart a metric over time (JSON body) (alias of /v1/events/chart) */
    body: EventChartRequest;
    response: EventChart;
  };
  "POST /events/export": {
    /** Query events with filters, a date range, projections and paging */
    body: ExportEventsRequest;
    response: EventsPage;
  };
  "POST /events/model": {
    /** Create a model event (cost computed from usage when the model is priced) */
    body: CreateModelEventRequest;
    response: CreateEventResponse;
  };
  "POST /events/model/batch": {
    /** Create model events in one request */
    body: CreateModelEventBatchRequest;
    response: CreateEventBatchResponse;
  };
  "GET /events/{id}": {
    /** Read one event */
    params: {
      /** Id */
      id: string;
    };
    response: Event;
  };
  "DELETE /events/{id}": {
    /** Delete an event (alias of /v1/events/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "POST /events/{id}/feedback": {
    /** Add human feedback to an event: fields merge into its feedback, with who gave it and when (alias of /v1/events/:id/feedback) */
    params: {
      /** Id */
      id: string;
    };
    body: EventFeedbackRequest;
    response: EventFeedbackResponse;
  };
  "GET /metrics": {
    /** List metrics (evaluator definitions), filtered by name, type, event_name, event_type, enabled_in_prod */
    query: {
      /** Project name (classic API) */
      project_name?: string;
      /** Project name (classic API); the key decides the project */
      project?: string;
      name?: string;
      /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
      type?: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
      event_name?: string;
      event_type?: string;
      /** true or false */
      enabled_in_prod?: "true" | "false";
    };
    response: Metric[];
  };
  "POST /metrics": {
    /** Create a metric (classic and v1 type spellings both accepted) */
    body: CreateMetricRequest | WrappedCreateMetricRequest;
    response: Metric;
  };
  "PUT /metrics": {
    /** Update the metric named by metric_id in the body */
    body: UpdateMetricRequest;
    response: Metric;
  };
  "DELETE /metrics": {
    /** Delete a metric (?metric_id=) */
    query: {
      /** Project name (classic API) */
      project_name?: string;
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Metric id */
      metric_id?: string;
      /** Metric id */
      id?: string;
    };
    response: DeleteMetricResponse;
  };
  "POST /opentelemetry/v1/traces": {
    /** OTLP/HTTP trace ingest (the path HoneyHive SDKs use) */
    body: Record<string, unknown>;
    response: unknown;
  };
  "GET /projects": {
    /** List projects (a non-admin key sees its own) */
    query: {
      name?: string;
      project_id?: string;
      id?: string;
    };
    response: ProjectList;
  };
  "POST /projects": {
    /** Create a project and its first API key (shown once) */
    body: CreateProjectRequest;
    response: CreatedProject;
  };
  "PUT /projects": {
    /** Update a project named by project_id in the body */
    body: UpdateProjectRequest;
    response: Project;
  };
  "DELETE /projects": {
    /** Delete a project (?project_id= or ?name=) with all its data */
    query: {
      name?: string;
      project_id?: string;
      id?: string;
    };
    response: DeleteResponse;
  };
  "GET /projects/{id}": {
    /** Read a project */
    params: {
      /** Id */
      id: string;
    };
    response: Project;
  };
  "PUT /projects/{id}": {
    /** Update a project */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateProjectRequest;
    response: Project;
  };
  "DELETE /projects/{id}": {
    /** Delete a project with all its data */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "POST /projects/{id}/api_keys": {
    /** Create an API key for a project (shown once) */
    params: {
      /** Id */
      id: string;
    };
    response: CreatedApiKey;
  };
  "GET /runs": {
    /** List runs, newest first, with filters and paging */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only runs of this dataset */
      dataset_id?: string;
      /** pending, running, completed, failed, cancelled */
      status?: "pending" | "running" | "completed" | "failed" | "cancelled";
      /** Case-insensitive substring */
      name?: string;
      /** 1-based page; default 1 */
      page?: string;
      /** Runs per page, 1 to 1000; default 100 */
      limit?: string;
      /** created_at, updated_at, name, status; default created_at */
      sort_by?: "created_at" | "updated_at" | "name" | "status";
      /** Default desc */
      sort_order?: "asc" | "desc";
    };
    response: ListRunsResponse;
  };
  "POST /runs": {
    /** Create a run (experiment) */
    body: CreateRunRequest;
    response: CreateRunResponse;
  };
  "GET /runs/compare/events": {
    /** Pair two runs' events per common datapoint and event name, for side-by-side views (alias of /v1/runs/compare/events) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** First run */
      run_id_1: string;
      /** Second run */
      run_id_2: string;
      event_name?: string;
      event_type?: string;
      /** JSON filter or array of filters (as in /events/export) */
      filter?: string;
      /** Pairs per page, 1 to 1000; default 50 */
      limit?: string;
      /** 1-based page */
      page?: string;
    };
    response: RunEventComparison;
  };
  "GET /runs/{id}": {
    /** Read a run */
    params: {
      /** Run id */
      id: string;
    };
    response: GetRunResponse;
  };
  "PUT /runs/{id}": {
    /** Update a run: ids are appended without duplicates, metadata merged, other fields replaced */
    params: {
      /** Run id */
      id: string;
    };
    body: UpdateRunRequest;
    response: GetRunResponse;
  };
  "DELETE /runs/{id}": {
    /** Delete a run (its sessions and events stay) */
    params: {
      /** Run id */
      id: string;
    };
    response: DeleteRunResponse;
  };
  "GET /runs/{id}/result": {
    /** Aggregate every metric of the run's sessions and their events, with pass/fail per datapoint */
    params: {
      /** Run id */
      id: string;
    };
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** average, min, max, median, p90, p95, p99, sum, count; default average */
      aggregate_function?: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
    };
    response: RunResult;
  };
  "GET /runs/{new_run_id}/compare-with/{old_run_id}": {
    /** Compare a run with a baseline run on the datapoints both evaluated */
    params: {
      /** The run to judge */
      new_run_id: string;
      /** The baseline run */
      old_run_id: string;
    };
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** average, min, max, median, p90, p95, p99, sum, count; default average */
      aggregate_function?: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
      /** Comma-separated metric names for which a lower value is an improvement */
      lower_is_better?: string;
    };
    response: RunComparison;
  };
  "POST /session/start": {
    /** Start a session (or complete one that spans created first) */
    body: StartSessionRequest;
    response: StartSessionResponse;
  };
  "GET /session/{id}": {
    /** Read a session event with its aggregates */
    params: {
      /** Id */
      id: string;
    };
    response: Event;
  };
  "DELETE /session/{id}": {
    /** Delete a session and all its events (alias of /v1/sessions/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "GET /tools": {
    /** List tools */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      name?: string;
    };
    response: Tool[];
  };
  "POST /tools": {
    /** Create a tool */
    body: CreateToolRequest;
    response: Tool;
  };
  "PUT /tools": {
    /** Update a tool named by tool_id (or id) in the body */
    body: UpdateToolRequest;
    response: Tool;
  };
  "DELETE /tools": {
    /** Delete a tool (?tool_id=) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Tool id */
      tool_id?: string;
      /** Tool id (older spelling) */
      function_id?: string;
      /** Tool id */
      id?: string;
    };
    response: DeleteToolResponse;
  };
  "GET /v1/api_keys": {
    /** List the API keys of the caller's project (admin keys: ?project=<id|name>) */
    query: {
      /** Project id or name; admin keys may name any project, others only their own */
      project?: string;
    };
    response: ApiKeyList;
  };
  "DELETE /v1/api_keys/{id}": {
    /** Revoke an API key (it stops working at once on this replica) */
    params: {
      /** Id */
      id: string;
    };
    response: RevokeApiKeyResponse;
  };
  "GET /v1/configurations": {
    /** List configurations (latest versions; with env, the version deployed there) (alias of /configurations) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Project name (classic API) */
      project_name?: string;
      /** Exact name */
      name?: string;
      /** Deployment environment: dev, staging or prod */
      env?: "dev" | "staging" | "prod";
      /** LLM (a prompt and model) or pipeline */
      type?: "LLM" | "pipeline";
      /** Comma-separated: configurations with every one of these tags */
      tags?: string;
    };
    response: Configuration[];
  };
  "POST /v1/configurations": {
    /** Create a configuration (version 1), optionally deployed to env (alias of /configurations) */
    body: CreateConfigurationRequest | WrappedCreateConfigurationRequest;
    response: CreateConfigurationResponse;
  };
  "GET /v1/configurations/deployed": {
    /** The configuration named `name` at the version deployed to `env` */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Configuration name */
      name: string;
      /** Deployment environment: dev, staging or prod */
      env: "dev" | "staging" | "prod";
    };
    response: Configuration;
  };
  "GET /v1/configurations/{id}": {
    /** Read a configuration at its latest version */
    params: {
      /** Id */
      id: string;
    };
    response: Configuration;
  };
  "PUT /v1/configurations/{id}": {
    /** Update a configuration: changed content is saved as a new version; env deploys it (alias of /configurations/:id) */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateConfigurationRequest;
    response: Configuration;
  };
  "DELETE /v1/configurations/{id}": {
    /** Delete a configuration with all its versions and deployments (alias of /configurations/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteConfigurationResponse;
  };
  "POST /v1/configurations/{id}/deploy": {
    /** Deploy a version (default: the latest) to an environment, moving it from the version that had it */
    params: {
      /** Id */
      id: string;
    };
    body: DeployConfigurationRequest;
    response: Configuration;
  };
  "DELETE /v1/configurations/{id}/deployments/{env}": {
    /** Remove a configuration from an environment */
    params: {
      /** Configuration id */
      id: string;
      /** Deployment environment: dev, staging or prod */
      env: "dev" | "staging" | "prod";
    };
    response: Configuration;
  };
  "GET /v1/configurations/{id}/versions": {
    /** Every version of a configuration, oldest first */
    params: {
      /** Id */
      id: string;
    };
    response: ConfigurationVersion[];
  };
  "GET /v1/configurations/{id}/versions/{version}": {
    /** One version of a configuration */
    params: {
      /** Configuration id */
      id: string;
      /** Version number (1, 2, ...) */
      version: string;
    };
    response: ConfigurationVersion;
  };
  "GET /v1/datapoints": {
    /** List datapoints: by ids, by dataset (in its order) or all (oldest first) (alias of /datapoints) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only these ids: repeated, comma-separated or a JSON array */
      datapoint_ids?: string | string[];
      /** Only the datapoints of this dataset, in its order */
      dataset_name?: string;
      /** Only the datapoints of this dataset, in its order */
      dataset_id?: string;
      /** At most this many (default and maximum 10000) */
      limit?: string;
      /** Skip this many */
      offset?: string;
    };
    response: DatapointList;
  };
  "POST /v1/datapoints": {
    /** Create a datapoint (linked_datasets appends it to those datasets) (alias of /datapoints) */
    body: CreateDatapointRequest;
    response: CreateDatapointResponse;
  };
  "POST /v1/datapoints/batch": {
    /** Create datapoints in one request; invalid ones are reported by index and the rest kept */
    body: DatapointBatchRequest;
    response: AddDatapointsResponse;
  };
  "GET /v1/datapoints/{id}": {
    /** Read a datapoint (alias of /datapoints/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DatapointRead;
  };
  "PUT /v1/datapoints/{id}": {
    /** Update a datapoint: given fields replace; linked_datasets replaces its datasets (alias of /datapoints/:id) */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateDatapointRequest;
    response: DatapointResponse;
  };
  "DELETE /v1/datapoints/{id}": {
    /** Delete a datapoint (it leaves every dataset) (alias of /datapoints/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DatasetsDeleteResponse;
  };
  "GET /v1/datasets": {
    /** List datasets (datapoint ids with include_datapoints=true) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only this dataset */
      dataset_id?: string;
      /** Only the dataset of this name */
      name?: string;
      /** evaluation (default) or fine-tuning */
      type?: "evaluation" | "fine-tuning";
      /** Add each dataset's datapoint ids (always on for the classic GET /datasets) */
      include_datapoints?: "true" | "false";
    };
    response: V1DatasetList;
  };
  "POST /v1/datasets": {
    /** Create a dataset (optionally with datapoint ids, in order) (alias of /datasets) */
    body: CreateDatasetRequest;
    response: CreateDatasetResponse;
  };
  "POST /v1/datasets/import": {
    /** Create a dataset named by ?name from a JSONL or CSV file; the raw file is the body (application/x-ndjson or text/csv, gzip allowed), streamed and committed every 2000 rows; bad lines are reported by line number */
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
      /** JSON FieldMapping, e.g. {"inputs":["q"],"ground_truth":["a"]} */
      mapping?: string;
      /** Comma-separated keys that become inputs */
      inputs?: string;
      /** Comma-separated keys that become ground truth */
      ground_truth?: string;
      /** Comma-separated keys holding chat messages */
      history?: string;
      name: string;
      description?: string;
      /** evaluation (default) or fine-tuning */
      type?: "evaluation" | "fine-tuning";
    };
    body: unknown;
    response: ImportResult;
  };
  "GET /v1/datasets/{id}": {
    /** Read a dataset with its datapoint ids */
    params: {
      /** Id */
      id: string;
    };
    response: DatasetResponse;
  };
  "PUT /v1/datasets/{id}": {
    /** Update a dataset; datapoints replaces its content */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateDatasetRequest;
    response: DatasetResponse;
  };
  "DELETE /v1/datasets/{id}": {
    /** Delete a dataset, and its datapoints that are in no other dataset */
    params: {
      /** Id */
      id: string;
    };
    response: DatasetsDeleteResponse;
  };
  "POST /v1/datasets/{id}/datapoints": {
    /** Add rows as datapoints: the mapping routes each row's keys; bad rows are reported by index (alias of /datasets/:id/datapoints) */
    params: {
      /** Id */
      id: string;
    };
    body: AddDatapointsRequest;
    response: AddDatapointsResponse;
  };
  "POST /v1/datasets/{id}/datapoints/from-events": {
    /** Make datapoints from traced events (inputs, outputs as ground truth), linked to them */
    params: {
      /** Id */
      id: string;
    };
    body: DatapointsFromEventsRequest;
    response: AddDatapointsResponse;
  };
  "DELETE /v1/datasets/{id}/datapoints/{datapoint_id}": {
    /** Take a datapoint out of a dataset (the datapoint itself stays) */
    params: {
      /** Dataset id */
      id: string;
      /** Datapoint id */
      datapoint_id: string;
    };
    response: DatasetsDeleteResponse;
  };
  "GET /v1/datasets/{id}/export": {
    /** Export a dataset as JSONL (one datapoint per line) or CSV (inputs.*, ground_truth.*, metadata.* columns), streamed */
    params: {
      /** Id */
      id: string;
    };
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
    };
    response: unknown;
  };
  "POST /v1/datasets/{id}/import": {
    /** Import JSONL or CSV rows into a dataset; the raw file is the body (application/x-ndjson or text/csv, gzip allowed), streamed and committed every 2000 rows; bad lines are reported by line number */
    params: {
      /** Id */
      id: string;
    };
    query: {
      /** jsonl or csv; an import without it goes by Content-Type (text/csv is csv) */
      format?: "jsonl" | "csv";
      /** JSON FieldMapping, e.g. {"inputs":["q"],"ground_truth":["a"]} */
      mapping?: string;
      /** Comma-separated keys that become inputs */
      inputs?: string;
      /** Comma-separated keys that become ground truth */
      ground_truth?: string;
      /** Comma-separated keys holding chat messages */
      history?: string;
    };
    body: unknown;
    response: ImportResult;
  };
  "GET /v1/evaluations/status": {
    /** Server-side evaluations of this project: pending, failed (with their errors), and this replica's counts */
    response: EvaluationStatus;
  };
  "GET /v1/events": {
    /** Query events (filters, dateRange and projections as JSON query parameters) (alias of /events) */
    query: {
      project?: string;
      /** JSON array of filters */
      filters?: string;
      /** JSON {"$gte": ..., "$lte": ...} */
      dateRange?: string;
      /** JSON array or comma-separated field names */
      projections?: string;
      limit?: string;
      page?: string;
      order?: "asc" | "desc";
    };
    response: EventsPage;
  };
  "POST /v1/events": {
    /** Create an event (alias of /events) */
    body: CreateEventRequest;
    response: CreateEventResponse;
  };
  "PUT /v1/events": {
    /** Enrich an event or a session: objects merge, scalars replace (alias of /events) */
    body: UpdateEventRequest;
    response: UpdateEventResponse;
  };
  "POST /v1/events/batch": {
    /** Create events in one request; invalid ones are reported by index and the rest kept (alias of /events/batch) */
    body: CreateEventBatchRequest;
    response: CreateEventBatchResponse;
  };
  "GET /v1/events/chart": {
    /** Chart a metric over time, bucketed and optionally grouped */
    query: {
      project?: string;
      /** count, error (1 for a failed event: avg is the error rate), duration, cost, tokens (= total_tokens), prompt_tokens, completion_tokens, or a numeric metrics.*, metadata.* or feedback.* field */
      metric: string;
      /** event_name, event_type, model, provider, source, session_id, or a metadata.* / user_properties.* / config.* / feedback.* path; the 20 largest groups are named, the rest form one 'other' series */
      groupBy?: string;
      /** minute, hour, day or week (UTC; weeks start on Monday); default hour */
      bucket?: "minute" | "hour" | "day" | "week";
      /** avg, p50, p90, p95, p99, count, sum, min, max; default avg */
      aggregation?: "avg" | "p50" | "p90" | "p95" | "p99" | "count" | "sum" | "min" | "max";
      /** JSON {"$gte": ..., "$lte": ...} */
      dateRange?: string;
      /** JSON array of filters (as in /events/export) */
      filters?: string;
    };
    response: EventChart;
  };
  "POST /v1/events/chart": {
    /** Chart a metric over time (JSON body) */
    body: EventChartRequest;
    response: EventChart;
  };
  "POST /v1/events/export": {
    /** Query events with filters, a date range, projections and paging (alias of /events/export) */
    body: ExportEventsRequest;
    response: EventsPage;
  };
  "POST /v1/events/model": {
    /** Create a model event (cost computed from usage when the model is priced) (alias of /events/model) */
    body: CreateModelEventRequest;
    response: CreateEventResponse;
  };
  "POST /v1/events/model/batch": {
    /** Create model events in one request (alias of /events/model/batch) */
    body: CreateModelEventBatchRequest;
    response: CreateEventBatchResponse;
  };
  "GET /v1/events/{id}": {
    /** Every event of a session */
    params: {
      /** Id */
      id: string;
    };
    response: SessionEventsResponse;
  };
  "DELETE /v1/events/{id}": {
    /** Delete an event */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "POST /v1/events/{id}/feedback": {
    /** Add human feedback to an event: fields merge into its feedback, with who gave it and when */
    params: {
      /** Id */
      id: string;
    };
    body: EventFeedbackRequest;
    response: EventFeedbackResponse;
  };
  "GET /v1/live": {
    /** Server-sent events: new events and sessions as they are stored */
    query: {
      /** Only this session's events */
      session_id?: string;
    };
    response: unknown;
  };
  "GET /v1/me": {
    /** The key, its project (or the one named by X-HoneyHive-Project) and the projects it may use */
    response: Me;
  };
  "GET /v1/metrics": {
    /** List metrics (evaluator definitions), filtered by name, type, event_name, event_type, enabled_in_prod (alias of /metrics) */
    query: {
      /** Project name (classic API) */
      project_name?: string;
      /** Project name (classic API); the key decides the project */
      project?: string;
      name?: string;
      /** custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE */
      type?: "custom" | "model" | "human" | "composite" | "PYTHON" | "LLM" | "HUMAN" | "COMPOSITE";
      event_name?: string;
      event_type?: string;
      /** true or false */
      enabled_in_prod?: "true" | "false";
    };
    response: Metric[];
  };
  "POST /v1/metrics": {
    /** Create a metric (classic and v1 type spellings both accepted) (alias of /metrics) */
    body: CreateMetricRequest | WrappedCreateMetricRequest;
    response: Metric;
  };
  "PUT /v1/metrics": {
    /** Update the metric named by metric_id in the body (alias of /metrics) */
    body: UpdateMetricRequest;
    response: Metric;
  };
  "DELETE /v1/metrics": {
    /** Delete a metric (?metric_id=) (alias of /metrics) */
    query: {
      /** Project name (classic API) */
      project_name?: string;
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Metric id */
      metric_id?: string;
      /** Metric id */
      id?: string;
    };
    response: DeleteMetricResponse;
  };
  "POST /v1/metrics/run_metric": {
    /** Evaluate a metric on an event where the server can (composites of scores on the event, pass rules); 422 HH_E_METRIC_NOT_RUNNABLE otherwise */
    body: RunMetricRequest;
    response: RunMetricResponse;
  };
  "GET /v1/metrics/{id}": {
    /** Read a metric */
    params: {
      /** Id */
      id: string;
    };
    response: Metric;
  };
  "PUT /v1/metrics/{id}": {
    /** Update a metric */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateMetricRequest;
    response: Metric;
  };
  "DELETE /v1/metrics/{id}": {
    /** Delete a metric */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteMetricResponse;
  };
  "GET /v1/projects": {
    /** List projects (a non-admin key sees its own) (alias of /projects) */
    query: {
      name?: string;
      project_id?: string;
      id?: string;
    };
    response: ProjectList;
  };
  "POST /v1/projects": {
    /** Create a project and its first API key (shown once) (alias of /projects) */
    body: CreateProjectRequest;
    response: CreatedProject;
  };
  "PUT /v1/projects": {
    /** Update a project named by project_id in the body (alias of /projects) */
    body: UpdateProjectRequest;
    response: Project;
  };
  "DELETE /v1/projects": {
    /** Delete a project (?project_id= or ?name=) with all its data (alias of /projects) */
    query: {
      name?: string;
      project_id?: string;
      id?: string;
    };
    response: DeleteResponse;
  };
  "GET /v1/projects/{id}": {
    /** Read a project (alias of /projects/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: Project;
  };
  "PUT /v1/projects/{id}": {
    /** Update a project (alias of /projects/:id) */
    params: {
      /** Id */
      id: string;
    };
    body: UpdateProjectRequest;
    response: Project;
  };
  "DELETE /v1/projects/{id}": {
    /** Delete a project with all its data (alias of /projects/:id) */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "POST /v1/projects/{id}/api_keys": {
    /** Create an API key for a project (shown once) (alias of /projects/:id/api_keys) */
    params: {
      /** Id */
      id: string;
    };
    response: CreatedApiKey;
  };
  "GET /v1/runs": {
    /** List runs, newest first, with filters and paging (alias of /runs) */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** Only runs of this dataset */
      dataset_id?: string;
      /** pending, running, completed, failed, cancelled */
      status?: "pending" | "running" | "completed" | "failed" | "cancelled";
      /** Case-insensitive substring */
      name?: string;
      /** 1-based page; default 1 */
      page?: string;
      /** Runs per page, 1 to 1000; default 100 */
      limit?: string;
      /** created_at, updated_at, name, status; default created_at */
      sort_by?: "created_at" | "updated_at" | "name" | "status";
      /** Default desc */
      sort_order?: "asc" | "desc";
    };
    response: ListRunsResponse;
  };
  "POST /v1/runs": {
    /** Create a run (experiment) (alias of /runs) */
    body: CreateRunRequest;
    response: CreateRunResponse;
  };
  "GET /v1/runs/compare/events": {
    /** Pair two runs' events per common datapoint and event name, for side-by-side views */
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** First run */
      run_id_1: string;
      /** Second run */
      run_id_2: string;
      event_name?: string;
      event_type?: string;
      /** JSON filter or array of filters (as in /events/export) */
      filter?: string;
      /** Pairs per page, 1 to 1000; default 50 */
      limit?: string;
      /** 1-based page */
      page?: string;
    };
    response: RunEventComparison;
  };
  "GET /v1/runs/{id}": {
    /** Read a run (alias of /runs/:id) */
    params: {
      /** Run id */
      id: string;
    };
    response: GetRunResponse;
  };
  "PUT /v1/runs/{id}": {
    /** Update a run: ids are appended without duplicates, metadata merged, other fields replaced (alias of /runs/:id) */
    params: {
      /** Run id */
      id: string;
    };
    body: UpdateRunRequest;
    response: GetRunResponse;
  };
  "DELETE /v1/runs/{id}": {
    /** Delete a run (its sessions and events stay) (alias of /runs/:id) */
    params: {
      /** Run id */
      id: string;
    };
    response: DeleteRunResponse;
  };
  "GET /v1/runs/{id}/metrics": {
    /** Aggregate every metric of the run's sessions and their events, with pass/fail per datapoint (alias of /runs/:id/result) */
    params: {
      /** Run id */
      id: string;
    };
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** average, min, max, median, p90, p95, p99, sum, count; default average */
      aggregate_function?: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
    };
    response: RunResult;
  };
  "GET /v1/runs/{id}/result": {
    /** Aggregate every metric of the run's sessions and their events, with pass/fail per datapoint (alias of /runs/:id/result) */
    params: {
      /** Run id */
      id: string;
    };
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** average, min, max, median, p90, p95, p99, sum, count; default average */
      aggregate_function?: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
    };
    response: RunResult;
  };
  "GET /v1/runs/{new_run_id}/compare-with/{old_run_id}": {
    /** Compare a run with a baseline run on the datapoints both evaluated (alias of /runs/:new_run_id/compare-with/:old_run_id) */
    params: {
      /** The run to judge */
      new_run_id: string;
      /** The baseline run */
      old_run_id: string;
    };
    query: {
      /** Project name (classic API); the key decides the project */
      project?: string;
      /** average, min, max, median, p90, p95, p99, sum, count; default average */
      aggregate_function?: "average" | "min" | "max" | "median" | "p90" | "p95" | "p99" | "sum" | "count";
      /** Comma-separated metric names for which a lower value is an improvement */
      lower_is_better?: string;
    };
    response: RunComparison;
  };
  "GET /v1/sdk/health": {
    /** The latest health report of every SDK client of the project */
    response: SdkHealth;
  };
  "POST /v1/sdk/health": {
    /** Report an SDK instance's export counters (replaces its previous report) */
    body: SdkHealthReport;
    response: SdkHealthAccepted;
  };
  "POST /v1/session/start": {
    /** Start a session (or complete one that spans created first) (alias of /session/start) */
    body: StartSessionRequest;
    response: StartSessionResponse;
  };
  "GET /v1/sessions/list": {
    /** List sessions with their rollups (filters, sort, keyset paging) */
    query: {
      /** Sessions starting at or after (Unix epoch ms) */
      start_time?: string;
      /** Sessions starting at or before (Unix epoch ms) */
      end_time?: string;
      /** Case-insensitive substring of the session name */
      search?: string;
      /** Exact source */
      source?: string;
      /** user_properties.user_id of the session */
      user_id?: string;
      /** Only sessions with (or without) failed events */
      has_error?: "true" | "false";
      /** JSON array of filters as in /events/export, applied to the session event (metadata.*, metrics.*, feedback.*, ...) */
      filters?: string;
      /** start_time, duration, event_count, total_tokens, cost, error_count; default start_time */
      sort_by?: "start_time" | "duration" | "event_count" | "total_tokens" | "cost" | "error_count";
      /** Default desc */
      sort_order?: "asc" | "desc";
      /** Sessions per page, 1 to 200; default 50 */
      limit?: string;
      /** next_cursor of the previous page */
      cursor?: string;
    };
    response: SessionList;
  };
  "POST /v1/sessions/start": {
    /** Start a session (or complete one that spans created first) (alias of /session/start) */
    body: StartSessionRequest;
    response: StartSessionResponse;
  };
  "GET /v1/sessions/{id}": {
    /** Read a session as a tree of events with aggregates */
    params: {
      /** Id */
      id: string;
    };
    response: EventNode;
  };
  "DELETE /v1/sessions/{id}": {
    /** Delete a session and all its events */
    params: {
      /** Id */
      id: string;
    };
    response: DeleteResponse;
  };
  "POST /v1/traces": {
    /** OTLP/HTTP trace ingest for plain OpenTelemetry exporters */
    body: Record<string, unknown>;
    response: unknown;
  };
}
