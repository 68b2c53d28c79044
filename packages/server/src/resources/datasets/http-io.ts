import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { FastifyRequest } from "fastify";
import { HoneyHiveError } from "../../errors.js";
import { FieldMappingSchema } from "../../http/schemas-datasets.js";
import type { ImportFormat } from "./import.js";
import type { FieldMapping } from "./types.js";

/** HTTP plumbing of streamed imports: raw bodies, format and mapping from the query. */

/** Longest JSONL line or CSV record, in characters. */
export const IMPORT_MAX_ROW_CHARS = 8 * 1024 * 1024;
/**
 * Rows per transaction: each commit is a disk sync, so chunks are large
 * enough that syncs do not dominate, and small enough (rows and text) that a
 * chunk's memory stays a few MiB.
 */
export const IMPORT_CHUNK_ROWS = 2000;
export const IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;

const CSV_TYPES = ["text/csv", "application/csv"];
const JSONL_TYPES = [
  "application/x-ndjson",
  "application/jsonl",
  "application/x-jsonlines",
  "application/jsonlines",
];

/** Import bodies reach the handler as the request stream (see ApiRegistry.addStreamedTypes). */
export const IMPORT_CONTENT_TYPES = [...JSONL_TYPES, ...CSV_TYPES];

const mediaType = (req: FastifyRequest) =>
  (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

export function importFormat(req: FastifyRequest, asked: ImportFormat | undefined): ImportFormat {
  const type = mediaType(req);
  if (!CSV_TYPES.includes(type) && !JSONL_TYPES.includes(type)) {
    throw new HoneyHiveError(
      "HH_E_UNSUPPORTED_MEDIA_TYPE",
      415,
      `Content-Type '${type || "(none)"}' is not an import format`,
      "Send the file as the body with Content-Type application/x-ndjson (JSONL) or text/csv.",
    );
  }
  return asked ?? (CSV_TYPES.includes(type) ? "csv" : "jsonl");
}

/** The body as a byte stream, gunzipped when Content-Encoding says so; 413 up front when Content-Length is too big. */
export function importBody(req: FastifyRequest, maxBytes: number): Readable {
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > maxBytes) {
    throw new HoneyHiveError(
      "HH_E_BODY_TOO_LARGE",
      413,
      `The import body (${length} bytes) is larger than ${maxBytes} bytes`,
      "Split the file, or raise HH_IMPORT_MAX_BYTES on the server.",
    );
  }
  const body = req.body as Readable;
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "gzip") return body.pipe(createGunzip());
  if (encoding === "identity" || encoding === "") return body;
  throw new HoneyHiveError(
    "HH_E_UNSUPPORTED_ENCODING",
    415,
    `Content-Encoding '${encoding}' is not supported for imports`,
    "Send the file uncompressed or gzip-compressed.",
  );
}

const checkMapping = TypeCompiler.Compile(FieldMappingSchema);
const keyList = (v: string | undefined) =>
  v
    ?.split(",")
    .map((k) => k.trim())
    .filter(Boolean);

/** `mapping` as JSON, or `inputs=a,b&ground_truth=c&history=d`; undefined when neither is given. */
export function mappingFromQuery(q: {
  mapping?: string;
  inputs?: string;
  ground_truth?: string;
  history?: string;
}): FieldMapping | undefined {
  if (q.mapping !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(q.mapping);
    } catch {
      parsed = undefined;
    }
    if (!checkMapping.Check(parsed)) {
      throw new HoneyHiveError(
        "HH_E_VALIDATION",
        400,
        "mapping must be a JSON object of key lists",
        'Send mapping={"inputs":["question"],"ground_truth":["answer"]} (URL-encoded), or inputs=question&ground_truth=answer.',
        { field: "mapping" },
      );
    }
    return parsed as FieldMapping;
  }
  const lists = {
    inputs: keyList(q.inputs),
    ground_truth: keyList(q.ground_truth),
    history: keyList(q.history),
  };
  if (!lists.inputs && !lists.ground_truth && !lists.history) return undefined;
  return Object.fromEntries(Object.entries(lists).filter(([, v]) => v)) as FieldMapping;
}
