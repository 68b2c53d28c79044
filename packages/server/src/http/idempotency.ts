/**
 * Idempotency keys: a POST that carries `Idempotency-Key` runs once per
 * (project, key). The first request claims the key (a row in state
 * 'running'); its response is stored when it is sent; a repeat within 24 h
 * gets the stored status and body back with `Idempotent-Replayed: true`, a
 * repeat while the first still runs gets 409 HH_E_IDEMPOTENCY_IN_PROGRESS
 * with Retry-After, and the same key with another request gets 422
 * HH_E_IDEMPOTENCY_MISMATCH. Rows live in SQL (storage.sql), so replicas
 * sharing a PostgreSQL database share the keys.
 *
 * Responses worth replaying are stored: 2xx and 4xx except 409 and 429
 * (those say "try again"). On 5xx, a streamed response or a request that
 * died, the claim is dropped so a retry runs the request again.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HoneyHiveError } from "../errors.js";
import type { SqlDriver } from "../storage/sql/driver.js";
import { numberColumn } from "../storage/sql/rows.js";
import type { Storage } from "../storage/types.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** How long a completed response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A 'running' claim older than this belongs to a request that died; a repeat takes it over. */
const ABANDONED_MS = 5 * 60 * 1000;
/** Expired rows are swept at most this often per replica. */
const SWEEP_EVERY_MS = 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Claim {
  projectId: string;
  key: string;
}

type Row = {
  fingerprint: string;
  state: string;
  status: unknown;
  content_type: string | null;
  body: string | null;
  created_at: unknown;
};

function invalidKey(): HoneyHiveError {
  return new HoneyHiveError(
    "HH_E_VALIDATION",
    400,
    "Idempotency-Key must be 1 to 255 visible ASCII characters",
    "Send a UUID as the Idempotency-Key header.",
    { field: "Idempotency-Key" },
  );
}

/** What makes two requests "the same": method, path and query, and the parsed body. */
export function fingerprintOf(method: string, url: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${url}\n`)
    .update(JSON.stringify(body ?? null))
    .digest("hex");
}

function isJsonBody(body: unknown): boolean {
  if (body === undefined || Array.isArray(body)) return true;
  if (body === null || typeof body !== "object") return false;
  const proto = Object.getPrototypeOf(body);
  return proto === Object.prototype || proto === null;
}

function replayable(status: number): boolean {
  return status < 500 && status !== 409 && status !== 429;
}

export class IdempotencyStore {
  private lastSweep = 0;

  constructor(
    private readonly sql: SqlDriver,
    private readonly now: () => number = Date.now,
  ) {}

  private get table(): string {
    return this.sql.table("idempotency_keys");
  }

  /** Claims the key; or returns the row that already holds it (live, not expired nor abandoned). */
  async claim(claim: Claim, print: string): Promise<Row | undefined> {
    await this.sweep();
    const now = this.now();
    const inserted = await this.sql.run(
      `INSERT INTO ${this.table} (project_id, idem_key, fingerprint, state, created_at)
       VALUES (?, ?, ?, 'running', ?) ON CONFLICT (project_id, idem_key) DO NOTHING`,
      [claim.projectId, claim.key, print, now],
    );
    if (inserted === 1) return undefined;
    const row = await this.sql.get<Row>(
      `SELECT fingerprint, state, status, content_type, body, created_at FROM ${this.table}
       WHERE project_id = ? AND idem_key = ?`,
      [claim.projectId, claim.key],
    );
    if (!row) return this.claim(claim, print); // deleted in between: try again
    const created = numberColumn(row.created_at) ?? 0;
    const stale = row.state === "running" ? now - created > ABANDONED_MS : now - created > IDEMPOTENCY_TTL_MS;
    if (!stale) return row;
    // Take the dead row over, unless another request did first (compare-and-set on created_at).
    const taken = await this.sql.run(
      `UPDATE ${this.table} SET fingerprint = ?, state = 'running', status = NULL, content_type = NULL,
       body = NULL, created_at = ? WHERE project_id = ? AND idem_key = ? AND created_at = ?`,
      [print, now, claim.projectId, claim.key, created],
    );
    return taken === 1 ? undefined : this.claim(claim, print);
  }

  async complete(claim: Claim, status: number, contentType: string | null, body: string): Promise<void> {
    await this.sql.run(
      `UPDATE ${this.table} SET state = 'done', status = ?, content_type = ?, body = ?
       WHERE project_id = ? AND idem_key = ? AND state = 'running'`,
      [status, contentType, body, claim.projectId, claim.key],
    );
  }

  async release(claim: Claim): Promise<void> {
    await this.sql.run(
      `DELETE FROM ${this.table} WHERE project_id = ? AND idem_key = ? AND state = 'running'`,
      [claim.projectId, claim.key],
    );
  }

  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    await this.sql.run(`DELETE FROM ${this.table} WHERE created_at < ?`, [now - IDEMPOTENCY_TTL_MS]);
  }
}

function answer(req: FastifyRequest, row: Row, print: string): HoneyHiveError | undefined {
  const key = String(req.headers[IDEMPOTENCY_HEADER]);
  if (row.fingerprint !== print) {
    return new HoneyHiveError(
      "HH_E_IDEMPOTENCY_MISMATCH",
      422,
      `Idempotency-Key '${key}' was already used for a different request`,
      "Use a new Idempotency-Key for each distinct request; repeat a key only to retry the same request.",
      { field: "Idempotency-Key" },
    );
  }
  if (row.state === "running") {
    return new HoneyHiveError(
      "HH_E_IDEMPOTENCY_IN_PROGRESS",
      409,
      `A request with Idempotency-Key '${key}' is still running`,
      "Retry after the Retry-After delay to get its response.",
    );
  }
  return undefined;
}

/** Registers the hooks on the app: claim before the handler, store (or release) when the response is sent. */
export function registerIdempotency(fastify: FastifyInstance, storage: Storage): void {
  const store = new IdempotencyStore(storage.sql);
  const claims = new WeakMap<FastifyRequest, Claim>();

  fastify.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== "POST" || raw === undefined || !req.auth) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !KEY.test(key)) throw invalidKey();
    // Only JSON bodies are fingerprinted; a streamed one (a dataset import) cannot be, nor replayed.
    if (!isJsonBody(req.body)) return;
    const claim = { projectId: req.auth.projectId, key };
    const print = fingerprintOf(req.method, req.url, req.body);
    const row = await store.claim(claim, print);
    if (!row) {
      claims.set(req, claim);
      return;
    }
    const refusal = answer(req, row, print);
    if (refusal) {
      if (refusal.status === 409) reply.header("retry-after", "1");
      throw refusal;
    }
    reply.code(numberColumn(row.status) ?? 200).header(REPLAYED_HEADER, "true");
    if (row.content_type) reply.header("content-type", row.content_type);
    return reply.send(row.body ?? "");
  });

  fastify.addHook("onSend", async (req, reply, payload) => {
    const claim = claims.get(req);
    if (!claim) return payload;
    claims.delete(req);
    const body =
      typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : null;
    if (body === null || !replayable(reply.statusCode)) await store.release(claim);
    else await store.complete(claim, reply.statusCode, String(reply.getHeader("content-type") ?? ""), body);
    return payload;
  });

  // A request that never got to send (the client went away first) frees its key.
  const drop = async (req: FastifyRequest) => {
    const claim = claims.get(req);
    if (!claim) return;
    claims.delete(req);
    await store.release(claim);
  };
  fastify.addHook("onResponse", drop);
  fastify.addHook("onRequestAbort", drop);
}
