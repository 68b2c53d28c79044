import { type CommandSpec, type GroupSpec, str } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { isoDate, table } from "../cli/output.js";
import { withRemote } from "../remote.js";
import { findProject } from "./projects.js";

const create: CommandSpec = {
  name: "keys create",
  summary: "Create an API key for a project (the key is shown once; needs an admin key)",
  options: {
    project: { type: "string", value: "<id|name>", description: "Project of the new key (required)" },
    name: { type: "string", value: "<label>", description: "Label to recognise the key by" },
  },
  examples: ["honeyhive keys create --project my-app --name ci"],
  async run({ values, out, usage }) {
    const ref = str(values, "project");
    if (!ref) throw new UsageError("--project is required", usage);
    const name = str(values, "name");
    const { project, k } = await withRemote({ values }, async (remote) => {
      const project = await findProject(remote, ref);
      const k = await remote.call((c) => c.projects.createApiKey(project.id, name ? { name } : {}));
      return { project, k };
    });
    out.result(
      { ...k, project: project.name },
      () => `api key for ${project.name} (shown once): ${k.api_key}`,
    );
  },
};

const list: CommandSpec = {
  name: "keys list",
  summary: "List the API keys of a project (id, name, prefix; never the key)",
  options: {
    project: {
      type: "string",
      value: "<id|name>",
      description: "Project (admin keys only; default: the key's own project)",
    },
  },
  examples: ["honeyhive keys list", "honeyhive keys list --project my-app --json"],
  async run({ values, out }) {
    const project = str(values, "project");
    const keys = await withRemote({ values }, (r) => r.call((c) => c.keys.list(project ? { project } : {})));
    out.result(keys, () =>
      table(keys, [
        { header: "id", value: (k) => k.id },
        { header: "name", value: (k) => k.name },
        { header: "prefix", value: (k) => k.prefix },
        { header: "admin", value: (k) => (k.is_admin ? "yes" : "") },
        { header: "created", value: (k) => isoDate(k.created_at) },
      ]),
    );
  },
};

const revoke: CommandSpec = {
  name: "keys revoke",
  args: "<key-id>",
  positionals: { min: 1 },
  summary: "Revoke an API key by id (see `keys list`); it stops working at once",
  details: "A key cannot revoke itself; non-admin keys may revoke only keys of their own project.",
  examples: ["honeyhive keys revoke 5f0c..."],
  async run({ values, positionals, out }) {
    const res = await withRemote({ values }, (r) => r.call((c) => c.keys.revoke(positionals[0]!)));
    out.result(res, () => `revoked key ${res.deleted}`);
  },
};

export const keysGroup: GroupSpec = {
  name: "keys",
  summary: "Manage API keys",
  commands: [create, list, revoke],
};
