import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import type { HoneyHiveEvent } from "@honeyhive-ts/semconv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStorage } from "./sqlite.js";
import { toWirePlan } from "./sqlite-batch-writer.js";
import { SqliteWriterThread } from "./sqlite-writer.js";
import type { Storage } from "./types.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const event = (n: number): HoneyHiveEvent => ({
  event_id: uuid(n),
  session_id: uuid(0),
  parent_id: uuid(0),
  event_type: "tool",
  event_name: `e${n}`,
  source: "test",
  config: {},
  inputs: {},
  outputs: {},
  error: null,
  start_time: n,
  end_time: n + 1,
  duration: 1,
  metadata: {},
  feedback: {},
  metrics: {},
  user_properties: {},
});

describe("SQLite writer thread", () => {
  let dir: string;
  let path: string;
  let storage: Storage;
  let projectId: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hh-writer-"));
    path = join(dir, "w.db");
    storage = await openSqliteStorage(path);
    projectId = (await storage.createProject({ name: "p" })).id;
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const plan = (n: number) => toWirePlan([{ projectId, events: [event(n)], sessions: [] }]);

  it("replaces a thread that died and keeps committing", async () => {
    const thread = new SqliteWriterThread(path);
    await thread.write(plan(1));
    // Let the first thread live past the crash-loop guard, then kill it.
    await new Promise((r) => setTimeout(r, 1100));
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(thread.restarts).toBe(1);
    await thread.write(plan(2));
    await thread.close();
    expect((await storage.getEvent(projectId, uuid(1)))?.event_name).toBe("e1");
    expect((await storage.getEvent(projectId, uuid(2)))?.event_name).toBe("e2");
  });

  it("stops restarting a thread that dies right after it starts, and says why", async () => {
    const thread = new SqliteWriterThread(path);
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(thread.restarts).toBe(0);
    await expect(thread.write(plan(3))).rejects.toThrow(/writer thread exited/);
    await thread.close();
  });
});
