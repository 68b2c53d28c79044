/**
 * The one place the app talks to the server: every JSON call carries the
 * Bearer key (and the chosen project for admin keys), and every failure
 * becomes an ApiError with the server's stable code and hint, so pages can
 * show a message instead of a blank screen.
 */
import type {
  Configuration,
  ConfigurationVersion,
  Datapoint,
  Dataset,
  Event,
  EventChart,
  EventFilter,
  ImportResult,
  Me,
  Project,
  Run,
  RunComparison,
  RunEventComparison,
  RunResult,
  SdkClient,
  SessionPage,
  SessionQuery,
} from "./types.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The endpoint does not exist on this server (an older build). */
  get missing(): boolean {
    return this.status === 404 && this.code === "HH_E_ROUTE_NOT_FOUND";
  }
}

export interface Credentials {
  key: string;
  projectId?: string;
}

export type Query = Record<string, string | number | boolean | undefined>;

export class Api {
  constructor(readonly creds: Credentials) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { authorization: `Bearer ${this.creds.key}`, ...extra };
    if (this.creds.projectId) h["x-honeyhive-project"] = this.creds.projectId;
    return h;
  }

  /** A raw request with the key; throws ApiError on a non-2xx answer. */
  async raw(method: string, path: string, init: RequestInit = {}, query?: Query): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(withQuery(path, query), {
        ...init,
        method,
        headers: this.headers((init.headers as Record<string, string>) ?? {}),
      });
    } catch (err) {
      throw new ApiError(
        0,
        "HH_E_NETWORK",
        `The server could not be reached (${(err as Error).message}).`,
        "Check that the server is running.",
      );
    }
    if (!res.ok) throw await toError(res);
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
    const res = await this.raw(method, path, init, query);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  me = () => this.json<Me>("GET", "/v1/me");
  projects = () => this.json<Project[]>("GET", "/v1/projects");

  sessions = (q: SessionQuery) =>
    this.json<SessionPage>("GET", "/v1/sessions/list", undefined, {
      ...q,
      filters: q.filters && q.filters.length > 0 ? JSON.stringify(q.filters) : undefined,
    } as Query);
  exportEvents = (body: {
    filters?: EventFilter[];
    dateRange?: { $gte?: number; $lte?: number };
    limit?: number;
    page?: number;
    order?: "asc" | "desc";
  }) => this.json<{ events: Event[]; totalEvents: number }>("POST", "/v1/events/export", body);
  sessionEvents = (id: string) =>
    this.json<{ events: Event[]; totalEvents: number }>("GET", `/v1/events/${enc(id)}`);
  /** The session event spanning its events, with their token and cost totals in metadata. */
  sessionAggregates = (id: string) => this.json<Event>("GET", `/session/${enc(id)}`);
  feedback = (eventId: string, body: Record<string, unknown>) =>
    this.json<{ success: boolean; feedback: Record<string, unknown> }>(
      "POST",
      `/v1/events/${enc(eventId)}/feedback`,
      body,
    );
  chart = (body: {
    metric: string;
    aggregation: string;
    bucket?: string;
    groupBy?: string;
    dateRange?: { $gte: number; $lte: number };
    filters?: EventFilter[];
  }) => this.json<EventChart>("POST", "/v1/events/chart", body);

  runs = (q: Query = {}) =>
    this.json<{ evaluations: Run[]; total: number }>("GET", "/v1/runs", undefined, { limit: 100, ...q });
  run = (id: string) => this.json<{ evaluation: Run }>("GET", `/v1/runs/${enc(id)}`);
  runResult = (id: string) => this.json<RunResult>("GET", `/v1/runs/${enc(id)}/result`);
  compareRuns = (newId: string, oldId: string) =>
    this.json<RunComparison>("GET", `/v1/runs/${enc(newId)}/compare-with/${enc(oldId)}`);
  compareEvents = (run1: string, run2: string) =>
    this.json<RunEventComparison>("GET", "/v1/runs/compare/events", undefined, {
      run_id_1: run1,
      run_id_2: run2,
      limit: 500,
    });

  datasets = () => this.json<{ datasets: Dataset[] }>("GET", "/v1/datasets");
  createDataset = (name: string, description: string) =>
    this.json<{ result: { insertedId: string } }>("POST", "/v1/datasets", { name, description });
  datapoints = (datasetId: string, limit: number, offset: number) =>
    this.json<{ datapoints: Datapoint[] }>("GET", "/v1/datapoints", undefined, {
      dataset_id: datasetId,
      limit,
      offset,
    });
  updateDatapoint = (id: string, body: Partial<Pick<Datapoint, "inputs" | "ground_truth" | "metadata">>) =>
    this.json<{ datapoint: Datapoint }>("PUT", `/v1/datapoints/${enc(id)}`, body);
  datapointsFromEvents = (datasetId: string, eventIds: string[]) =>
    this.json<{ datapoint_ids: string[] }>("POST", `/v1/datasets/${enc(datasetId)}/datapoints/from-events`, {
      event_ids: eventIds,
    });
  exportUrl = (datasetId: string, format: "jsonl" | "csv") =>
    `/v1/datasets/${enc(datasetId)}/export?format=${format}`;

  configurations = () => this.json<Configuration[]>("GET", "/v1/configurations");
  configVersions = (id: string) =>
    this.json<ConfigurationVersion[]>("GET", `/v1/configurations/${enc(id)}/versions`);
  deploy = (id: string, env: string, version: number) =>
    this.json<Configuration>("POST", `/v1/configurations/${enc(id)}/deploy`, { env, version });

  sdkHealth = () => this.json<{ clients: SdkClient[] }>("GET", "/v1/sdk/health");

  /**
   * Upload a JSONL or CSV file to a dataset. XMLHttpRequest, not fetch: it is
   * the browser API that reports upload progress.
   */
  importDataset(
    datasetId: string,
    file: Blob,
    format: "jsonl" | "csv",
    onProgress: (fraction: number) => void,
  ): Promise<ImportResult> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/v1/datasets/${enc(datasetId)}/import?format=${format}`);
      for (const [k, v] of Object.entries(
        this.headers({ "content-type": format === "csv" ? "text/csv" : "application/x-ndjson" }),
      ))
        xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () =>
        reject(new ApiError(0, "HH_E_NETWORK", "The upload failed.", "Check the connection and retry."));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve(body as ImportResult);
        } else reject(errorFromBody(xhr.status, body));
      };
      xhr.send(file);
    });
  }
}

const enc = encodeURIComponent;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  return errorFromBody(res.status, body);
}

function errorFromBody(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: string; message?: string; hint?: string } } | undefined)?.error;
  return new ApiError(
    status,
    e?.code ?? `HTTP_${status}`,
    e?.message ?? `The server answered ${status}.`,
    e?.hint ?? (status >= 500 ? "Retry; the server log has the details." : ""),
  );
}
