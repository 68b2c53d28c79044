import { instrumentOpenAIClient, isOpenAIClient } from "./openai/client.js";
import { OPENAI_INSTRUMENTATION, OpenAIInstrumentation } from "./openai/instrumentation.js";
import type { Integration } from "./types.js";

/** Every instrumentation the SDK has, in the order clients are matched. */
export const INTEGRATIONS: readonly Integration[] = [
  {
    name: OPENAI_INSTRUMENTATION,
    modules: ["openai"],
    create: () => new OpenAIInstrumentation({ enabled: false }),
    matchesClient: isOpenAIClient,
    instrumentClient: instrumentOpenAIClient,
  },
];

/** Module names the ESM loader hook intercepts (only these: hooking every import costs start-up time). */
export const INSTRUMENTED_MODULES: readonly string[] = INTEGRATIONS.flatMap((i) => i.modules);
