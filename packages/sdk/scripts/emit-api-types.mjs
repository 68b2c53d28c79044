/**
 * A small JSON Schema → TypeScript emitter for the server's OpenAPI document:
 * one named type per `components.schemas` entry (the server hoists every
 * schema with a `title` there) and one entry per operation in
 * `ApiOperations` ("METHOD /path" → params, query, body, response). The
 * output is then formatted with the repository's Biome, so the committed
 * file and an in-memory regeneration compare byte for byte.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the generated file lives (also the path Biome formats it as). */
export const API_TYPES_PATH = join(HERE, "..", "src", "client", "api-types.ts");
export const REGENERATE_COMMAND = "npm run gen:api-types -w @honeyhive-ts/sdk";
const REPO_ROOT = join(HERE, "..", "..", "..");
const METHODS = ["get", "post", "put", "delete"];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const refName = (ref) => ref.slice(ref.lastIndexOf("/") + 1);
const key = (name) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

function comment(text, indent) {
  if (!text) return "";
  const safe = String(text).replaceAll("*/", "*\\/");
  return `${indent}/** ${safe} */\n`;
}

/** Wraps a union or intersection so it can take a postfix `[]`. */
function atom(type) {
  return /[|&]/.test(type) && !/^[{(]/.test(type) ? `(${type})` : type;
}

function union(types) {
  const unique = [...new Set(types)];
  return unique.length === 0 ? "never" : unique.join(" | ");
}

function objectType(schema, indent) {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const lines = [];
  for (const [name, prop] of Object.entries(props)) {
    lines.push(
      `${comment(prop.description, inner)}${inner}${key(name)}${required.has(name) ? "" : "?"}: ${toType(prop, inner)};`,
    );
  }
  const extra = [
    ...Object.values(schema.patternProperties ?? {}),
    ...(schema.additionalProperties && typeof schema.additionalProperties === "object"
      ? [schema.additionalProperties]
      : []),
  ];
  if (extra.length > 0 || schema.additionalProperties === true) {
    const value = extra.length > 0 ? union(extra.map((e) => toType(e, inner))) : "unknown";
    if (lines.length === 0) return `Record<string, ${value}>`;
    lines.push(`${inner}[key: string]: unknown;`);
  }
  if (lines.length === 0) return "Record<string, unknown>";
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** The TypeScript type of one JSON Schema. */
export function toType(schema, indent = "") {
  if (!schema || typeof schema !== "object") return "unknown";
  if (schema.$ref) return refName(schema.$ref);
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map((v) => JSON.stringify(v)));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return union(alternatives.map((s) => toType(s, indent)));
  if (Array.isArray(schema.allOf)) return schema.allOf.map((s) => atom(toType(s, indent))).join(" & ");
  if (Array.isArray(schema.type))
    return union(schema.type.map((t) => toType({ ...schema, type: t }, indent)));
  switch (schema.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return schema.items ? `${atom(toType(schema.items, indent))}[]` : "unknown[]";
    case "object":
      return objectType(schema, indent);
    default:
      return schema.properties ? objectType(schema, indent) : "unknown";
  }
}

function namedType(name, schema) {
  const body = toType(schema, "");
  const doc = comment(schema.description, "");
  return body.startsWith("{\n")
    ? `${doc}export interface ${name} ${body}\n`
    : `${doc}export type ${name} = ${body};\n`;
}

function jsonSchemaOf(content) {
  const json = content?.["application/json"];
  return json ? toType(json.schema, "    ") : "unknown";
}

function paramsType(parameters, where) {
  const list = (parameters ?? []).filter((p) => p.in === where);
  if (list.length === 0) return undefined;
  const lines = list.map(
    (p) =>
      `${comment(p.schema?.description, "      ")}      ${key(p.name)}${p.required ? "" : "?"}: ${toType(p.schema, "      ")};`,
  );
  return `{\n${lines.join("\n")}\n    }`;
}

function operationType(op) {
  const parts = [];
  const params = paramsType(op.parameters, "path");
  const query = paramsType(op.parameters, "query");
  if (params) parts.push(`    params: ${params};`);
  if (query) parts.push(`    query: ${query};`);
  if (op.requestBody) parts.push(`    body: ${jsonSchemaOf(op.requestBody.content)};`);
  parts.push(`    response: ${jsonSchemaOf(op.responses?.["200"]?.content)};`);
  return `{\n${comment(op.summary, "    ")}${parts.join("\n")}\n  }`;
}

/** The unformatted TypeScript source for an OpenAPI document. */
export function emitApiTypes(doc) {
  const out = [
    `// Generated from the server's /openapi.json by \`${REGENERATE_COMMAND}\`. Do not edit by hand.\n`,
  ];
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas).sort()) out.push(namedType(name, schemas[name]));
  const ops = [];
  for (const path of Object.keys(doc.paths ?? {}).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path][method];
      if (op) ops.push(`  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: ${operationType(op)};`);
    }
  }
  out.push(
    `/** Every operation of the API, keyed by "METHOD /path". */\nexport interface ApiOperations {\n${ops.join("\n")}\n}\n`,
  );
  return out.join("\n");
}

/** Formats TypeScript source with the repository's Biome (as it would format API_TYPES_PATH). */
export function formatWithBiome(source) {
  const biome = join(REPO_ROOT, "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["format", `--stdin-file-path=${API_TYPES_PATH}`], {
    input: source,
    encoding: "utf8",
    cwd: REPO_ROOT,
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** The committed form of api-types.ts for an OpenAPI document. */
export function generateApiTypes(doc) {
  return formatWithBiome(emitApiTypes(doc));
}
