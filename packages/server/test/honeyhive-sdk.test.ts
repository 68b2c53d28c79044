/**
 * Traffic from the official HoneyHive TypeScript SDK (npm honeyhive@1.0.42)
 * pointed at the server reads back correctly.
 *
 * The SDK runs in a child process (fixtures/honeyhive-sdk/run-sdk.mjs): it
 * installs global OpenTelemetry state. What it sends, from its source:
 * - `HoneyHiveTracer.init` → POST /session/start
 *   `{session: {project, session_name, source, inputs}}` (JSON, Bearer key);
 *   the reply's `session_id` is the SDK's session id. Init `metadata` is never sent.
 * - traced functions → OTLP/protobuf spans (OpenLLMetry's exporter) to
 *   POST /opentelemetry/v1/traces with `traceloop.association.properties.{session_id,project,source}`,
 *   `honeyhive_event_type`, `honeyhive_inputs._params_.<arg>`, `honeyhive_outputs.result`,
 *   `honeyhive_{config,metadata,metrics,feedback}.*` (flattened by key), `honeyhive_error`.
 *   A top-level traced call is a root span of a trace of its own.
 * - `enrichSession` → PUT /events `{event_id: <session id>, metadata, feedback, metrics, outputs, user_properties}`.
 * The child runs with TRACELOOP_TELEMETRY=false and HONEYHIVE_TELEMETRY=false, a
 * minimal environment, and guards that refuse and report any connection or DNS
 * query for a host other than 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "honeyhive-sdk", "run-sdk.mjs");
const CHILD_TIMEOUT_MS = 45_000;
const SOURCE = "sdk-compat-test";

type Json = Record<string, unknown>;

interface StoredEvent {
  event_id: string;
  session_id: string;
  parent_id: string | null;
  event_type: string;
  event_name: string;
  source: string;
  config: Json;
  inputs: Json;
  outputs: Json;
  error: string | null;
  start_time: number;
  end_time: number;
  duration: number;
  metadata: Json;
  feedback: Json;
  metrics: Json;
  user_properties: Json;
}

interface EventNode extends StoredEvent {
  children: EventNode[];
  children_ids: string[];
}

interface SdkRun {
  sessionId: string;
  results: {
    answer: { capital: string; answer: string; steps: number };
    length: number;
    error: string | null;
  };
  connections: string[];
  refused: string[];
  stderr: string;
}

/** Runs the fixture against the server; rejects with its output when it fails or hangs. */
function runSdk(server: TestServer): Promise<SdkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], {
      cwd: dirname(FIXTURE),
      // Not inherited: no OTEL_* / HH_* / TRACELOOP_* of the caller may redirect the SDK.
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "",
        HH_API_KEY: server.key,
        HH_API_URL: server.url,
        TRACELOOP_TELEMETRY: "false",
        HONEYHIVE_TELEMETRY: "false",
        TRACELOOP_SYNC_ENABLED: "false",
        OTEL_LOGS_EXPORTER: "none",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const output = () => `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the SDK fixture did not finish within ${CHILD_TIMEOUT_MS} ms${output()}`));
    }, CHILD_TIMEOUT_MS);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start the SDK fixture: ${err.message}${output()}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`the SDK fixture exited with ${signal ?? code}${output()}`));
        return;
      }
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve({ ...(JSON.parse(last) as Omit<SdkRun, "stderr">), stderr });
      } catch {
        reject(new Error(`the SDK fixture printed no result line${output()}`));
      }
    });
  });
}

