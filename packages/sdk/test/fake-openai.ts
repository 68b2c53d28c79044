import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { estimateTokens, listenLocal, readJson, sendJson } from "./fake-http.js";

/**
 * A local OpenAI-compatible provider for tests: chat completions (plain and
 * streamed as server-sent events, with usage and tool calls streamed in
 * pieces), the Responses API (plain and streamed), embeddings and image
 * generation, answering on 127.0.0.1 at a random port. Point the real
 * `openai` client at `baseURL`. Replies are decided by the test (`chat`,
 * `embed`), every request is kept in `requests`, and `fail` can answer an
 * error status instead (429 as OpenAI's rate-limit error). Legacy text
 * completions are served too, and services built on the same format:
 * Groq's paths (`/openai/v1/...`: point its client at `origin`) and the
 * ways they report a stream's usage (`streamUsage`).
 */

export interface ChatReply {
  content?: string | null;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type RequestBody = any;

export interface FakeOpenAIOptions {
  /** The reply to a chat completion; default: "echo: " + the last user message. */
  chat?: (body: RequestBody) => ChatReply | string | Promise<ChatReply | string>;
  /** The vector of one embedding input; default: a deterministic 8-dimension vector of the text. */
  embed?: (input: string) => number[];
  /** An HTTP status to answer instead (e.g. 500, 429), or undefined to answer normally. */
  fail?: (path: string, body: RequestBody) => number | undefined;
  /**
   * How a stream reports usage: `on-request` (OpenAI, the default: a last
   * chunk without choices when `stream_options.include_usage`), `x_groq`
   * (Groq: always, in `x_groq.usage` of the last chunk), `last-chunk`
   * (Together: always, in the finishing chunk).
   */
  streamUsage?: "on-request" | "x_groq" | "last-chunk";
}

export interface FakeOpenAI {
  /** Base URL for the `openai` client (`http://127.0.0.1:<port>/v1`). */
  baseURL: string;
  /** `http://127.0.0.1:<port>`, for clients that add the path themselves (Groq's `/openai/v1`). */
  origin: string;
  requests: { path: string; body: RequestBody; headers: IncomingMessage["headers"] }[];
  options: FakeOpenAIOptions;
  close(): Promise<void>;
}

const lastUserText = (body: RequestBody): string => {
  if (typeof body?.input === "string") return body.input;
  const messages = Array.isArray(body?.messages)
    ? body.messages
    : Array.isArray(body?.input)
      ? body.input
      : [];
  const last = [...messages].reverse().find((m: { role?: string }) => m.role === "user");
  const content = last?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? "").join("");
  return "";
};

/** A deterministic unit-less vector: letter frequencies folded into 8 buckets. */
export function textVector(text: string): number[] {
  const v = new Array<number>(8).fill(0);
  for (const ch of text.toLowerCase()) v[ch.charCodeAt(0) % 8]! += 1;
  return v;
}

let ids = 0;

