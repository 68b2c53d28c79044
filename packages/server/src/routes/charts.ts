import { Type } from "@sinclair/typebox";
import { checkProjectName } from "../auth/context.js";
import { HoneyHiveError } from "../errors.js";
import { FilterSchema } from "../http/schemas.js";
import {
  CHART_AGGREGATIONS,
  CHART_BUCKETS,
  type ChartAggregation,
  type ChartBucket,
  type ChartQuery,
  eventChart,
} from "../resources/charts/chart.js";
import type { EventFilter } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";

const Literals = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Bucket = Literals(
  Object.keys(CHART_BUCKETS),
  "minute, hour, day or week (UTC; weeks start on Monday); default hour",
);
const Aggregation = Literals(CHART_AGGREGATIONS, `${CHART_AGGREGATIONS.join(", ")}; default avg`);
const Metric = Type.String({
  minLength: 1,
  maxLength: 500,
  description:
    "count, error (1 for a failed event: avg is the error rate), duration, cost, tokens (= total_tokens), prompt_tokens, completion_tokens, or a numeric metrics.*, metadata.* or feedback.* field",
});
const GroupBy = Type.String({
  minLength: 1,
  maxLength: 500,
  description:
    "event_name, event_type, model, provider, source, session_id, or a metadata.* / user_properties.* / config.* / feedback.* path; the 20 largest groups are named, the rest form one 'other' series",
});
const DateBound = Type.Union([Type.Number(), Type.String({ minLength: 1 })], {
  description: "Epoch ms or an ISO-8601 date",
});

const ChartBody = Type.Object(
  {
    project: Type.Optional(Type.String()),
    metric: Metric,
    groupBy: Type.Optional(GroupBy),
    bucket: Type.Optional(Bucket),
    aggregation: Type.Optional(Aggregation),
    dateRange: Type.Optional(
      Type.Object(
        { $gte: Type.Optional(DateBound), $lte: Type.Optional(DateBound) },
        {
          description:
            "Start-time range; default: ending now, 1 day for minute buckets, 7 days for hour, 90 for day, 52 weeks for week",
        },
      ),
    ),
    filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 50 })),
  },
  { title: "EventChartRequest" },
);

const ChartQueryString = Type.Object({
  project: Type.Optional(Type.String()),
  metric: Metric,
  groupBy: Type.Optional(GroupBy),
  bucket: Type.Optional(Bucket),
  aggregation: Type.Optional(Aggregation),
  dateRange: Type.Optional(Type.String({ description: 'JSON {"$gte": ..., "$lte": ...}' })),
  filters: Type.Optional(Type.String({ description: "JSON array of filters (as in /events/export)" })),
});

const ChartResponse = Type.Object(
  {
    metric: Type.String(),
    aggregation: Aggregation,
    bucket: Bucket,
    groupBy: Type.Union([Type.String(), Type.Null()]),
    dateRange: Type.Object({ $gte: Type.Number(), $lte: Type.Number() }),
    series: Type.Array(
      Type.Object(
        {
          group: Type.Union([Type.String(), Type.Null()], {
            description:
              "Group value ('(none)' when missing); null without groupBy and for the 'other' series",
          }),
          other: Type.Boolean({ description: "True for the series of all groups beyond the largest 20" }),
          points: Type.Array(
            Type.Object({
              t: Type.Number({ description: "Bucket start, epoch ms (UTC)" }),
              value: Type.Number(),
              count: Type.Integer({ description: "Events with a value in the bucket" }),
            }),
            { description: "Buckets with at least one value, in time order" },
          ),
        },
        { title: "EventChartSeries" },
      ),
    ),
  },
  { title: "EventChart" },
);

/** A JSON value given URL-encoded in a query parameter (charts, run comparisons); 400 naming it when invalid. */
export function parseJsonQuery(raw: string | undefined, field: string, example: string): unknown {
  if (raw === undefined || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HoneyHiveError(
      "HH_E_VALIDATION",
      400,
      `${field} is not valid JSON`,
      `Send ${field} as URL-encoded JSON, e.g. ${example}.`,
      { field },
    );
  }
}

interface ChartInput {
  project?: string;
  metric: string;
  groupBy?: string;
  bucket?: ChartBucket;
  aggregation?: ChartAggregation;
  dateRange?: ChartQuery["dateRange"];
  filters?: EventFilter[];
}

const toQuery = (projectId: string, input: ChartInput): ChartQuery => ({
  projectId,
  metric: input.metric,
  ...(input.groupBy !== undefined ? { groupBy: input.groupBy } : {}),
  bucket: input.bucket ?? "hour",
  aggregation: input.aggregation ?? "avg",
  ...(input.dateRange !== undefined ? { dateRange: input.dateRange } : {}),
  ...(input.filters !== undefined ? { filters: input.filters } : {}),
});

/** The events chart: GET with query parameters (JSON ones URL-encoded) or POST with a JSON body. */
export function chartRoutes({ api, storage }: RouteDeps): void {
  const spec = { paths: ["/v1/events/chart", "/events/chart"], tag: "events", response: ChartResponse };
  api.add(
    {
      ...spec,
      method: "GET",
      summary: "Chart a metric over time, bucketed and optionally grouped",
      querystring: ChartQueryString,
    },
    async (req, _reply, auth) => {
      const q = req.query as Omit<ChartInput, "dateRange" | "filters"> & {
        dateRange?: string;
        filters?: string;
      };
      checkProjectName(auth, q.project);
      const dateRange = parseJsonQuery(q.dateRange, "dateRange", '{"$gte":1700000000000}');
      const filters = parseJsonQuery(
        q.filters,
        "filters",
        '[{"field":"event_type","operator":"is","value":"model"}]',
      );
      if (
        dateRange !== undefined &&
        (typeof dateRange !== "object" || dateRange === null || Array.isArray(dateRange))
      ) {
        throw new HoneyHiveError(
          "HH_E_VALIDATION",
          400,
          "dateRange must be a JSON object",
          'Send {"$gte": ..., "$lte": ...}.',
          {
            field: "dateRange",
          },
        );
      }
      if (filters !== undefined && !Array.isArray(filters)) {
        throw new HoneyHiveError(
          "HH_E_VALIDATION",
          400,
          "filters must be a JSON array",
          "Send a JSON array of filters.",
          {
            field: "filters",
          },
        );
      }
      return eventChart(
        storage.sql,
        toQuery(auth.projectId, {
          ...q,
          ...(dateRange !== undefined ? { dateRange: dateRange as ChartQuery["dateRange"] } : {}),
          ...(filters !== undefined ? { filters: filters as EventFilter[] } : {}),
        } as ChartInput),
      );
    },
  );
  api.add(
    { ...spec, method: "POST", summary: "Chart a metric over time (JSON body)", body: ChartBody },
    async (req, _reply, auth) => {
      const body = req.body as ChartInput;
      checkProjectName(auth, body.project);
      return eventChart(storage.sql, toQuery(auth.projectId, body));
    },
  );
}
