import { createServer, type ServerResponse } from "node:http";
import { estimateTokens, listenLocal, readJson } from "./fake-http.js";

/**
 * A local Ollama server for tests: `/api/chat`, `/api/generate` (plain, or
 * streamed as NDJSON: one JSON object per line, the last with `done: true`,
 * `done_reason`, token counts and timings) and `/api/embed`, on 127.0.0.1 at
 * a random port. Point the real `ollama` client at `host`. Errors are
 * `{error: "..."}` with an HTTP status, or an `{error}` line mid-stream.
 */

export interface OllamaReply {
  content?: string;
  thinking?: string;
  tool_calls?: { function: { name: string; arguments: Record<string, unknown> } }[];
  /** Token counts; default from the text lengths. */
  usage?: { prompt_eval_count: number; eval_count: number };
  done_reason?: string;
}

export type OllamaBody = any;

export interface FakeOllamaOptions {
  /** The reply to a chat or generate call; default: "echo: " + the last user message (or prompt). */
  reply?: (body: OllamaBody) => OllamaReply | string;
  /** An HTTP status to answer instead, with `{error}`, or undefined to answer normally. */
  fail?: (path: string, body: OllamaBody) => number | undefined;
  /** A stream sends its first piece, then this `{error}` line instead of the rest. */
  streamError?: string;
  /** A stream sends its first piece, then nothing more until the client goes away (for aborts). */
  stall?: boolean;
}

export interface FakeOllama {
  /** `http://127.0.0.1:<port>`, the `host` of `new Ollama({host})`. */
  host: string;
  requests: { path: string; body: OllamaBody }[];
  options: FakeOllamaOptions;
  close(): Promise<void>;
}

/** Timings as Ollama reports them (nanoseconds); fixed so tests can compare them. */
export const FAKE_DURATIONS = {
  total_duration: 5_000_000,
  load_duration: 1_000_000,
  prompt_eval_duration: 2_000_000,
  eval_duration: 2_000_000,
} as const;

function lastUserText(body: OllamaBody): string {
  if (typeof body?.prompt === "string") return body.prompt;
  const messages: { role?: string; content?: string }[] = Array.isArray(body?.messages) ? body.messages : [];
  return [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** `/api/chat` and `/api/generate`: the same reply, in `message` (chat) or `response` (generate). */
function answer(
  res: ServerResponse,
  kind: "chat" | "generate",
  body: OllamaBody,
  opts: FakeOllamaOptions,
): void {
  const raw = opts.reply ? opts.reply(body) : `echo: ${lastUserText(body)}`;
  const reply: OllamaReply = typeof raw === "string" ? { content: raw } : raw;
  const content = reply.content ?? "";
  const usage = reply.usage ?? {
    prompt_eval_count: estimateTokens(JSON.stringify(body.messages ?? body.prompt ?? "")),
    eval_count: estimateTokens(content),
  };
  const head = { model: String(body.model), created_at: new Date().toISOString() };
  const piece = (text: string, extra: OllamaReply = {}) =>
    kind === "chat"
      ? {
          message: {
            role: "assistant",
            content: text,
            ...(extra.thinking ? { thinking: extra.thinking } : {}),
            ...(extra.tool_calls ? { tool_calls: extra.tool_calls } : {}),
          },
        }
      : { response: text, ...(extra.thinking ? { thinking: extra.thinking } : {}) };
  const last = {
    ...head,
    done: true,
    done_reason: reply.done_reason ?? "stop",
    ...(kind === "generate" ? { context: [1, 2, 3] } : {}),
    ...FAKE_DURATIONS,
    ...usage,
  };
  if (body.stream !== true) {
    send(res, 200, { ...head, ...piece(content, reply), ...last });
    return;
  }
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  const line = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
  const pieces = content.match(/.{1,4}/gs) ?? [];
  if (reply.thinking) line({ ...head, ...piece("", { thinking: reply.thinking }), done: false });
  for (const [i, text] of pieces.entries()) {
    line({ ...head, ...piece(text), done: false });
    if (i === 0 && opts.stall) return;
    if (i === 0 && opts.streamError !== undefined) {
      line({ error: opts.streamError });
      res.end();
      return;
    }
  }
  if (reply.tool_calls) line({ ...head, ...piece("", { tool_calls: reply.tool_calls }), done: false });
  res.end(`${JSON.stringify({ ...last, ...piece("") })}\n`);
}

/** A deterministic vector per input text. */
function vector(text: string): number[] {
  const v = new Array<number>(4).fill(0);
  for (const ch of text) v[ch.charCodeAt(0) % 4]! += 1;
  return v;
}

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const requests: FakeOllama["requests"] = [];
  const fake = { requests, options } as FakeOllama;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const body = await readJson(req);
      requests.push({ path, body });
      const status = fake.options.fail?.(path, body);
      if (status !== undefined) {
        send(res, status, { error: `fake ollama answered ${status}` });
        return;
      }
      if (req.method === "POST" && path === "/api/chat") return answer(res, "chat", body, fake.options);
      if (req.method === "POST" && path === "/api/generate")
        return answer(res, "generate", body, fake.options);
      if (req.method === "POST" && path === "/api/embed") {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        send(res, 200, {
          model: String(body.model),
          embeddings: inputs.map((t) => vector(String(t))),
          total_duration: FAKE_DURATIONS.total_duration,
          load_duration: FAKE_DURATIONS.load_duration,
          prompt_eval_count: inputs.reduce((n, t) => n + estimateTokens(String(t)), 0),
        });
        return;
      }
      send(res, 404, { error: `no route ${req.method} ${path}` });
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(err) });
      else res.end();
    });
  });
  const local = await listenLocal(server);
  fake.host = local.origin;
  fake.close = local.close;
  return fake;
}
