import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "./helpers.js";
import { otlpProtobufBody, uuidOfTrace } from "./otlp-fixtures.js";

describe("ingest back-pressure", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { ingestMaxInFlight: 1 });
  });
  afterAll(async () => server?.stop());

  it("refuses requests beyond the in-flight limit with 503 and Retry-After before reading them, then recovers", async () => {
    const held = otlpProtobufBody([{ name: "held" }, { name: "held-child" }]);
    const url = new URL(`${server.url}/opentelemetry/v1/traces`);
    // The first request sends half its body and waits: it holds the only slot.
    const first = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.key}`,
        "content-type": "application/x-protobuf",
        "content-length": String(held.body.length),
      },
    });
    const firstDone = new Promise<number>((resolve, reject) => {
      first.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      first.on("error", reject);
    });
    const half = Math.floor(held.body.length / 2);
    first.write(held.body.subarray(0, half));
    await new Promise((r) => setTimeout(r, 200));

    const other = otlpProtobufBody([{ name: "refused" }]);
    const refused = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${server.key}`, "content-type": "application/x-protobuf" },
      body: other.body,
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(Buffer.from(await refused.arrayBuffer()).toString("utf8")).toContain("HH_E_OVERLOADED");

    first.end(held.body.subarray(half));
    expect(await firstDone).toBe(200);

    // The slot is free again: the refused batch goes through when retried.
    const retried = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${server.key}`, "content-type": "application/x-protobuf" },
      body: other.body,
    });
    expect(retried.status).toBe(200);
    const http = api(server.url, server.key);
    expect((await http.get(`/v1/events/${uuidOfTrace(held.traceId)}`)).body.totalEvents).toBe(3);
    expect((await http.get(`/v1/events/${uuidOfTrace(other.traceId)}`)).body.totalEvents).toBe(2);
    const ready = await api(server.url, undefined).get("/readyz");
    expect(ready.body.status).toBe("ready");
  });
});
