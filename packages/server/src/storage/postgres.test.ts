import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runStorageConformance } from "./conformance.testkit.js";
import { POSTGRES_MIGRATIONS } from "./migrations/postgres.js";
import { openStorage } from "./open.js";
import { openPostgresStorage } from "./postgres.js";

const url = process.env["HH_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const fallbackUrl = "postgres://root@127.0.0.1:5432/test";

/** Finds a URL that connects, trying the configured one first. */
async function probe(): Promise<{ url: string } | { error: string }> {
  const candidates = process.env["HH_TEST_DATABASE_URL"] ? [url] : [url, fallbackUrl];
  const errors: string[] = [];
  for (const candidate of candidates) {
    const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return { url: candidate };
    } catch (err) {
      errors.push(`${candidate.replace(/\/\/[^@/]*@/, "//***@")}: ${(err as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { error: errors.join("; ") };
}

const found = await probe();
const dbUrl = "url" in found ? found.url : "";
if ("error" in found) {
  if (process.env["CI"]) throw new Error(`PostgreSQL is required in CI but unreachable: ${found.error}`);
  console.warn(`Skipping PostgreSQL storage tests (set HH_TEST_DATABASE_URL): ${found.error}`);
}

const schemas: string[] = [];
const freshSchema = () => {
  const name = `hh_test_${randomBytes(6).toString("hex")}`;
  schemas.push(name);
  return name;
};

async function dropSchemas(): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(dbUrl === "")("postgres", () => {
  afterAll(dropSchemas);

  const schema = freshSchema();
  runStorageConformance("postgres", () => openPostgresStorage(dbUrl, { schema, poolSize: 8 }));

  describe("postgres specifics", () => {
    it("several replicas migrating one fresh schema at once apply each migration once", async () => {
      const s = freshSchema();
      const replicas = await Promise.all(
        Array.from({ length: 5 }, () => openPostgresStorage(dbUrl, { schema: s, poolSize: 2 })),
      );
      const first = replicas[0]!;
      const p = await first.createProject({ name: "shared" });
      for (const r of replicas) expect(await r.getProject(p.id)).toEqual(p);
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      const versions = await client.query(`SELECT version FROM "${s}".schema_migrations ORDER BY version`);
      await client.end();
      expect(versions.rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
      await Promise.all(replicas.map((r) => r.close()));
      await first.close();
    });

    it("rejects an unsafe schema name", async () => {
      await expect(
        openPostgresStorage(dbUrl, { schema: 'x"; DROP SCHEMA public; --' }),
      ).rejects.toMatchObject({
        code: "HH_E_STORAGE_CONFIG",
      });
    });

    it("openStorage selects PostgreSQL for postgres:// and postgresql:// URLs", async () => {
      // Point the unqualified tables at a fresh schema via the standard libpq `options` parameter.
      const s = freshSchema();
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      await client.query(`CREATE SCHEMA "${s}"`);
      await client.end();
      const withPath = `${dbUrl}${dbUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${s}`)}`;
      for (const u of [withPath, withPath.replace(/^postgres:/, "postgresql:")]) {
        const storage = await openStorage({ url: u, sqlitePath: "/nonexistent/ignored.db" });
        expect(storage.kind).toBe("postgres");
        await storage.ping();
        await storage.close();
      }
    });
  });
});
