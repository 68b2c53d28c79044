import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { type AuthContext, checkProjectName } from "../auth/context.js";
import { notFound } from "../errors.js";
import { IdParams } from "../http/schemas.js";
import {
  AddDatapointsRequest,
  AddDatapointsResponse,
  ClassicUpdateDatasetRequest,
  CreateDatasetRequest,
  CreateDatasetResponse,
  DatasetDatapointParams,
  DatasetDeleteQuery,
  DatasetListQuery,
  DatasetListResponse,
  DatasetResponse,
  DeletedResponse,
  ExportQuery,
  ExportResponse,
  FromEventsRequest,
  ImportNewQuery,
  ImportQuery,
  ImportResultSchema,
  UpdateDatasetRequest,
  V1DatasetListResponse,
} from "../http/schemas-datasets.js";
import { DatapointStore } from "../resources/datasets/datapoint-store.js";
import { DatasetStore } from "../resources/datasets/dataset-store.js";
import { exportCsv, exportJsonl } from "../resources/datasets/export.js";
import { draftFromEvent } from "../resources/datasets/from-event.js";
import {
  IMPORT_CHUNK_CHARS,
  IMPORT_CHUNK_ROWS,
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_ROW_CHARS,
  importBody,
  importFormat,
  mappingFromQuery,
} from "../resources/datasets/http-io.js";
import { type ImportFormat, importStream } from "../resources/datasets/import.js";
import { rowToDraft } from "../resources/datasets/mapping.js";
import { present } from "../resources/datasets/present.js";
import type {
  DatapointDraft,
  DatasetInput,
  DatasetPatch,
  FieldMapping,
} from "../resources/datasets/types.js";
import type { RouteDeps } from "./deps.js";

const TAG = "datasets";

interface ItemError {
  index: number;
  message: string;
}

