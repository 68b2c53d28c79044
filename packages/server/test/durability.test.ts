import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { api, backends, PG_URL, startTestServer } from "./helpers.js";
import { otlpProtobufBody, uuidOfTrace } from "./otlp-fixtures.js";

const BIN = resolve(import.meta.dirname, "../../cli/dist/bin.js");

function spawnServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(() => rej(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /server (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ child, url: m[1]! });
      }
    });
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => rej(new Error(`server exited with ${code}: ${out}`)));
  });
}

for (const backend of await backends()) {
  describe(`durability (${backend})`, () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });

    it("loses no acknowledged span when the server is SIGKILLed right after answering 200", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "hh-kill-"));
      dirs.push(dataDir);
      const key = `hh_${randomBytes(24).toString("base64url")}`;
      const schema = `hh_kill_${randomBytes(6).toString("hex")}`;
      const env: NodeJS.ProcessEnv = {
        HH_DATA_DIR: dataDir,
        HH_BOOTSTRAP_API_KEY: key,
        HH_LOG_LEVEL: "error",
      };
      if (backend === "postgres") env["HH_DATABASE_URL"] = `${PG_URL}?schema=${schema}`;
      const { child, url } = await spawnServer(env);
      const exited = new Promise((r) => child.once("exit", r));

      const batches = Array.from({ length: 40 }, (_, i) =>
        otlpProtobufBody(
          Array.from({ length: 50 }, (_, j) => ({
            name: `b${i}-s${j}`,
            attributes: { payload: "z".repeat(1000) },
          })),
        ),
      );
      const acked: typeof batches = [];
      let killed = false;
      await Promise.all(
        batches.map(async (b) => {
          try {
            const res = await fetch(`${url}/opentelemetry/v1/traces`, {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/x-protobuf" },
              body: b.body,
            });
            if (res.status === 200 && !killed) {
              acked.push(b);
              if (acked.length === 10) {
                killed = true;
                child.kill("SIGKILL");
              }
            }
          } catch {
            // the connection died with the server: not acknowledged
          }
        }),
      );
      await exited;
      expect(killed).toBe(true);
      expect(acked.length).toBeGreaterThanOrEqual(10);

      const again = await startTestServer(backend, {
        dataDir,
        bootstrapApiKey: key,
        ...(backend === "postgres" ? { databaseUrl: `${PG_URL}?schema=${schema}` } : {}),
      });
      try {
        const http = api(again.url, key);
        for (const b of acked) {
          const res = await http.get(`/v1/events/${uuidOfTrace(b.traceId)}`);
          expect(res.status).toBe(200);
          expect(res.body.events.filter((e: any) => e.event_type !== "session")).toHaveLength(50);
        }
      } finally {
        await again.stop();
        if (backend === "postgres") {
          const pg = (await import("pg")).default;
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`drop schema if exists ${schema} cascade`);
          await c.end();
        }
      }
    });
  });
}
