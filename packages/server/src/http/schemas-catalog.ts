import { type TSchema, Type } from "@sinclair/typebox";

/**
 * Request and response schemas of configurations, tools and metrics:
 * validated by Fastify (ajv) and published in /openapi.json, where each
 * titled schema becomes one named model of the generated clients.
 */

const Obj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Ms = (description: string) => Type.Number({ description: `${description} (Unix epoch ms)` });
const Literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
/** Classic clients name the project in these; the key decides it, a different name is refused. */
const projectRefs = {
  project: Type.Optional(
    Type.String({ description: "Project name (classic API); the key decides the project" }),
  ),
  project_name: Type.Optional(Type.String({ description: "Project name (classic API)" })),
  task: Type.Optional(Type.String({ description: "Project name (older clients)" })),
};
const deleted = (title: string) =>
  Type.Object(
    { success: Type.Boolean(), deleted: Type.String({ description: "Id of the deleted resource" }) },
    { title },
  );

// --- configurations -------------------------------------------------------

export const EnvSchema = Literals(
  ["dev", "staging", "prod"] as const,
  "Deployment environment: dev, staging or prod",
);
const ConfigurationTypeSchema = Literals(
  ["LLM", "pipeline"] as const,
  "LLM (a prompt and model) or pipeline",
);

const ConfigurationParameters = Type.Object(
  {
    call_type: Type.Optional(Literals(["chat", "completion"] as const, "chat or completion")),
    model: Type.Optional(
      Type.String({ minLength: 1, description: "Model name; required for LLM configurations" }),
    ),
    hyperparameters: Type.Optional(Obj("temperature, max_tokens, top_p, ...")),
    responseFormat: Type.Optional(Obj("Response format, e.g. {type: json_object}")),
    selectedFunctions: Type.Optional(
      Type.Array(Obj("A tool offered to the model {id, name, description, parameters}")),
    ),
    functionCallParams: Type.Optional(Type.String({ description: "none, auto or force" })),
    forceFunction: Type.Optional(Obj("The function to force")),
    template: Type.Optional(
      Type.Union([Type.String(), Type.Array(Obj("A chat message {role, content}"))], {
        description: "Prompt template: text, or chat messages",
      }),
    ),
  },
  { title: "ConfigurationParameters", additionalProperties: true },
);

const configurationContent = {
  provider: Type.String({ minLength: 1, maxLength: 200, description: "Model provider, e.g. openai" }),
  type: ConfigurationTypeSchema,
  parameters: ConfigurationParameters,
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: 100,
    description: "Labels to filter by",
  }),
  user_properties: Obj("Who saved it, and anything else about them"),
};
const EnvList = Type.Array(EnvSchema, {
  uniqueItems: true,
  maxItems: 3,
  description: "Deploy the saved version to these environments",
});

const CreateConfigurationFields = Type.Object(
  {
    ...projectRefs,
    name: Name("Unique in the project"),
    provider: configurationContent.provider,
    parameters: ConfigurationParameters,
    type: Type.Optional(configurationContent.type),
    tags: Type.Optional(configurationContent.tags),
    user_properties: Type.Optional(configurationContent.user_properties),
    env: Type.Optional(EnvList),
  },
  { title: "CreateConfigurationRequest" },
);
/** Flat, or wrapped in `configuration` as some HoneyHive Python SDK versions send it. */
export const CreateConfigurationBody = Type.Union([
  CreateConfigurationFields,
  Type.Object({ configuration: CreateConfigurationFields }, { title: "WrappedCreateConfigurationRequest" }),
]);

export const UpdateConfigurationBody = Type.Object(
  {
    ...projectRefs,
    name: Type.Optional(Name("New name, unique in the project")),
    provider: Type.Optional(configurationContent.provider),
    parameters: Type.Optional(ConfigurationParameters),
    type: Type.Optional(configurationContent.type),
    tags: Type.Optional(configurationContent.tags),
    user_properties: Type.Optional(configurationContent.user_properties),
    env: Type.Optional(EnvList),
  },
  { title: "UpdateConfigurationRequest" },
);

export const ConfigurationQuery = Type.Object({
  project: projectRefs.project,
  project_name: projectRefs.project_name,
  name: Type.Optional(Type.String({ description: "Exact name" })),
  env: Type.Optional(EnvSchema),
  type: Type.Optional(ConfigurationTypeSchema),
  tags: Type.Optional(
    Type.String({ description: "Comma-separated: configurations with every one of these tags" }),
  ),
});

export const DeployedConfigurationQuery = Type.Object({
  project: projectRefs.project,
  name: Type.String({ minLength: 1, description: "Configuration name" }),
  env: EnvSchema,
});

export const DeployConfigurationBody = Type.Object(
  {
    env: EnvSchema,
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: "Version to deploy; the latest when absent" }),
    ),
  },
  { title: "DeployConfigurationRequest" },
);

