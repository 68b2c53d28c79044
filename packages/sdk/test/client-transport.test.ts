import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  CircuitOpenError,
  HoneyHive,
  type HoneyHiveOptions,
  NetworkError,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { type FaultProxy, startFaultProxy } from "./client-proxy.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

/** Retries, timeouts, the circuit breaker, errors and key hygiene, through a fault proxy in front of the real server. */
describe("API client transport", () => {
  let server: SdkTestServer;
  let proxy: FaultProxy;
  const clients: HoneyHive[] = [];

  const client = (options: HoneyHiveOptions = {}) => {
    const c = new HoneyHive({
      apiKey: server.key,
      serverUrl: proxy.url,
      retryBaseMs: 1,
      retryMaxMs: 5,
      ...options,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startSdkTestServer();
    proxy = await startFaultProxy(server.url);
  });
  afterEach(() => {
    proxy.plan = () => "pass";
    proxy.seen.length = 0;
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it("retries a GET through 503 + Retry-After until it succeeds", async () => {
    proxy.plan = (i) => (i < 2 ? "unavailable" : "pass");
    const projects = await client().projects.list();
    expect(projects.length).toBeGreaterThan(0);
    expect(proxy.seen).toHaveLength(3);
  });

  it("retries a create through closed sockets with one Idempotency-Key: created once", async () => {
    const c = client();
    const { session_id } = await c.sessions.start({ session_name: "retried" });
    proxy.seen.length = 0;
    proxy.plan = (i) => (i < 2 ? "close" : "pass");
    const created = await c.events.create({ event_type: "tool", event_name: "retried-create", session_id });
    const keys = new Set(proxy.seen.map((s) => s.headers["idempotency-key"]));
    expect(proxy.seen).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    const events = (await c.events.listBySession(session_id)).events;
    expect(events.filter((e) => e.event_name === "retried-create")).toHaveLength(1);
    expect(events.some((e) => e.event_id === created.event_id)).toBe(true);
  });

  it("replays the stored response when the first attempt landed but its answer was lost", async () => {
    const c = client();
    const key = "lost-answer-key";
    const first = await c.events.create({ event_type: "chain", event_name: "lost" }, { idempotencyKey: key });
    const again = await c.events.create({ event_type: "chain", event_name: "lost" }, { idempotencyKey: key });
    expect(again).toEqual(first);
  });

  it("does not retry a POST without an idempotency key (export is a read, so it is retried)", async () => {
    proxy.plan = (i) => (i === 0 ? "unavailable" : "pass");
    const page = await client().events.export({ limit: 1 });
    expect(page.totalEvents).toBeGreaterThanOrEqual(0);
    expect(proxy.seen).toHaveLength(2);
    proxy.seen.length = 0;
    proxy.plan = () => "close";
    await expect(
      client({ maxRetries: 0 }).events.create({ event_type: "tool", event_name: "x" }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(proxy.seen).toHaveLength(1);
  });

  it("gives up after maxRetries with a ServerError carrying the code and attempts", async () => {
    proxy.plan = () => "unavailable";
    const err = await client({ maxRetries: 2 })
      .projects.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 503, code: "HH_E_BUSY", attempts: 3, kind: "server" });
    expect(proxy.seen).toHaveLength(3);
  });

  it("times out a call that gets no answer and names the timeout", async () => {
    proxy.plan = () => "hang";
    const err = await client({ timeoutMs: 200, maxRetries: 0 })
      .projects.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toContain("timeoutMs=200");
    expect((err as TimeoutError).hint).toContain("timeoutMs");
  });

  it("opens the circuit breaker after consecutive failures, fails fast, and recovers after a health probe", async () => {
    const c = client({ maxRetries: 0, breakerThreshold: 3, breakerCooldownMs: 1000 });
    proxy.plan = () => "unavailable";
    for (let i = 0; i < 3; i++) await expect(c.projects.list()).rejects.toBeInstanceOf(ServerError);
    expect(c.circuitState).not.toBe("closed");
    const sent = proxy.seen.length;
    const fast = (await c.projects.list().catch((e: unknown) => e)) as CircuitOpenError;
    expect(fast).toBeInstanceOf(CircuitOpenError);
    expect(fast.code).toBe("HH_E_CIRCUIT_OPEN");
    expect(fast.hint).toContain("/healthz");
    expect(proxy.seen.length).toBe(sent);
    // Still down after the cooldown: the probe fails and the breaker stays open.
    await vi.waitFor(() => expect(c.circuitState).toBe("half-open"), { timeout: 10_000 });
    await expect(c.projects.list()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(proxy.seen.at(-1)?.path).toBe("/healthz");
    // The server is back: the next probe closes the breaker and the call goes through.
    proxy.plan = () => "pass";
    await vi.waitFor(() => expect(c.circuitState).toBe("half-open"), { timeout: 10_000 });
    expect((await c.projects.list()).length).toBeGreaterThan(0);
    expect(c.circuitState).toBe("closed");
    expect(proxy.seen.slice(-2).map((s) => s.path)).toEqual(["/healthz", "/v1/projects"]);
  });

  it("names the URL when the server cannot be reached", async () => {
    const c = new HoneyHive({ apiKey: server.key, serverUrl: "http://127.0.0.1:1", maxRetries: 0 });
    clients.push(c);
    const err = (await c.projects.list().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain("http://127.0.0.1:1/v1/projects");
    expect(err.hint).toContain("serverUrl");
    expect(err.code).toBe("HH_E_NETWORK");
  });

  it("types server errors: 404 names the id, 400 names the field, each with the request id", async () => {
    const c = client();
    const missing = (await c.events.get("no-such-event").catch((e: unknown) => e)) as NotFoundError;
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain("no-such-event");
    expect(missing.code).toBe("HH_E_NOT_FOUND");
    expect(missing.requestId).toMatch(/\S+/);
    const bad = (await c.events
      .create({ event_type: "tool", event_name: "" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.status).toBe(400);
    expect(bad.field).toBe("event.event_name");
    expect(bad.requestId).toMatch(/\S+/);
  });

  it("explains a refused key with the option and env var, showing only its prefix", async () => {
    const wrong = "hh_this-key-does-not-exist-anywhere-123";
    const c = client({ apiKey: wrong });
    const err = (await c.projects.list().catch((e: unknown) => e)) as AuthenticationError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.status).toBe(401);
    expect(err.hint).toContain("apiKey");
    expect(err.hint).toContain("HH_API_KEY");
    expect(err.hint).toContain("hh_this...");
    expect(err.requestId).toMatch(/\S+/);
  });

  it("never shows the API key: toString, inspect, JSON, errors and debug logs", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...parts: unknown[]) => {
      lines.push(parts.map(String).join(" "));
    });
    try {
      const c = client({ verbose: true, maxRetries: 1 });
      proxy.plan = (i) => (i === 0 ? "unavailable" : "pass");
      await c.projects.list();
      const wrong = client({ apiKey: `${server.key}x`, verbose: true });
      const err = await wrong.projects.list().catch((e: unknown) => e);
      const shown = [
        String(c),
        inspect(c, { depth: 10, showHidden: true }),
        JSON.stringify(c),
        String(err),
        inspect(err, { depth: 10, showHidden: true }),
        JSON.stringify(err),
        ...lines,
      ].join("\n");
      expect(lines.length).toBeGreaterThan(0);
      expect(shown).not.toContain(server.key);
      expect(shown).not.toContain(server.key.slice(10));
    } finally {
      spy.mockRestore();
    }
  });

  it("reports health without a key: status, version and storage", async () => {
    const health = await new HoneyHive({ serverUrl: server.url, apiKey: "" }).health();
    expect(health).toMatchObject({ status: "ok", ready: "ready", storage: "sqlite" });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("falls back to HH_API_KEY and HH_API_URL", async () => {
    vi.stubEnv("HH_API_KEY", server.key);
    vi.stubEnv("HH_API_URL", server.url);
    try {
      const c = new HoneyHive();
      clients.push(c);
      expect(c.serverUrl).toBe(server.url);
      expect((await c.projects.list()).length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
