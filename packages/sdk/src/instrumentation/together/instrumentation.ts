/**
 * The `together-ai` package: a Stainless client speaking OpenAI's chat,
 * completions, embeddings and image formats, so OpenAI's operations
 * describe its calls. Its streams carry usage in the last chunk unasked;
 * the provider is always `together`, whatever the base URL.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { chatCompletions } from "../openai/chat.js";
import {
  type CompatibleClient,
  CompatibleInstrumentation,
  instrumentCompatibleClient,
  isClientOf,
  packageProvider,
} from "../openai/compatible.js";
import { textCompletions } from "../openai/completions.js";
import { embeddings } from "../openai/embeddings.js";
import { imagesGenerate } from "../openai/images.js";
import { openAIMethodsFor } from "../openai/methods.js";
import type { InstrumentOptions } from "../types.js";

export const TOGETHER_INSTRUMENTATION = "together";

const TOGETHER_CLIENT: CompatibleClient = {
  name: TOGETHER_INSTRUMENTATION,
  module: "together-ai",
  supported: [">=0.51.0 <0.53.0"],
  exportName: "Together",
  methods: openAIMethodsFor(chatCompletions, textCompletions, embeddings, imagesGenerate),
  provider: packageProvider("together"),
};

export class TogetherInstrumentation extends CompatibleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super(TOGETHER_INSTRUMENTATION, config);
  }

  protected get client(): CompatibleClient {
    return TOGETHER_CLIENT;
  }
}

/** A `together-ai` client (its class carries `TogetherError`). */
export const isTogetherClient = (client: unknown): boolean => isClientOf(client, "TogetherError");

export function instrumentTogetherClient(client: object, options: InstrumentOptions): void {
  instrumentCompatibleClient(TOGETHER_CLIENT, client, options);
}
