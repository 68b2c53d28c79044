import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from "node:http2";
import type { AddressInfo, Server, Socket } from "node:net";
import { encodeEvent, encodeException } from "./fake-bedrock-eventstream.js";
import { estimateTokens } from "./fake-http.js";

/**
 * A local Bedrock Runtime for tests, speaking its REST protocol on 127.0.0.1
 * at random ports, over HTTP/2 (`endpoint`: the client's default handler,
 * cleartext with prior knowledge) and HTTP/1.1 (`http1Endpoint`: a `fetch`
 * or `node:http` handler): `POST /model/{modelId}/converse`, `/converse-stream`,
 * `/invoke`, `/invoke-with-response-stream` (streams framed as
 * `application/vnd.amazon.eventstream`) and `/count-tokens`. Point the real
 * `BedrockRuntimeClient` at `endpoint`. InvokeModel answers in the model
 * family's own JSON (Anthropic Messages, Amazon Nova, Titan Text, Meta Llama;
 * any other model id gets a body without counts), always with Bedrock's
 * token-count headers. Replies are decided by the test, every request is
 * kept, and `fail` answers an error status instead, as Bedrock's
 * `x-amzn-errortype` errors (429 is a ThrottlingException).
 */

export type Json = any;

/** A Converse content block the fake answers with. */
export type Block = { text: string } | { toolUse: { toolUseId: string; name: string; input: Json } };

export interface Reply {
  content: Block[];
  stopReason?: string;
}

export interface FakeBedrockOptions {
  /** The answer; default: the text "echo: " + the last user text. */
  reply?: (body: Json, modelId: string) => Reply;
  /** Token counts reported (default: a quarter of the characters in and out). */
  usage?: { input: number; output: number; cacheRead?: number; cacheWrite?: number };
  /** An HTTP status to answer instead (e.g. 429, 400), or undefined to answer. */
  fail?: (path: string) => number | undefined;
  /** Send this modelled exception (`throttlingException`) after the first content event of a stream. */
  streamError?: string;
}

export interface FakeRequest {
  path: string;
  modelId: string;
  action: string;
  body: Json;
  headers: Request["headers"];
}

export interface FakeBedrock {
  /** `http://127.0.0.1:<port>` speaking HTTP/2, for the client's `endpoint`. */
  endpoint: string;
  /** The same service over HTTP/1.1. */
  http1Endpoint: string;
  requests: FakeRequest[];
  options: FakeBedrockOptions;
  close(): Promise<void>;
}

const ERRORS: Readonly<Record<number, [string, string]>> = {
  400: ["ValidationException", "The provided request is not valid"],
  403: ["AccessDeniedException", "You don't have access to the model with the specified model ID"],
  404: ["ResourceNotFoundException", "The requested resource could not be found"],
  429: ["ThrottlingException", "Too many requests, please wait before trying again"],
  500: ["InternalServerException", "The server encountered an internal error"],
  503: ["ServiceUnavailableException", "The service isn't currently available"],
};

let requestIds = 0;

/** The text of the last user turn, in any of the request shapes the fake understands. */
export function lastUserText(body: Json): string {
  if (typeof body?.inputText === "string") return body.inputText;
  if (typeof body?.prompt === "string") return body.prompt;
  const user = [...(Array.isArray(body?.messages) ? body.messages : [])]
    .reverse()
    .find((m: Json) => m?.role === "user");
  const content = user?.content;
  if (typeof content === "string") return content;
  return (Array.isArray(content) ? content : [])
    .map((b: Json) => (typeof b?.text === "string" ? b.text : ""))
    .join("");
}

/** The answer split into streamed pieces (words with their trailing space). */
const pieces = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [""];

function textOf(reply: Reply): string {
  return reply.content.map((b) => ("text" in b ? b.text : "")).join("");
}

type Request = IncomingMessage | Http2ServerRequest;
/** The HTTP/2 compatibility response is used through the HTTP/1.1 response's API (the subset both have). */
type Response = ServerResponse;

