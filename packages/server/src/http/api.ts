import type { TSchema } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthContext } from "../auth/context.js";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteSpec {
  method: Method;
  /** Fastify paths (`:param`); the first is the documented one, the others aliases. */
  paths: string[];
  summary: string;
  tag: string;
  body?: TSchema;
  querystring?: TSchema;
  params?: TSchema;
  /** Response schema for the documentation (responses are not validated). */
  response?: TSchema;
  /** Request body media types when not JSON (a streamed body: see ApiRegistry.addStreamedTypes). */
  consumes?: string[];
  /** Response media types when not JSON (e.g. an export streamed as JSONL or CSV). */
  produces?: string[];
  /** Default true: `Authorization: Bearer <key>` required. */
  auth?: boolean;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply, auth: AuthContext) => Promise<unknown>;

declare module "fastify" {
  interface FastifyRequest {
    auth?: AuthContext;
  }
  interface FastifyContextConfig {
    auth?: boolean;
  }
}

/**
 * Registers routes on Fastify with their schemas (used for validation) and
 * keeps the same specs for the OpenAPI document, so the two cannot drift.
 */
export class ApiRegistry {
  readonly routes: RouteSpec[] = [];

  constructor(private readonly app: FastifyInstance) {}

  private readonly streamed = new Set<string>();

  /**
   * Bodies of these media types reach handlers unread, as the request stream:
   * the JSON body limit does not apply and nothing buffers them (imports).
   */
  addStreamedTypes(types: readonly string[]): void {
    const fresh = types.filter((t) => !this.streamed.has(t));
    if (fresh.length === 0) return;
    for (const t of fresh) this.streamed.add(t);
    this.app.addContentTypeParser(fresh, (_req, payload, done) => done(null, payload));
  }

  add(spec: RouteSpec, handler: Handler): void {
    this.routes.push(spec);
    const schema: Record<string, TSchema> = {};
    if (spec.body) schema["body"] = spec.body;
    if (spec.querystring) schema["querystring"] = spec.querystring;
    if (spec.params) schema["params"] = spec.params;
    for (const url of spec.paths) {
      this.app.route({
        method: spec.method,
        url,
        schema,
        config: { auth: spec.auth !== false },
        handler: async (request, reply) => {
          const result = await handler(request, reply, request.auth as AuthContext);
          return reply.sent ? reply : result;
        },
      });
    }
  }
}
