import { type TSchema, Type } from "@sinclair/typebox";

/** Schemas of datasets and datapoints: request validation and /openapi.json. */

const Obj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Ids = (description: string, maxItems = 100_000) => Type.Array(Id("Id"), { description, maxItems });
const Project = Type.Optional(
  Type.String({ description: "Project name (classic API); the key decides the project" }),
);
const Iso = (description: string) => Type.String({ format: "date-time", description });
const DatasetTypeSchema = Type.Union([Type.Literal("evaluation"), Type.Literal("fine-tuning")], {
  description: "evaluation (default) or fine-tuning",
});
const PipelineTypeSchema = Type.Union([Type.Literal("event"), Type.Literal("session")], {
  description: "event (default) or session",
});
const History = Type.Array(Obj("A chat message {role, content, ...}"), {
  description: "Chat history before the inputs",
  maxItems: 10_000,
});
const Keys = (what: string) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: what }));
const Name = Type.String({ minLength: 1, maxLength: 500 });
const Description = Type.String({ maxLength: 10_000 });
/** Query flags arrive as text. */
const Flag = (description: string) =>
  Type.Union([Type.Literal("true"), Type.Literal("false")], { description });

export const FieldMappingSchema = Type.Object(
  {
    inputs: Keys("Row keys that become inputs"),
    ground_truth: Keys("Row keys that become ground truth"),
    history: Keys("Row keys holding chat messages (a message or a list of them)"),
  },
  {
    title: "FieldMapping",
    description:
      "Routes each row's keys; keys not listed go to metadata. Without a mapping keys route by name.",
  },
);

export const DatasetSchema = Type.Object(
  {
    id: Id("Dataset id"),
    _id: Id("The same id, under the classic HoneyHive name"),
    project_id: Id("Project id"),
    name: Name,
    description: Description,
    type: DatasetTypeSchema,
    pipeline_type: PipelineTypeSchema,
    datapoints: Type.Optional(Ids("Datapoint ids in the dataset's order")),
    num_points: Type.Integer({ minimum: 0 }),
    linked_evals: Type.Array(Type.String(), { description: "Run ids evaluated on this dataset" }),
    metadata: Obj("Metadata"),
    created_at: Iso("Creation time"),
    updated_at: Iso("Last change"),
  },
  { title: "Dataset" },
);

export const DatapointSchema = Type.Object(
  {
    id: Id("Datapoint id"),
    _id: Id("The same id, under the classic HoneyHive name"),
    project_id: Id("Project id"),
    inputs: Obj("Inputs of the function under evaluation"),
    history: History,
    ground_truth: Obj("Expected outputs"),
    linked_event: Type.Union([Type.String(), Type.Null()], { description: "The event it was made from" }),
    linked_evals: Type.Array(Type.String()),
    linked_datasets: Type.Array(Type.String(), { description: "Datasets it belongs to" }),
    metadata: Obj("Metadata"),
    created_at: Iso("Creation time"),
    updated_at: Iso("Last change"),
  },
  { title: "Datapoint" },
);

const datasetFields = {
  project: Project,
  description: Type.Optional(Description),
  type: Type.Optional(DatasetTypeSchema),
  pipeline_type: Type.Optional(PipelineTypeSchema),
  datapoints: Type.Optional(Ids("Datapoint ids, in order: the dataset's whole content")),
  linked_evals: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
  metadata: Type.Optional(Obj("Metadata")),
  saved: Type.Optional(Type.Boolean({ description: "Accepted for compatibility; ignored" })),
};

export const CreateDatasetRequest = Type.Object(
  { ...datasetFields, name: Name },
  { title: "CreateDatasetRequest" },
);
export const UpdateDatasetRequest = Type.Object(
  { ...datasetFields, name: Type.Optional(Name) },
  { title: "UpdateDatasetRequest" },
);
export const ClassicUpdateDatasetRequest = Type.Object(
  { ...datasetFields, name: Type.Optional(Name), dataset_id: Id("The dataset to change") },
  { title: "ClassicUpdateDatasetRequest" },
);

export const DatasetListQuery = Type.Object({
  project: Project,
  dataset_id: Type.Optional(Id("Only this dataset")),
  name: Type.Optional(Type.String({ description: "Only the dataset of this name" })),
  type: Type.Optional(DatasetTypeSchema),
  include_datapoints: Type.Optional(
    Flag("Add each dataset's datapoint ids (always on for the classic GET /datasets)"),
  ),
});
export const DatasetDeleteQuery = Type.Object({ dataset_id: Id("The dataset to delete"), project: Project });

export const CreateDatasetResponse = Type.Object(
  {
    inserted: Type.Boolean(),
    result: Type.Object({ insertedId: Id("The new dataset's id") }),
    dataset: DatasetSchema,
  },
  { title: "CreateDatasetResponse" },
);
export const DatasetListResponse = Type.Object(
  { testcases: Type.Array(DatasetSchema) },
  { title: "DatasetList" },
);
export const V1DatasetListResponse = Type.Object(
  { datasets: Type.Array(DatasetSchema) },
  { title: "V1DatasetList" },
);
export const DatasetResponse = Type.Object(
  { success: Type.Boolean(), dataset: DatasetSchema },
  { title: "DatasetResponse" },
);
export const DeletedResponse = Type.Object(
  { success: Type.Boolean(), deleted: Type.Boolean(), id: Id("The id given") },
  { title: "DatasetsDeleteResponse" },
);

const ItemError = Type.Object(
  { index: Type.Integer({ minimum: 0 }), message: Type.String() },
  { title: "DatapointItemError", description: "Why the item at index was refused" },
);

