import { type TSchema, Type } from "@sinclair/typebox";
import { AGGREGATE_FUNCTIONS } from "../resources/runs/stats.js";
import { RUN_SORT_FIELDS, RUN_STATUSES } from "../resources/runs/types.js";

/** Request and response schemas of the runs (experiments) API. */

const Obj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Ids = (description: string) => Type.Array(Id("Id"), { maxItems: 10_000, description });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Digits = (description: string) => Type.String({ pattern: "^[0-9]+$", description });
const Project = Type.Optional(
  Type.String({ description: "Project name (classic API); the key decides the project" }),
);

const StatusSchema = Literals(RUN_STATUSES, RUN_STATUSES.join(", "));
const AggregateSchema = Literals(AGGREGATE_FUNCTIONS, `${AGGREGATE_FUNCTIONS.join(", ")}; default average`);

const runFields = {
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  dataset_id: Type.Optional(Nullable(Id("Dataset the run evaluated"))),
  event_ids: Type.Optional(Ids("Session ids (or any event id of a session) of the run")),
  datapoint_ids: Type.Optional(Ids("Datapoint ids, aligned by position with the run's sessions")),
  session_ids: Type.Optional(Ids("Session ids of the run")),
  configuration: Type.Optional(Obj("The configuration evaluated (model, prompt, ...)")),
  metadata: Type.Optional(Obj("Metadata")),
  status: Type.Optional(StatusSchema),
  results: Type.Optional(Nullable(Obj("Results stored by the client"))),
};

export const CreateRunBody = Type.Object(
  { project: Project, name: Type.String({ minLength: 1, maxLength: 1000 }), ...runFields },
  { title: "CreateRunRequest" },
);

export const UpdateRunBody = Type.Object(
  { project: Project, name: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), ...runFields },
  {
    title: "UpdateRunRequest",
    description:
      "event_ids, session_ids and datapoint_ids are appended (ids already there are skipped); metadata is merged; other fields replace.",
  },
);

export const RunIdParams = Type.Object({ id: Id("Run id") });
export const CompareParams = Type.Object({
  new_run_id: Id("The run to judge"),
  old_run_id: Id("The baseline run"),
});

export const ListRunsQuery = Type.Object({
  project: Project,
  dataset_id: Type.Optional(Id("Only runs of this dataset")),
  status: Type.Optional(StatusSchema),
  name: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: "Case-insensitive substring" }),
  ),
  page: Type.Optional(Digits("1-based page; default 1")),
  limit: Type.Optional(Digits("Runs per page, 1 to 1000; default 100")),
  sort_by: Type.Optional(Literals(RUN_SORT_FIELDS, `${RUN_SORT_FIELDS.join(", ")}; default created_at`)),
  sort_order: Type.Optional(Literals(["asc", "desc"], "Default desc")),
});

export const RunResultQuery = Type.Object({
  project: Project,
  aggregate_function: Type.Optional(AggregateSchema),
});

export const CompareQuery = Type.Object({
  project: Project,
  aggregate_function: Type.Optional(AggregateSchema),
  lower_is_better: Type.Optional(
    Type.String({ description: "Comma-separated metric names for which a lower value is an improvement" }),
  ),
});

export const CompareEventsQuery = Type.Object({
  project: Project,
  run_id_1: Id("First run"),
  run_id_2: Id("Second run"),
  event_name: Type.Optional(Type.String({ minLength: 1 })),
  event_type: Type.Optional(Type.String({ minLength: 1 })),
  filter: Type.Optional(
    Type.String({ description: "JSON filter or array of filters (as in /events/export)" }),
  ),
  limit: Type.Optional(Digits("Pairs per page, 1 to 1000; default 50")),
  page: Type.Optional(Digits("1-based page")),
});

export const RunSchema = Type.Object(
  {
    run_id: Type.String(),
    project_id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    dataset_id: Nullable(Type.String()),
    event_ids: Type.Array(Type.String()),
    datapoint_ids: Type.Array(Type.String()),
    session_ids: Type.Array(Type.String()),
    configuration: Obj("Configuration"),
    metadata: Obj("Metadata"),
    status: StatusSchema,
    results: Nullable(Obj("Results stored by the client")),
    created_at: Type.Number({ description: "Epoch ms" }),
    updated_at: Type.Number({ description: "Epoch ms" }),
  },
  { title: "Run" },
);

