import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";
import type { JsonObject } from "@honeyhive-ts/semconv";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HoneyHiveError } from "../errors.js";
import { recordError } from "../http/error-handler.js";
import type { Rejection } from "../ingest/spans.js";
import { encodeResponseJson, encodeResponseProtobuf, OtlpDecodeError } from "../otlp/index.js";
import type { RouteDeps } from "./deps.js";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

type Format = "protobuf" | "json";
const PROTOBUF_TYPE = "application/x-protobuf";

function formatOf(contentType: string | undefined): Format | undefined {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  return undefined;
}

/** SDK identification headers, recorded on sessions created from spans; never required. */
const CLIENT_HEADERS = [
  "x-source",
  "hh-client-version",
  "hh-client-language",
  "hh-client-package",
  "hh-sdk-version",
  "hh-sdk-language",
  "hh-sdk-package",
  "user-agent",
];

function clientInfo(req: FastifyRequest): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const h of CLIENT_HEADERS) {
    const v = req.headers[h];
    if (typeof v !== "string" || !v) continue;
    out ??= {};
    out[h] = v.slice(0, 200);
  }
  return out;
}

async function decompress(body: Buffer, encoding: string | undefined, limit: number): Promise<Buffer> {
  const enc = (encoding ?? "identity").trim().toLowerCase();
  if (enc === "identity" || enc === "") return body;
  if (enc !== "gzip" && enc !== "deflate") {
    throw new HoneyHiveError(
      "HH_E_UNSUPPORTED_ENCODING",
      415,
      `Content-Encoding '${enc}' is not supported`,
      "Send the body uncompressed or gzip-compressed.",
    );
  }
  try {
    return await (enc === "gzip" ? gunzipAsync : inflateAsync)(body, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new HoneyHiveError(
        "HH_E_BODY_TOO_LARGE",
        413,
        `The decompressed body is larger than ${limit} bytes`,
        "Send smaller batches, or raise HH_MAX_BODY_BYTES on the server.",
      );
    }
    throw new HoneyHiveError(
      "HH_E_BAD_ENCODING",
      400,
      `The ${enc} body could not be decompressed: ${(err as Error).message}`,
      "Check that Content-Encoding matches how the body was compressed.",
    );
  }
}

/** google.rpc.Status {code = 1, message = 2}: the OTLP error body for protobuf clients. */
function encodeStatus(grpcCode: number, message: string): Buffer {
  const msg = Buffer.from(message, "utf8");
  const len: number[] = [];
  for (let n = msg.length; ; n >>>= 7) {
    if (n < 0x80) {
      len.push(n);
      break;
    }
    len.push((n & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from([0x08, grpcCode, 0x12, ...len]), msg]);
}

const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 413: 3, 415: 3, 503: 14 };

function summarize(rejected: Rejection[]): string {
  const shown = rejected.slice(0, 5).map((r) => `${r.index}: ${r.reason}`);
  const more = rejected.length > 5 ? `; and ${rejected.length - 5} more` : "";
  return `${rejected.length} span${rejected.length === 1 ? "" : "s"} rejected: ${shown.join("; ")}${more}`;
}

export async function otlpRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { config, queue, convert } = deps;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: config.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err, req, reply) => {
    const hh = recordError(err, req, reply);
    if (formatOf(req.headers["content-type"]) === "protobuf") {
      void reply
        .status(hh.status)
        .type(PROTOBUF_TYPE)
        .send(encodeStatus(GRPC_CODE[hh.status] ?? 13, `${hh.code}: ${hh.message}. ${hh.hint}`));
    } else {
      void reply.status(hh.status).type("application/json").send(hh.toJSON());
    }
  });

  // Overload is refused before the body is read: memory stays bounded by
  // ingestMaxInFlight bodies plus the write queue, whatever the senders do.
  let inFlight = 0;
  app.addHook("onRequest", async (_req, reply) => {
    if (inFlight >= config.ingestMaxInFlight || queue.stats.queuedSpans >= config.ingestQueueSpans) {
      throw new HoneyHiveError(
        "HH_E_OVERLOADED",
        503,
        `The server is busy (${inFlight} OTLP requests in progress, ${queue.stats.queuedSpans} spans queued)`,
        "Retry after the Retry-After delay; OTLP exporters do this by themselves.",
      );
    }
    inFlight++;
    reply.raw.once("close", () => {
      inFlight--;
    });
  });

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const format = formatOf(req.headers["content-type"]);
    if (!format) {
      throw new HoneyHiveError(
        "HH_E_UNSUPPORTED_MEDIA_TYPE",
        415,
        `Content-Type '${req.headers["content-type"] ?? "(none)"}' is not supported for OTLP traces`,
        "Send application/x-protobuf or application/json (OTLP/HTTP).",
      );
    }
    const raw = (req.body as Buffer | undefined) ?? Buffer.alloc(0);
    const body = await decompress(raw, req.headers["content-encoding"], config.maxBodyBytes);
    let converted: Awaited<ReturnType<typeof convert.convert>>;
    try {
      converted = await convert.convert(body, format, req.auth!, clientInfo(req));
    } catch (err) {
      if (!(err instanceof OtlpDecodeError)) throw err;
      throw new HoneyHiveError(
        "HH_E_OTLP_DECODE",
        400,
        `The OTLP ${format} body could not be decoded: ${err.message}`,
        format === "protobuf"
          ? "Send an ExportTraceServiceRequest encoded as protobuf."
          : "Send an ExportTraceServiceRequest in OTLP/JSON.",
        { cause: err },
      );
    }
    const { item, rejected: allRejected } = converted;
    if (item.events.length > 0) await queue.submit(item);
    const partial =
      allRejected.length > 0
        ? { rejectedSpans: allRejected.length, errorMessage: summarize(allRejected) }
        : undefined;
    if (partial) req.log.info({ rejected: partial.rejectedSpans }, partial.errorMessage);
    if (format === "protobuf")
      return reply.type(PROTOBUF_TYPE).send(Buffer.from(encodeResponseProtobuf(partial)));
    return reply.type("application/json").send(encodeResponseJson(partial));
  };

  for (const url of ["/opentelemetry/v1/traces", "/v1/traces"]) {
    app.post(url, { config: { auth: true } }, handler);
  }
}
