/**
 * The API client's HTTP layer on node:http(s): one keep-alive agent per
 * client, a timeout per request, retries with exponential backoff and full
 * jitter (or the server's Retry-After) for calls that are safe to repeat,
 * and the circuit breaker shared with the exporter. The API key lives in a
 * private field and only ever goes into the Authorization header.
 */
import { randomUUID } from "node:crypto";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { backoffDelay, CircuitBreaker } from "../export/circuit-breaker.js";
import { parseRetryAfter } from "../export/response.js";
import { describeError, RETRYABLE_STATUSES } from "../export/transport.js";
import { createLogger, type Logger } from "../internal/logger.js";
import { SDK_NAME, SDK_VERSION } from "../version.js";
import { type ApiErrorKind, apiError, type HoneyHiveApiError, keyPrefix, kindOfStatus } from "./errors.js";
import { API_KEY_ENV, type ResolvedClientOptions } from "./options.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
export type QueryValue = string | number | boolean | undefined;
export type StreamBody = Readable | AsyncIterable<Uint8Array | string>;

export interface RequestSpec {
  method: HttpMethod;
  /** Path with its parameters already encoded, e.g. `/v1/runs/abc`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** A JSON body. */
  body?: unknown;
  /** A streamed body (never buffered, so never retried). */
  stream?: { body: StreamBody; contentType: string } | undefined;
  /**
   * How a POST may be retried: "safe" for reads sent as POST (e.g. event
   * export), "idempotency-key" for creates (a key is generated once per call
   * and sent with every attempt). PUT, GET and DELETE are always retried.
   */
  retry?: "safe" | "idempotency-key" | undefined;
  /** Use this Idempotency-Key instead of a generated one. */
  idempotencyKey?: string | undefined;
  timeoutMs?: number | undefined;
  /** False for /healthz and /readyz. */
  auth?: boolean | undefined;
}

export interface CallOptions {
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number;
  /** Sends this Idempotency-Key (creates send a generated one by default). */
  idempotencyKey?: string;
}

export interface JsonResponse<T> {
  status: number;
  requestId: string | undefined;
  headers: IncomingMessage["headers"];
  body: T;
}

/** Enough for any JSON error; a longer error body is cut. */
const MAX_ERROR_BYTES = 64 * 1024;

type Attempt =
  /** `body` is the whole body when the timeout covered it, else undefined (the response streams). */
  | { kind: "response"; res: IncomingMessage; body: Buffer | undefined }
  | { kind: "failed"; error: HoneyHiveApiError; retryAfterMs?: number | undefined };

export class ApiTransport {
  readonly #apiKey: string | undefined;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;
  private readonly breaker: CircuitBreaker;
  private readonly log: Logger;
  private readonly base: URL;

  constructor(
    apiKey: string | undefined,
    private readonly options: ResolvedClientOptions,
  ) {
    this.#apiKey = apiKey;
    this.base = new URL(options.serverUrl);
    const https = this.base.protocol === "https:";
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
    this.agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.send = https ? httpsRequest : httpRequest;
    this.breaker = new CircuitBreaker(
      options.breakerThreshold,
      options.breakerCooldownMs,
      options.breakerMaxCooldownMs,
    );
    this.log = createLogger(options.verbose);
  }

  get breakerState(): "closed" | "open" | "half-open" {
    return this.breaker.state();
  }

