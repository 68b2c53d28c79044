import { instrumentAnthropicClient, isAnthropicClient } from "./anthropic/client.js";
import { ANTHROPIC_INSTRUMENTATION, AnthropicInstrumentation } from "./anthropic/instrumentation.js";
import { instrumentBedrockClient, isBedrockClient } from "./bedrock/client.js";
import { BEDROCK_INSTRUMENTATION, BedrockInstrumentation } from "./bedrock/instrumentation.js";
import {
  COHERE_INSTRUMENTATION,
  CohereInstrumentation,
  instrumentCohereClient,
  isCohereClient,
} from "./cohere/instrumentation.js";
import {
  GOOGLE_GENAI_INSTRUMENTATION,
  GoogleGenAIInstrumentation,
  instrumentGoogleGenAIClient,
  isGoogleGenAIClient,
} from "./google/instrumentation.js";
import {
  GROQ_INSTRUMENTATION,
  GroqInstrumentation,
  instrumentGroqClient,
  isGroqClient,
} from "./groq/instrumentation.js";
import {
  instrumentMistralClient,
  isMistralClient,
  MISTRAL_INSTRUMENTATION,
  MistralInstrumentation,
} from "./mistral/instrumentation.js";
import {
  instrumentOllamaClient,
  isOllamaClient,
  OLLAMA_INSTRUMENTATION,
  OllamaInstrumentation,
} from "./ollama/instrumentation.js";
import { instrumentOpenAIClient, isOpenAIClient } from "./openai/client.js";
import { OPENAI_INSTRUMENTATION, OpenAIInstrumentation } from "./openai/instrumentation.js";
import {
  instrumentTogetherClient,
  isTogetherClient,
  TOGETHER_INSTRUMENTATION,
  TogetherInstrumentation,
} from "./together/instrumentation.js";
import type { Integration } from "./types.js";
import { VERCEL_AI_INSTRUMENTATION, VercelAIInstrumentation } from "./vercel-ai/instrumentation.js";

/** Every instrumentation the SDK has, in the order clients are matched. */
export const INTEGRATIONS: readonly Integration[] = [
  // Groq and Together clients look like OpenAI's: they are matched first.
  {
    name: GROQ_INSTRUMENTATION,
    modules: ["groq-sdk"],
    create: () => new GroqInstrumentation({ enabled: false }),
    matchesClient: isGroqClient,
    instrumentClient: instrumentGroqClient,
  },
  {
    name: TOGETHER_INSTRUMENTATION,
    modules: ["together-ai"],
    create: () => new TogetherInstrumentation({ enabled: false }),
    matchesClient: isTogetherClient,
    instrumentClient: instrumentTogetherClient,
  },
  {
    name: OLLAMA_INSTRUMENTATION,
    modules: ["ollama"],
    create: () => new OllamaInstrumentation({ enabled: false }),
    matchesClient: isOllamaClient,
    instrumentClient: instrumentOllamaClient,
  },
  {
    name: OPENAI_INSTRUMENTATION,
    modules: ["openai"],
    create: () => new OpenAIInstrumentation({ enabled: false }),
    matchesClient: isOpenAIClient,
    instrumentClient: instrumentOpenAIClient,
  },
  {
    name: ANTHROPIC_INSTRUMENTATION,
    modules: ["@anthropic-ai/sdk"],
    create: () => new AnthropicInstrumentation({ enabled: false }),
    matchesClient: isAnthropicClient,
    instrumentClient: instrumentAnthropicClient,
  },
  {
    name: GOOGLE_GENAI_INSTRUMENTATION,
    modules: ["@google/genai"],
    create: () => new GoogleGenAIInstrumentation({ enabled: false }),
    matchesClient: isGoogleGenAIClient,
    instrumentClient: instrumentGoogleGenAIClient,
  },
  {
    name: BEDROCK_INSTRUMENTATION,
    modules: ["@aws-sdk/client-bedrock-runtime"],
    create: () => new BedrockInstrumentation({ enabled: false }),
    matchesClient: isBedrockClient,
    instrumentClient: instrumentBedrockClient,
  },
  {
    name: MISTRAL_INSTRUMENTATION,
    modules: ["@mistralai/mistralai"],
    create: () => new MistralInstrumentation({ enabled: false }),
    matchesClient: isMistralClient,
    instrumentClient: instrumentMistralClient,
  },
  {
    name: COHERE_INSTRUMENTATION,
    modules: ["cohere-ai"],
    create: () => new CohereInstrumentation({ enabled: false }),
    matchesClient: isCohereClient,
    instrumentClient: instrumentCohereClient,
  },
  {
    // The AI SDK exports functions, not clients: `instrument()` has nothing to
    // patch; without hooks, calls pass `experimental_telemetry: honeyhiveTelemetry()`.
    name: VERCEL_AI_INSTRUMENTATION,
    modules: ["ai"],
    create: () => new VercelAIInstrumentation({ enabled: false }),
    matchesClient: () => false,
    instrumentClient: () => {},
  },
];

/** Module names the ESM loader hook intercepts (only these: hooking every import costs start-up time). */
export const INSTRUMENTED_MODULES: readonly string[] = INTEGRATIONS.flatMap((i) => i.modules);
