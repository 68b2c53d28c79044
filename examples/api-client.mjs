// Manage platform resources with the typed API client: a prompt configuration
// with versions and a production deployment, and a dataset built from rows.
//
//   npm start                          # in another terminal: the platform on 127.0.0.1:8790
//   node examples/api-client.mjs       # reads the key from .honeyhive/credentials.json
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { HoneyHive, NotFoundError } from "@honeyhive-ts/sdk";

const local = (() => {
  try {
    return JSON.parse(readFileSync(".honeyhive/credentials.json", "utf8"));
  } catch {
    return {};
  }
})();

const client = new HoneyHive({
  apiKey: process.env.HH_API_KEY ?? local.api_key,
  serverUrl: process.env.HH_API_URL ?? local.server_url,
});
const suffix = randomUUID().slice(0, 8);

try {
  const health = await client.health();
  console.log(`server ${health.status}, version ${health.version}`);

  // Version 1, then an update: version 2. Both stay readable.
  const name = `support-bot-${suffix}`;
  const created = await client.configurations.create({
    name,
    provider: "openai",
    parameters: { call_type: "chat", model: "gpt-4o-mini", hyperparameters: { temperature: 0.7 } },
  });
  const id = created.id;
  await client.configurations.update(id, {
    parameters: { call_type: "chat", model: "gpt-4o-mini", hyperparameters: { temperature: 0.2 } },
  });
  await client.configurations.deploy(id, { env: "prod", version: 2 });
  const prod = await client.configurations.getDeployed({ name, env: "prod" });
  const versions = await client.configurations.listVersions(id);
  console.log(
    `prod runs ${name} v${prod.version} (temperature ${prod.parameters.hyperparameters.temperature}); ${versions.length} versions kept`,
  );

  // A dataset from rows: "question" becomes an input, "answer" the ground truth.
  const { dataset } = await client.datasets.create({ name: `faq-${suffix}` });
  const added = await client.datasets.addDatapoints(dataset.id, {
    data: [
      { question: "What is HoneyHive TS?", answer: "LLM observability", source: "docs" },
      { question: "Where does it store data?", answer: "SQLite or PostgreSQL", source: "docs" },
    ],
    mapping: { inputs: ["question"], ground_truth: ["answer"] },
  });
  console.log(`dataset ${dataset.name}: ${added.datapoint_ids.length} datapoints`);

  // Errors are typed and say what to do.
  try {
    await client.datasets.get("no-such-dataset");
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    console.log(`${err.code}: ${err.hint}`);
  }
  console.log(JSON.stringify({ configurationId: id, datasetId: dataset.id }));
} finally {
  client.close();
}