  /** A JSON call: resolves with the parsed body of a 2xx response, or throws a typed error. */
  async json<T>(spec: RequestSpec): Promise<JsonResponse<T>> {
    const { res, body } = await this.execute(spec, true);
    const text = body?.toString("utf8") ?? "";
    return {
      status: res.statusCode ?? 0,
      requestId: header(res, "x-request-id"),
      headers: res.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }

  /**
   * One attempt, outside retries and the breaker, resolving for any status
   * (health checks want the 503 body of /readyz); rejects only when there is
   * no response.
   */
  async once<T>(spec: RequestSpec): Promise<JsonResponse<T | undefined>> {
    const outcome = await this.attempt(spec, this.headers(spec), 1, true);
    if (outcome.kind === "failed") throw outcome.error;
    const text = outcome.body?.toString("utf8") ?? "";
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    return {
      status: outcome.res.statusCode ?? 0,
      requestId: header(outcome.res, "x-request-id"),
      headers: outcome.res.headers,
      body,
    };
  }

  /** A call whose 2xx response body is handed over as a stream (the timeout stops at the headers). */
  async stream(spec: RequestSpec): Promise<IncomingMessage> {
    return (await this.execute(spec, false)).res;
  }

  /** Closes idle keep-alive connections; calls in progress finish. */
  close(): void {
    this.agent.destroy();
  }

  private async execute(
    spec: RequestSpec,
    timeBody: boolean,
  ): Promise<{ res: IncomingMessage; body: Buffer | undefined }> {
    const retryable =
      !spec.stream &&
      (spec.method !== "POST" || spec.retry !== undefined || spec.idempotencyKey !== undefined);
    const headers = this.headers(spec);
    const attempts = retryable ? this.options.maxRetries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      await this.admit(spec);
      const started = Date.now();
      const outcome = await this.attempt(spec, headers, attempt, timeBody);
      if (outcome.kind === "response") {
        const res = outcome.res;
        const status = res.statusCode ?? 0;
        this.log.debug(
          `${spec.method} ${spec.path} -> ${status} in ${Date.now() - started} ms (attempt ${attempt})`,
        );
        if (status >= 200 && status < 300) {
          this.breaker.onSuccess(false);
          return { res, body: outcome.body };
        }
        if (status >= 500) this.breaker.onFailure(false);
        else this.breaker.onSuccess(false);
        const error = await this.errorOf(spec, res, outcome.body, attempt);
        const again = RETRYABLE_STATUSES.has(status) || error.code === "HH_E_IDEMPOTENCY_IN_PROGRESS";
        if (!again || attempt >= attempts) throw error;
        await this.pause(spec, attempt, parseRetryAfter(header(res, "retry-after"), this.options.retryMaxMs));
        continue;
      }
      this.breaker.onFailure(false);
      this.log.debug(`${spec.method} ${spec.path} failed (attempt ${attempt}): ${outcome.error.message}`);
      if (attempt >= attempts) throw outcome.error;
      await this.pause(spec, attempt, undefined);
    }
  }

  private async pause(spec: RequestSpec, attempt: number, retryAfterMs: number | undefined): Promise<void> {
    const delay = retryAfterMs ?? backoffDelay(attempt, this.options.retryBaseMs, this.options.retryMaxMs);
    this.log.debug(`${spec.method} ${spec.path}: retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /**
   * The breaker's say: closed lets the call through; open fails fast; after
   * the cooldown one caller probes GET /healthz, and its answer decides.
   */
  private async admit(spec: RequestSpec): Promise<void> {
    const turn = this.breaker.acquire();
    if (turn === "request") return;
    if (turn === "probe") {
      const probe = await this.once({ method: "GET", path: "/healthz", auth: false }).catch(() => undefined);
      if (probe?.status === 200) {
        this.breaker.onSuccess(true);
        this.log.debug("circuit breaker closed: the server answered the health probe");
        return;
      }
      this.breaker.onFailure(true);
    }
    const waitMs = this.breaker.msUntilHalfOpen();
    throw apiError({
      kind: "circuit_open",
      code: "HH_E_CIRCUIT_OPEN",
      status: 0,
      method: spec.method,
      url: this.url(spec).origin + spec.path,
      message: `${spec.method} ${spec.path} was not sent: the circuit breaker is open after ${this.options.breakerThreshold} consecutive failures reaching ${this.options.serverUrl}`,
      hint: `Check that the server is up (GET ${this.options.serverUrl}/healthz). Calls resume after a successful health probe in about ${Math.ceil(waitMs / 1000)} s (option breakerCooldownMs).`,
    });
  }

  private headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = {
      ...this.options.headers,
      accept: "application/json",
      "user-agent": `${SDK_NAME}/${SDK_VERSION} node/${process.versions.node}`,
      "hh-sdk-version": SDK_VERSION,
      "hh-sdk-language": "typescript",
      "hh-sdk-package": SDK_NAME,
    };
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    if (spec.stream) headers["content-type"] = spec.stream.contentType;
    const key = spec.idempotencyKey ?? (spec.retry === "idempotency-key" ? randomUUID() : undefined);
    if (key) headers["idempotency-key"] = key;
    return headers;
  }

  private url(spec: RequestSpec): URL {
    const url = new URL(this.base.pathname.replace(/\/$/, "") + spec.path, this.base);
    for (const [k, v] of Object.entries(spec.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** One request; resolves with the response (any status) or a typed failure, never rejects. */
  private attempt(
    spec: RequestSpec,
    headers: Record<string, string>,
    attempt: number,
    timeBody: boolean,
  ): Promise<Attempt> {
    const url = this.url(spec);
    const where = url.origin + url.pathname;
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    const failure = (kind: ApiErrorKind, code: string, message: string, hint: string, cause?: unknown) =>
      apiError({
        kind,
        code,
        status: 0,
        message,
        hint,
        method: spec.method,
        url: where,
        attempts: attempt,
        cause,
      });
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const finish = (outcome: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const allHeaders = { ...headers };
      if (spec.auth !== false && this.#apiKey) allHeaders["authorization"] = `Bearer ${this.#apiKey}`;
      const payload = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
      if (payload) allHeaders["content-length"] = String(payload.length);
      const req = this.send(url, { method: spec.method, agent: this.agent, headers: allHeaders });
      const timer = setTimeout(() => {
        const error = failure(
          "timeout",
          "HH_E_TIMEOUT",
          `${spec.method} ${where} got no ${timeBody ? "complete response" : "response headers"} within timeoutMs=${timeoutMs} ms`,
          "Raise timeoutMs (client option or per call), or narrow the request (smaller pages, fewer rows).",
        );
        finish({ kind: "failed", error });
        req.destroy(error);
      }, timeoutMs);
      req.on("response", (res) => {
        if (!timeBody) {
          finish({ kind: "response", res, body: undefined });
          return;
        }
        // Read here, under the timer, so a body that stalls counts as a timeout.
        readBody(res, Number.POSITIVE_INFINITY).then(
          (body) => finish({ kind: "response", res, body }),
          (err) => finish({ kind: "failed", error: this.networkError(spec, where, attempt, err) }),
        );
      });
      req.on("error", (err) =>
        finish({ kind: "failed", error: this.networkError(spec, where, attempt, err) }),
      );
      if (spec.stream) {
        pipeline(toReadable(spec.stream.body), req).catch((err) => {
          finish({ kind: "failed", error: this.networkError(spec, where, attempt, err) });
          req.destroy();
        });
      } else req.end(payload);
    });
  }

