import type { JsonObject } from "@honeyhive-ts/semconv";
import type { AuthContext } from "../auth/context.js";
import { notFound } from "../errors.js";
import { IdParams } from "../http/schemas.js";
import {
  CreateMetricBody,
  DeleteMetricQuery,
  DeleteMetricResponse,
  MetricList,
  MetricQuery,
  MetricSchema,
  RunMetricBody,
  RunMetricResponse,
  UpdateMetricBody,
} from "../http/schemas-catalog.js";
import { checkProjectFields, invalid, requiredId } from "../resources/catalog/requests.js";
import {
  checkMetric,
  type MetricFields,
  type MetricInput,
  MetricStore,
  runMetric,
  type MetricQuery as StoreQuery,
  withDefaults,
} from "../resources/metrics/index.js";
import type { RouteDeps } from "./deps.js";

const METRIC_IDS = ["metric_id", "id"] as const;
const FIELD_NAMES = new Set(Object.keys(withDefaults({ name: "", type: "" })));

/** The metric fields a body sets (not its project or id, nor unknown keys). */
function fieldsOf(body: JsonObject): Partial<MetricFields> {
  return Object.fromEntries(
    Object.entries(body).filter(([k]) => FIELD_NAMES.has(k)),
  ) as Partial<MetricFields>;
}

export function metricRoutes({ api, storage }: RouteDeps): void {
  const metrics = new MetricStore(storage.sql);

  const update = async (auth: AuthContext, id: string, body: JsonObject) => {
    checkProjectFields(auth, body);
    const metric = await metrics.update(auth.projectId, id, fieldsOf(body), (merged) => checkMetric(merged));
    if (!metric) throw notFound("Metric", id);
    return metric;
  };
  const remove = async (id: string, auth: AuthContext) => {
    if (!(await metrics.delete(auth.projectId, id))) throw notFound("Metric", id);
    return { success: true, deleted: id };
  };

  api.add(
    {
      method: "GET",
      paths: ["/metrics", "/v1/metrics"],
      summary:
        "List metrics (evaluator definitions), filtered by name, type, event_name, event_type, enabled_in_prod",
      tag: "metrics",
      querystring: MetricQuery,
      response: MetricList,
    },
    async (req, _reply, auth) => {
      const {
        enabled_in_prod,
        project: _p,
        project_name: _n,
        ...q
      } = req.query as Record<string, string | undefined>;
      checkProjectFields(auth, req.query);
      const query: StoreQuery = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      if (enabled_in_prod !== undefined) query.enabled_in_prod = enabled_in_prod === "true";
      return metrics.listMetrics(auth.projectId, query);
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/metrics/:id"],
      summary: "Read a metric",
      tag: "metrics",
      params: IdParams,
      response: MetricSchema,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const metric = await metrics.get(auth.projectId, id);
      if (!metric) throw notFound("Metric", id);
      return metric;
    },
  );

  api.add(
    {
      method: "POST",
      paths: ["/metrics", "/v1/metrics"],
      summary: "Create a metric (classic and v1 type spellings both accepted)",
      tag: "metrics",
      body: CreateMetricBody,
      response: MetricSchema,
    },
    async (req, _reply, auth) => {
      const raw = req.body as JsonObject;
      const wrapped = raw["metric"] !== undefined;
      const body = (wrapped ? raw["metric"] : raw) as JsonObject;
      checkProjectFields(auth, body, wrapped ? "metric." : "");
      const fields = withDefaults(fieldsOf(body) as MetricInput);
      checkMetric(fields, wrapped ? "metric." : "");
      return metrics.create(auth.projectId, fields);
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/metrics", "/v1/metrics"],
      summary: "Update the metric named by metric_id in the body",
      tag: "metrics",
      body: UpdateMetricBody,
      response: MetricSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as JsonObject;
      return update(auth, requiredId(body, METRIC_IDS, "metric"), body);
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/v1/metrics/:id"],
      summary: "Update a metric",
      tag: "metrics",
      params: IdParams,
      body: UpdateMetricBody,
      response: MetricSchema,
    },
    async (req, _reply, auth) => update(auth, (req.params as { id: string }).id, req.body as JsonObject),
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/metrics", "/v1/metrics"],
      summary: "Delete a metric (?metric_id=)",
      tag: "metrics",
      querystring: DeleteMetricQuery,
      response: DeleteMetricResponse,
    },
    async (req, _reply, auth) => {
      checkProjectFields(auth, req.query);
      return remove(requiredId(req.query, METRIC_IDS, "metric"), auth);
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/metrics/:id"],
      summary: "Delete a metric",
      tag: "metrics",
      params: IdParams,
      response: DeleteMetricResponse,
    },
    async (req, _reply, auth) => remove((req.params as { id: string }).id, auth),
  );

  /** The metric of a run_metric call: a definition (it has a type) or a saved metric by id or name. */
  const resolve = async (auth: AuthContext, ref: JsonObject): Promise<MetricFields> => {
    if (ref["type"] !== undefined) {
      if (typeof ref["name"] !== "string") {
        throw invalid(
          "metric.name",
          "is required",
          "A metric definition needs a name: its score is event.metrics[name].",
        );
      }
      const fields = withDefaults(fieldsOf(ref) as MetricInput);
      checkMetric(fields, "metric.");
      return fields;
    }
    const id = ref["id"] ?? ref["metric_id"];
    if (typeof id === "string") {
      const saved = await metrics.get(auth.projectId, id);
      if (!saved) throw notFound("Metric", id);
      return saved;
    }
    if (typeof ref["name"] === "string") {
      const [saved] = await metrics.listMetrics(auth.projectId, { name: ref["name"] });
      if (!saved) throw notFound("Metric", ref["name"]);
      return saved;
    }
    throw invalid(
      "metric",
      "names no metric",
      "Send a metric definition (with type), or {id} or {name} of a saved metric.",
    );
  };

  api.add(
    {
      method: "POST",
      paths: ["/v1/metrics/run_metric"],
      summary:
        "Evaluate a metric on an event where the server can (composites of scores on the event, pass rules); 422 HH_E_METRIC_NOT_RUNNABLE otherwise",
      tag: "metrics",
      body: RunMetricBody,
      response: RunMetricResponse,
    },
    async (req, _reply, auth) => {
      const body = req.body as { metric: JsonObject; event: JsonObject };
      return runMetric(await resolve(auth, body.metric), body.event);
    },
  );
}
