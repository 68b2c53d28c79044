/**
 * The OpenAI client methods that become model spans: where each lives on a
 * client instance and on the classes the `openai` module exports.
 */
import type { Operation } from "../operation.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import { chatCompletions } from "./chat.js";
import { textCompletions } from "./completions.js";
import { embeddings } from "./embeddings.js";
import { imagesGenerate } from "./images.js";
import { responses } from "./responses.js";

export interface TracedMethodSpec {
  /** Path from a client instance to the resource (`chat.completions`). */
  path: readonly string[];
  /** Path from the exported `OpenAI` class to the resource class (`Chat.Completions`). */
  classPath: readonly string[];
  method: string;
  operation: Operation;
}

/** The `openai` package's traced methods. */
export const OPENAI_METHODS: readonly TracedMethodSpec[] = [
  {
    path: ["chat", "completions"],
    classPath: ["Chat", "Completions"],
    method: "create",
    operation: chatCompletions,
  },
  { path: ["responses"], classPath: ["Responses"], method: "create", operation: responses },
  { path: ["completions"], classPath: ["Completions"], method: "create", operation: textCompletions },
  { path: ["embeddings"], classPath: ["Embeddings"], method: "create", operation: embeddings },
  { path: ["images"], classPath: ["Images"], method: "generate", operation: imagesGenerate },
];

/**
 * The `openai` methods another Stainless package has too, at the same paths
 * and class paths (groq-sdk, together-ai): the entries for `operations`.
 */
export function openAIMethodsFor(...operations: readonly Operation[]): readonly TracedMethodSpec[] {
  return OPENAI_METHODS.filter((m) => operations.includes(m.operation));
}

/** The provider behind a resource, from its client's base URL (Azure clients are always Azure OpenAI). */
export function openAIProvider(resource: unknown, override?: string): ProviderInfo {
  const client = (resource as { _client?: { baseURL?: string; constructor?: { name?: string } } })?._client;
  const info = providerFromBaseUrl(client?.baseURL);
  if (override !== undefined) return { ...info, name: override };
  if (client?.constructor?.name === "AzureOpenAI" && info.name !== "azure.ai.openai")
    return { ...info, name: "azure.ai.openai", streamUsageOnRequest: true };
  return info;
}

export function resolvePath(root: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let node = root;
  for (const key of path) {
    if (node === null || (typeof node !== "object" && typeof node !== "function")) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== null && (typeof node === "object" || typeof node === "function")
    ? (node as Record<string, unknown>)
    : undefined;
}
