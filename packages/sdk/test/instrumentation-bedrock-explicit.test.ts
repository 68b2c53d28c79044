import { instrument } from "../src/index.js";
import { bedrockContract } from "./instrumentation-bedrock-contract.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";

// No module hook: the client instance is traced by `instrument(client)` (bundlers, edge runtimes).
runInstrumentationContract(
  bedrockContract({
    name: "bedrock runtime explicit instrument(client)",
    instrumentClient: (client) => instrument(client),
  }),
);
