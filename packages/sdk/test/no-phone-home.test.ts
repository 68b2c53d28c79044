import diagnostics from "node:diagnostics_channel";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrichSession, HoneyHiveTracer, trace } from "../src/index.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  await srv.stop();
});

describe("the SDK talks to the configured server only", () => {
  it("every connection it opens goes to serverUrl: no telemetry, no update checks", async () => {
    const opened: string[] = [];
    const onSocket = (message: unknown) => {
      const socket = (message as { socket: Socket }).socket;
      socket.once("connect", () => opened.push(`${socket.remoteAddress}:${socket.remotePort}`));
    };
    diagnostics.subscribe("net.client.socket", onSocket);
    try {
      const t = HoneyHiveTracer.init({
        apiKey: srv.key,
        serverUrl: srv.url,
        flushOnExit: false,
        sessionName: "quiet",
      });
      const f = trace(async (x: number) => x + 1, { tracer: t, name: "quiet-call" });
      for (let i = 0; i < 20; i++) await f(i);
      enrichSession({ tracer: t, metadata: { done: true } });
      expect(await t.flush()).toBe(true);
      await t.shutdown();
      expect(t.stats().exported).toBe(20);
    } finally {
      diagnostics.unsubscribe("net.client.socket", onSocket);
    }
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened)).toEqual(new Set([`127.0.0.1:${srv.port}`]));
  });
});
