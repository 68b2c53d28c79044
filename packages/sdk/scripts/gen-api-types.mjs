/**
 * Regenerates src/client/api-types.ts: starts the real server (a devDependency)
 * on a temporary SQLite directory and port 0, reads /openapi.json, emits the
 * types and writes them. Run with `npm run gen:api-types -w @honeyhive-ts/sdk`
 * after building the server (`npm run build`).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@honeyhive-ts/server";
import { API_TYPES_PATH, generateApiTypes } from "./emit-api-types.mjs";

const dataDir = await mkdtemp(join(tmpdir(), "hh-gen-api-types-"));
try {
  const server = await startServer({ host: "127.0.0.1", port: 0, dataDir, logLevel: "silent" });
  try {
    const res = await fetch(`${server.url}/openapi.json`);
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    await writeFile(API_TYPES_PATH, generateApiTypes(await res.json()));
    console.log(`wrote ${API_TYPES_PATH}`);
  } finally {
    await server.close();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