export const ConfigurationVersionParams = Type.Object({
  id: Id("Configuration id"),
  version: Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "Version number (1, 2, ...)" }),
});
export const ConfigurationEnvParams = Type.Object({ id: Id("Configuration id"), env: EnvSchema });

const configurationShown = {
  ...configurationContent,
  project_id: Type.String(),
  name: Type.String(),
  version: Type.Integer({ description: "The version this content is from" }),
  env: Type.Array(EnvSchema, { description: "Environments this version is deployed to" }),
};

export const ConfigurationSchema = Type.Object(
  {
    id: Type.String(),
    ...configurationShown,
    latest_version: Type.Integer(),
    deployments: Type.Object(
      {
        dev: Type.Optional(Type.Integer()),
        staging: Type.Optional(Type.Integer()),
        prod: Type.Optional(Type.Integer()),
      },
      { description: "Version deployed to each environment" },
    ),
    created_at: Ms("Created"),
    updated_at: Ms("Last changed"),
  },
  { title: "Configuration" },
);
export const ConfigurationList = Type.Array(ConfigurationSchema);
export const CreateConfigurationResponse = Type.Composite(
  [
    ConfigurationSchema,
    Type.Object({
      acknowledged: Type.Boolean({ description: "Always true (classic clients read it)" }),
      insertedId: Type.String({ description: "The new configuration's id (classic clients read it)" }),
    }),
  ],
  { title: "CreateConfigurationResponse" },
);
export const ConfigurationVersionSchema = Type.Object(
  { configuration_id: Type.String(), ...configurationShown, created_at: Ms("Saved") },
  { title: "ConfigurationVersion" },
);
export const ConfigurationVersionList = Type.Array(ConfigurationVersionSchema);
export const DeleteConfigurationResponse = deleted("DeleteConfigurationResponse");

// --- tools ----------------------------------------------------------------

const ToolTypeSchema = Literals(["function", "tool"] as const, "function or tool");
const ToolParameters = Type.Object(
  {
    type: Type.Optional(Type.String({ description: "Usually object" })),
    properties: Type.Optional(Obj("One JSON schema per argument")),
    required: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true, description: "JSON schema of the tool's arguments" },
);
const toolFields = {
  name: Name("Unique in the project"),
  description: Type.String({ maxLength: 10_000 }),
  parameters: ToolParameters,
  tool_type: ToolTypeSchema,
  type: Literals(["function", "tool"] as const, "Older spelling of tool_type"),
};

export const CreateToolBody = Type.Object(
  {
    ...projectRefs,
    name: toolFields.name,
    description: Type.Optional(toolFields.description),
    parameters: Type.Optional(toolFields.parameters),
    tool_type: Type.Optional(toolFields.tool_type),
    type: Type.Optional(toolFields.type),
  },
  { title: "CreateToolRequest" },
);

export const UpdateToolBody = Type.Object(
  {
    ...projectRefs,
    id: Type.Optional(Id("Tool id")),
    tool_id: Type.Optional(Id("Tool id (classic spelling)")),
    function_id: Type.Optional(Id("Tool id (older spelling)")),
    name: Type.Optional(toolFields.name),
    description: Type.Optional(toolFields.description),
    parameters: Type.Optional(toolFields.parameters),
    tool_type: Type.Optional(toolFields.tool_type),
    type: Type.Optional(toolFields.type),
  },
  { title: "UpdateToolRequest" },
);

export const ToolQuery = Type.Object({ project: projectRefs.project, name: Type.Optional(Type.String()) });
export const DeleteToolQuery = Type.Object({
  project: projectRefs.project,
  tool_id: Type.Optional(Id("Tool id")),
  function_id: Type.Optional(Id("Tool id (older spelling)")),
  id: Type.Optional(Id("Tool id")),
});

export const ToolSchema = Type.Object(
  {
    id: Type.String(),
    project_id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    parameters: Obj("JSON schema of the tool's arguments"),
    tool_type: ToolTypeSchema,
    created_at: Ms("Created"),
    updated_at: Ms("Last changed"),
  },
  { title: "Tool" },
);
export const ToolList = Type.Array(ToolSchema);
export const DeleteToolResponse = deleted("DeleteToolResponse");

// --- metrics --------------------------------------------------------------

