// Trace a small LLM-style pipeline and send it to the local platform.
//
//   npm start                        # in another terminal: the platform on 127.0.0.1:8790
//   node examples/tracing.mjs        # reads the key from .honeyhive/credentials.json
//
// Then open the session it prints (GET /v1/sessions/<id>) or list events with the CLI.
import { readFileSync } from "node:fs";
import { enrichSession, enrichSpan, HoneyHiveTracer, trace, traceModel, traceTool } from "@honeyhive-ts/sdk";

const local = (() => {
  try {
    return JSON.parse(readFileSync(".honeyhive/credentials.json", "utf8"));
  } catch {
    return {};
  }
})();

const tracer = HoneyHiveTracer.init({
  apiKey: process.env.HH_API_KEY ?? local.api_key,
  serverUrl: process.env.HH_API_URL ?? local.server_url,
  sessionName: "tracing-example",
  metadata: { example: true },
});

const retrieve = traceTool(
  async (query) => [`${query} is a greeting`, `${query} has ${query.length} letters`],
  { name: "retrieve" },
);

const complete = traceModel(
  async function* complete(prompt) {
    for (const word of `You asked about: ${prompt}`.split(" ")) {
      await new Promise((r) => setTimeout(r, 5));
      yield `${word} `;
    }
  },
  { name: "complete", config: { model: "gpt-4o-mini", provider: "openai" } },
);

const answer = trace(
  async (question) => {
    const docs = await retrieve(question);
    enrichSpan({ metadata: { documents: docs.length } });
    let text = "";
    for await (const chunk of complete(`${question} (${docs.join("; ")})`)) text += chunk;
    return text.trim();
  },
  { name: "answer", eventType: "chain" },
);

console.log(await answer("hello"));
enrichSession({ feedback: { helpful: true } });
await tracer.flush();
console.log(JSON.stringify({ sessionId: tracer.sessionId, stats: tracer.stats() }));
await tracer.shutdown();
