export { AnthropicInstrumentation } from "./anthropic/instrumentation.js";
export { BedrockInstrumentation } from "./bedrock/instrumentation.js";
export { CohereInstrumentation } from "./cohere/instrumentation.js";
export { enableInstrumentations } from "./enable.js";
export { GoogleGenAIInstrumentation } from "./google/instrumentation.js";
export { GroqInstrumentation } from "./groq/instrumentation.js";
export { instrument } from "./instrument.js";
export { MistralInstrumentation } from "./mistral/instrumentation.js";
export { OllamaInstrumentation } from "./ollama/instrumentation.js";
export { OpenAIInstrumentation } from "./openai/instrumentation.js";
export { type ProviderInfo, providerFromBaseUrl } from "./provider.js";
export { TogetherInstrumentation } from "./together/instrumentation.js";
export type { InstrumentOptions } from "./types.js";
export { VercelAIInstrumentation } from "./vercel-ai/instrumentation.js";
export {
  type HoneyHiveTelemetryOptions,
  honeyhiveTelemetry,
  type VercelTelemetrySettings,
} from "./vercel-ai/telemetry.js";