export const AddDatapointsRequest = Type.Object(
  {
    project: Project,
    data: Type.Array(Type.Unknown({ description: "A row: an object of column → value" }), {
      maxItems: 10_000,
    }),
    mapping: Type.Optional(FieldMappingSchema),
  },
  { title: "AddDatapointsRequest" },
);
export const AddDatapointsResponse = Type.Object(
  {
    inserted: Type.Boolean({ description: "True when at least one datapoint was created" }),
    datapoint_ids: Type.Array(Type.String(), { description: "Ids of the created datapoints, in order" }),
    success: Type.Boolean({ description: "False when some items were refused" }),
    errors: Type.Optional(Type.Array(ItemError)),
  },
  { title: "AddDatapointsResponse" },
);

const datapointFields = {
  history: Type.Optional(History),
  ground_truth: Type.Optional(Obj("Expected outputs")),
  linked_event: Type.Optional(Type.Union([Id("Event id"), Type.Null()])),
  linked_evals: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
  linked_datasets: Type.Optional(Ids("Datasets it belongs to", 1000)),
  metadata: Type.Optional(Obj("Metadata")),
};

export const CreateDatapointRequest = Type.Object(
  { project: Project, inputs: Obj("Inputs"), ...datapointFields },
  { title: "CreateDatapointRequest" },
);
export const UpdateDatapointRequest = Type.Object(
  { project: Project, inputs: Type.Optional(Obj("Inputs")), ...datapointFields },
  { title: "UpdateDatapointRequest" },
);
export const CreateDatapointResponse = Type.Object(
  { result: Type.Object({ insertedId: Id("The new datapoint's id") }), datapoint: DatapointSchema },
  { title: "CreateDatapointResponse" },
);
export const DatapointBatchRequest = Type.Object(
  {
    project: Project,
    datapoints: Type.Array(
      Type.Unknown({ description: "Each validated on its own as CreateDatapointRequest" }),
      {
        maxItems: 10_000,
      },
    ),
    dataset_id: Type.Optional(Id("Also append every created datapoint to this dataset")),
  },
  { title: "DatapointBatchRequest" },
);
export const DatapointListQuery = Type.Object({
  project: Project,
  datapoint_ids: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], {
      description: "Only these ids: repeated, comma-separated or a JSON array",
    }),
  ),
  dataset_name: Type.Optional(
    Type.String({ description: "Only the datapoints of this dataset, in its order" }),
  ),
  dataset_id: Type.Optional(Id("Only the datapoints of this dataset, in its order")),
  limit: Type.Optional(
    Type.String({ pattern: "^[0-9]+$", description: "At most this many (default and maximum 10000)" }),
  ),
  offset: Type.Optional(Type.String({ pattern: "^[0-9]+$", description: "Skip this many" })),
});
export const DatapointListResponse = Type.Object(
  { datapoints: Type.Array(DatapointSchema) },
  { title: "DatapointList" },
);
export const DatapointReadResponse = Type.Object(
  { datapoint: Type.Array(DatapointSchema, { description: "One datapoint (a list, as HoneyHive answers)" }) },
  { title: "DatapointRead" },
);
export const DatapointResponse = Type.Object(
  { success: Type.Boolean(), datapoint: DatapointSchema },
  { title: "DatapointResponse" },
);

export const DatasetDatapointParams = Type.Object({ id: Id("Dataset id"), datapoint_id: Id("Datapoint id") });

export const FromEventsRequest = Type.Object(
  {
    event_ids: Type.Array(Id("Event id"), { minItems: 1, maxItems: 10_000 }),
    mapping: Type.Optional(
      Type.Object(
        {
          inputs: Keys(
            "Dotted event paths (e.g. inputs.question) that become inputs; default: all of event.inputs",
          ),
          ground_truth: Keys("Dotted event paths that become ground truth; default: all of event.outputs"),
          history: Keys("Dotted event paths holding chat messages"),
        },
        { title: "EventMapping", description: "Each value lands under the last segment of its path" },
      ),
    ),
  },
  { title: "DatapointsFromEventsRequest" },
);

const Format = Type.Union([Type.Literal("jsonl"), Type.Literal("csv")], {
  description: "jsonl or csv; an import without it goes by Content-Type (text/csv is csv)",
});
const importFields = {
  format: Type.Optional(Format),
  mapping: Type.Optional(
    Type.String({ description: 'JSON FieldMapping, e.g. {"inputs":["q"],"ground_truth":["a"]}' }),
  ),
  inputs: Type.Optional(Type.String({ description: "Comma-separated keys that become inputs" })),
  ground_truth: Type.Optional(Type.String({ description: "Comma-separated keys that become ground truth" })),
  history: Type.Optional(Type.String({ description: "Comma-separated keys holding chat messages" })),
};
export const ImportQuery = Type.Object(importFields);
export const ImportNewQuery = Type.Object({
  ...importFields,
  name: Name,
  description: Type.Optional(Description),
  type: Type.Optional(DatasetTypeSchema),
});
export const ImportResultSchema = Type.Object(
  {
    dataset_id: Id("The dataset the rows went to"),
    imported: Type.Integer({ minimum: 0 }),
    failed: Type.Integer({ minimum: 0 }),
    errors: Type.Array(
      Type.Object({ line: Type.Integer({ minimum: 1 }), message: Type.String() }, { title: "ImportError" }),
      { description: "The first 100 refused lines" },
    ),
  },
  { title: "ImportResult" },
);
export const ExportQuery = Type.Object({ format: Type.Optional(Format) });
export const ExportResponse: TSchema = Type.String({
  title: "DatasetExport",
  description: "JSONL (application/x-ndjson) or CSV (text/csv), streamed",
});
