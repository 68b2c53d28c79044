// One session across two services: the caller injects W3C traceparent + baggage,
// the callee extracts them, and both sides' spans land in one trace and session.
//
//   npm start                        # in another terminal
//   node examples/propagation.mjs
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { HoneyHiveTracer, trace } from "@honeyhive-ts/sdk";

const local = (() => {
  try {
    return JSON.parse(readFileSync(".honeyhive/credentials.json", "utf8"));
  } catch {
    return {};
  }
})();
const options = {
  apiKey: process.env.HH_API_KEY ?? local.api_key,
  serverUrl: process.env.HH_API_URL ?? local.server_url,
};

// the "downstream" service (in a real deployment, another process)
const downstream = HoneyHiveTracer.init({ ...options, sessionName: "downstream" });
const handle = trace(async (q) => `echo ${q}`, { tracer: downstream, name: "downstream-handler" });
const server = createServer((req, res) => {
  downstream.withExtracted(req.headers, async () => res.end(await handle(req.url.slice(1))));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));

// the "upstream" service
const upstream = HoneyHiveTracer.init({ ...options, sessionName: "upstream" });
const call = trace(
  async (q) => {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/${q}`, {
      headers: upstream.inject({}),
    });
    return res.text();
  },
  { tracer: upstream, name: "upstream-call" },
);

console.log(await call("ping"));
await Promise.all([upstream.flush(), downstream.flush()]);
console.log(JSON.stringify({ sessionId: upstream.sessionId }));
server.close();
await Promise.all([upstream.shutdown(), downstream.shutdown()]);
