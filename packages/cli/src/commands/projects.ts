import type { Project } from "@honeyhive-ts/sdk";
import { type CommandSpec, type GroupSpec, str } from "../cli/command.js";
import { CliError, EXIT, UsageError } from "../cli/errors.js";
import { isoDate, table } from "../cli/output.js";
import { type Remote, withRemote } from "../remote.js";

/** A project named by id or name, among those the key may see. */
export async function findProject(remote: Remote, ref: string): Promise<Project> {
  const projects = await remote.call((c) => c.projects.list());
  const project = projects.find((p) => p.id === ref) ?? projects.find((p) => p.name === ref);
  if (!project) {
    throw new CliError(
      "HH_E_NOT_FOUND",
      `no project '${ref}' visible to this key`,
      EXIT.notFound,
      "List them with `honeyhive projects list` (a non-admin key sees only its own project).",
    );
  }
  return project;
}

const list: CommandSpec = {
  name: "projects list",
  summary: "List projects (an admin key sees all, other keys their own)",
  examples: ["honeyhive projects list", "honeyhive projects list --json | jq -r '.[].name'"],
  async run({ values, out }) {
    const projects = await withRemote({ values }, (r) => r.call((c) => c.projects.list()));
    out.result(projects, () =>
      table(projects, [
        { header: "id", value: (p) => p.id },
        { header: "name", value: (p) => p.name },
        { header: "created", value: (p) => isoDate(p.created_at) },
        { header: "description", value: (p) => p.description },
      ]),
    );
  },
};

const create: CommandSpec = {
  name: "projects create",
  args: "<name>",
  positionals: { min: 1 },
  summary: "Create a project and print its first API key (shown once; needs an admin key)",
  options: { description: { type: "string", value: "<text>", description: "Project description" } },
  examples: ['honeyhive projects create my-app --description "Support bot"'],
  async run({ values, positionals, out }) {
    const description = str(values, "description");
    const body = { name: positionals[0]!, ...(description !== undefined ? { description } : {}) };
    const p = await withRemote({ values }, (r) => r.call((c) => c.projects.create(body)));
    out.result(p, () => `project ${p.name} (${p.id})\napi key (shown once): ${p.api_key}`);
  },
};

const remove: CommandSpec = {
  name: "projects delete",
  args: "<id|name>",
  positionals: { min: 1 },
  summary: "Delete a project with all its events, datasets, runs and keys (needs an admin key)",
  details: "This cannot be undone, so --yes is required. A key cannot delete its own project.",
  options: { yes: { type: "boolean", short: "y", description: "Confirm the deletion" } },
  examples: ["honeyhive projects delete old-app --yes"],
  async run({ values, positionals, out, usage }) {
    if (values["yes"] !== true) {
      throw new UsageError(`deleting project '${positionals[0]}' removes all its data: add --yes`, usage);
    }
    const { project, res } = await withRemote({ values }, async (remote) => {
      const project = await findProject(remote, positionals[0]!);
      const res = await remote.call((c) => c.projects.delete(project.id));
      return { project, res };
    });
    out.result({ ...res, name: project.name }, () => `deleted project ${project.name} (${project.id})`);
  },
};

export const projectsGroup: GroupSpec = {
  name: "projects",
  summary: "Manage projects",
  commands: [list, create, remove],
};
