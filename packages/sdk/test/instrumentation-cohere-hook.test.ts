import * as cohereModule from "cohere-ai";
import { CohereInstrumentation } from "../src/index.js";
import { cohereContract } from "./instrumentation-cohere-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new CohereInstrumentation({ enabled: false });

runInstrumentationContract(
  cohereContract({
    name: "cohere module hook",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(cohereModule),
    after: () => hook.unpatchModule(cohereModule),
  }),
);