const MetricTypeSchema = Literals(
  ["custom", "model", "human", "composite", "PYTHON", "LLM", "HUMAN", "COMPOSITE"] as const,
  "custom/PYTHON (code), model/LLM (judge), human/HUMAN, composite/COMPOSITE",
);
const ReturnTypeSchema = Literals(
  ["float", "boolean", "string", "categorical"] as const,
  "Type of the score",
);
const PassValue = Type.Union([Type.Boolean(), Type.String(), Type.Number()]);
const metricFields = {
  name: Name("Unique in the project; the key of the score in event.metrics"),
  type: MetricTypeSchema,
  description: Type.String({ maxLength: 10_000 }),
  criteria: Nullable(Type.String({ description: "Code (PYTHON), prompt (LLM) or rubric (HUMAN)" })),
  return_type: ReturnTypeSchema,
  enabled_in_prod: Type.Boolean({ description: "Also evaluate production traffic" }),
  needs_ground_truth: Type.Boolean(),
  threshold: Nullable(
    Type.Object(
      { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
      { additionalProperties: false, description: "Float scores pass when min <= score <= max" },
    ),
  ),
  pass_when: Nullable(
    Type.Union([PassValue, Type.Array(PassValue, { minItems: 1 })], {
      description: "Boolean, string and categorical scores pass when equal to this (or one of these)",
    }),
  ),
  event_name: Nullable(Type.String({ description: "Evaluate events with this name" })),
  event_type: Nullable(Type.String({ description: "Evaluate events of this type" })),
  model_provider: Nullable(Type.String()),
  model_name: Nullable(Type.String()),
  child_metrics: Type.Array(
    Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        id: Type.Optional(Type.String()),
        weight: Type.Optional(Type.Number({ minimum: 0, description: "Default 1" })),
      },
      { additionalProperties: true },
    ),
    { maxItems: 100, description: "Composite metrics: the metrics combined (weighted mean)" },
  ),
  sampling_percentage: Type.Number({ minimum: 0, maximum: 100 }),
  categories: Nullable(Type.Array(Obj("A category {category, score?}"))),
};
type MetricFieldName = keyof typeof metricFields;
const optional = (names: MetricFieldName[]) =>
  Object.fromEntries(names.map((n) => [n, Type.Optional(metricFields[n])])) as Record<string, TSchema>;
const OPTIONAL_METRIC_FIELDS = (Object.keys(metricFields) as MetricFieldName[]).filter(
  (n) => n !== "name" && n !== "type",
);

export const CreateMetricFields = Type.Object(
  {
    ...projectRefs,
    name: metricFields.name,
    type: metricFields.type,
    ...optional(OPTIONAL_METRIC_FIELDS),
  },
  { title: "CreateMetricRequest" },
);
/** Flat, or wrapped in `metric` as some HoneyHive Python SDK versions send it. */
export const CreateMetricBody = Type.Union([
  CreateMetricFields,
  Type.Object({ metric: CreateMetricFields }, { title: "WrappedCreateMetricRequest" }),
]);

const metricPatch = optional(Object.keys(metricFields) as MetricFieldName[]);
export const UpdateMetricBody = Type.Object(
  {
    ...projectRefs,
    metric_id: Type.Optional(Id("Metric id (classic: the metric to change)")),
    id: Type.Optional(Id("Metric id")),
    ...metricPatch,
  },
  { title: "UpdateMetricRequest" },
);

export const MetricQuery = Type.Object({
  project_name: projectRefs.project_name,
  project: projectRefs.project,
  name: Type.Optional(Type.String()),
  type: Type.Optional(MetricTypeSchema),
  event_name: Type.Optional(Type.String()),
  event_type: Type.Optional(Type.String()),
  enabled_in_prod: Type.Optional(Literals(["true", "false"] as const, "true or false")),
});
export const DeleteMetricQuery = Type.Object({
  project_name: projectRefs.project_name,
  project: projectRefs.project,
  metric_id: Type.Optional(Id("Metric id")),
  id: Type.Optional(Id("Metric id")),
});

export const RunMetricBody = Type.Object(
  {
    metric: Type.Object(
      {
        id: Type.Optional(Id("A saved metric")),
        metric_id: Type.Optional(Id("A saved metric")),
        ...metricPatch,
      },
      { description: "A metric definition (with type), or a saved metric named by id or name" },
    ),
    event: Type.Object(
      {
        event_name: Type.Optional(Type.String()),
        event_type: Type.Optional(Type.String()),
        metrics: Type.Optional(Obj("Scores already computed, by metric name")),
        feedback: Type.Optional(Obj("Feedback, where human scores live")),
      },
      { additionalProperties: true, description: "The event to evaluate" },
    ),
  },
  { title: "RunMetricRequest" },
);
export const RunMetricResponse = Type.Object(
  {
    value: Type.Union([Type.Number(), Type.Boolean(), Type.String()], { description: "The score" }),
    passed: Nullable(Type.Boolean({ description: "null when the metric has no threshold or pass_when" })),
  },
  { title: "RunMetricResponse" },
);

export const MetricSchema = Type.Object(
  {
    id: Type.String(),
    project_id: Type.String(),
    ...metricFields,
    child_metrics: Type.Array(Obj("A child metric {name, id?, weight?}")),
    created_at: Ms("Created"),
    updated_at: Ms("Last changed"),
  },
  { title: "Metric" },
);
export const MetricList = Type.Array(MetricSchema);
export const DeleteMetricResponse = deleted("DeleteMetricResponse");
