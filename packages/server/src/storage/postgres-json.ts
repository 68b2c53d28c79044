/**
 * JSON payloads for PostgreSQL. Rows travel as one JSON document per statement
 * (json_to_recordset), stringified once. PostgreSQL cannot store U+0000 in text
 * or jsonb, nor unpaired UTF-16 surrogates in jsonb; such characters are
 * replaced by U+FFFD instead of failing the whole batch. The check is a cheap
 * scan of the serialised text; the rewrite only runs when it finds a suspect.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(value: unknown): unknown {
  if (typeof value === "string")
    return value.replaceAll("\u0000", "\ufffd").replace(LONE_SURROGATE, "\ufffd");
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[clean(k) as string] = clean(v);
    return out;
  }
  return value;
}

/** JSON.stringify, with characters PostgreSQL rejects replaced by U+FFFD. */
export function pgJson(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify escapes NUL as \u0000 and lone surrogates as \udXXX; nothing else produces these.
  if (!text.includes("\\u0000") && !text.includes("\\ud")) return text;
  return JSON.stringify(clean(value));
}
