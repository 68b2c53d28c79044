/**
 * The `groq-sdk` package: a Stainless client speaking OpenAI's chat and
 * embeddings format, so OpenAI's operations describe its calls. Its streams
 * report usage in `x_groq.usage` of the last chunk (read by the chat
 * assembler); the provider is always `groq`, whatever the base URL.
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
import { embeddings } from "../openai/embeddings.js";
import { openAIMethodsFor } from "../openai/methods.js";
import type { InstrumentOptions } from "../types.js";

export const GROQ_INSTRUMENTATION = "groq";

const GROQ_CLIENT: CompatibleClient = {
  name: GROQ_INSTRUMENTATION,
  module: "groq-sdk",
  supported: [">=0.30.0 <2"],
  exportName: "Groq",
  methods: openAIMethodsFor(chatCompletions, embeddings),
  provider: packageProvider("groq"),
};

export class GroqInstrumentation extends CompatibleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super(GROQ_INSTRUMENTATION, config);
  }

  protected get client(): CompatibleClient {
    return GROQ_CLIENT;
  }
}

/** A `groq-sdk` client (its class carries `GroqError`). */
export const isGroqClient = (client: unknown): boolean => isClientOf(client, "GroqError");

export function instrumentGroqClient(client: object, options: InstrumentOptions): void {
  instrumentCompatibleClient(GROQ_CLIENT, client, options);
}
