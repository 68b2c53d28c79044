import { type TSchema, Type } from "@sinclair/typebox";

/** Request schemas: validated by Fastify (ajv) and published in /openapi.json. */

const Obj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const EventTypeSchema = Type.Union([Type.Literal("model"), Type.Literal("tool"), Type.Literal("chain")], {
  description: "model, tool or chain",
});
const Ms = (description: string) => Type.Number({ description: `${description} (Unix epoch ms)` });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const eventFields = {
  project: Type.Optional(
    Type.String({ description: "Project name (classic API); the key decides the project" }),
  ),
  event_id: Type.Optional(Id("UUID; generated when absent")),
  session_id: Type.Optional(Id("Session UUID; a new session when absent")),
  parent_id: Type.Optional(Nullable(Id("Parent event id; the session when absent"))),
  children_ids: Type.Optional(Type.Array(Type.String())),
  event_name: Type.String({ minLength: 1, maxLength: 1000 }),
  source: Type.Optional(Type.String({ maxLength: 200 })),
  config: Type.Optional(Obj("Model or tool configuration")),
  inputs: Type.Optional(Obj("Inputs")),
  outputs: Type.Optional(Obj("Outputs")),
  error: Type.Optional(Nullable(Type.String())),
  start_time: Type.Optional(Ms("Start")),
  end_time: Type.Optional(Ms("End")),
  duration: Type.Optional(Type.Number({ minimum: 0, description: "Milliseconds" })),
  metadata: Type.Optional(Obj("Metadata")),
  feedback: Type.Optional(Obj("User feedback")),
  metrics: Type.Optional(Obj("Metrics and evaluator scores")),
  user_properties: Type.Optional(Obj("User properties")),
};

export const CreateEventSchema = Type.Object(
  { ...eventFields, event_type: EventTypeSchema },
  { title: "CreateEvent" },
);

export const ModelEventSchema = Type.Object(
  {
    ...eventFields,
    event_name: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    model: Type.String({ minLength: 1 }),
    provider: Type.Optional(Type.String()),
    messages: Type.Optional(Type.Array(Obj("A chat message {role, content, ...}"))),
    response: Type.Optional(Type.Unknown({ description: "The model's response message or text" })),
    usage: Type.Optional(
      Type.Object({
        prompt_tokens: Type.Optional(Type.Number({ minimum: 0 })),
        completion_tokens: Type.Optional(Type.Number({ minimum: 0 })),
        total_tokens: Type.Optional(Type.Number({ minimum: 0 })),
      }),
    ),
    cost: Type.Optional(Type.Number({ minimum: 0 })),
    hyperparameters: Type.Optional(Obj("Temperature, max_tokens, ...")),
    tools: Type.Optional(Type.Array(Type.Unknown())),
    tool_choice: Type.Optional(Type.Unknown()),
    template: Type.Optional(Type.Unknown()),
  },
  { title: "CreateModelEvent" },
);

const sessionProperties = Type.Object({
  session_name: Type.Optional(Type.String({ maxLength: 1000 })),
  source: Type.Optional(Type.String({ maxLength: 200 })),
  inputs: Type.Optional(Obj("Session inputs")),
  metadata: Type.Optional(Obj("Session metadata")),
  user_properties: Type.Optional(Obj("User properties")),
  config: Type.Optional(Obj("Session configuration")),
});

export const EventBody = Type.Object({ event: CreateEventSchema }, { title: "CreateEventRequest" });
/** Batch items are validated one by one (a bad event never loses the good ones). */
const BatchItems = (itemName: string) =>
  Type.Array(Type.Unknown({ description: `Each validated on its own as ${itemName}` }), {
    maxItems: 10_000,
  });

export const EventBatchBody = Type.Object(
  {
    events: BatchItems("the event of POST /events"),
    is_single_session: Type.Optional(Type.Boolean()),
    session_properties: Type.Optional(sessionProperties),
  },
  { title: "CreateEventBatchRequest" },
);
export const ModelEventBody = Type.Object(
  { model_event: ModelEventSchema },
  { title: "CreateModelEventRequest" },
);
export const ModelEventBatchBody = Type.Object(
  {
    model_events: BatchItems("the model_event of POST /events/model"),
    is_single_session: Type.Optional(Type.Boolean()),
    session_properties: Type.Optional(sessionProperties),
  },
  { title: "CreateModelEventBatchRequest" },
);

