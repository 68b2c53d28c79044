/**
 * Automatic instrumentation of the `openai` package through OpenTelemetry's
 * machinery: `require` is hooked by require-in-the-middle, `import` by
 * import-in-the-middle (which needs `--import @honeyhive-ts/sdk/register`).
 * The prototypes of the resource classes are patched, so every client,
 * created before or after, is traced (Azure's too: it subclasses `OpenAI`).
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { type CompatibleClient, CompatibleInstrumentation } from "./compatible.js";
import { OPENAI_METHODS, openAIProvider } from "./methods.js";

export const OPENAI_INSTRUMENTATION = "openai";

export const OPENAI_CLIENT: CompatibleClient = {
  name: OPENAI_INSTRUMENTATION,
  module: "openai",
  supported: [">=4.0.0 <7"],
  exportName: "OpenAI",
  methods: OPENAI_METHODS,
  provider: openAIProvider,
};

export class OpenAIInstrumentation extends CompatibleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super(OPENAI_INSTRUMENTATION, config);
  }

  protected get client(): CompatibleClient {
    return OPENAI_CLIENT;
  }
}