/** The server's implicit session id of a trace (its trace id as a UUID). */
function uuidOfTrace(traceId: string): string {
  const h = traceId.toLowerCase().padStart(32, "0");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function flatten(node: EventNode): EventNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

for (const backend of await backends()) {
  describe(`official HoneyHive TypeScript SDK honeyhive@1.0.42 (${backend})`, () => {
    let server: TestServer;
    let http: ReturnType<typeof api>;
    let run: SdkRun;
    let tree: EventNode;
    let byName: Map<string, EventNode>;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      run = await runSdk(server);
      const res = await http.get<EventNode>(`/v1/sessions/${run.sessionId}`);
      if (res.status !== 200) {
        throw new Error(
          `GET /v1/sessions/${run.sessionId} → ${res.status} ${JSON.stringify(res.body)}\nSDK stderr:\n${run.stderr}`,
        );
      }
      tree = res.body;
      byName = new Map(flatten(tree).map((e) => [e.event_name, e]));
    }, 120_000);
    afterAll(async () => server?.stop());

    const event = (name: string): EventNode => {
      const found = byName.get(name);
      if (!found) throw new Error(`no event '${name}' in the session; got ${[...byName.keys()].join(", ")}`);
      return found;
    };

    it("ran the SDK code to the end, talking to 127.0.0.1 only", () => {
      expect(run.results).toEqual({
        answer: {
          capital: "Paris (France)",
          answer: "The answer to 'What is the capital of France?' is Paris.",
          steps: 3,
        },
        length: 56,
        error: "Error: tool exploded on bad input",
      });
      expect(run.refused).toEqual([]);
      expect(run.connections.length).toBeGreaterThan(0);
      for (const c of run.connections) expect(c).toBe("connect:127.0.0.1");
    });

    it("starts the session under the id the server returned, with its name, source and inputs", async () => {
      expect(run.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const { status, body } = await http.get<StoredEvent>(`/session/${run.sessionId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        event_id: run.sessionId,
        session_id: run.sessionId,
        parent_id: null,
        event_type: "session",
        event_name: "sdk-compat session",
        source: SOURCE,
        inputs: { question: "What is the capital of France?", attempt: 1 },
      });
    });

    it("stores every traced function as one event of the SDK's session, and nothing else", async () => {
      const { body } = await http.get<{ events: StoredEvent[] }>(`/v1/events/${run.sessionId}`);
      const names = body.events.map((e) => e.event_name).sort();
      expect(names).toEqual(
        [
          "answerQuestion",
          "failingTool",
          "generate_answer",
          "lookupCapital",
          "sdk-compat session",
          "summarize",
        ].sort(),
      );
      for (const e of body.events) {
        expect(e.session_id).toBe(run.sessionId);
        expect(e.source).toBe(SOURCE);
      }
      // Three traces (one per top-level call): none may have become a session of its own.
      const traces = new Set(
        body.events.flatMap((e) =>
          typeof e.metadata["trace_id"] === "string" ? [e.metadata["trace_id"]] : [],
        ),
      );
      expect(traces.size).toBe(3);
      for (const traceId of traces)
        expect((await http.get(`/session/${uuidOfTrace(traceId)}`)).status).toBe(404);
    });

    it("nests calls parent → child and hangs top-level calls off the session", () => {
      expect(tree.children.map((c) => c.event_name).sort()).toEqual([
        "answerQuestion",
        "failingTool",
        "summarize",
      ]);
      const chain = event("answerQuestion");
      expect(chain.parent_id).toBe(run.sessionId);
      expect(chain.children.map((c) => c.event_name).sort()).toEqual(["generate_answer", "lookupCapital"]);
      expect([...chain.children_ids].sort()).toEqual(chain.children.map((c) => c.event_id).sort());
      for (const child of chain.children) {
        expect(child.parent_id).toBe(chain.event_id);
        // OpenTelemetry JS 1.x starts each span at Date.now() (whole ms) and ends it on the
        // performance clock anchored per span: ends of different spans may disagree by < 1 ms.
        expect(child.start_time).toBeGreaterThanOrEqual(chain.start_time);
        expect(child.end_time).toBeLessThanOrEqual(chain.end_time + 1);
      }
      expect(event("summarize").parent_id).toBe(run.sessionId);
      expect(event("failingTool").parent_id).toBe(run.sessionId);
    });

    it("reads back event types, inputs from the arguments and outputs from the return values (sync and async)", () => {
      expect(event("answerQuestion")).toMatchObject({
        event_type: "chain",
        inputs: { question: "What is the capital of France?", maxSteps: 3 },
        outputs: {
          result: {
            capital: "Paris (France)",
            answer: "The answer to 'What is the capital of France?' is Paris.",
            steps: 3,
          },
        },
        error: null,
      });
      const tool = event("lookupCapital");
      expect(tool.event_type).toBe("tool");
      expect(tool.inputs).toEqual({ country: "France", options: { upper: false, tags: ["geo", "eu"] } });
      expect(tool.outputs).toEqual({ result: "Paris (France)" });
      const model = event("generate_answer");
      expect(model.event_type).toBe("model");
      expect(model.inputs).toEqual({ prompt: "What is the capital of France?" });
      expect(model.outputs).toEqual({
        result: { answer: "The answer to 'What is the capital of France?' is Paris.", tokens: [1, 2, 3] },
      });
      expect(model.duration).toBeGreaterThanOrEqual(9);
      expect(event("summarize")).toMatchObject({
        event_type: "chain",
        inputs: { text: "The answer to 'What is the capital of France?' is Paris." },
        outputs: { result: 56 },
      });
    });

    it("reads back traceFunction config and metadata, and enrichSpan metadata, metrics and feedback", () => {
      const model = event("generate_answer");
      // (the server may add derived keys, e.g. a provider guessed from the model name)
      expect(model.config).toMatchObject({ model: "gpt-4o-mini", temperature: 0.1 });
      expect(model.metadata).toMatchObject({ step: 2 });
      const tool = event("lookupCapital");
      expect(tool.metadata).toMatchObject({ lookup_source: "atlas", cached: false });
      expect(tool.metrics).toEqual({ lookup_score: 0.75 });
      expect(tool.feedback).toEqual({ helpful: true });
      expect(event("answerQuestion").feedback).toEqual({});
    });

    it("records the error a traced function threw", () => {
      const failed = event("failingTool");
      expect(failed).toMatchObject({ event_type: "tool", inputs: { input: "bad input" }, outputs: {} });
      expect(failed.error).toBe("Error: tool exploded on bad input");
      expect(tree.metadata).toMatchObject({ num_events: 5, num_model_events: 1, num_errors: 1 });
    });

    it("merges both enrichSession calls into the session event", async () => {
      const { body } = await http.get<StoredEvent>(`/session/${run.sessionId}`);
      expect(body.metadata).toMatchObject({
        experiment: "sdk-compat",
        nested: { level: 2 },
        second_call: true,
      });
      expect(body.feedback).toEqual({ rating: 5, comment: "great" });
      expect(body.metrics).toEqual({ accuracy: 0.9, latency_ok: 1 });
      expect(body.outputs).toEqual({ final: "Paris" });
      expect(body.user_properties).toEqual({ user_id: "user-42" });
      // enrichment does not touch what the session started with
      expect(body).toMatchObject({
        event_name: "sdk-compat session",
        source: SOURCE,
        inputs: { attempt: 1 },
      });
      expect(tree.metadata).toMatchObject({ experiment: "sdk-compat", has_feedback: true });
    });
  });
}
