import { createRequire } from "node:module";
import type * as AI from "ai";
import { VercelAIInstrumentation } from "../src/index.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";
import { vercelContract } from "./instrumentation-vercel-contract.js";

// The module hook's own patch, applied to the CommonJS build (child-process tests cover the loader hooks).
const ai = new VercelAIInstrumentation({ enabled: false }).patchModule(
  createRequire(import.meta.url)("ai") as typeof AI,
);

runInstrumentationContract(vercelContract({ name: "vercel ai module hook (openai provider)", ai }));
