import { createServer, type ServerResponse } from "node:http";
import { estimateTokens, listenLocal, readJson } from "./fake-http.js";

/**
 * A local provider speaking Anthropic's Messages API for tests: `POST
 * /v1/messages` as JSON or as server-sent events (message_start,
 * content_block_start / _delta / _stop, ping, message_delta, message_stop),
 * with text, thinking and tool_use blocks (tool input streamed as
 * `input_json_delta` pieces), `POST /v1/messages/count_tokens`, and errors in
 * Anthropic's shape (`{type: "error", error: {type, message}}`) with
 * `retry-after`. Answers on 127.0.0.1 at a random port; point the real
 * `@anthropic-ai/sdk` client at `baseURL`.
 */

export type FakeBlock =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

export interface MessageReply {
  content: FakeBlock[];
  usage?: FakeUsage;
  /** Default: `tool_use` when a block is a tool call, else `end_turn`. */
  stop_reason?: string;
  /** Streams only: an `error` event of this type after the first content block starts. */
  streamError?: string;
}

export interface FakeError {
  status: number;
  /** Anthropic's error type (default from the status: 429 `rate_limit_error`, 529 `overloaded_error`, ...). */
  type?: string;
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
}

export type RequestBody = any;

export interface FakeAnthropicOptions {
  /** The reply to a message; default: the text "echo: " + the last user text. */
  reply?: (body: RequestBody) => MessageReply | string;
  /** An error to answer instead, or undefined to answer normally. */
  fail?: (path: string, body: RequestBody) => FakeError | undefined;
}

export interface FakeAnthropic {
  /** Base URL for the `@anthropic-ai/sdk` client (`http://127.0.0.1:<port>`). */
  baseURL: string;
  requests: { path: string; body: RequestBody }[];
  options: FakeAnthropicOptions;
  close(): Promise<void>;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Text of the last user message (string content or its text blocks). */
export function lastUserText(body: RequestBody): string {
  const messages: RequestBody[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...messages].reverse().find((m) => m?.role === "user");
  if (typeof last?.content === "string") return last.content;
  if (!Array.isArray(last?.content)) return "";
  return last.content
    .filter((b: RequestBody) => b?.type === "text")
    .map((b: RequestBody) => b.text)
    .join("");
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++ids}`, ...headers });
  res.end(JSON.stringify(body));
}

let ids = 0;

function replyOf(
  body: RequestBody,
  options: FakeAnthropicOptions,
): Required<Omit<MessageReply, "streamError">> & MessageReply {
  const raw = options.reply ? options.reply(body) : `echo: ${lastUserText(body)}`;
  const reply: MessageReply = typeof raw === "string" ? { content: [{ type: "text", text: raw }] } : raw;
  const text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  return {
    ...reply,
    usage: reply.usage ?? {
      input_tokens: estimateTokens(JSON.stringify(body.messages ?? [])),
      output_tokens: estimateTokens(text),
    },
    stop_reason:
      reply.stop_reason ?? (reply.content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn"),
  };
}

function fullUsage(usage: FakeUsage): FakeUsage {
  return { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...usage };
}

function message(body: RequestBody, options: FakeAnthropicOptions, res: ServerResponse): void {
  const reply = replyOf(body, options);
  const head = {
    id: `msg_${++ids}`,
    type: "message",
    role: "assistant",
    model: String(body.model ?? "claude-fake"),
  };
  if (!body.stream) {
    send(res, 200, {
      ...head,
      content: reply.content,
      stop_reason: reply.stop_reason,
      stop_sequence: null,
      usage: fullUsage(reply.usage),
    });
    return;
  }
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "request-id": `req_${ids}`,
  });
  const event = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  // As Anthropic does: input and cache counts at the start, the output count at the end.
  const usage = fullUsage(reply.usage);
  event("message_start", {
    message: {
      ...head,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  event("ping", {});
  for (const [index, block] of reply.content.entries()) {
    streamBlock(index, block, event);
    if (reply.streamError) {
      event("error", { error: { type: reply.streamError, message: `fake provider: ${reply.streamError}` } });
      res.end();
      return;
    }
  }
  event("message_delta", {
    delta: { stop_reason: reply.stop_reason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  event("message_stop", {});
  res.end();
}

/** One content block as start, deltas in small pieces, and stop. */
function streamBlock(index: number, block: FakeBlock, event: (type: string, data: object) => void): void {
  const pieces = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, "gs")) ?? [];
  const delta = (d: object) => event("content_block_delta", { index, delta: d });
  switch (block.type) {
    case "text":
      event("content_block_start", { index, content_block: { type: "text", text: "" } });
      for (const text of pieces(block.text, 4)) delta({ type: "text_delta", text });
      break;
    case "thinking":
      event("content_block_start", {
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      });
      for (const thinking of pieces(block.thinking, 6)) delta({ type: "thinking_delta", thinking });
      delta({ type: "signature_delta", signature: block.signature });
      break;
    case "tool_use":
      event("content_block_start", {
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      for (const partial_json of pieces(JSON.stringify(block.input), 5))
        delta({ type: "input_json_delta", partial_json });
      break;
  }
  event("content_block_stop", { index });
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: FakeAnthropic["requests"] = [];
  const fake = { requests, options } as FakeAnthropic;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const body = await readJson(req);
      requests.push({ path, body });
      const failure = fake.options.fail?.(path, body);
      if (failure !== undefined) {
        const type = failure.type ?? ERROR_TYPES[failure.status] ?? "api_error";
        const headers: Record<string, string> =
          failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) };
        send(
          res,
          failure.status,
          { type: "error", error: { type, message: `fake provider: ${type}` } },
          headers,
        );
        return;
      }
      if (req.method === "POST" && path === "/v1/messages") return message(body, fake.options, res);
      if (req.method === "POST" && path === "/v1/messages/count_tokens")
        return send(res, 200, { input_tokens: estimateTokens(JSON.stringify(body.messages ?? [])) });
      send(res, 404, { type: "error", error: { type: "not_found_error", message: `no route ${path}` } });
    })().catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, { type: "error", error: { type: "api_error", message: String(err) } });
      else res.end();
    });
  });
  const local = await listenLocal(server);
  fake.baseURL = local.origin;
  fake.close = local.close;
  return fake;
}
