import type { TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { type AuthContext, checkProjectName } from "../auth/context.js";
import { HoneyHiveError, notFound } from "../errors.js";
import { IdParams } from "../http/schemas.js";
import {
  AddDatapointsResponse,
  CreateDatapointRequest,
  CreateDatapointResponse,
  DatapointBatchRequest,
  DatapointListQuery,
  DatapointListResponse,
  DatapointReadResponse,
  DatapointResponse,
  DeletedResponse,
  UpdateDatapointRequest,
} from "../http/schemas-datasets.js";
import { DatapointStore } from "../resources/datasets/datapoint-store.js";
import { DatasetStore } from "../resources/datasets/dataset-store.js";
import { requireExisting } from "../resources/datasets/membership.js";
import { present } from "../resources/datasets/present.js";
import type { DatapointDraft, DatapointPatch } from "../resources/datasets/types.js";
import type { RouteDeps } from "./deps.js";

const TAG = "datapoints";
const MAX_LIST = 10_000;
const checkCreate: TypeCheck<TSchema> = TypeCompiler.Compile(CreateDatapointRequest);

type CreateBody = DatapointDraft & { project?: string; linked_datasets?: string[] };

/** `a&datapoint_ids=b`, `a,b` or `["a","b"]`. */
function idList(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => {
    const t = s.trim();
    if (t.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(t);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // not JSON: comma-separated
      }
    }
    return t.split(",");
  });
  return parts.map((s) => s.trim()).filter(Boolean);
}

function itemError(value: unknown, index: number): string | undefined {
  if (checkCreate.Check(value)) return undefined;
  const e = checkCreate.Errors(value).First();
  return `datapoints[${index}]${e ? `${e.path.replaceAll("/", ".")}: ${e.message}` : " is invalid"}`;
}

export function datapointRoutes(deps: RouteDeps): void {
  const { api, storage } = deps;
  const points = new DatapointStore(storage.sql);
  const datasets = new DatasetStore(storage.sql);

  const createOne = async (auth: AuthContext, body: CreateBody, field: string) => {
    const { project, linked_datasets = [], ...draft } = body;
    checkProjectName(auth, project, `${field}project`);
    await requireExisting(
      storage.sql,
      "datasets",
      auth.projectId,
      linked_datasets,
      `${field}linked_datasets`,
    );
    const [id] = await points.create(auth.projectId, [draft], linked_datasets);
    return id as string;
  };

  api.add(
    {
      method: "POST",
      paths: ["/datapoints", "/v1/datapoints"],
      summary: "Create a datapoint (linked_datasets appends it to those datasets)",
      tag: TAG,
      body: CreateDatapointRequest,
      response: CreateDatapointResponse,
    },
    async (req, _reply, auth) => {
      const id = await createOne(auth, req.body as CreateBody, "");
      return { result: { insertedId: id }, datapoint: present((await points.get(auth.projectId, id))!) };
    },
  );

  api.add(
    {
      method: "POST",
      paths: ["/v1/datapoints/batch", "/datapoints/batch"],
      summary: "Create datapoints in one request; invalid ones are reported by index and the rest kept",
      tag: TAG,
      body: DatapointBatchRequest,
      response: AddDatapointsResponse,
    },
    async (req, _reply, auth) => {
      const body = req.body as { project?: string; datapoints: unknown[]; dataset_id?: string };
      checkProjectName(auth, body.project);
      if (body.dataset_id && !(await datasets.get(auth.projectId, body.dataset_id, false)))
        throw notFound("Dataset", body.dataset_id);
      const ids: string[] = [];
      const errors: { index: number; message: string }[] = [];
      const valid: { index: number; body: CreateBody }[] = [];
      for (const [index, item] of body.datapoints.entries()) {
        const problem = itemError(item, index);
        if (problem) errors.push({ index, message: problem });
        else valid.push({ index, body: item as CreateBody });
      }
      // Items naming their own datasets are checked and written one by one; the rest go in one statement.
      const plain = valid.filter((v) => !v.body.linked_datasets?.length && !v.body.project);
      const own = valid.filter((v) => !plain.includes(v));
      const extra = body.dataset_id ? [body.dataset_id] : [];
      ids.push(
        ...(await points.create(
          auth.projectId,
          plain.map((v) => v.body),
          extra,
        )),
      );
      for (const { index, body: item } of own) {
        try {
          const id = await createOne(
            auth,
            { ...item, linked_datasets: [...(item.linked_datasets ?? []), ...extra] },
            `datapoints[${index}].`,
          );
          ids.push(id);
        } catch (err) {
          if (!(err instanceof HoneyHiveError) || err.status >= 500) throw err;
          errors.push({ index, message: err.message });
        }
      }
      return {
        inserted: ids.length > 0,
        datapoint_ids: ids,
        success: errors.length === 0,
        ...(errors.length > 0 ? { errors: errors.sort((a, b) => a.index - b.index) } : {}),
      };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/datapoints", "/v1/datapoints"],
      summary: "List datapoints: by ids, by dataset (in its order) or all (oldest first)",
      tag: TAG,
      querystring: DatapointListQuery,
      response: DatapointListResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as Record<string, string | undefined> & { datapoint_ids?: string | string[] };
      checkProjectName(auth, q["project"]);
      let datasetId = q["dataset_id"];
      if (q["dataset_name"] !== undefined) {
        const [named] = await datasets.list(auth.projectId, {
          name: q["dataset_name"],
          includeDatapoints: false,
        });
        if (!named) throw notFound("Dataset named", q["dataset_name"]);
        datasetId = named.id;
      }
      const ids = idList(q.datapoint_ids);
      const found = await points.list(auth.projectId, {
        ...(ids ? { ids } : {}),
        ...(datasetId ? { datasetId } : {}),
        limit: Math.min(Number(q["limit"] ?? MAX_LIST), MAX_LIST),
        offset: Number(q["offset"] ?? 0),
      });
      const inDataset = ids && datasetId ? found.filter((d) => d.linked_datasets.includes(datasetId)) : found;
      return { datapoints: inDataset.map(present) };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/datapoints/:id", "/v1/datapoints/:id"],
      summary: "Read a datapoint",
      tag: TAG,
      params: IdParams,
      response: DatapointReadResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const d = await points.get(auth.projectId, id);
      if (!d) throw notFound("Datapoint", id);
      return { datapoint: [present(d)] };
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/datapoints/:id", "/v1/datapoints/:id"],
      summary: "Update a datapoint: given fields replace; linked_datasets replaces its datasets",
      tag: TAG,
      params: IdParams,
      body: UpdateDatapointRequest,
      response: DatapointResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const { project, ...patch } = req.body as DatapointPatch & { project?: string };
      checkProjectName(auth, project);
      const d = await points.update(auth.projectId, id, patch);
      if (!d) throw notFound("Datapoint", id);
      return { success: true, datapoint: present(d) };
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/datapoints/:id", "/v1/datapoints/:id"],
      summary: "Delete a datapoint (it leaves every dataset)",
      tag: TAG,
      params: IdParams,
      response: DeletedResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      if (!(await points.delete(auth.projectId, id))) throw notFound("Datapoint", id);
      return { success: true, deleted: true, id };
    },
  );
}
