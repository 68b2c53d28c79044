/**
 * Outgoing HTTP tracing (`disableHttpTracing: false`): fetch and node:http
 * requests become tool events under the traced function that made them;
 * model calls and the SDK's own export requests are never recorded; a
 * tracer left at the default records no HTTP at all.
 */

/**
 * Outgoing HTTP tracing (`disableHttpTracing: false`): fetch and node:http
 * requests become tool events under the traced function that made them;
 * model calls and the SDK's own export requests are never recorded; a
 * tracer left at the default records no HTTP at all.
 */
import http, { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument, trace } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { eventsOfSession } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOpenAI;
let target: Server;
let targetUrl: string;
let plain: HoneyHiveTracer;
let traced: HoneyHiveTracer;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI();
  target = createServer((req, res) => {
    res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "text/plain" });
    res.end(`answer to ${req.url}`);
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const common = { apiKey: srv.key, serverUrl: srv.url, flushOnExit: false, startSession: false } as const;
  // The default first: it must stay untraced even after another tracer turns HTTP tracing on.
  plain = HoneyHiveTracer.init(common);
  traced = HoneyHiveTracer.init({ ...common, disableHttpTracing: false });
});
afterAll(async () => {
  await plain?.shutdown();
  await traced?.shutdown();
  target?.closeAllConnections();
  await new Promise((resolve) => target?.close(resolve));
  await fake?.close();
  await srv?.stop();
});

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

/** Both kinds of request, inside a traced function named `caller`. */
const calls = (tracer: HoneyHiveTracer) =>
  trace(
    async () => {
      const viaFetch = await (await fetch(`${targetUrl}/fetched?q=1`)).text();
      const viaHttp = await httpGet(`${targetUrl}/missing`);
      return [viaFetch, viaHttp];
    },
    { tracer, name: "caller", eventType: "chain" },
  )();

describe("HTTP tracing", () => {
  it("fetch and http.get inside a traced function become its child tool events", async () => {
    let answers: unknown;
    const events = await eventsOfSession(
      srv,
      traced,
      "http-traced",
      async () => {
        answers = await calls(traced);
      },
      (ev) => ev.length >= 3,
    );
    expect(answers).toEqual(["answer to /fetched?q=1", "answer to /missing"]);
    const caller = events.find((e) => e.event_name === "caller");
    const requests = events.filter((e) => e.event_name === "GET");
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect(r.event_type).toBe("tool");
      expect(r.parent_id).toBe(caller.event_id);
    }
    const text = JSON.stringify(requests.map((r) => r.metadata));
    expect(text).toContain("/fetched");
    expect(text).toContain("/missing");
    expect(text).toContain("404");
  });

  it("a model call records its model event and no HTTP event of its own", async () => {
    const client = instrument(new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }));
    const events = await eventsOfSession(
      srv,
      traced,
      "http-model",
      () =>
        trace(
          async () => {
            await client.chat.completions.create({
              model: "gpt-4o-mini",
              messages: [{ role: "user", content: "hi" }],
            });
            await fetch(`${targetUrl}/after-model`);
          },
          { tracer: traced, name: "caller", eventType: "chain" },
        )(),
      (ev) => ev.length >= 3,
    );
    expect(events.filter((e) => e.event_type === "model")).toHaveLength(1);
    const requests = events.filter((e) => e.event_name === "POST" || e.event_name === "GET");
    expect(requests.map((e) => e.event_name)).toEqual(["GET"]);
  });

  it("the SDK's own requests to the server (export, sessions) are never traced", async () => {
    // Each span is exported as it ends, from inside the traced context: a traced export would add a POST event (or loop).
    const eager = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      disableBatch: true,
      disableHttpTracing: false,
    });
    try {
      const events = await eventsOfSession(
        srv,
        eager,
        "http-export",
        async () => {
          await calls(eager);
          await calls(eager);
        },
        (ev) => ev.length >= 6,
      );
      await eager.flush();
      const all = await srv.waitForSession(events[0].session_id, (ev) => ev.length >= 7);
      const serverPort = new URL(srv.url).port;
      expect(all.filter((e) => JSON.stringify(e.metadata ?? {}).includes(`:${serverPort}`))).toEqual([]);
      expect(all.filter((e) => e.event_name === "POST")).toEqual([]);
      expect(all.filter((e) => e.event_name === "GET")).toHaveLength(4);
    } finally {
      await eager.shutdown();
    }
  });

  it("is off by default: a tracer that did not ask records no HTTP events", async () => {
    const events = await eventsOfSession(
      srv,
      plain,
      "http-default",
      () => calls(plain),
      (ev) => ev.length >= 1,
    );
    await plain.flush();
    const all = await srv.waitForSession(events[0].session_id, (ev) => ev.length >= 2);
    expect(all.filter((e) => e.event_type !== "session").map((e) => e.event_name)).toEqual(["caller"]);
  });
});
