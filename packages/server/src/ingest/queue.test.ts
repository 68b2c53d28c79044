import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HoneyHiveEvent } from "@honeyhive-ts/semconv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HoneyHiveError } from "../errors.js";
import { openSqliteStorage } from "../storage/index.js";
import type { Storage, WriteBatchItem } from "../storage/types.js";
import { WriteQueue } from "./queue.js";

function event(id: string, sessionId: string, name = "e"): HoneyHiveEvent {
  return {
    event_id: id,
    session_id: sessionId,
    parent_id: sessionId,
    event_type: "tool",
    event_name: name,
    source: "test",
    config: {},
    inputs: {},
    outputs: {},
    error: null,
    start_time: 1,
    end_time: 2,
    duration: 1,
    metadata: {},
    feedback: {},
    metrics: {},
    user_properties: {},
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;

describe("WriteQueue", () => {
  let dir: string;
  let storage: Storage;
  let projectId: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hh-queue-"));
    storage = await openSqliteStorage(join(dir, "q.db"));
    projectId = (await storage.createProject({ name: "p" })).id;
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const item = (from: number, count: number): WriteBatchItem => ({
    projectId,
    events: Array.from({ length: count }, (_, i) => event(uuid(from + i), uuid(0))),
    sessions: [],
  });

  it("refuses with 503 when full instead of growing, and writes what it accepted", async () => {
    const queue = new WriteQueue(storage, 10, 1000);
    const first = queue.submit(item(1, 8));
    const second = queue.submit(item(100, 8));
    await expect(second).rejects.toBeInstanceOf(HoneyHiveError);
    await expect(second).rejects.toMatchObject({ status: 503, code: "HH_E_OVERLOADED" });
    await first;
    expect(queue.stats).toMatchObject({ writtenSpans: 8, rejectedFull: 1, queuedSpans: 0 });
    expect((await storage.getEvent(projectId, uuid(1)))?.event_name).toBe("e");
    expect(await storage.getEvent(projectId, uuid(100))).toBeNull();
    await expect(queue.submit(item(200, 8))).resolves.toBeUndefined();
  });

  it("accepts one oversized request when empty so big batches are never starved", async () => {
    const queue = new WriteQueue(storage, 10, 1000);
    await queue.submit(item(1, 25));
    expect(queue.stats.writtenSpans).toBe(25);
  });

  it("groups concurrent requests into one transaction", async () => {
    const queue = new WriteQueue(storage, 10_000, 10_000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => queue.submit(item(i * 10 + 1, 5))));
    expect(queue.stats.writtenSpans).toBe(100);
    expect(queue.stats.writtenBatches).toBe(1);
  });

  it("fails only the bad request of a group", async () => {
    const queue = new WriteQueue(storage, 10_000, 10_000);
    // event_name is NOT NULL in both schemas: the database refuses this one request.
    const refused = { ...event(uuid(9), uuid(0)), event_name: null as unknown as string };
    const bad: WriteBatchItem = { projectId, events: [refused], sessions: [] };
    const results = await Promise.allSettled([
      queue.submit(item(1, 3)),
      queue.submit(bad),
      queue.submit(item(50, 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(queue.stats.failedWrites).toBe(1);
    expect((await storage.getEvent(projectId, uuid(50)))?.event_id).toBe(uuid(50));
  });

  it("refuses new work once closed, after finishing what was queued", async () => {
    const queue = new WriteQueue(storage, 100, 100);
    const pending = queue.submit(item(1, 2));
    await queue.close();
    await pending;
    await expect(queue.submit(item(10, 1))).rejects.toMatchObject({ code: "HH_E_SHUTTING_DOWN" });
  });
});
