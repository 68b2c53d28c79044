import * as ollamaModule from "ollama";
import { OllamaInstrumentation } from "../src/index.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";
import { ollamaContract } from "./instrumentation-ollama-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new OllamaInstrumentation({ enabled: false });

runInstrumentationContract(
  ollamaContract({
    name: "ollama module hook",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(ollamaModule),
    after: () => hook.unpatchModule(ollamaModule),
  }),
);
