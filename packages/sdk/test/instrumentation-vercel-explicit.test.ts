import { generateText, streamText } from "ai";
import { honeyhiveTelemetry } from "../src/index.js";
import { runInstrumentationContract } from "./instrumentation-contract.js";
import { vercelContract } from "./instrumentation-vercel-contract.js";

// No module hook: each call names HoneyHive's telemetry itself (bundlers, edge runtimes).
runInstrumentationContract(
  vercelContract({
    name: "vercel ai explicit experimental_telemetry: honeyhiveTelemetry()",
    ai: { generateText, streamText },
    telemetry: () => honeyhiveTelemetry(),
    explicit: true,
  }),
);
