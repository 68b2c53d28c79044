import * as mistralModule from "@mistralai/mistralai";
import { MistralInstrumentation } from "../src/index.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";
import { mistralContract } from "./instrumentation-mistral-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new MistralInstrumentation({ enabled: false });

runInstrumentationContract(
  mistralContract({
    name: "mistral module hook",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(mistralModule),
    after: () => hook.unpatchModule(mistralModule),
  }),
);
