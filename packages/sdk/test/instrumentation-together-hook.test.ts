import * as togetherModule from "together-ai";
import { TogetherInstrumentation } from "../src/index.js";
import { compatibleContract, TOGETHER } from "./instrumentation-compatible-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new TogetherInstrumentation({ enabled: false });

runInstrumentationContract({
  ...compatibleContract({
    ...TOGETHER,
    name: "together-ai module hook (provider together at any base URL)",
    providerName: "together",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(togetherModule),
    after: () => hook.unpatchModule(togetherModule),
  }),
  // Together's own prices are not in the table, and Mistral's list price would be wrong.
  unpriced: true,
});
