/**
 * One OTLP/HTTP POST over node:http(s) with a keep-alive agent. Outcomes are
 * values (never a rejection). Sockets and timers are unref'd: an export in
 * progress does not keep the process alive by itself (an awaited flush does).
 */
import {
  type Agent,
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { type PartialSuccess, parseErrorMessage, parsePartialSuccess, parseRetryAfter } from "./response.js";

export type SendOutcome =
  | { kind: "ok"; partial: PartialSuccess | undefined }
  | { kind: "retry"; error: string; retryAfterMs: number | undefined }
  | { kind: "too_large"; error: string }
  | { kind: "fail"; status: number; error: string };

export interface TransportOptions {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  retryAfterMaxMs: number;
}

/** Statuses worth retrying; every other non-2xx status (except 413) drops the batch. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Enough for a partial success or an error message; the rest of a body is discarded. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

export class HttpTransport {
  private readonly agent: Agent;
  private readonly request: typeof httpRequest;
  private readonly active = new Set<ClientRequest>();
  private closed = false;

  constructor(private readonly options: TransportOptions) {
    const https = options.url.protocol === "https:";
    const agentOptions = { keepAlive: true, maxSockets: 4, maxFreeSockets: 4 };
    this.agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.request = https ? httpsRequest : httpRequest;
  }

  /** POSTs one protobuf body; resolves with the outcome, never rejects. */
  send(body: Uint8Array, contentEncoding: "gzip" | undefined): Promise<SendOutcome> {
    return new Promise<SendOutcome>((resolve) => {
      if (this.closed) {
        resolve({ kind: "retry", error: "the exporter is shut down", retryAfterMs: undefined });
        return;
      }
      let req: ClientRequest | undefined;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (outcome: SendOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (req) this.active.delete(req);
        resolve(outcome);
      };
      const retry = (err: unknown): void =>
        finish({ kind: "retry", error: describeError(err), retryAfterMs: undefined });
      try {
        req = this.start(body, contentEncoding, (res) => this.read(res, finish, retry));
      } catch (err) {
        // invalid request options: retrying cannot help
        finish({ kind: "fail", status: 0, error: describeError(err) });
        return;
      }
      const sent = req;
      this.active.add(sent);
      timer = setTimeout(() => {
        sent.destroy(new Error(`no response within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      timer.unref();
      sent.on("socket", (socket) => socket.unref());
      sent.on("error", retry);
      sent.end(body);
    });
  }

  private start(
    body: Uint8Array,
    contentEncoding: string | undefined,
    onResponse: (res: IncomingMessage) => void,
  ) {
    const { url, headers } = this.options;
    return this.request(
      url,
      {
        method: "POST",
        agent: this.agent,
        headers: {
          ...headers,
          "content-type": "application/x-protobuf",
          "content-length": String(body.length),
          ...(contentEncoding ? { "content-encoding": contentEncoding } : {}),
        },
      },
      onResponse,
    );
  }

  private read(res: IncomingMessage, finish: (o: SendOutcome) => void, retry: (err: unknown) => void): void {
    const chunks: Buffer[] = [];
    let length = 0;
    res.on("data", (chunk: Buffer) => {
      if (length >= MAX_RESPONSE_BYTES) return;
      chunks.push(chunk);
      length += chunk.length;
    });
    res.on("error", retry);
    res.on("aborted", () => retry(new Error("the response was cut short")));
    res.on("end", () => finish(this.classify(res, Buffer.concat(chunks))));
    res.on("close", () => retry(new Error("the connection closed before the response ended")));
  }

  private classify(res: IncomingMessage, body: Buffer): SendOutcome {
    const status = res.statusCode ?? 0;
    const contentType = res.headers["content-type"];
    if (status >= 200 && status < 300) return { kind: "ok", partial: parsePartialSuccess(body, contentType) };
    const message = parseErrorMessage(body, contentType);
    const error = `HTTP ${status}${message ? `: ${message}` : ""}`;
    if (status === 413) return { kind: "too_large", error };
    if (RETRYABLE_STATUSES.has(status)) {
      const retryAfter = res.headers["retry-after"];
      return {
        kind: "retry",
        error,
        retryAfterMs: parseRetryAfter(retryAfter, this.options.retryAfterMaxMs),
      };
    }
    return { kind: "fail", status, error };
  }

  /** Aborts requests in progress and closes idle connections. */
  close(): void {
    this.closed = true;
    for (const req of this.active) req.destroy();
    this.active.clear();
    this.agent.destroy();
  }
}