export const CreateRunResponse = Type.Object(
  { run_id: Type.String(), evaluation: RunSchema },
  { title: "CreateRunResponse" },
);
export const GetRunResponse = Type.Object({ evaluation: RunSchema }, { title: "GetRunResponse" });
export const ListRunsResponse = Type.Object(
  { evaluations: Type.Array(RunSchema), total: Type.Integer(), page: Type.Integer(), limit: Type.Integer() },
  { title: "ListRunsResponse" },
);
export const DeleteRunResponse = Type.Object(
  { id: Type.String(), deleted: Type.Boolean() },
  { title: "DeleteRunResponse" },
);

const stat = (d: string) => Type.Number({ description: d });
const MetricDetailSchema = Type.Object(
  {
    metric_name: Type.String(),
    event_name: Type.String({
      description: "Event the values were found on (the session name for session metrics)",
    }),
    metric_type: Type.String(),
    aggregate: stat("The requested aggregate function's value"),
    values_count: Type.Integer(),
    passed_count: Type.Integer(),
    failed_count: Type.Integer(),
    average: stat("Mean"),
    min: stat("Minimum"),
    max: stat("Maximum"),
    median: stat("50th percentile"),
    p90: stat("90th percentile (linear interpolation)"),
    p95: stat("95th percentile"),
    p99: stat("99th percentile"),
    sum: stat("Sum"),
    count: stat("Number of values"),
  },
  { title: "RunMetricDetail" },
);

const MetricValueSchema = Type.Union([Type.Number(), Type.Boolean()]);
const DatapointResultSchema = Type.Object(
  {
    datapoint_id: Type.String(),
    session_id: Type.String(),
    passed: Type.Boolean(),
    metrics: Type.Array(
      Type.Object({
        name: Type.String(),
        event_name: Type.String(),
        value: MetricValueSchema,
        passed: Nullable(Type.Boolean({ description: "Null when the metric has no pass rule" })),
      }),
    ),
  },
  { title: "RunDatapointResult" },
);

export const RunResultSchema = Type.Object(
  {
    run_id: Type.String(),
    status: StatusSchema,
    success: Type.Boolean({ description: "True when no datapoint failed" }),
    passed: Type.Array(Type.String(), { description: "Datapoint ids that passed" }),
    failed: Type.Array(Type.String(), { description: "Datapoint ids that failed" }),
    metrics: Type.Object({ aggregation_function: AggregateSchema, details: Type.Array(MetricDetailSchema) }),
    datapoints: Type.Array(DatapointResultSchema),
  },
  { title: "RunResult" },
);

const MetricComparisonSchema = Type.Object(
  {
    metric_name: Type.String(),
    event_name: Type.String(),
    metric_type: Nullable(Type.String()),
    lower_is_better: Type.Boolean(),
    old_aggregate: Nullable(Type.Number()),
    new_aggregate: Nullable(Type.Number()),
    improved_count: Type.Integer(),
    degraded_count: Type.Integer(),
    same_count: Type.Integer(),
    improved: Type.Array(Type.String()),
    degraded: Type.Array(Type.String()),
    same: Type.Array(Type.String()),
  },
  { title: "RunMetricComparison" },
);

export const RunComparisonSchema = Type.Object(
  {
    new_run_id: Type.String(),
    old_run_id: Type.String(),
    aggregate_function: AggregateSchema,
    commonDatapoints: Type.Array(Type.String()),
    only_in_new: Type.Array(Type.String()),
    only_in_old: Type.Array(Type.String()),
    only_in_new_count: Type.Integer(),
    only_in_old_count: Type.Integer(),
    metrics: Type.Array(MetricComparisonSchema),
  },
  { title: "RunComparison" },
);

const PairedEventSchema = Type.Object(
  {
    event_id: Type.String(),
    session_id: Type.String(),
    parent_id: Nullable(Type.String()),
    event_type: Type.String(),
    event_name: Type.String(),
    start_time: Type.Number(),
    duration: Type.Number(),
    inputs: Obj("Inputs"),
    outputs: Obj("Outputs"),
    error: Nullable(Type.String()),
    metrics: Obj("Metrics"),
    metadata: Obj("Metadata"),
  },
  { title: "RunPairedEvent" },
);

export const EventPairsSchema = Type.Object(
  {
    run_id_1: Type.String(),
    run_id_2: Type.String(),
    commonDatapoints: Type.Integer({ description: "Datapoints with matching events in both runs" }),
    totalEvents: Type.Integer({ description: "Pairs before paging" }),
    events: Type.Array(
      Type.Object({
        datapoint_id: Type.String(),
        event_name: Type.String(),
        event_1: PairedEventSchema,
        event_2: PairedEventSchema,
      }),
    ),
  },
  { title: "RunEventComparison" },
);