async function chat(res: ServerResponse, body: RequestBody, opts: FakeOpenAIOptions): Promise<void> {
  const reply = await replyOf(body, opts);
  const content = reply.content ?? null;
  const usage = reply.usage ?? {
    prompt_tokens: estimateTokens(JSON.stringify(body.messages ?? [])),
    completion_tokens: estimateTokens(content ?? ""),
  };
  const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const id = `chatcmpl-${++ids}`;
  const created = Math.floor(Date.now() / 1000);
  const model = String(body.model ?? "fake-model");
  const finish = reply.tool_calls ? "tool_calls" : "stop";
  if (!body.stream) {
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content,
            ...(reply.tool_calls ? { tool_calls: reply.tool_calls } : {}),
          },
          finish_reason: finish,
          logprobs: null,
        },
      ],
      usage: fullUsage,
    });
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const mode = opts.streamUsage ?? "on-request";
  const withUsage = mode === "on-request" && body.stream_options?.include_usage === true;
  const chunk = (delta: object, finish_reason: string | null) =>
    event({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason }],
      // OpenAI sends `usage: null` on every chunk but the last when usage was asked for.
      ...(withUsage ? { usage: null } : {}),
      ...(finish_reason ? finalUsage(mode, id, fullUsage) : {}),
    });
  chunk({ role: "assistant", content: "" }, null);
  const pieces = (content ?? "").match(/.{1,4}/gs) ?? [];
  for (const piece of pieces) chunk({ content: piece }, null);
  for (const [index, t] of (reply.tool_calls ?? []).entries()) {
    // As OpenAI does: the id and name first, then the arguments in pieces.
    chunk(
      { tool_calls: [{ index, id: t.id, type: t.type, function: { name: t.function.name, arguments: "" } }] },
      null,
    );
    for (const piece of t.function.arguments.match(/.{1,8}/gs) ?? [])
      chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null);
  }
  chunk({}, finish);
  if (withUsage) {
    event({ id, object: "chat.completion.chunk", created, model, choices: [], usage: fullUsage });
  }
  res.end("data: [DONE]\n\n");
}

/** What the finishing chunk of a stream carries in `x_groq` and `last-chunk` modes. */
function finalUsage(mode: FakeOpenAIOptions["streamUsage"], id: string, usage: object): object {
  if (mode === "x_groq") return { x_groq: { id: `req_${id}`, usage } };
  if (mode === "last-chunk") return { usage };
  return {};
}

/** Legacy text completions: one choice per prompt, `text` pieces when streamed, usage as for chat. */
async function completions(res: ServerResponse, body: RequestBody, opts: FakeOpenAIOptions): Promise<void> {
  const prompts: string[] = (Array.isArray(body.prompt) ? body.prompt : [body.prompt]).map(String);
  const replies = await Promise.all(
    prompts.map((p) => replyOf({ ...body, messages: [{ role: "user", content: p }] }, opts)),
  );
  const texts = replies.map((r) => r.content ?? "");
  const usage = replies[0]?.usage ?? {
    prompt_tokens: prompts.reduce((n, p) => n + estimateTokens(p), 0),
    completion_tokens: texts.reduce((n, t) => n + estimateTokens(t), 0),
  };
  const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const id = `cmpl-${++ids}`;
  const base = {
    id,
    object: "text_completion",
    created: Math.floor(Date.now() / 1000),
    model: String(body.model),
  };
  const finish = typeof body.max_tokens === "number" && body.max_tokens < 4 ? "length" : "stop";
  if (!body.stream) {
    sendJson(res, 200, {
      ...base,
      choices: texts.map((text, index) => ({ text, index, logprobs: null, finish_reason: finish })),
      usage: fullUsage,
    });
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const mode = opts.streamUsage ?? "on-request";
  const withUsage = mode === "on-request" && body.stream_options?.include_usage === true;
  for (const [index, text] of texts.entries()) {
    const pieces = text.match(/.{1,4}/gs) ?? [];
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1 && index === texts.length - 1;
      event({
        ...base,
        choices: [
          { text: piece, index, logprobs: null, finish_reason: i === pieces.length - 1 ? finish : null },
        ],
        ...(withUsage ? { usage: null } : {}),
        ...(last ? finalUsage(mode, id, fullUsage) : {}),
      });
    }
  }
  if (withUsage) event({ ...base, choices: [], usage: fullUsage });
  res.end("data: [DONE]\n\n");
}

async function replyOf(body: RequestBody, opts: FakeOpenAIOptions): Promise<ChatReply> {
  const raw = opts.chat ? await opts.chat(body) : `echo: ${lastUserText(body)}`;
  const reply: ChatReply = typeof raw === "string" ? { content: raw } : raw;
  if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
  return reply;
}

