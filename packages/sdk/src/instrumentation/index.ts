export { enableInstrumentations } from "./enable.js";
export { instrument } from "./instrument.js";
export { OpenAIInstrumentation } from "./openai/instrumentation.js";
export { type ProviderInfo, providerFromBaseUrl } from "./provider.js";
export type { InstrumentOptions } from "./types.js";
