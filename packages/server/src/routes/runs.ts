import { type AuthContext, checkProjectName } from "../auth/context.js";
import { notFound } from "../errors.js";
import {
  CompareEventsQuery,
  CompareParams,
  CompareQuery,
  CreateRunBody,
  CreateRunResponse,
  DeleteRunResponse,
  EventPairsSchema,
  GetRunResponse,
  ListRunsQuery,
  ListRunsResponse,
  RunComparisonSchema,
  RunIdParams,
  RunResultQuery,
  RunResultSchema,
  UpdateRunBody,
} from "../http/schemas-runs.js";
import { MetricStore } from "../resources/metrics/store.js";
import { compareRuns } from "../resources/runs/compare.js";
import { pairRunEvents } from "../resources/runs/compare-events.js";
import { computeRunResult } from "../resources/runs/result.js";
import type { AggregateFunction } from "../resources/runs/stats.js";
import { RunStore } from "../resources/runs/store.js";
import type { CreateRunInput, Run, RunListQuery } from "../resources/runs/types.js";
import type { EventFilter } from "../storage/types.js";
import { parseJsonQuery } from "./charts.js";
import type { RouteDeps } from "./deps.js";

type WithProject = { project?: string };

/** JSON filters given in a query string: one filter object or an array of them. */
function parseFilters(raw: string | undefined): EventFilter[] {
  const value = parseJsonQuery(raw, "filter", '[{"field":"metadata.tier","operator":"is","value":"free"}]');
  return value === undefined ? [] : ((Array.isArray(value) ? value : [value]) as EventFilter[]);
}

/** Runs per page at most (the store clamps to the same bound). */
const MAX_PAGE = 1000;
const toInt = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/**
 * Runs (experiments): classic paths and their /v1 aliases. PUT appends ids
 * (without duplicates), merges metadata and replaces the other given fields.
 * Results and comparisons are computed from the runs' sessions on each call.
 */
export function runRoutes({ api, storage }: RouteDeps): void {
  const runs = new RunStore(storage.sql);
  const metrics = new MetricStore(storage.sql);

  const load = async (auth: AuthContext, id: string): Promise<Run> => {
    const run = await runs.get(auth.projectId, id);
    if (!run) throw notFound("Run", id);
    return run;
  };

  api.add(
    {
      method: "POST",
      paths: ["/runs", "/v1/runs"],
      summary: "Create a run (experiment)",
      tag: "runs",
      body: CreateRunBody,
      response: CreateRunResponse,
    },
    async (req, _reply, auth) => {
      const { project, ...input } = req.body as CreateRunInput & WithProject;
      checkProjectName(auth, project);
      const run = await runs.create(auth.projectId, input);
      return { run_id: run.run_id, evaluation: run };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/runs", "/v1/runs"],
      summary: "List runs, newest first, with filters and paging",
      tag: "runs",
      querystring: ListRunsQuery,
      response: ListRunsResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as Omit<RunListQuery, "page" | "limit"> &
        WithProject & { page?: string; limit?: string };
      checkProjectName(auth, q.project);
      const { project: _p, page, limit, ...filters } = q;
      const query = {
        ...filters,
        page: Math.max(1, toInt(page) ?? 1),
        limit: Math.min(MAX_PAGE, Math.max(1, toInt(limit) ?? 100)),
      };
      const list = await runs.list(auth.projectId, query);
      return {
        evaluations: list.runs,
        total: list.total,
        page: query.page,
        limit: query.limit,
      };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/runs/:id", "/v1/runs/:id"],
      summary: "Read a run",
      tag: "runs",
      params: RunIdParams,
      response: GetRunResponse,
    },
    async (req, _reply, auth) => ({ evaluation: await load(auth, (req.params as { id: string }).id) }),
  );

  api.add(
    {
      method: "PUT",
      paths: ["/runs/:id", "/v1/runs/:id"],
      summary: "Update a run: ids are appended without duplicates, metadata merged, other fields replaced",
      tag: "runs",
      params: RunIdParams,
      body: UpdateRunBody,
      response: GetRunResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const { project, ...patch } = req.body as Partial<CreateRunInput> & WithProject;
      checkProjectName(auth, project);
      const run = await runs.update(auth.projectId, id, patch);
      if (!run) throw notFound("Run", id);
      return { evaluation: run };
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/runs/:id", "/v1/runs/:id"],
      summary: "Delete a run (its sessions and events stay)",
      tag: "runs",
      params: RunIdParams,
      response: DeleteRunResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      if (!(await runs.delete(auth.projectId, id))) throw notFound("Run", id);
      return { id, deleted: true };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/runs/:id/result", "/v1/runs/:id/result", "/v1/runs/:id/metrics"],
      summary: "Aggregate every metric of the run's sessions and their events, with pass/fail per datapoint",
      tag: "runs",
      params: RunIdParams,
      querystring: RunResultQuery,
      response: RunResultSchema,
    },
    async (req, _reply, auth) => {
      const q = req.query as { aggregate_function?: AggregateFunction } & WithProject;
      checkProjectName(auth, q.project);
      const run = await load(auth, (req.params as { id: string }).id);
      return computeRunResult(storage.sql, metrics, run, q.aggregate_function ?? "average");
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/runs/:new_run_id/compare-with/:old_run_id", "/v1/runs/:new_run_id/compare-with/:old_run_id"],
      summary: "Compare a run with a baseline run on the datapoints both evaluated",
      tag: "runs",
      params: CompareParams,
      querystring: CompareQuery,
      response: RunComparisonSchema,
    },
    async (req, _reply, auth) => {
      const { new_run_id, old_run_id } = req.params as { new_run_id: string; old_run_id: string };
      const q = req.query as {
        aggregate_function?: AggregateFunction;
        lower_is_better?: string;
      } & WithProject;
      checkProjectName(auth, q.project);
      const lower = new Set(
        (q.lower_is_better ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      );
      const [newRun, oldRun] = [await load(auth, new_run_id), await load(auth, old_run_id)];
      return compareRuns(storage.sql, metrics, newRun, oldRun, q.aggregate_function ?? "average", lower);
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/runs/compare/events", "/runs/compare/events"],
      summary: "Pair two runs' events per common datapoint and event name, for side-by-side views",
      tag: "runs",
      querystring: CompareEventsQuery,
      response: EventPairsSchema,
    },
    async (req, _reply, auth) => {
      const q = req.query as {
        run_id_1: string;
        run_id_2: string;
        event_name?: string;
        event_type?: string;
        filter?: string;
        limit?: string;
        page?: string;
      } & WithProject;
      checkProjectName(auth, q.project);
      const [one, two] = [await load(auth, q.run_id_1), await load(auth, q.run_id_2)];
      return pairRunEvents(storage.sql, one, two, {
        filters: parseFilters(q.filter),
        ...(q.event_name !== undefined ? { event_name: q.event_name } : {}),
        ...(q.event_type !== undefined ? { event_type: q.event_type } : {}),
        ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
        ...(q.page !== undefined ? { page: Number(q.page) } : {}),
      });
    },
  );
}
