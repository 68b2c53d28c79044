import * as anthropicModule from "@anthropic-ai/sdk";
import { AnthropicInstrumentation } from "../src/index.js";
import { anthropicContract } from "./instrumentation-anthropic-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new AnthropicInstrumentation({ enabled: false });

runInstrumentationContract(
  anthropicContract({
    name: "@anthropic-ai/sdk module hook, local base URL (provider: anthropic)",
    providerName: "anthropic",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(anthropicModule),
    after: () => hook.unpatchModule(anthropicModule),
  }),
);
