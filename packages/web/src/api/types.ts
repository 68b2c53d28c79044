/**
 * Shapes the app reads. Existing endpoints use the SDK's types generated from
 * the server's /openapi.json; the web-specific endpoints (session list, live
 * feed, SDK health, /v1/me) are declared here as the contract gives them.
 */
export type {
  Configuration,
  ConfigurationVersion,
  Datapoint,
  Dataset,
  Event,
  EventChart,
  EventChartSeries,
  EventFilter,
  ImportResult,
  Project,
  Run,
  RunComparison,
  RunDatapointResult,
  RunEventComparison,
  RunMetricComparison,
  RunPairedEvent,
  RunResult,
} from "@honeyhive-ts/sdk";

export interface SessionSummary {
  session_id: string;
  session_name: string;
  source: string;
  user_id: string | null;
  start_time: number;
  end_time: number;
  duration_ms: number;
  event_count: number;
  error_count: number;
  model_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  feedback: Record<string, unknown>;
  metadata: Record<string, unknown>;
  metrics: Record<string, unknown>;
  running: boolean;
}

export type SessionSort = "start_time" | "duration" | "event_count" | "total_tokens" | "cost" | "error_count";

export interface SessionQuery {
  start_time?: number;
  end_time?: number;
  search?: string;
  source?: string;
  user_id?: string;
  has_error?: "true" | "false";
  filters?: { field: string; operator: string; value?: unknown; type?: string }[];
  sort_by?: SessionSort;
  sort_order?: "asc" | "desc";
  limit?: number;
  cursor?: string;
}

export interface SessionPage {
  sessions: SessionSummary[];
  next_cursor: string | null;
}

export interface SdkClient {
  source: string;
  sdk_name: string;
  sdk_version: string;
  service_name: string;
  instance_id: string;
  last_seen: number;
  spans_exported: number;
  spans_dropped: number;
  dropped_by_reason: Record<string, number>;
  buffer_bytes: number;
}

export interface Me {
  project: { id: string; name: string };
  key: { id: string; name: string; is_admin: boolean };
  projects: { id: string; name: string }[];
}