export async function startFakeBedrock(options: FakeBedrockOptions = {}): Promise<FakeBedrock> {
  const requests: FakeRequest[] = [];
  const onRequest = (req: Request, res: Response | Http2ServerResponse) => {
    handle(req, res as Response, options, requests).catch((err: unknown) => {
      (res as Response).writeHead(500, { "content-type": "application/json" });
      (res as Response).end(JSON.stringify({ message: String(err) }));
    });
  };
  const http1 = createHttp1Server(onRequest);
  const http2 = createHttp2Server(onRequest);
  const sockets = new Set<Socket>();
  http2.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const [port2, port1] = await Promise.all([listen(http2), listen(http1)]);
  return {
    endpoint: `http://127.0.0.1:${port2}`,
    http1Endpoint: `http://127.0.0.1:${port1}`,
    requests,
    options,
    async close() {
      for (const socket of sockets) socket.destroy();
      http1.closeAllConnections();
      await Promise.all([http1, http2].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function handle(
  req: Request,
  res: Response,
  opts: FakeBedrockOptions,
  requests: FakeRequest[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const match = /^\/model\/([^/]+)\/([a-z-]+)$/.exec(path);
  const modelId = match ? decodeURIComponent(match[1]!) : "";
  const action = match?.[2] ?? "";
  let body: Json;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    body = raw;
  }
  requests.push({ path, modelId, action, body, headers: req.headers });
  const requestId = `fake-request-${++requestIds}`;
  const status = opts.fail?.(path);
  if (status !== undefined) return sendError(res, status, requestId);
  const reply = opts.reply?.(body, modelId) ?? { content: [{ text: `echo: ${lastUserText(body)}` }] };
  const usage = opts.usage ?? {
    input: estimateTokens(lastUserText(body)),
    output: estimateTokens(textOf(reply)),
  };
  const answer: Answer = { reply, usage, modelId, body };
  switch (action) {
    case "converse":
      return sendJson(res, 200, converseBody(answer), { "x-amzn-requestid": requestId });
    case "converse-stream":
      return sendEvents(
        res,
        requestId,
        converseEvents(answer).map(([type, e]) => encodeEvent(type, e)),
        opts,
      );
    case "invoke": {
      const family = familyOf(modelId);
      return sendJson(res, 200, INVOKE[family].body(answer), {
        "x-amzn-requestid": requestId,
        "x-amzn-bedrock-input-token-count": String(usage.input),
        "x-amzn-bedrock-output-token-count": String(usage.output),
        "x-amzn-bedrock-invocation-latency": "42",
      });
    }
    case "invoke-with-response-stream": {
      const chunks = INVOKE[familyOf(modelId)].chunks(answer);
      const last = chunks[chunks.length - 1];
      if (last)
        last["amazon-bedrock-invocationMetrics"] = {
          inputTokenCount: usage.input,
          outputTokenCount: usage.output,
          invocationLatency: 42,
          firstByteLatency: 7,
        };
      const frames = chunks.map((c) =>
        encodeEvent("chunk", { bytes: Buffer.from(JSON.stringify(c)).toString("base64") }),
      );
      return sendEvents(res, requestId, frames, opts);
    }
    case "count-tokens":
      return sendJson(res, 200, { inputTokens: usage.input }, { "x-amzn-requestid": requestId });
    default:
      return sendError(res, 404, requestId);
  }
}

interface Answer {
  reply: Reply;
  usage: NonNullable<FakeBedrockOptions["usage"]>;
  modelId: string;
  body: Json;
}

function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: Response, status: number, requestId: string): void {
  const [type, message] = ERRORS[status] ?? ["InternalServerException", "Unexpected error"];
  sendJson(
    res,
    status,
    { message: `${message} (HTTP ${status})` },
    {
      "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      "x-amzn-requestid": requestId,
    },
  );
}

function sendEvents(res: Response, requestId: string, frames: Buffer[], opts: FakeBedrockOptions): void {
  res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": requestId });
  frames.forEach((frame, i) => {
    if (opts.streamError && i === 2) {
      res.end(encodeException(opts.streamError, "Stream interrupted by the fake (HTTP 429)"));
      return;
    }
    if (!res.writableEnded) res.write(frame);
  });
  if (!res.writableEnded) res.end();
}

function converseUsage(a: Answer): Json {
  const { input, output, cacheRead, cacheWrite } = a.usage;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output + (cacheRead ?? 0) + (cacheWrite ?? 0),
    ...(cacheRead !== undefined ? { cacheReadInputTokens: cacheRead } : {}),
    ...(cacheWrite !== undefined ? { cacheWriteInputTokens: cacheWrite } : {}),
  };
}

const stopOf = (reply: Reply) =>
  reply.stopReason ?? (reply.content.some((b) => "toolUse" in b) ? "tool_use" : "end_turn");

function converseBody(a: Answer): Json {
  return {
    output: { message: { role: "assistant", content: a.reply.content } },
    stopReason: stopOf(a.reply),
    usage: converseUsage(a),
    metrics: { latencyMs: 42 },
  };
}

/** Converse-shaped stream events (ConverseStream, and Amazon Nova's own stream). */
function converseEvents(a: Answer): [string, Json][] {
  const events: [string, Json][] = [["messageStart", { role: "assistant" }]];
  a.reply.content.forEach((block, i) => {
    if ("toolUse" in block) {
      const { toolUseId, name, input } = block.toolUse;
      events.push(["contentBlockStart", { contentBlockIndex: i, start: { toolUse: { toolUseId, name } } }]);
      const args = JSON.stringify(input);
      const half = Math.floor(args.length / 2);
      for (const piece of [args.slice(0, half), args.slice(half)])
        events.push(["contentBlockDelta", { contentBlockIndex: i, delta: { toolUse: { input: piece } } }]);
    } else
      for (const piece of pieces(block.text))
        events.push(["contentBlockDelta", { contentBlockIndex: i, delta: { text: piece } }]);
    events.push(["contentBlockStop", { contentBlockIndex: i }]);
  });
  events.push(["messageStop", { stopReason: stopOf(a.reply) }]);
  events.push(["metadata", { usage: converseUsage(a), metrics: { latencyMs: 42 } }]);
  return events;
}

type Family = "anthropic" | "nova" | "titan" | "llama" | "other";

function familyOf(modelId: string): Family {
  const id = modelId.replace(/^(?:us|eu|apac|global)\./, "");
  if (id.startsWith("anthropic.")) return "anthropic";
  if (id.startsWith("amazon.nova")) return "nova";
  if (id.startsWith("amazon.titan-text")) return "titan";
  if (id.startsWith("meta.llama")) return "llama";
  return "other";
}

/** Each family's own response body, and its stream as decoded chunk objects. */
const INVOKE: Readonly<Record<Family, { body(a: Answer): Json; chunks(a: Answer): Json[] }>> = {
  anthropic: {
    body: (a) => ({
      id: "msg_fake_1",
      type: "message",
      role: "assistant",
      model: "claude-3-5-haiku-20241022",
      content: a.reply.content.map((b) =>
        "toolUse" in b
          ? { type: "tool_use", id: b.toolUse.toolUseId, name: b.toolUse.name, input: b.toolUse.input }
          : { type: "text", text: b.text },
      ),
      stop_reason: stopOf(a.reply),
      stop_sequence: null,
      usage: { input_tokens: a.usage.input, output_tokens: a.usage.output },
    }),
    chunks: (a) => [
      {
        type: "message_start",
        message: {
          id: "msg_fake_1",
          type: "message",
          role: "assistant",
          model: "claude-3-5-haiku-20241022",
          content: [],
          usage: { input_tokens: a.usage.input, output_tokens: 1 },
        },
      },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      ...pieces(textOf(a.reply)).map((text) => ({
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text },
      })),
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: stopOf(a.reply), stop_sequence: null },
        usage: { output_tokens: a.usage.output },
      },
      { type: "message_stop" },
    ],
  },
  nova: {
    body: (a) => ({
      output: { message: { role: "assistant", content: a.reply.content } },
      stopReason: stopOf(a.reply),
      usage: converseUsage(a),
    }),
    chunks: (a) => converseEvents(a).map(([type, e]) => ({ [type]: e })),
  },
  titan: {
    body: (a) => ({
      inputTextTokenCount: a.usage.input,
      results: [{ tokenCount: a.usage.output, outputText: textOf(a.reply), completionReason: "FINISH" }],
    }),
    chunks: (a) =>
      pieces(textOf(a.reply)).map((outputText, i, all) => ({
        outputText,
        index: 0,
        totalOutputTextTokenCount: i === all.length - 1 ? a.usage.output : i + 1,
        completionReason: i === all.length - 1 ? "FINISH" : null,
        ...(i === 0 ? { inputTextTokenCount: a.usage.input } : {}),
      })),
  },
  llama: {
    body: (a) => ({
      generation: textOf(a.reply),
      prompt_token_count: a.usage.input,
      generation_token_count: a.usage.output,
      stop_reason: "stop",
    }),
    chunks: (a) =>
      pieces(textOf(a.reply)).map((generation, i, all) => ({
        generation,
        prompt_token_count: i === 0 ? a.usage.input : null,
        generation_token_count: i === all.length - 1 ? a.usage.output : i + 1,
        stop_reason: i === all.length - 1 ? "stop" : null,
      })),
  },
  other: {
    body: (a) => ({ outputs: [{ text: textOf(a.reply), stop_reason: "stop" }] }),
    chunks: (a) => pieces(textOf(a.reply)).map((text) => ({ outputs: [{ text, stop_reason: null }] })),
  },
};
