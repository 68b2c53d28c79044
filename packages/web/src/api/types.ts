/**
 * Shapes the app reads: the SDK's types generated from the server's
 * /openapi.json, so a change of the contract breaks the app's type check
 * instead of drifting from it. Only the session list's query is the app's
 * own: the same fields before they are written into the query string.
 */
import type { ApiOperations, EventFilter } from "@honeyhive-ts/sdk";

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
  Me,
  Project,
  Run,
  RunComparison,
  RunDatapointResult,
  RunEventComparison,
  RunMetricComparison,
  RunPairedEvent,
  RunResult,
  SdkClient,
  SessionList as SessionPage,
  SessionSummary,
} from "@honeyhive-ts/sdk";

type SessionListQuery = ApiOperations["GET /v1/sessions/list"]["query"];

export type SessionSort = NonNullable<SessionListQuery["sort_by"]>;

/** The query of GET /v1/sessions/list with numbers as numbers and the filters as a list. */
export interface SessionQuery
  extends Omit<SessionListQuery, "start_time" | "end_time" | "limit" | "filters"> {
  start_time?: number;
  end_time?: number;
  limit?: number;
  filters?: EventFilter[];
}
