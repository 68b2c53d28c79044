/**
 * The Anthropic client methods that are wrapped, where each lives on a client
 * instance and on the classes the module exports, and which provider a
 * client talks to. `create` becomes the model span; `stream()` only marks
 * the `create` it makes (see native-spans.ts). `countTokens` and the batches
 * API are not model calls: they are not traced.
 */
import { context } from "@opentelemetry/api";
import type { HoneyHiveTracer } from "../../tracer/honeyhive-tracer.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import { isTracedMethod, tracedMethod } from "../stainless.js";
import { messagesCreate } from "./messages.js";
import { IN_STREAM_HELPER, quietNativeSpans } from "./native-spans.js";

export const ANTHROPIC_INSTRUMENTATION = "anthropic";

type Method = (this: unknown, ...args: unknown[]) => unknown;

export interface WrapSettings {
  /** Name the provider instead of deriving it (`instrument(client, {providerName})`). */
  providerName?: string | undefined;
  tracer?: HoneyHiveTracer | undefined;
}

export interface AnthropicMethodSpec {
  /** Path from a client instance to the resource (`beta.messages`). */
  path: readonly string[];
  /** Path from the exported `Anthropic` class to the resource class (`Beta.Messages`). */
  classPath: readonly string[];
  method: "create" | "stream";
}

export const ANTHROPIC_METHODS: readonly AnthropicMethodSpec[] = [
  { path: ["messages"], classPath: ["Messages"], method: "create" },
  { path: ["messages"], classPath: ["Messages"], method: "stream" },
  { path: ["beta", "messages"], classPath: ["Beta", "Messages"], method: "create" },
  { path: ["beta", "messages"], classPath: ["Beta", "Messages"], method: "stream" },
];

const streamWrappers = new WeakSet<Method>();

/** True for a method that is already one of these wrappers (so nothing is wrapped twice). */
export function isWrapped(fn: unknown): boolean {
  return isTracedMethod(fn) || (typeof fn === "function" && streamWrappers.has(fn as Method));
}

/** `original` wrapped as `spec.method` says: same arguments, same return value. */
export function wrapMethod(spec: AnthropicMethodSpec, original: Method, settings: WrapSettings): Method {
  if (spec.method === "stream") {
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      quietNativeSpans(clientOf(this), ANTHROPIC_INSTRUMENTATION);
      const marked = context.active().setValue(IN_STREAM_HELPER, { tracer: settings.tracer });
      return context.with(marked, () => Reflect.apply(original, this, args));
    };
    streamWrappers.add(wrapped);
    return wrapped;
  }
  const create = function (this: unknown, ...args: unknown[]): unknown {
    quietNativeSpans(clientOf(this), ANTHROPIC_INSTRUMENTATION);
    return Reflect.apply(original, this, args);
  };
  return tracedMethod(create, messagesCreate, {
    instrumentation: ANTHROPIC_INSTRUMENTATION,
    provider: (resource) => anthropicProvider(resource, settings.providerName),
    tracer: settings.tracer,
  });
}

const clientOf = (resource: unknown): unknown => (resource as { _client?: unknown } | undefined)?._client;

interface ClientShape {
  baseURL?: string;
  /** The GenAI provider name the client package gives itself (Bedrock, Vertex and Foundry clients override it). */
  _genAIProviderName?: unknown;
}

/**
 * The provider behind a resource: `providerName` when given; the platform a
 * Bedrock / Vertex client names; a known host of the base URL (`api.anthropic.com`,
 * `api.deepseek.com`, ...); else `anthropic`, as a client of Anthropic's API
 * pointed at an unknown host (a gateway, a local proxy) is taken to reach
 * Anthropic's models. `server.address` / `server.port` keep the actual host.
 */
export function anthropicProvider(resource: unknown, override?: string): ProviderInfo {
  const client = clientOf(resource) as ClientShape | undefined;
  const info = providerFromBaseUrl(client?.baseURL, "anthropic");
  if (override !== undefined) return { ...info, name: override };
  const platform = client?._genAIProviderName;
  if (typeof platform === "string" && platform !== "" && platform !== "anthropic")
    return { ...info, name: platform };
  const host = info.serverAddress;
  const unknownHost = host !== undefined && (info.name === host || info.name.startsWith(`${host}:`));
  return unknownHost ? { ...info, name: "anthropic" } : info;
}
