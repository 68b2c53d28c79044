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

type Json = Record<string, unknown>;

/**
 * Moves every schema with a `title` into `components.schemas` and refers to
 * it with `$ref`, so a named model is documented once and generated clients
 * (the SDK's api-types.ts) get one named type per model. Schemas are copied
 * as plain JSON first (TypeBox's symbol keys are not part of the document).
 * Two different schemas with the same title keep the first name; the later
 * ones get a numbered name, in registration order, so the document is stable.
 */
class SchemaComponents {
  readonly schemas: Record<string, Json> = {};
  private readonly texts = new Map<string, string>();

  ref(schema: TSchema | undefined): Json | undefined {
    if (schema === undefined) return undefined;
    return this.hoist(JSON.parse(JSON.stringify(schema)) as unknown) as Json;
  }

  private hoist(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.hoist(n));
    if (!node || typeof node !== "object") return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "const" || k === "enum" ? v : this.hoist(v);
    const title = out["title"];
    if (typeof title !== "string") return out;
    const text = JSON.stringify(out);
    let name = title;
    for (let n = 2; this.texts.has(name) && this.texts.get(name) !== text; n++) name = `${title}${n}`;
    if (!this.texts.has(name)) {
      this.texts.set(name, text);
      this.schemas[name] = name === title ? out : { ...out, title: name };
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

/** One schema under each media type; JSON when none are named. */
function media(types: readonly string[] | undefined, schema: unknown): Record<string, { schema: unknown }> {
  return Object.fromEntries((types ?? ["application/json"]).map((t) => [t, { schema }]));
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, "{$1}");
}

function parameters(spec: RouteSpec, components: SchemaComponents): unknown[] {
  const out: unknown[] = [];
  const add = (schema: TSchema | undefined, where: "path" | "query") => {
    const props = (schema?.["properties"] ?? {}) as Record<string, TSchema>;
    const required = new Set((schema?.["required"] as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      const param: Json = { name, in: where, required: where === "path" || required.has(name) };
      param["schema"] = components.ref(s);
      out.push(param);
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
  const components = new SchemaComponents();
  for (const spec of routes) {
    for (const [i, path] of spec.paths.entries()) {
      const key = toOpenApiPath(path);
      paths[key] ??= {};
      const item = paths[key];
      const op: Record<string, unknown> = {
        operationId: `${spec.method.toLowerCase()}${toOpenApiPath(path).replace(/[^A-Za-z0-9]+/g, "_")}`,
        summary: i === 0 ? spec.summary : `${spec.summary} (alias of ${spec.paths[0]})`,
        tags: [spec.tag],
        parameters: parameters(spec, components),
        responses: {
          "200": {
            description: "OK",
            content: media(spec.produces, components.ref(spec.response) ?? { type: "object" }),
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
      if (spec.consumes) {
        op["requestBody"] = {
          required: true,
          content: media(spec.consumes, { type: "string", format: "binary" }),
        };
      } else if (spec.body) {
        op["requestBody"] = {
          required: true,
          content: { "application/json": { schema: components.ref(spec.body) } },
        };
      }
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
    components: {
      schemas: components.schemas,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
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
