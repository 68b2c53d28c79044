import type { TSchema } from "@sinclair/typebox";
import type { RouteSpec } from "./api.js";

const ERROR_SCHEMA = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "hint"],
      properties: {
        code: { type: "string", description: "Stable error code, e.g. HH_E_VALIDATION" },
        message: { type: "string" },
        hint: { type: "string" },
        field: { type: "string" },
      },
    },
  },
};

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, "{$1}");
}

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  const add = (schema: TSchema | undefined, where: "path" | "query") => {
    const props = (schema?.["properties"] ?? {}) as Record<string, TSchema>;
    const required = new Set((schema?.["required"] as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === "path" || required.has(name), schema: s });
    }
  };
  add(spec.params, "path");
  add(spec.querystring, "query");
  return out;
}

/** The OpenAPI 3.1 document, built from the same route specs the server validates with. */
export function buildOpenApi(
  routes: readonly RouteSpec[],
  version: string,
  extra: Record<string, Record<string, unknown>> = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = { ...extra };
  for (const spec of routes) {
    for (const [i, path] of spec.paths.entries()) {
      const key = toOpenApiPath(path);
      paths[key] ??= {};
      const item = paths[key];
      const op: Record<string, unknown> = {
        operationId: `${spec.method.toLowerCase()}${toOpenApiPath(path).replace(/[^A-Za-z0-9]+/g, "_")}`,
        summary: i === 0 ? spec.summary : `${spec.summary} (alias of ${spec.paths[0]})`,
        tags: [spec.tag],
        parameters: parameters(spec),
        responses: {
          "200": {
            description: "OK",
            content: { "application/json": { schema: spec.response ?? { type: "object" } } },
          },
          "400": {
            description: "Invalid request",
            content: { "application/json": { schema: ERROR_SCHEMA } },
          },
          "401": {
            description: "Missing or bad API key",
            content: { "application/json": { schema: ERROR_SCHEMA } },
          },
        },
      };
      if (spec.auth === false) op["security"] = [];
      if (spec.body)
        op["requestBody"] = { required: true, content: { "application/json": { schema: spec.body } } };
      item[spec.method.toLowerCase()] = op;
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "HoneyHive TS platform API",
      version,
      description:
        "HoneyHive-compatible REST API (classic paths and /v1 aliases) and OTLP/HTTP trace ingest.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}

const otlpOperation = (alias: boolean) => ({
  summary: alias
    ? "OTLP/HTTP trace ingest for plain OpenTelemetry exporters"
    : "OTLP/HTTP trace ingest (the path HoneyHive SDKs use)",
  tags: ["otlp"],
  description:
    "ExportTraceServiceRequest as application/x-protobuf or application/json, optionally gzip. The response has the request's content type; spans rejected one by one are counted in partialSuccess with the reasons.",
  requestBody: {
    required: true,
    content: {
      "application/x-protobuf": { schema: { type: "string", format: "binary" } },
      "application/json": { schema: { type: "object" } },
    },
  },
  responses: {
    "200": { description: "Accepted (and durable); partialSuccess lists rejected spans" },
    "400": { description: "The body could not be decoded" },
    "401": { description: "Missing or bad API key" },
    "413": { description: "Body larger than HH_MAX_BODY_BYTES" },
    "415": { description: "Unsupported Content-Type or Content-Encoding" },
    "503": { description: "Ingest queue full; retry after Retry-After" },
  },
});

export const OTLP_PATHS: Record<string, Record<string, unknown>> = {
  "/opentelemetry/v1/traces": {
    post: { operationId: "post_opentelemetry_v1_traces", ...otlpOperation(false) },
  },
  "/v1/traces": { post: { operationId: "post_v1_traces", ...otlpOperation(true) } },
};
