/**
 * The `@google/genai` package. Its public `models.generateContent`,
 * `generateContentStream` and `embedContent` are per-instance arrow
 * functions that call one request method per model call on the `Models`
 * prototype (`generateContentInternal`, ...): those are traced. So a call
 * is one span however it is made (directly, through a chat, which calls
 * `models.*`, or with automatic function calling, where each model call is
 * its own span with its own usage), and the span records what was actually
 * sent (callable tools already turned into declarations).
 *
 * The module hook patches the prototype (every client, created before or
 * after); `instrument(client)` gives one client's `models` own traced
 * methods, and its chats share that `models`.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { type HookedModule, ModuleInstrumentation } from "../module-instrumentation.js";
import type { Operation } from "../operation.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import { isTracedMethod, tracedMethod } from "../stainless.js";
import type { InstrumentOptions } from "../types.js";
import { embedContent } from "./embed.js";
import { generateContent } from "./generate.js";

export const GOOGLE_GENAI_INSTRUMENTATION = "google-genai";
/** 1.x has the same request methods as the 2.x line tested. */
const SUPPORTED = [">=1.0.0 <3"];

const METHODS: readonly (readonly [string, Operation])[] = [
  ["generateContentInternal", generateContent],
  ["generateContentStreamInternal", generateContent],
  ["embedContentInternal", embedContent],
];

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Target = Record<string, unknown>;

interface ApiClientShape {
  isVertexAI?(): boolean;
  getBaseUrl?(): string;
}

/** `gcp.vertex_ai` for a Vertex AI client, else `gcp.gemini`; the address from the client's base URL. */
export function googleProvider(models: unknown, override?: string): ProviderInfo {
  const api = (models as { apiClient?: ApiClientShape } | undefined)?.apiClient;
  let baseUrl: string | undefined;
  try {
    baseUrl = api?.getBaseUrl?.();
  } catch {
    baseUrl = undefined; // no base URL configured: no address
  }
  const name = override ?? (api?.isVertexAI?.() === true ? "gcp.vertex_ai" : "gcp.gemini");
  return { ...providerFromBaseUrl(baseUrl), name, streamUsageOnRequest: false };
}

/** The module hook: patches `Models.prototype` of each loaded `@google/genai` (CommonJS and ES module builds alike). */
export class GoogleGenAIInstrumentation extends ModuleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super("google-genai", config);
  }

  protected get hooked(): HookedModule {
    return { module: "@google/genai", supported: SUPPORTED };
  }

  /** Patches the request methods of the exported `Models` class. */
  patchModule(exports: unknown): void {
    const proto = modelsPrototype(exports);
    if (!proto) return;
    for (const [name, operation] of METHODS) {
      if (typeof proto[name] !== "function" || isTracedMethod(proto[name])) continue;
      this._wrap(proto, name, (original: unknown) =>
        tracedMethod(original as Method, operation, {
          instrumentation: GOOGLE_GENAI_INSTRUMENTATION,
          provider: (models) => googleProvider(models),
        }),
      );
    }
  }

  unpatchModule(exports: unknown): void {
    const proto = modelsPrototype(exports);
    if (!proto) return;
    for (const [name] of METHODS) if (isTracedMethod(proto[name])) this._unwrap(proto, name);
  }
}

function modelsPrototype(exports: unknown): Target | undefined {
  const Models = (exports as { Models?: { prototype?: Target } } | undefined)?.Models;
  return Models?.prototype;
}

/** A `GoogleGenAI` client: its `models` has the request methods, and it has an API client. */
export function isGoogleGenAIClient(client: unknown): boolean {
  const c = client as { models?: Target; apiClient?: ApiClientShape };
  return (
    typeof c?.models?.["generateContentInternal"] === "function" &&
    typeof c.apiClient?.isVertexAI === "function"
  );
}

/** Traces one client with no module hooks: own traced methods on its `models` (none when already hooked). */
export function instrumentGoogleGenAIClient(client: object, options: InstrumentOptions): void {
  const models = (client as { models?: Target }).models;
  if (!models) return;
  for (const [name, operation] of METHODS) {
    const current = models[name];
    if (typeof current !== "function" || isTracedMethod(current)) continue;
    Object.defineProperty(models, name, {
      value: tracedMethod(current as Method, operation, {
        instrumentation: GOOGLE_GENAI_INSTRUMENTATION,
        provider: (m) => googleProvider(m, options.providerName),
        tracer: options.tracer,
      }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
