import * as openaiModule from "openai";
import { expect } from "vitest";
import { OpenAIInstrumentation } from "../src/index.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";
import { openAIContract } from "./instrumentation-openai-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new OpenAIInstrumentation({ enabled: false });

runInstrumentationContract(
  openAIContract({
    name: "openai module hook, OpenAI-compatible base URL (provider named from the URL)",
    providerName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    instrumentClient: (client) => client,
    before: () => hook.patchModule(openaiModule),
    after: () => hook.unpatchModule(openaiModule),
  }),
);
