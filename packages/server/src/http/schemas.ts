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

export const CreateEventSchema = Type.Object({ ...eventFields, event_type: EventTypeSchema });

export const ModelEventSchema = Type.Object({
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
});

const sessionProperties = Type.Object({
  session_name: Type.Optional(Type.String({ maxLength: 1000 })),
  source: Type.Optional(Type.String({ maxLength: 200 })),
  inputs: Type.Optional(Obj("Session inputs")),
  metadata: Type.Optional(Obj("Session metadata")),
  user_properties: Type.Optional(Obj("User properties")),
  config: Type.Optional(Obj("Session configuration")),
});

export const EventBody = Type.Object({ event: CreateEventSchema });
/** Batch items are validated one by one (a bad event never loses the good ones). */
const BatchItems = (itemName: string) =>
  Type.Array(Type.Unknown({ description: `Each validated on its own as ${itemName}` }), {
    maxItems: 10_000,
  });

export const EventBatchBody = Type.Object({
  events: BatchItems("the event of POST /events"),
  is_single_session: Type.Optional(Type.Boolean()),
  session_properties: Type.Optional(sessionProperties),
});
export const ModelEventBody = Type.Object({ model_event: ModelEventSchema });
export const ModelEventBatchBody = Type.Object({
  model_events: BatchItems("the model_event of POST /events/model"),
  is_single_session: Type.Optional(Type.Boolean()),
  session_properties: Type.Optional(sessionProperties),
});

export const UpdateEventBody = Type.Object({
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
});

export const SessionStartBody = Type.Object({
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
});

export const FilterSchema = Type.Object({
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
});

const DateBound = Type.Union([Type.Number(), Type.String({ minLength: 1 })], {
  description: "Epoch ms or an ISO-8601 date",
});

export const ExportBody = Type.Object({
  project: Type.Optional(Type.String()),
  filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 50 })),
  dateRange: Type.Optional(Type.Object({ $gte: Type.Optional(DateBound), $lte: Type.Optional(DateBound) })),
  projections: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
});

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

export const ProjectBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});
export const ProjectUpdateBody = Type.Object({
  project_id: Type.Optional(Id("Project id (classic body form)")),
  id: Type.Optional(Id("Project id")),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});
export const ProjectQuery = Type.Object({
  name: Type.Optional(Type.String()),
  project_id: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
});
