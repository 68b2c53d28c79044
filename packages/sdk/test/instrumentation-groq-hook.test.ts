import * as groqModule from "groq-sdk";
import { GroqInstrumentation } from "../src/index.js";
import { compatibleContract, GROQ } from "./instrumentation-compatible-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new GroqInstrumentation({ enabled: false });

runInstrumentationContract({
  ...compatibleContract({
    ...GROQ,
    name: "groq-sdk module hook (provider groq at any base URL)",
    providerName: "groq",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(groqModule),
    after: () => hook.unpatchModule(groqModule),
  }),
});