  private networkError(spec: RequestSpec, where: string, attempt: number, err: unknown): HoneyHiveApiError {
    return apiError({
      kind: "network",
      code: "HH_E_NETWORK",
      status: 0,
      method: spec.method,
      url: where,
      attempts: attempt,
      cause: err,
      message: `${spec.method} ${where} failed: ${describeError(err)}`,
      hint: `Check that the server is running at ${this.options.serverUrl} (option serverUrl or HH_API_URL) and reachable from here.`,
    });
  }

  private async errorOf(
    spec: RequestSpec,
    res: IncomingMessage,
    read: Buffer | undefined,
    attempt: number,
  ): Promise<HoneyHiveApiError> {
    const status = res.statusCode ?? 0;
    const url = this.url(spec);
    const raw = read ?? (await readBody(res, MAX_ERROR_BYTES).catch(() => Buffer.alloc(0)));
    const text = raw.subarray(0, MAX_ERROR_BYTES).toString("utf8");
    let body: { code?: string; message?: string; hint?: string; field?: string } = {};
    try {
      const parsed = JSON.parse(text) as { error?: typeof body };
      if (parsed?.error && typeof parsed.error === "object") body = parsed.error;
    } catch {
      // not JSON (a proxy's page): the status says it
    }
    const kind = kindOfStatus(status);
    const message = `${spec.method} ${url.pathname} -> ${status}: ${body.message ?? (text.slice(0, 200) || "no details")}`;
    let hint = body.hint ?? "See the server's log for this request id.";
    if (kind === "auth") {
      const given = this.#apiKey
        ? `The key ${keyPrefix(this.#apiKey)} was refused.`
        : "No API key was given.";
      hint = `${given} Pass apiKey to new HoneyHive({ apiKey }) or set ${API_KEY_ENV.join(" or ")}. ${hint}`;
    }
    return apiError({
      kind,
      code: body.code ?? `HH_E_HTTP_${status}`,
      status,
      message,
      hint,
      requestId: header(res, "x-request-id"),
      field: body.field,
      method: spec.method,
      url: url.origin + url.pathname,
      attempts: attempt,
    });
  }
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function toReadable(body: StreamBody): Readable {
  return body instanceof Readable ? body : Readable.from(body);
}

/** The response's body, up to `max` bytes (the rest is discarded). */
function readBody(res: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    res.on("data", (chunk: Buffer) => {
      if (length >= max) return;
      chunks.push(chunk);
      length += chunk.length;
    });
    res.on("end", () => resolve(Buffer.concat(chunks)));
    res.on("error", reject);
    res.on("aborted", () => reject(new Error("the response was cut short")));
  });
}
