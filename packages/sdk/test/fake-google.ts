import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { estimateTokens, listenLocal, readJson } from "./fake-http.js";

/**
 * A local Gemini API for tests, in its REST wire format: `POST
 * /v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`
 * (server-sent events, text in several chunks, each with the usage so far),
 * `:embedContent` and `:batchEmbedContents` (Vertex AI paths, which end the
 * same way, are served too). Point the real `@google/genai` client at it
 * with `httpOptions: { baseUrl }`. Calls need an API key
 * (`x-goog-api-key`); errors use Google's body `{error: {code, message,
 * status}}` (429 is `RESOURCE_EXHAUSTED`). Replies are decided by the test
 * (`reply`), every request is kept in `requests`.
 */

export type Json = any;

export interface GeminiReply {
  /** Candidates as the API sends them (default: one, "echo: " + the last user text, `STOP`). */
  candidates?: Json[];
  /** Default: counts derived from the sizes of the request and the answer. */
  usageMetadata?: Record<string, number>;
  promptFeedback?: Json;
  modelVersion?: string;
}

export interface FakeGoogleOptions {
  reply?: (body: Json) => GeminiReply | undefined;
  /** An HTTP status to answer instead (Google's error body), or undefined to answer normally. */
  fail?: (path: string, body: Json) => number | undefined;
  /** A stream that sends this many chunks, then an error event instead of the rest. */
  streamErrorAfter?: number;
}

export interface FakeGoogle {
  /** `http://127.0.0.1:<port>`, for `httpOptions.baseUrl`. */
  baseUrl: string;
  requests: { path: string; body: Json; headers: IncomingMessage["headers"] }[];
  options: FakeGoogleOptions;
  close(): Promise<void>;
}

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** Text of the last user turn of `contents`. */
export function lastUserText(body: Json): string {
  const contents: Json[] = Array.isArray(body?.contents) ? body.contents : [];
  const last = [...contents].reverse().find((c) => c?.role === undefined || c.role === "user");
  return (last?.parts ?? []).map((p: Json) => (typeof p?.text === "string" ? p.text : "")).join("");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
}

const errorBody = (status: number, message: string) => ({
  error: { code: status, message, status: STATUS[status] ?? "UNKNOWN" },
});

let ids = 0;

function fullReply(body: Json, model: string, opts: FakeGoogleOptions): Json {
  const reply = opts.reply?.(body) ?? {};
  const text = `echo: ${lastUserText(body)}`;
  const candidates = reply.candidates ?? [
    { content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 },
  ];
  const answer = candidates.flatMap((c: Json) => c?.content?.parts ?? []).map((p: Json) => p?.text ?? "");
  const prompt = estimateTokens(JSON.stringify(body.contents ?? []));
  const output = estimateTokens(answer.join(""));
  return {
    candidates,
    ...(reply.promptFeedback ? { promptFeedback: reply.promptFeedback } : {}),
    usageMetadata: reply.usageMetadata ?? {
      promptTokenCount: prompt,
      candidatesTokenCount: output,
      totalTokenCount: prompt + output,
    },
    modelVersion: reply.modelVersion ?? model,
    responseId: `resp-${++ids}`,
  };
}

/** Text parts split in pieces over several chunks; other parts whole; finish reason and full usage last. */
function streamChunks(response: Json): Json[] {
  const chunks: Json[] = [];
  const head = { modelVersion: response.modelVersion, responseId: response.responseId };
  const partial = { promptTokenCount: response.usageMetadata.promptTokenCount };
  for (const [index, c] of (response.candidates as Json[]).entries()) {
    for (const part of c?.content?.parts ?? []) {
      const pieces = typeof part.text === "string" ? (part.text.match(/\S+\s*|\s+/g) ?? [""]) : [null];
      for (const piece of pieces) {
        const p = piece === null ? part : { ...part, text: piece };
        chunks.push({
          candidates: [{ content: { role: "model", parts: [p] }, index }],
          usageMetadata: partial,
          ...head,
        });
      }
    }
  }
  const finals = (response.candidates as Json[]).map((c, index) => {
    const { content: _content, ...rest } = c ?? {};
    return { content: { role: "model", parts: [] }, ...rest, index };
  });
  const last = {
    candidates: finals,
    usageMetadata: response.usageMetadata,
    ...(response.promptFeedback ? { promptFeedback: response.promptFeedback } : {}),
    ...head,
  };
  return [...chunks, last];
}

function stream(res: ServerResponse, response: Json, opts: FakeGoogleOptions): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunks = streamChunks(response);
  for (const [i, chunk] of chunks.entries()) {
    if (opts.streamErrorAfter !== undefined && i === opts.streamErrorAfter) {
      res.write(`data: ${JSON.stringify(errorBody(503, "The model is overloaded."))}\r\n\r\n`);
      break;
    }
    res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
  }
  res.end();
}

/** A deterministic vector of a text: letter frequencies folded into `size` buckets. */
function vector(text: string, size = 8): number[] {
  const v = new Array<number>(size).fill(0);
  for (const ch of text.toLowerCase()) v[ch.charCodeAt(0) % size]! += 1;
  return v;
}

const contentText = (content: Json) =>
  (content?.parts ?? []).map((p: Json) => (typeof p?.text === "string" ? p.text : "")).join("");

async function handle(req: IncomingMessage, res: ServerResponse, fake: FakeGoogle): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const body = req.method === "POST" ? await readJson(req) : {};
  fake.requests.push({ path: url.pathname + url.search, body, headers: req.headers });
  const route = /\/models\/([^/:]+):(\w+)$/.exec(url.pathname);
  if (req.method !== "POST" || !route) return send(res, 404, errorBody(404, `no route ${url.pathname}`));
  if (!req.headers["x-goog-api-key"]) return send(res, 403, errorBody(403, "API key not valid."));
  const failure = fake.options.fail?.(url.pathname, body);
  if (failure !== undefined) return send(res, failure, errorBody(failure, `fake failure ${failure}`));
  const [, model = "", method] = route;
  switch (method) {
    case "generateContent":
      return send(res, 200, fullReply(body, model, fake.options));
    case "streamGenerateContent":
      return stream(res, fullReply(body, model, fake.options), fake.options);
    case "batchEmbedContents":
      return send(res, 200, {
        embeddings: (body.requests ?? []).map((r: Json) => ({
          values: vector(contentText(r.content), r.outputDimensionality ?? 8),
        })),
      });
    case "embedContent":
      return send(res, 200, { embedding: { values: vector(contentText(body.content)) } });
    default:
      return send(res, 404, errorBody(404, `no method ${method}`));
  }
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const server = createServer();
  const local = await listenLocal(server);
  const fake: FakeGoogle = { baseUrl: local.origin, requests: [], options, close: local.close };
  server.on("request", (req, res) => {
    handle(req, res, fake).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(500, String(err)));
      else res.end();
    });
  });
  return fake;
}
