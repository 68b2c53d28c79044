import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_TYPES_PATH,
  emitApiTypes,
  generateApiTypes,
  REGENERATE_COMMAND,
  toType,
} from "../scripts/emit-api-types.mjs";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

describe("generated API types", () => {
  let server: SdkTestServer;
  beforeAll(async () => {
    server = await startSdkTestServer();
  });
  afterAll(async () => server?.stop());

  it("match the server's /openapi.json (regenerate them when a route changes)", async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    const fresh = generateApiTypes(doc);
    const committed = await readFile(API_TYPES_PATH, "utf8");
    if (fresh !== committed) {
      expect.fail(
        `src/client/api-types.ts is out of date with the server's /openapi.json: run \`${REGENERATE_COMMAND}\` (after \`npm run build\`) and commit the result`,
      );
    }
  });

  it("name every route's response model (a titled schema, or an array of one)", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as any;
    const untyped: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (path.endsWith("/traces")) continue; // OTLP: protobuf or JSON, not a REST model
        const content = op.responses?.["200"]?.content ?? {};
        if (!("application/json" in content)) continue; // a streamed file (JSONL / CSV export)
        const schema = content["application/json"].schema;
        const named = schema?.$ref ?? (schema?.type === "array" ? schema.items?.$ref : undefined);
        if (!named) untyped.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it("emit JSON Schema as TypeScript: refs, unions, records, arrays, optional fields", () => {
    expect(toType({ $ref: "#/components/schemas/Event" })).toBe("Event");
    expect(toType({ anyOf: [{ type: "string" }, { type: "null" }] })).toBe("string | null");
    expect(toType({ type: "array", items: { anyOf: [{ const: "a" }, { const: 1 }] } })).toBe('("a" | 1)[]');
    expect(toType({ type: "object", patternProperties: { "^(.*)$": {} } })).toBe("Record<string, unknown>");
    expect(toType({ type: "object", properties: { "a-b": { type: "integer" } }, required: [] })).toBe(
      '{\n  "a-b"?: number;\n}',
    );
    const source = emitApiTypes({
      components: {
        schemas: {
          Thing: { title: "Thing", type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        },
      },
      paths: {
        "/things/{id}": {
          get: {
            summary: "Read",
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
            },
          },
        },
      },
    });
    expect(source).toContain("export interface Thing {");
    expect(source).toContain('"GET /things/{id}": {');
    expect(source).toContain("response: Thing;");
  });
});
