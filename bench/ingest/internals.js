/**
 * Server internals the baseline needs and the package does not export: the
 * OTLP protobuf decoder, the route's span-to-write conversion, the storage
 * batch planner and the SQLite row values and insert statement. Loaded from the built package next to its entry point, so
 * the ceiling runs exactly the code the server runs.
 */

const MODULES = {
  decodeTracesProtobuf: "./otlp/index.js",
  spansToWrite: "./ingest/spans.js",
  planBatch: "./storage/batch-plan.js",
  rowValues: "./storage/sqlite-sql.js",
  INSERT_EVENT_SQL: "./storage/sqlite-sql.js",
};

export async function serverInternals() {
  const entry = import.meta.resolve("@honeyhive-ts/server");
  const out = {};
  for (const [name, rel] of Object.entries(MODULES)) {
    const url = new URL(rel, entry);
    let mod;
    try {
      mod = await import(url.href);
    } catch (err) {
      throw new Error(`bench: cannot load ${rel} from the built server (${err.message}); run npm run build`);
    }
    if (mod[name] === undefined) {
      throw new Error(`bench: ${url.pathname} no longer exports ${name}; update bench/ingest/internals.js`);
    }
    out[name] = mod[name];
  }
  return out;
}
