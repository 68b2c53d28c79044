import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline, Readable, Transform } from "node:stream";
import type { BodyOf, QueryOf, ResponseOf } from "../operations.js";
import type { CallOptions, StreamBody } from "../transport.js";
import { Resource, requestSpec } from "./base.js";

export type DatasetFormat = "jsonl" | "csv";

export interface ImportOptions extends CallOptions {
  /** Default "jsonl" (one JSON object a line); "csv" has a header row. */
  format?: DatasetFormat;
  /** Which fields (JSONL) or columns (CSV) become inputs, ground_truth and history. */
  mapping?: { inputs?: string[]; ground_truth?: string[]; history?: string[] };
  /** Called as the body is sent, with the bytes sent so far. */
  onProgress?: (progress: { bytesSent: number }) => void;
}

const CONTENT_TYPES: Record<DatasetFormat, string> = { jsonl: "application/x-ndjson", csv: "text/csv" };

/** Counts bytes on their way to the socket (the body is never held in memory). */
function progress(onProgress: ImportOptions["onProgress"]): Transform {
  let bytesSent = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      bytesSent += Buffer.byteLength(chunk);
      onProgress?.({ bytesSent });
      done(null, chunk);
    },
  });
}

/** Datasets: CRUD, datapoints in a dataset, and streamed import / export. */
export class DatasetsResource extends Resource {
  /** GET /v1/datasets (?include_datapoints). */
  list(query: QueryOf<"GET /v1/datasets"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/datasets", { query }, options);
  }

  /** GET /v1/datasets/{id}. */
  get(datasetId: string, options: CallOptions = {}) {
    return this.call("GET /v1/datasets/{id}", { params: { id: datasetId } }, options);
  }

  /** POST /v1/datasets. */
  create(body: BodyOf<"POST /v1/datasets">, options: CallOptions = {}) {
    return this.call("POST /v1/datasets", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /v1/datasets/{id}. */
  update(datasetId: string, body: BodyOf<"PUT /v1/datasets/{id}">, options: CallOptions = {}) {
    return this.call("PUT /v1/datasets/{id}", { params: { id: datasetId }, body }, options);
  }

  /** DELETE /v1/datasets/{id}. */
  delete(datasetId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/datasets/{id}", { params: { id: datasetId } }, options);
  }

  /** POST /v1/datasets/{id}/datapoints: add rows, mapped to inputs / ground_truth / history. */
  addDatapoints(
    datasetId: string,
    body: BodyOf<"POST /v1/datasets/{id}/datapoints">,
    options: CallOptions = {},
  ) {
    return this.call(
      "POST /v1/datasets/{id}/datapoints",
      { params: { id: datasetId }, body },
      { retry: "idempotency-key", ...options },
    );
  }

  /** POST /v1/datasets/{id}/datapoints/from-events: datapoints made from stored events. */
  addDatapointsFromEvents(
    datasetId: string,
    body: BodyOf<"POST /v1/datasets/{id}/datapoints/from-events">,
    options: CallOptions = {},
  ) {
    return this.call(
      "POST /v1/datasets/{id}/datapoints/from-events",
      { params: { id: datasetId }, body },
      { retry: "idempotency-key", ...options },
    );
  }

  /** DELETE /v1/datasets/{id}/datapoints/{datapoint_id}. */
  removeDatapoint(datasetId: string, datapointId: string, options: CallOptions = {}) {
    return this.call(
      "DELETE /v1/datasets/{id}/datapoints/{datapoint_id}",
      {
        params: { id: datasetId, datapoint_id: datapointId },
      },
      options,
    );
  }

  /**
   * POST /v1/datasets/{id}/import: streams a file (path), a Readable or an
   * AsyncIterable into the dataset without buffering it. Not retried (a
   * stream cannot be replayed); bad lines are reported in `errors`.
   */
  importFile(datasetId: string, source: string | StreamBody, options: ImportOptions = {}) {
    return this.upload("POST /v1/datasets/{id}/import", { id: datasetId }, {}, source, options);
  }

  /** POST /v1/datasets/import: a new dataset named `name`, filled from a streamed file. */
  importNew(
    source: string | StreamBody,
    dataset: { name: string; description?: string; type?: "evaluation" | "fine-tuning" },
    options: ImportOptions = {},
  ) {
    return this.upload("POST /v1/datasets/import", {}, dataset, source, options);
  }

  private async upload(
    route: "POST /v1/datasets/{id}/import" | "POST /v1/datasets/import",
    params: Record<string, string>,
    extraQuery: Record<string, string | undefined>,
    source: string | StreamBody,
    options: ImportOptions,
  ): Promise<ResponseOf<"POST /v1/datasets/import">> {
    const format = options.format ?? "jsonl";
    const body: StreamBody = typeof source === "string" ? createReadStream(source) : source;
    const readable = body instanceof Readable ? body : Readable.from(body);
    // pipeline (not pipe) so a failing source also fails the upload
    const counted = options.onProgress
      ? pipeline(readable, progress(options.onProgress), () => {})
      : readable;
    const query = {
      ...extraQuery,
      format,
      ...(options.mapping ? { mapping: JSON.stringify(options.mapping) } : {}),
    };
    const spec = requestSpec(route, { params, query }, options);
    spec.stream = { body: counted, contentType: CONTENT_TYPES[format] };
    return (await this.transport.json<ResponseOf<"POST /v1/datasets/import">>(spec)).body;
  }

  /** GET /v1/datasets/{id}/export: the raw stream (JSONL or CSV), e.g. to pipe to a file. */
  exportStream(datasetId: string, options: CallOptions & { format?: DatasetFormat } = {}): Promise<Readable> {
    const spec = requestSpec(
      "GET /v1/datasets/{id}/export",
      { params: { id: datasetId }, query: { format: options.format ?? "jsonl" } },
      options,
    );
    return this.transport.stream(spec);
  }

  /** The dataset's rows as objects, read from the JSONL export as they arrive. */
  async *exportRows(datasetId: string, options: CallOptions = {}): AsyncGenerator<Record<string, unknown>> {
    const stream = await this.exportStream(datasetId, { ...options, format: "jsonl" });
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of lines)
        if (line.trim() !== "") yield JSON.parse(line) as Record<string, unknown>;
    } finally {
      lines.close();
      stream.destroy();
    }
  }
}
