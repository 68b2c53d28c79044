import { createServer, type ServerResponse } from "node:http";
import { estimateTokens, lastUserMessageText, listenLocal, readJson, sendJson } from "./fake-http.js";

/**
 * A local Cohere API for tests, on 127.0.0.1 at a random port (the
 * `environment` / `baseUrl` of the real `cohere-ai` clients): v2 `/v2/chat`
 * (JSON, or server-sent events `message-start`, `content-*`, `tool-plan-delta`,
 * `tool-call-*`, `message-end` with the finish reason and usage), `/v2/embed`,
 * `/v2/rerank`, and v1 `/v1/chat` (JSON, or JSON lines ending in
 * `stream-end`). Errors are `{message}` bodies with an HTTP status.
 */

export interface CohereToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface CohereReply {
  text?: string;
  tool_plan?: string;
  tool_calls?: CohereToolCall[];
  finish_reason?: string;
  /** Tokens the model saw and produced; default from the text lengths. */
  tokens?: { input_tokens: number; output_tokens: number };
  /** Billed units; default: the tokens. */
  billed_units?: { input_tokens: number; output_tokens: number };
}

export type CohereBody = any;

export interface FakeCohereOptions {
  /** The reply to a chat call; default: "echo: " + the last user message. */
  reply?: (body: CohereBody) => CohereReply | string;
  /** An HTTP status to answer instead, or undefined to answer normally. */
  fail?: (path: string, body: CohereBody) => number | undefined;
}

export interface FakeCohere {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  requests: { path: string; body: CohereBody }[];
  options: FakeCohereOptions;
  close(): Promise<void>;
}

let nextId = 0;

/** The last user message of a v2 request (string or text items), or a v1 request's `message`. */
export function lastUserText(body: CohereBody): string {
  if (typeof body?.message === "string") return body.message;
  return lastUserMessageText(body?.messages);
}

function replyTo(body: CohereBody, opts: FakeCohereOptions) {
  const raw = opts.reply ? opts.reply(body) : `echo: ${lastUserText(body)}`;
  const reply: CohereReply = typeof raw === "string" ? { text: raw } : raw;
  const text = reply.text ?? "";
  const counts = reply.tokens ?? {
    input_tokens: estimateTokens(JSON.stringify(body.messages ?? body.message ?? "")),
    output_tokens: estimateTokens(text),
  };
  const usage = { billed_units: reply.billed_units ?? counts, tokens: counts };
  const finish = reply.finish_reason ?? (reply.tool_calls ? "TOOL_CALL" : "COMPLETE");
  return { reply, text, usage, finish, id: `chat-${++nextId}` };
}

