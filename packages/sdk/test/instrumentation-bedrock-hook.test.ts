import * as bedrockModule from "@aws-sdk/client-bedrock-runtime";
import { BedrockInstrumentation } from "../src/index.js";
import { bedrockContract } from "./instrumentation-bedrock-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new BedrockInstrumentation({ enabled: false });

runInstrumentationContract(
  bedrockContract({
    name: "bedrock runtime module hook",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(bedrockModule),
    after: () => hook.unpatchModule(bedrockModule),
  }),
);
