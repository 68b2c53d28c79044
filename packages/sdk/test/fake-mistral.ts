import { createServer, type ServerResponse } from "node:http";
import { estimateTokens, lastUserMessageText, listenLocal, readJson, sendJson } from "./fake-http.js";

/**
 * A local Mistral API for tests: `/v1/chat/completions` and
 * `/v1/fim/completions` (JSON, or server-sent events ending in `data:
 * [DONE]`, the last chunk carrying `usage` as Mistral sends it unasked) and
 * `/v1/embeddings`, on 127.0.0.1 at a random port. Point the real
 * `@mistralai/mistralai` client at `serverURL`. Errors are Mistral's
 * `{object: "error", message, type, code}` bodies with an HTTP status.
 */

export interface MistralToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface MistralReply {
  content?: string;
  tool_calls?: MistralToolCall[];
  finish_reason?: string;
  /** Token counts; default from the text lengths. */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export type MistralBody = any;

export interface FakeMistralOptions {
  /** The reply to a chat or FIM call; default: "echo: " + the last user message (or the prompt). */
  reply?: (body: MistralBody) => MistralReply | string;
  /** An HTTP status to answer instead, or undefined to answer normally. */
  fail?: (path: string, body: MistralBody) => number | undefined;
}

export interface FakeMistral {
  /** `http://127.0.0.1:<port>`, the client's `serverURL`. */
  serverURL: string;
  requests: { path: string; body: MistralBody }[];
  options: FakeMistralOptions;
  close(): Promise<void>;
}

let nextId = 0;

/** The text of the last user message, or a FIM prompt. */
export function lastUserText(body: MistralBody): string {
  if (typeof body?.prompt === "string") return body.prompt;
  return lastUserMessageText(body?.messages);
}

/** Mistral's error bodies: a validation error (422) in FastAPI's `{detail}` form, the others typed. */
function errorBody(status: number): unknown {
  if (status === 422)
    return { detail: [{ loc: ["body", "model"], msg: "invalid model", type: "value_error" }] };
  if (status === 429)
    return {
      object: "error",
      message: "Rate limit exceeded",
      type: "rate_limited",
      param: null,
      code: "1300",
    };
  return {
    object: "error",
    message: `fake mistral answered ${status}`,
    type: "invalid_request_error",
    param: null,
    code: null,
  };
}

function complete(res: ServerResponse, body: MistralBody, opts: FakeMistralOptions): void {
  const raw = opts.reply ? opts.reply(body) : `echo: ${lastUserText(body)}`;
  const reply: MistralReply = typeof raw === "string" ? { content: raw } : raw;
  const content = reply.content ?? "";
  const counts = reply.usage ?? {
    prompt_tokens: estimateTokens(JSON.stringify(body.messages ?? body.prompt ?? "")),
    completion_tokens: estimateTokens(content),
  };
  const usage = { ...counts, total_tokens: counts.prompt_tokens + counts.completion_tokens };
  const finish = reply.finish_reason ?? (reply.tool_calls ? "tool_calls" : "stop");
  const calls = reply.tool_calls?.map((c, index) => ({
    id: c.id,
    type: "function",
    function: { name: c.name, arguments: c.arguments },
    index,
  }));
  const head = {
    id: `cmpl-${++nextId}`,
    created: 1_700_000_000 + nextId,
    model: String(body.model),
  };
  if (body.stream !== true) {
    const message = { role: "assistant", content, tool_calls: calls ?? null, prefix: false };
    sendJson(res, 200, {
      ...head,
      object: "chat.completion",
      usage,
      choices: [{ index: 0, message, finish_reason: finish }],
    });
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: unknown, finishReason: string | null, extra: object = {}) =>
    res.write(
      `data: ${JSON.stringify({
        ...head,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, finish_reason: finishReason }],
        ...extra,
      })}\n\n`,
    );
  chunk({ role: "assistant", content: "" }, null);
  for (const piece of content.match(/.{1,4}/gs) ?? []) chunk({ content: piece }, null);
  if (calls) chunk({ tool_calls: calls }, null);
  chunk({ content: "" }, finish, { usage });
  res.end("data: [DONE]\n\n");
}

/** A deterministic vector per input text. */
function vector(text: string): number[] {
  const v = new Array<number>(4).fill(0);
  for (const ch of text) v[ch.charCodeAt(0) % 4]! += 1;
  return v;
}

export async function startFakeMistral(options: FakeMistralOptions = {}): Promise<FakeMistral> {
  const requests: FakeMistral["requests"] = [];
  const fake = { requests, options } as FakeMistral;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const body = await readJson(req);
      requests.push({ path, body });
      const status = fake.options.fail?.(path, body);
      if (status !== undefined) return sendJson(res, status, errorBody(status));
      if (req.method === "POST" && (path === "/v1/chat/completions" || path === "/v1/fim/completions"))
        return complete(res, body, fake.options);
      if (req.method === "POST" && path === "/v1/embeddings") {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        const promptTokens = inputs.reduce((n, t) => n + estimateTokens(String(t)), 0);
        sendJson(res, 200, {
          id: `emb-${++nextId}`,
          object: "list",
          model: String(body.model),
          usage: { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens },
          data: inputs.map((t, index) => ({ object: "embedding", embedding: vector(String(t)), index })),
        });
        return;
      }
      sendJson(res, 404, {
        object: "error",
        message: `no route ${req.method} ${path}`,
        type: "not_found",
        code: null,
      });
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { object: "error", message: String(err) });
      else res.end();
    });
  });
  const local = await listenLocal(server);
  fake.serverURL = local.origin;
  fake.close = local.close;
  return fake;
}