function chatV2(res: ServerResponse, body: CohereBody, opts: FakeCohereOptions): void {
  const { reply, text, usage, finish, id } = replyTo(body, opts);
  const calls = reply.tool_calls?.map((c) => ({
    id: c.id,
    type: "function",
    function: { name: c.name, arguments: c.arguments },
  }));
  if (body.stream !== true) {
    const message = {
      role: "assistant",
      ...(text !== "" ? { content: [{ type: "text", text }] } : {}),
      ...(reply.tool_plan ? { tool_plan: reply.tool_plan } : {}),
      ...(calls ? { tool_calls: calls } : {}),
    };
    sendJson(res, 200, { id, finish_reason: finish, message, usage });
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  const event = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event("message-start", {
    id,
    delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
  });
  if (reply.tool_plan) event("tool-plan-delta", { delta: { message: { tool_plan: reply.tool_plan } } });
  if (text !== "") {
    event("content-start", { index: 0, delta: { message: { content: { type: "text", text: "" } } } });
    for (const piece of text.match(/.{1,4}/gs) ?? [])
      event("content-delta", { index: 0, delta: { message: { content: { text: piece } } } });
    event("content-end", { index: 0 });
  }
  for (const [index, call] of (calls ?? []).entries()) {
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    event("tool-call-start", {
      index,
      delta: {
        message: {
          tool_calls: { ...call, function: { name: call.function.name, arguments: args.slice(0, half) } },
        },
      },
    });
    event("tool-call-delta", {
      index,
      delta: { message: { tool_calls: { function: { arguments: args.slice(half) } } } },
    });
    event("tool-call-end", { index });
  }
  event("message-end", { delta: { finish_reason: finish, usage } });
  res.end();
}

function chatV1(res: ServerResponse, body: CohereBody, opts: FakeCohereOptions): void {
  const { text, usage, finish, id } = replyTo(body, opts);
  const response = {
    response_id: id,
    text,
    generation_id: `gen-${id}`,
    finish_reason: finish,
    chat_history: [
      ...(body.chat_history ?? []),
      { role: "USER", message: body.message },
      { role: "CHATBOT", message: text },
    ],
    meta: { api_version: { version: "1" }, ...usage },
  };
  if (body.stream !== true) {
    sendJson(res, 200, response);
    return;
  }
  res.writeHead(200, { "content-type": "application/stream+json" });
  const line = (value: object) => res.write(`${JSON.stringify(value)}\n`);
  line({ is_finished: false, event_type: "stream-start", generation_id: response.generation_id });
  for (const piece of text.match(/.{1,4}/gs) ?? [])
    line({ is_finished: false, event_type: "text-generation", text: piece });
  res.end(
    `${JSON.stringify({ is_finished: true, event_type: "stream-end", finish_reason: finish, response })}\n`,
  );
}

/** A deterministic vector per input text. */
function vector(text: string): number[] {
  const v = new Array<number>(4).fill(0);
  for (const ch of text) v[ch.charCodeAt(0) % 4]! += 1;
  return v;
}

/** The share of the query's words a document contains, highest first, `top_n` of them. */
function rerank(body: CohereBody) {
  const words = String(body.query ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const docs: unknown[] = Array.isArray(body.documents) ? body.documents : [];
  const scored = docs.map((d, index) => {
    const text = (typeof d === "string" ? d : String((d as { text?: string })?.text ?? "")).toLowerCase();
    return {
      index,
      relevance_score: words.filter((w) => text.includes(w)).length / Math.max(1, words.length),
    };
  });
  scored.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return {
    id: `rerank-${++nextId}`,
    results: scored.slice(0, body.top_n ?? scored.length),
    meta: { api_version: { version: "2" }, billed_units: { search_units: 1 } },
  };
}

export async function startFakeCohere(options: FakeCohereOptions = {}): Promise<FakeCohere> {
  const requests: FakeCohere["requests"] = [];
  const fake = { requests, options } as FakeCohere;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const body = await readJson(req);
      requests.push({ path, body });
      const status = fake.options.fail?.(path, body);
      if (status !== undefined)
        return sendJson(res, status, { id: `err-${++nextId}`, message: `fake cohere answered ${status}` });
      if (req.method !== "POST") return sendJson(res, 404, { message: `no route ${req.method} ${path}` });
      if (path === "/v2/chat") return chatV2(res, body, fake.options);
      if (path === "/v1/chat") return chatV1(res, body, fake.options);
      if (path === "/v2/rerank" || path === "/v1/rerank") return sendJson(res, 200, rerank(body));
      if (path === "/v2/embed" || path === "/v1/embed") {
        const texts: string[] = Array.isArray(body.texts) ? body.texts : [];
        sendJson(res, 200, {
          id: `embed-${++nextId}`,
          embeddings: { float: texts.map((t) => vector(t)) },
          texts,
          meta: {
            api_version: { version: "2" },
            billed_units: { input_tokens: texts.reduce((n, t) => n + estimateTokens(t), 0) },
          },
          response_type: "embeddings_by_type",
        });
        return;
      }
      sendJson(res, 404, { message: `no route ${req.method} ${path}` });
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: String(err) });
      else res.end();
    });
  });
  const local = await listenLocal(server);
  fake.baseUrl = local.origin;
  fake.close = local.close;
  return fake;
}
