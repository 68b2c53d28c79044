/**
 * The `@mistralai/mistralai` package (Speakeasy-generated, ES module only):
 * `chat.complete` / `stream` / `parse` / `parseStream`, `fim.complete` /
 * `stream` and `embeddings.create`. The module exports only the `Mistral`
 * client, whose `chat`, `fim` and `embeddings` accessors create the resource
 * objects; each accessor is read once on a bare receiver (creating a
 * resource does no I/O) to reach the resource classes, whose prototypes the
 * hook patches. The provider is `mistral_ai`, its address from the client's
 * server URL. The client's standalone functions (`funcs/chatComplete.js`)
 * bypass the classes and are not traced.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import type { ErrorDetails } from "../model-span.js";
import type { Operation, Params } from "../operation.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import {
  instrumentResources,
  ownerOf,
  type ResourceClient,
  ResourceInstrumentation,
  type ResourceMethod,
  type Target,
} from "../traced-resources.js";
import type { InstrumentOptions } from "../types.js";
import { mistralChat, mistralFim } from "./chat.js";
import { mistralEmbeddings } from "./embeddings.js";

export const MISTRAL_INSTRUMENTATION = "mistral";
/** Tested with 2.5; 1.x has the same resource classes and methods. */
const SUPPORTED = [">=1.0.0 <3"];

const withErrors = (op: Operation): Operation => ({ ...op, errorDetails: mistralErrorDetails });

const METHODS: readonly ResourceMethod[] = [
  { path: ["chat"], method: "complete", operation: withErrors(mistralChat) },
  { path: ["chat"], method: "stream", operation: withErrors(mistralChat) },
  { path: ["chat"], method: "parse", operation: withErrors(mistralChat) },
  { path: ["chat"], method: "parseStream", operation: withErrors(mistralChat) },
  { path: ["fim"], method: "complete", operation: withErrors(mistralFim) },
  { path: ["fim"], method: "stream", operation: withErrors(mistralFim) },
  { path: ["embeddings"], method: "create", operation: withErrors(mistralEmbeddings) },
];

/** Always `mistral_ai` (unless overridden), at the resource's server URL. */
function mistralProvider(resource: unknown, override?: string): ProviderInfo {
  const base = (resource as { _baseURL?: unknown } | undefined)?._baseURL;
  return {
    ...providerFromBaseUrl(base ? String(base) : "https://api.mistral.ai"),
    name: override ?? "mistral_ai",
    streamUsageOnRequest: false,
  };
}

/** `SDKError` / `HTTPValidationError`: the status, and the error body's `type` (`rate_limited`) or the class name. */
export function mistralErrorDetails(error: unknown): ErrorDetails | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as { statusCode?: unknown; body?: unknown; name?: unknown };
  if (typeof e.statusCode !== "number") return undefined;
  let type: unknown;
  try {
    type = typeof e.body === "string" ? (JSON.parse(e.body) as Params)?.type : undefined;
  } catch {
    type = undefined; // not JSON: the class name says it
  }
  return {
    type: typeof type === "string" && type !== "" ? type : typeof e.name === "string" ? e.name : undefined,
    status: e.statusCode,
  };
}

function* prototypes(exports: unknown): Generator<readonly [Target, string, Operation]> {
  const Mistral = (exports as { Mistral?: { prototype?: object } } | undefined)?.Mistral;
  const seen = new Map<string, Target | undefined>();
  for (const { path, method, operation } of METHODS) {
    const accessor = path[0] as string;
    if (!seen.has(accessor)) seen.set(accessor, resourcePrototype(Mistral?.prototype, accessor));
    const owner = ownerOf(seen.get(accessor), method);
    if (owner) yield [owner, method, operation];
  }
}

/** The prototype of the resource an accessor of the client class creates. */
function resourcePrototype(clientProto: unknown, accessor: string): Target | undefined {
  const get = Object.getOwnPropertyDescriptor(ownerOf(clientProto, accessor) ?? {}, accessor)?.get;
  if (typeof get !== "function") return undefined;
  const resource: unknown = get.call({});
  return resource && typeof resource === "object" ? (Object.getPrototypeOf(resource) as Target) : undefined;
}

export const MISTRAL_CLIENT: ResourceClient = {
  name: MISTRAL_INSTRUMENTATION,
  module: "@mistralai/mistralai",
  supported: SUPPORTED,
  methods: METHODS,
  prototypes,
  provider: mistralProvider,
};

export class MistralInstrumentation extends ResourceInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super(MISTRAL_INSTRUMENTATION, config);
  }

  protected get client(): ResourceClient {
    return MISTRAL_CLIENT;
  }
}

/** A `Mistral` client: `chat.complete`, `fim.complete` and a server URL. */
export function isMistralClient(client: unknown): boolean {
  const c = client as { chat?: Target; fim?: Target; _baseURL?: unknown } | null;
  return (
    typeof c?.chat?.["complete"] === "function" &&
    typeof c.fim?.["complete"] === "function" &&
    "_baseURL" in c
  );
}

/** Traces one client with no module hooks (see {@link instrumentResources}). */
export function instrumentMistralClient(client: object, options: InstrumentOptions): void {
  instrumentResources(MISTRAL_CLIENT, client, options);
}