export const UpdateEventBody = Type.Object(
  {
    event_id: Id("Event id; a session id enriches the session"),
    project: Type.Optional(Type.String()),
    metadata: Type.Optional(Obj("Merged into metadata")),
    feedback: Type.Optional(Obj("Merged into feedback")),
    metrics: Type.Optional(Obj("Merged into metrics")),
    outputs: Type.Optional(Obj("Merged into outputs")),
    inputs: Type.Optional(Obj("Merged into inputs")),
    config: Type.Optional(Obj("Merged into config")),
    user_properties: Type.Optional(Obj("Merged into user_properties")),
    duration: Type.Optional(Type.Number({ minimum: 0 })),
    end_time: Type.Optional(Ms("End")),
    error: Type.Optional(Nullable(Type.String())),
  },
  { title: "UpdateEventRequest" },
);

export const SessionStartBody = Type.Object(
  {
    session: Type.Object({
      project: Type.Optional(Type.String()),
      session_id: Type.Optional(Id("Client-chosen session UUID")),
      session_name: Type.Optional(Type.String({ maxLength: 1000 })),
      event_name: Type.Optional(Type.String({ maxLength: 1000 })),
      source: Type.Optional(Type.String({ maxLength: 200 })),
      inputs: Type.Optional(Obj("Session inputs")),
      outputs: Type.Optional(Obj("Session outputs")),
      metadata: Type.Optional(Obj("Session metadata")),
      user_properties: Type.Optional(Obj("User properties")),
      config: Type.Optional(Obj("Session configuration")),
      feedback: Type.Optional(Obj("Feedback")),
      metrics: Type.Optional(Obj("Metrics")),
      start_time: Type.Optional(Ms("Start")),
      end_time: Type.Optional(Ms("End")),
      duration: Type.Optional(Type.Number({ minimum: 0 })),
    }),
  },
  { title: "StartSessionRequest" },
);

export const FilterSchema = Type.Object(
  {
    field: Type.String({ minLength: 1, description: "Column or dotted path, e.g. metadata.cost" }),
    operator: Type.Union(
      ["is", "is not", "contains", "not contains", "greater than", "less than", "exists", "not exists"].map(
        (o) => Type.Literal(o),
      ),
    ),
    value: Type.Optional(Type.Unknown()),
    type: Type.Optional(
      Type.Union(["string", "number", "boolean", "id", "datetime"].map((t) => Type.Literal(t))),
    ),
  },
  { title: "EventFilter" },
);

const DateBound = Type.Union([Type.Number(), Type.String({ minLength: 1 })], {
  description: "Epoch ms or an ISO-8601 date",
});

export const ExportBody = Type.Object(
  {
    project: Type.Optional(Type.String()),
    filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 50 })),
    dateRange: Type.Optional(Type.Object({ $gte: Type.Optional(DateBound), $lte: Type.Optional(DateBound) })),
    projections: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  },
  { title: "ExportEventsRequest" },
);

export const ExportQuery = Type.Object({
  project: Type.Optional(Type.String()),
  filters: Type.Optional(Type.String({ description: "JSON array of filters" })),
  dateRange: Type.Optional(Type.String({ description: 'JSON {"$gte": ..., "$lte": ...}' })),
  projections: Type.Optional(Type.String({ description: "JSON array or comma-separated field names" })),
  limit: Type.Optional(Type.String({ pattern: "^[0-9]+$" })),
  page: Type.Optional(Type.String({ pattern: "^[0-9]+$" })),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
});

export const IdParams = Type.Object({ id: Id("Id") });

