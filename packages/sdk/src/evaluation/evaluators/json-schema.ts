/**
 * A validator for a documented subset of JSON Schema, so that the SDK keeps
 * its one runtime dependency set. Supported keywords: type (one or a list of
 * string, number, integer, boolean, object, array, null), properties,
 * required, additionalProperties (false or a schema), items (one schema for
 * every element), enum, const, minimum, maximum, minLength, maxLength (in
 * code points), pattern (compiled with the `u` flag), anyOf, oneOf.
 * Annotations (title, description, $schema, $id, default, examples) are
 * ignored; any other keyword is refused when the schema is compiled rather
 * than silently not checked.
 */

export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** The first place the value breaks the schema: a `$.a.b[0]` path and why. */
export interface SchemaViolation {
  path: string;
  message: string;
}

const CHECKED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "anyOf",
  "oneOf",
]);
const ANNOTATIONS = new Set(["title", "description", "$schema", "$id", "default", "examples"]);
const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Refuses keywords outside the subset and malformed values, naming where. */
export function checkSchema(schema: JsonSchema, path = "#"): void {
  if (typeof schema === "boolean") return;
  if (!isObject(schema)) throw new TypeError(`schema at ${path} is not an object or boolean`);
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!CHECKED.has(key)) throw new TypeError(`unsupported JSON Schema keyword "${key}" at ${path}`);
    if (key === "type") {
      for (const t of Array.isArray(value) ? value : [value])
        if (!TYPES.has(t as string)) throw new TypeError(`unknown type ${JSON.stringify(t)} at ${path}`);
    } else if (key === "properties") {
      if (!isObject(value)) throw new TypeError(`properties at ${path} is not an object`);
      for (const [name, sub] of Object.entries(value))
        checkSchema(sub as JsonSchema, `${path}/properties/${name}`);
    } else if (key === "items" || key === "additionalProperties") {
      checkSchema(value as JsonSchema, `${path}/${key}`);
    } else if (key === "anyOf" || key === "oneOf") {
      if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${key} at ${path} is not a list`);
      value.forEach((sub, i) => {
        checkSchema(sub as JsonSchema, `${path}/${key}/${i}`);
      });
    } else if (key === "pattern") {
      new RegExp(String(value), "u");
    } else if (key === "required" || key === "enum") {
      if (!Array.isArray(value)) throw new TypeError(`${key} at ${path} is not a list`);
    } else if (key !== "const" && typeof value !== "number") {
      throw new TypeError(`${key} at ${path} is not a number`);
    }
  }
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  return typeOf(value) === type;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

const childPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/u.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** The first violation in document order, or null when the value conforms. */
export function validate(value: unknown, schema: JsonSchema, path = "$"): SchemaViolation | null {
  if (schema === true) return null;
  if (schema === false) return { path, message: "no value is allowed here" };
  const fail = (message: string): SchemaViolation => ({ path, message });
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((t) => hasType(value, t)))
      return fail(`expected ${types.join(" or ")}, got ${typeOf(value)}`);
  }
  if (schema.const !== undefined && !deepEqual(value, schema.const))
    return fail(`expected the constant ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(value, e)))
    return fail(`expected one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      return fail(`${value} is less than the minimum ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      return fail(`${value} is more than the maximum ${schema.maximum}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength)
      return fail(`length ${length} is less than minLength ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && length > schema.maxLength)
      return fail(`length ${length} is more than maxLength ${schema.maxLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      return fail(`does not match the pattern ${schema.pattern}`);
  }
  if (isObject(value)) {
    for (const name of (schema.required as string[] | undefined) ?? [])
      if (!(name in value)) return { path: childPath(path, name), message: "required property is missing" };
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, v] of Object.entries(value)) {
      const sub = properties[key] ?? (schema.additionalProperties as JsonSchema | undefined);
      if (sub === false && !(key in properties))
        return { path: childPath(path, key), message: "additional property is not allowed" };
      const violation = sub === undefined ? null : validate(v, sub, childPath(path, key));
      if (violation) return violation;
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (let i = 0; i < value.length; i++) {
      const violation = validate(value[i], schema.items as JsonSchema, `${path}[${i}]`);
      if (violation) return violation;
    }
  }
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((s) => validate(value, s as JsonSchema, path) === null)
  )
    return fail(`matches none of the ${schema.anyOf.length} anyOf schemas`);
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((s) => validate(value, s as JsonSchema, path) === null).length;
    if (matching !== 1) return fail(`matches ${matching} of the oneOf schemas, expected exactly 1`);
  }
  return null;
}
