import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@honeyhive-ts/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, type Http, PG_URL, startTestServer, type TestServer } from "./helpers.js";

/** What the web app needs from the server: /v1/me, the project header, static files, live events. */

/** Reads server-sent events from GET /v1/live until `done` says so (a hang guard ends it). */
async function readLive(
  url: string,
  key: string,
  path: string,
  done: (msgs: { event: string; data: any }[]) => boolean,
  whenOpen: () => Promise<void>,
): Promise<{ event: string; data: any }[]> {
  const ctrl = new AbortController();
  const guard = setTimeout(() => ctrl.abort(), 20_000);
  const res = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${key}` },
    signal: ctrl.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const msgs: { event: string; data: any }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  await whenOpen();
  try {
    while (!done(msgs)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buf += value;
      let cut = buf.indexOf("\n\n");
      while (cut >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) msgs.push({ event, data: JSON.parse(data) });
        cut = buf.indexOf("\n\n");
      }
    }
  } finally {
    clearTimeout(guard);
    ctrl.abort();
  }
  return msgs;
}

const startSession = (http: Http, name: string) =>
  http.post("/session/start", { session: { session_id: randomUUID(), session_name: name } });

for (const backend of await backends()) {
  describe(`web app contract (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    let webRoot: string;

    beforeAll(async () => {
      webRoot = await mkdtemp(join(tmpdir(), "hh-web-"));
      await mkdir(join(webRoot, "assets"));
      await writeFile(join(webRoot, "index.html"), "<!doctype html><title>app</title>");
      await writeFile(join(webRoot, "assets", "app-1a2b3c.js"), "console.log('app')");
      await writeFile(join(webRoot, "favicon.svg"), "<svg/>");
      server = await startTestServer(backend, { webRoot, livePollMs: 50 });
      http = api(server.url, server.key);
    });
    afterAll(async () => {
      await server?.stop();
      await rm(webRoot, { recursive: true, force: true });
    });

    it("GET /v1/me names the key, its project and the projects it may use", async () => {
      const created = await http.post("/projects", { name: "second" });
      const me = await http.get("/v1/me");
      expect(me.status).toBe(200);
      expect(me.body.project.name).toBe("default");
      expect(me.body.key.is_admin).toBe(true);
      expect(me.body.projects.map((p: any) => p.name)).toEqual(["default", "second"]);
      const switched = await http.post(
        "/session/start",
        { session: { session_name: "in second" } },
        {
          "x-honeyhive-project": created.body.id,
        },
      );
      expect(switched.status).toBe(200);
      const inSecond = await fetch(`${server.url}/v1/sessions/list`, {
        headers: { authorization: `Bearer ${server.key}`, "x-honeyhive-project": created.body.id },
      }).then((r) => r.json() as Promise<any>);
      expect(inSecond.sessions.map((s: any) => s.session_name)).toEqual(["in second"]);
      const own = await http.get("/v1/sessions/list");
      expect(own.body.sessions.map((s: any) => s.session_name)).not.toContain("in second");

      const key = await http.post(`/v1/projects/${me.body.project.id}/api_keys`, { name: "plain" });
      const plain = api(server.url, key.body.api_key);
      const plainMe = await plain.get("/v1/me");
      expect(plainMe.body.key).toMatchObject({ name: "plain", is_admin: false });
      expect(plainMe.body.projects).toEqual([plainMe.body.project]);
      const refused = await plain.post(
        "/session/start",
        { session: { session_name: "x" } },
        {
          "x-honeyhive-project": created.body.id,
        },
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("HH_E_PROJECT_FORBIDDEN");
      expect(refused.body.error.hint).toMatch(/admin key/);
      const unknown = await http.post(
        "/session/start",
        { session: { session_name: "x" } },
        {
          "x-honeyhive-project": "no-such-project",
        },
      );
      expect(unknown.body.error.code).toBe("HH_E_PROJECT_NOT_FOUND");
    });

    it("serves the app: types, cache headers, SPA fallback, no traversal, API 404s stay JSON", async () => {
      const index = await fetch(`${server.url}/`);
      expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(index.headers.get("cache-control")).toBe("no-cache");
      expect(await index.text()).toContain("<title>app</title>");
      const asset = await fetch(`${server.url}/assets/app-1a2b3c.js`);
      expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(asset.headers.get("cache-control")).toContain("immutable");
      const svg = await fetch(`${server.url}/favicon.svg`);
      expect(svg.headers.get("content-type")).toBe("image/svg+xml");
      expect(svg.headers.get("cache-control")).toBe("no-cache");
      const deep = await fetch(`${server.url}/experiments/abc`, { headers: { accept: "text/html" } });
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain("<title>app</title>");
      const missingAsset = await fetch(`${server.url}/assets/nope.js`, { headers: { accept: "text/html" } });
      expect(missingAsset.status).toBe(404);
      const apiMiss = await fetch(`${server.url}/v1/nothing`, { headers: { accept: "text/html" } });
      expect(apiMiss.status).toBe(404);
      expect(((await apiMiss.json()) as any).error.code).toBe("HH_E_ROUTE_NOT_FOUND");
      // A raw request line, so no client normalises the dots away.
      for (const path of [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
      ]) {
        const res = await rawGet(server.port, path);
        expect(res.body).not.toContain("root:");
        expect(res.status === 404 || res.body.includes("<title>app</title>")).toBe(true);
      }
    });

    it("streams events and new sessions stored after the connection opened", async () => {
      await startSession(http, "before connect");
      const msgs = await readLive(
        server.url,
        server.key,
        "/v1/live",
        (m) => m.some((x) => x.event === "session" && x.data.session_name === "after connect"),
        async () => {
          await startSession(http, "after connect");
        },
      );
      const sessions = msgs.filter((m) => m.event === "session").map((m) => m.data.session_name);
      expect(sessions).toEqual(["after connect"]);
      const events = msgs.filter((m) => m.event === "event").map((m) => m.data);
      expect(events.map((e) => e.event_name)).toContain("after connect");
      expect(events.map((e) => e.event_name)).not.toContain("before connect");
      expect(events[0]).toHaveProperty("children_ids");
    });

    it("filters the stream by session", async () => {
      const watched = randomUUID();
      await http.post("/session/start", { session: { session_id: watched, session_name: "watched" } });
      const msgs = await readLive(
        server.url,
        server.key,
        `/v1/live?session_id=${watched}`,
        (m) => m.some((x) => x.event === "event" && x.data.event_name === "span in watched"),
        async () => {
          await startSession(http, "unwatched");
          await http.post("/events", {
            event: { session_id: watched, event_type: "tool", event_name: "span in watched" },
          });
        },
      );
      expect(msgs.every((m) => m.data.session_id === watched)).toBe(true);
    });

    it("answers a page explaining how to build the app when there is none", async () => {
      const bare = await startServer({
        host: "127.0.0.1",
        port: 0,
        dataDir: await mkdtemp(join(tmpdir(), "hh-bare-")),
        logLevel: "silent",
      });
      try {
        const res = await fetch(`${bare.url}/`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("npm run build -w @honeyhive-ts/web");
      } finally {
        await bare.close();
        await rm(bare.config.dataDir, { recursive: true, force: true });
      }
    });
  });
}

function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { accept: "text/html" } }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.runIf((await backends()).includes("postgres"))("live across replicas (postgres)", () => {
  const schema = `hh_test_${randomBytes(6).toString("hex")}`;
  afterAll(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  it("an event written through one server shows on the other's stream", async () => {
    const dirs = [await mkdtemp(join(tmpdir(), "hh-a-")), await mkdtemp(join(tmpdir(), "hh-b-"))];
    const bootstrapApiKey = `hh_${randomBytes(16).toString("hex")}`;
    const common = {
      host: "127.0.0.1",
      port: 0,
      logLevel: "silent",
      databaseUrl: `${PG_URL}?schema=${schema}`,
      bootstrapApiKey,
      livePollMs: 50,
    };
    const a = await startServer({ ...common, dataDir: dirs[0]! });
    const b = await startServer({ ...common, dataDir: dirs[1]! });
    try {
      const msgs = await readLive(
        b.url,
        bootstrapApiKey,
        "/v1/live",
        (m) => m.some((x) => x.event === "session" && x.data.session_name === "through a"),
        async () => {
          await startSession(api(a.url, bootstrapApiKey), "through a");
        },
      );
      expect(msgs.find((m) => m.event === "event")?.data.event_name).toBe("through a");
    } finally {
      await a.close();
      await b.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }
  });
});