export const ProjectBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { title: "CreateProjectRequest" },
);
export const ProjectUpdateBody = Type.Object(
  {
    project_id: Type.Optional(Id("Project id (classic body form)")),
    id: Type.Optional(Id("Project id")),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { title: "UpdateProjectRequest" },
);
export const ProjectQuery = Type.Object({
  name: Type.Optional(Type.String()),
  project_id: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
});

/*
 * Response schemas: documentation only (responses are not validated), but the
 * SDK's types are generated from them, so they must say what handlers return.
 */

const JsonObj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

const storedEventFields = {
  event_id: Type.String(),
  project_id: Type.String(),
  session_id: Type.String(),
  parent_id: Nullable(Type.String()),
  children_ids: Type.Array(Type.String()),
  event_type: Type.Union(["session", "model", "tool", "chain"].map((t) => Type.Literal(t))),
  event_name: Type.String(),
  source: Type.String(),
  config: JsonObj("Model or tool configuration"),
  inputs: JsonObj("Inputs"),
  outputs: JsonObj("Outputs"),
  error: Nullable(Type.String()),
  start_time: Ms("Start"),
  end_time: Ms("End"),
  duration: Type.Number({ description: "Milliseconds" }),
  metadata: JsonObj("Metadata (sessions: aggregates num_events, cost, total_tokens, ...)"),
  feedback: JsonObj("User feedback"),
  metrics: JsonObj("Metrics and evaluator scores"),
  user_properties: JsonObj("User properties"),
};

export const EventSchema = Type.Object(storedEventFields, { title: "Event" });

/** A session tree node; `children` refers to the same component (a recursive type). */
export const EventNodeSchema = Type.Object(
  {
    ...storedEventFields,
    children: Type.Array(Type.Unsafe<unknown>({ $ref: "#/components/schemas/EventNode" })),
  },
  { title: "EventNode" },
);

export const CreateEventResponse = Type.Object(
  { event_id: Type.String(), session_id: Type.String(), success: Type.Boolean() },
  { title: "CreateEventResponse" },
);

export const CreateEventBatchResponse = Type.Object(
  {
    event_ids: Type.Array(Type.String()),
    session_id: Type.Optional(Type.String({ description: "The session the batch created, if any" })),
    success: Type.Boolean({ description: "False when some items were rejected (see errors)" }),
    errors: Type.Optional(
      Type.Array(Type.Object({ index: Type.Integer(), message: Type.String() }, { title: "BatchItemError" })),
    ),
  },
  { title: "CreateEventBatchResponse" },
);

export const UpdateEventResponse = Type.Object(
  { success: Type.Boolean(), event_id: Type.String(), event: EventSchema },
  { title: "UpdateEventResponse" },
);

export const EventsPage = Type.Object(
  {
    events: Type.Array(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "An event, or the projected fields of one (event_id always kept)",
      }),
    ),
    totalEvents: Type.Integer({ description: "Matches over all pages" }),
  },
  { title: "EventsPage" },
);

export const SessionEventsResponse = Type.Object(
  { events: Type.Array(EventSchema), totalEvents: Type.Integer() },
  { title: "SessionEventsResponse" },
);

export const DeleteResponse = Type.Object(
  {
    success: Type.Boolean(),
    deleted: Type.Union([Type.String(), Type.Integer()], {
      description: "The deleted id, or the number of rows deleted",
    }),
  },
  { title: "DeleteResponse" },
);

export const StartSessionResponse = Type.Object(
  { session_id: Type.String(), session: EventSchema },
  { title: "StartSessionResponse" },
);

export const ProjectSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    created_at: Ms("Creation time"),
  },
  { title: "Project" },
);

export const ProjectList = Type.Array(ProjectSchema, { title: "ProjectList" });

export const CreatedProject = Type.Object(
  {
    ...ProjectSchema.properties,
    api_key: Type.String({ description: "The project's first API key; shown once" }),
  },
  { title: "CreatedProject" },
);

export const CreatedApiKey = Type.Object(
  {
    api_key: Type.String({ description: "Shown once" }),
    key_id: Type.String(),
    prefix: Type.String(),
    project_id: Type.String(),
  },
  { title: "CreatedApiKey" },
);