/** The Responses API: `output` items (a message, function calls), usage as input/output tokens; streamed as typed events. */
async function responses(res: ServerResponse, body: RequestBody, opts: FakeOpenAIOptions): Promise<void> {
  const reply = await replyOf(body, opts);
  const text = reply.content ?? "";
  const usage = reply.usage ?? {
    prompt_tokens: estimateTokens(JSON.stringify(body.input ?? "")),
    completion_tokens: estimateTokens(text),
  };
  const id = `resp_${++ids}`;
  const base = {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: String(body.model ?? "fake-model"),
  };
  const message = {
    type: "message",
    id: `msg_${id}`,
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  const calls = (reply.tool_calls ?? []).map((t) => ({
    type: "function_call",
    id: `fc_${t.id}`,
    call_id: t.id,
    name: t.function.name,
    arguments: t.function.arguments,
    status: "completed",
  }));
  const full = {
    ...base,
    status: "completed",
    output: [...(text ? [message] : []), ...calls],
    usage: {
      input_tokens: usage.prompt_tokens,
      output_tokens: usage.completion_tokens,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    },
  };
  if (!body.stream) {
    sendJson(res, 200, full);
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let sequence = 0;
  const event = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  event("response.created", { response: { ...base, status: "in_progress", output: [] } });
  for (const delta of text.match(/.{1,4}/gs) ?? [])
    event("response.output_text.delta", { item_id: message.id, output_index: 0, content_index: 0, delta });
  event("response.completed", { response: full });
  res.end();
}

/** Image generation: tiny base64 images (or URLs when asked), with usage as gpt-image models report it. */
function images(res: ServerResponse, body: RequestBody): void {
  const n = typeof body.n === "number" ? body.n : 1;
  const png = Buffer.alloc(300, 7).toString("base64");
  sendJson(res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: Array.from({ length: n }, (_, i) =>
      body.response_format === "url" ? { url: `https://images.invalid/${i}.png` } : { b64_json: png },
    ),
    usage: {
      input_tokens: estimateTokens(String(body.prompt ?? "")),
      output_tokens: 100 * n,
      total_tokens: 0,
    },
  });
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const fake = { requests, options } as FakeOpenAI;
  const server = createServer((req, res) => {
    void (async () => {
      // Groq's client calls `/openai/v1/...`; everything else is the same.
      const path = (req.url ?? "").split("?")[0]?.replace(/^\/openai(?=\/v1\/)/, "") ?? "";
      const body = await readJson(req);
      requests.push({ path, body, headers: req.headers });
      const status = fake.options.fail?.(path, body);
      if (status !== undefined) {
        const type = status === 429 ? "rate_limit_exceeded" : "server_error";
        sendJson(res, status, { error: { message: `fake provider answered ${status}`, type, code: type } });
        return;
      }
      if (req.method === "POST" && path === "/v1/chat/completions") return chat(res, body, fake.options);
      if (req.method === "POST" && path === "/v1/responses") return responses(res, body, fake.options);
      if (req.method === "POST" && path === "/v1/completions") return completions(res, body, fake.options);
      if (req.method === "POST" && path === "/v1/images/generations") return images(res, body);
      if (req.method === "POST" && path === "/v1/embeddings") {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        const embed = fake.options.embed ?? textVector;
        sendJson(res, 200, {
          object: "list",
          model: body.model ?? "fake-embedding",
          data: inputs.map((text, index) => {
            const vector = embed(String(text));
            // The openai client asks for base64 (little-endian float32) unless told otherwise.
            const embedding =
              body.encoding_format === "base64"
                ? Buffer.from(new Float32Array(vector).buffer).toString("base64")
                : vector;
            return { object: "embedding", index, embedding };
          }),
          usage: {
            prompt_tokens: inputs.reduce((n, t) => n + estimateTokens(String(t)), 0),
            total_tokens: 0,
          },
        });
        return;
      }
      sendJson(res, 404, {
        error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" },
      });
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: "server_error" } });
      else res.end();
    });
  });
  const local = await listenLocal(server);
  fake.origin = local.origin;
  fake.baseURL = `${fake.origin}/v1`;
  fake.close = local.close;
  return fake;
}
