/**
 * The `cohere-ai` package (Fern-generated, CommonJS): `chat`, `chatStream`,
 * `embed` and `rerank` of the v2 client (`CohereClientV2`, and `client.v2`
 * of the v1 client) and of the v1 `CohereClient`. The module exports
 * neither the v2 resource class nor where it lives; the v1 class's `v2`
 * accessor creates one, so it is read once on a bare receiver (creating a
 * client does no I/O) to reach the class, whose prototype the hook patches
 * (`CohereClientV2` binds those methods when constructed: clients created
 * after the hook are traced). The provider is `cohere`.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import type { Operation } from "../operation.js";
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
import { cohereChat } from "./chat.js";
import { cohereChatV1 } from "./chat-v1.js";
import { cohereEmbed, cohereRerank } from "./embed-rerank.js";

export const COHERE_INSTRUMENTATION = "cohere";
/** Tested with 8.1; 7.x has the same clients and methods. */
const SUPPORTED = [">=7.0.0 <9"];
const DEFAULT_BASE_URL = "https://api.cohere.com";

const V2_OPERATIONS: readonly (readonly [string, Operation])[] = [
  ["chat", cohereChat],
  ["chatStream", cohereChat],
  ["embed", cohereEmbed],
  ["rerank", cohereRerank],
];
const V1_OPERATIONS: readonly (readonly [string, Operation])[] = [
  ["chat", cohereChatV1],
  ["chatStream", cohereChatV1],
  ["embed", cohereEmbed],
  ["rerank", cohereRerank],
];

const on = (path: readonly string[], ops: typeof V2_OPERATIONS): ResourceMethod[] =>
  ops.map(([method, operation]) => ({ path, method, operation }));

/** Always `cohere` (unless overridden), at the client's `baseUrl` or `environment` when given as a string. */
function cohereProvider(resource: unknown, override?: string): ProviderInfo {
  const options = (resource as { _options?: { baseUrl?: unknown; environment?: unknown } } | undefined)
    ?._options;
  const base = [options?.baseUrl, options?.environment].find((u): u is string => typeof u === "string");
  return {
    ...providerFromBaseUrl(base ?? DEFAULT_BASE_URL),
    name: override ?? "cohere",
    streamUsageOnRequest: false,
  };
}

function* prototypes(exports: unknown): Generator<readonly [Target, string, Operation]> {
  const v1 = (exports as { CohereClient?: { prototype?: object } } | undefined)?.CohereClient?.prototype;
  const v2 = v2Prototype(v1);
  for (const [proto, ops] of [
    [v1, V1_OPERATIONS],
    [v2, V2_OPERATIONS],
  ] as const)
    for (const [name, operation] of ops) {
      const owner = ownerOf(proto, name);
      if (owner) yield [owner, name, operation];
    }
}

/** The prototype of the v2 client, through the v1 class's `v2` accessor. */
function v2Prototype(v1: object | undefined): Target | undefined {
  const get = Object.getOwnPropertyDescriptor(ownerOf(v1, "v2") ?? {}, "v2")?.get;
  if (typeof get !== "function") return undefined;
  const client: unknown = get.call({});
  return client && typeof client === "object" ? (Object.getPrototypeOf(client) as Target) : undefined;
}

const base = {
  name: COHERE_INSTRUMENTATION,
  module: "cohere-ai",
  supported: SUPPORTED,
  prototypes,
  provider: cohereProvider,
};

/** The hook's view, and `instrument()` of a `CohereClientV2` (its methods are its own). */
export const COHERE_V2_CLIENT: ResourceClient = { ...base, methods: on([], V2_OPERATIONS) };
/** `instrument()` of a v1 `CohereClient`: its own methods and those of its `v2`. */
const COHERE_V1_CLIENT: ResourceClient = {
  ...base,
  methods: [...on([], V1_OPERATIONS), ...on(["v2"], V2_OPERATIONS)],
};

export class CohereInstrumentation extends ResourceInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super(COHERE_INSTRUMENTATION, config);
  }

  protected get client(): ResourceClient {
    return COHERE_V2_CLIENT;
  }
}

/** A `CohereClientV2` or `CohereClient`: chat, chatStream and rerank methods, and Fern's options. */
export function isCohereClient(client: unknown): boolean {
  const c = client as Target;
  return (
    ["chat", "chatStream", "rerank"].every((name) => typeof c[name] === "function") &&
    typeof c["_options"] === "object"
  );
}

/** Traces one client with no module hooks (see {@link instrumentResources}). */
export function instrumentCohereClient(client: object, options: InstrumentOptions): void {
  const v2 = "clientV2" in client;
  instrumentResources(v2 ? COHERE_V2_CLIENT : COHERE_V1_CLIENT, client, options);
}