/** Creates the drafts that were made, appends them to the dataset, and reports the rest by index. */
async function addDrafts(
  points: DatapointStore,
  auth: AuthContext,
  datasetId: string,
  made: { index: number; draft?: DatapointDraft; error?: string }[],
) {
  const drafts = made.flatMap((m) => (m.draft ? [m.draft] : []));
  const errors: ItemError[] = made.flatMap((m) => (m.error ? [{ index: m.index, message: m.error }] : []));
  const ids = await points.create(auth.projectId, drafts, [datasetId]);
  return {
    inserted: ids.length > 0,
    datapoint_ids: ids,
    success: errors.length === 0,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

const attempt = <T>(index: number, make: () => T) => {
  try {
    return { index, draft: make() };
  } catch (err) {
    return { index, error: (err as Error).message };
  }
};

export function datasetRoutes(deps: RouteDeps): void {
  const { api, storage } = deps;
  const datasets = new DatasetStore(storage.sql);
  const points = new DatapointStore(storage.sql);
  api.addStreamedTypes(IMPORT_CONTENT_TYPES);

  const requireDataset = async (auth: AuthContext, id: string) => {
    const d = await datasets.get(auth.projectId, id, false);
    if (!d) throw notFound("Dataset", id);
    return d;
  };

  api.add(
    {
      method: "POST",
      paths: ["/datasets", "/v1/datasets"],
      summary: "Create a dataset (optionally with datapoint ids, in order)",
      tag: TAG,
      body: CreateDatasetRequest,
      response: CreateDatasetResponse,
    },
    async (req, _reply, auth) => {
      const {
        project,
        saved: _saved,
        ...input
      } = req.body as DatasetInput & { project?: string; saved?: boolean };
      checkProjectName(auth, project);
      const dataset = await datasets.create(auth.projectId, input);
      return { inserted: true, result: { insertedId: dataset.id }, dataset: present(dataset) };
    },
  );

  const list = async (
    auth: AuthContext,
    q: Record<string, string | undefined>,
    includeDatapoints: boolean,
  ) => {
    checkProjectName(auth, q["project"]);
    const found = await datasets.list(auth.projectId, {
      ...(q["dataset_id"] ? { id: q["dataset_id"] } : {}),
      ...(q["name"] ? { name: q["name"] } : {}),
      ...(q["type"] ? { type: q["type"] as DatasetInput["type"] & string } : {}),
      includeDatapoints,
    });
    return found.map(present);
  };
  api.add(
    {
      method: "GET",
      paths: ["/datasets"],
      summary: "List datasets with their datapoint ids",
      tag: TAG,
      querystring: DatasetListQuery,
      response: DatasetListResponse,
    },
    async (req, _reply, auth) => ({ testcases: await list(auth, req.query as Record<string, string>, true) }),
  );
  api.add(
    {
      method: "GET",
      paths: ["/v1/datasets"],
      summary: "List datasets (datapoint ids with include_datapoints=true)",
      tag: TAG,
      querystring: DatasetListQuery,
      response: V1DatasetListResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as Record<string, string>;
      return { datasets: await list(auth, q, q["include_datapoints"] === "true") };
    },
  );
  api.add(
    {
      method: "GET",
      paths: ["/v1/datasets/:id", "/datasets/:id"],
      summary: "Read a dataset with its datapoint ids",
      tag: TAG,
      params: IdParams,
      response: DatasetResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const dataset = await datasets.get(auth.projectId, id);
      if (!dataset) throw notFound("Dataset", id);
      return { success: true, dataset: present(dataset) };
    },
  );

  const update = async (
    auth: AuthContext,
    id: string,
    body: DatasetPatch & { project?: string; saved?: boolean },
  ) => {
    const { project, saved: _saved, ...patch } = body;
    checkProjectName(auth, project);
    const dataset = await datasets.update(auth.projectId, id, patch);
    if (!dataset) throw notFound("Dataset", id);
    return { success: true, dataset: present(dataset) };
  };
  api.add(
    {
      method: "PUT",
      paths: ["/datasets"],
      summary: "Update a dataset named by dataset_id; datapoints replaces its content",
      tag: TAG,
      body: ClassicUpdateDatasetRequest,
      response: DatasetResponse,
    },
    async (req, _reply, auth) => {
      const { dataset_id, ...rest } = req.body as DatasetPatch & { dataset_id: string };
      return update(auth, dataset_id, rest);
    },
  );
  api.add(
    {
      method: "PUT",
      paths: ["/v1/datasets/:id"],
      summary: "Update a dataset; datapoints replaces its content",
      tag: TAG,
      params: IdParams,
      body: UpdateDatasetRequest,
      response: DatasetResponse,
    },
    async (req, _reply, auth) => update(auth, (req.params as { id: string }).id, req.body as DatasetPatch),
  );

  const remove = async (auth: AuthContext, id: string) => {
    if (!(await datasets.delete(auth.projectId, id))) throw notFound("Dataset", id);
    return { success: true, deleted: true, id };
  };
  api.add(
    {
      method: "DELETE",
      paths: ["/datasets"],
      summary: "Delete the dataset named by dataset_id, and its datapoints that are in no other dataset",
      tag: TAG,
      querystring: DatasetDeleteQuery,
      response: DeletedResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as { dataset_id: string; project?: string };
      checkProjectName(auth, q.project);
      return remove(auth, q.dataset_id);
    },
  );
  api.add(
    {
      method: "DELETE",
      paths: ["/v1/datasets/:id"],
      summary: "Delete a dataset, and its datapoints that are in no other dataset",
      tag: TAG,
      params: IdParams,
      response: DeletedResponse,
    },
    async (req, _reply, auth) => remove(auth, (req.params as { id: string }).id),
  );

  api.add(
    {
      method: "POST",
      paths: ["/datasets/:id/datapoints", "/v1/datasets/:id/datapoints"],
      summary: "Add rows as datapoints: the mapping routes each row's keys; bad rows are reported by index",
      tag: TAG,
      params: IdParams,
      body: AddDatapointsRequest,
      response: AddDatapointsResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const body = req.body as { project?: string; data: unknown[]; mapping?: FieldMapping };
      checkProjectName(auth, body.project);
      await requireDataset(auth, id);
      const made = body.data.map((row, index) => attempt(index, () => rowToDraft(row, body.mapping)));
      return addDrafts(points, auth, id, made);
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/datasets/:id/datapoints/:datapoint_id", "/datasets/:id/datapoints/:datapoint_id"],
      summary: "Take a datapoint out of a dataset (the datapoint itself stays)",
      tag: TAG,
      params: DatasetDatapointParams,
      response: DeletedResponse,
    },
    async (req, _reply, auth) => {
      const { id, datapoint_id } = req.params as { id: string; datapoint_id: string };
      await requireDataset(auth, id);
      if (!(await datasets.removeDatapoint(auth.projectId, id, datapoint_id)))
        throw notFound("Datapoint in this dataset", datapoint_id);
      return { success: true, deleted: true, id: datapoint_id };
    },
  );

  api.add(
    {
      method: "POST",
      paths: ["/v1/datasets/:id/datapoints/from-events", "/datasets/:id/datapoints/from-events"],
      summary: "Make datapoints from traced events (inputs, outputs as ground truth), linked to them",
      tag: TAG,
      params: IdParams,
      body: FromEventsRequest,
      response: AddDatapointsResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const body = req.body as { event_ids: string[]; mapping?: FieldMapping };
      await requireDataset(auth, id);
      const made = [];
      for (const [index, eventId] of body.event_ids.entries()) {
        const event = await storage.getEvent(auth.projectId, eventId.toLowerCase());
        made.push(
          event
            ? { index, draft: draftFromEvent(event, body.mapping) }
            : { index, error: `event '${eventId}' was not found in this project` },
        );
      }
      return addDrafts(points, auth, id, made);
    },
  );

  const runImport = async (
    auth: AuthContext,
    req: Parameters<Parameters<typeof api.add>[1]>[0],
    datasetId: string,
  ) => {
    const q = req.query as { format?: ImportFormat; mapping?: string };
    const format = importFormat(req, q.format);
    const mapping = mappingFromQuery(q);
    const result = await importStream(
      importBody(req, deps.config.importMaxBytes),
      {
        format,
        mapping,
        maxBytes: deps.config.importMaxBytes,
        maxRowChars: IMPORT_MAX_ROW_CHARS,
        chunkRows: IMPORT_CHUNK_ROWS,
        chunkChars: IMPORT_CHUNK_CHARS,
      },
      async (drafts) => {
        await points.create(auth.projectId, drafts, [datasetId]);
      },
    );
    return { dataset_id: datasetId, ...result };
  };
  const importDoc =
    "; the raw file is the body (application/x-ndjson or text/csv, gzip allowed), streamed and committed every 2000 rows; bad lines are reported by line number";
  api.add(
    {
      method: "POST",
      paths: ["/v1/datasets/:id/import", "/datasets/:id/import"],
      summary: `Import JSONL or CSV rows into a dataset${importDoc}`,
      tag: TAG,
      params: IdParams,
      querystring: ImportQuery,
      consumes: IMPORT_CONTENT_TYPES,
      response: ImportResultSchema,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      await requireDataset(auth, id);
      return runImport(auth, req, id);
    },
  );
  api.add(
    {
      method: "POST",
      paths: ["/v1/datasets/import", "/datasets/import"],
      summary: `Create a dataset named by ?name from a JSONL or CSV file${importDoc}`,
      tag: TAG,
      querystring: ImportNewQuery,
      consumes: IMPORT_CONTENT_TYPES,
      response: ImportResultSchema,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name: string; description?: string; type?: DatasetInput["type"] };
      importFormat(req, undefined);
      const dataset = await datasets.create(auth.projectId, {
        name: q.name,
        ...(q.description !== undefined ? { description: q.description } : {}),
        ...(q.type ? { type: q.type } : {}),
      });
      return runImport(auth, req, dataset.id);
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/datasets/:id/export", "/datasets/:id/export"],
      summary:
        "Export a dataset as JSONL (one datapoint per line) or CSV (inputs.*, ground_truth.*, metadata.* columns), streamed",
      tag: TAG,
      params: IdParams,
      querystring: ExportQuery,
      produces: ["application/x-ndjson", "text/csv"],
      response: ExportResponse,
    },
    async (req, reply, auth) => {
      const { id } = req.params as { id: string };
      const format = (req.query as { format?: ImportFormat }).format ?? "jsonl";
      await requireDataset(auth, id);
      const lines =
        format === "csv" ? exportCsv(points, auth.projectId, id) : exportJsonl(points, auth.projectId, id);
      return sendStream(reply, format, id, Readable.from(lines));
    },
  );
}

function sendStream(reply: FastifyReply, format: ImportFormat, id: string, body: Readable) {
  return reply
    .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson")
    .header("content-disposition", `attachment; filename="dataset-${id}.${format}"`)
    .send(body);
}
