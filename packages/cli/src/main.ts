import { type CommandSpec, type GroupSpec, runCommand, runGroup } from "./cli/command.js";
import { EXIT, EXIT_CODES_HELP, UsageError } from "./cli/errors.js";
import { datasetsGroup } from "./commands/datasets.js";
import { evalCommand } from "./commands/eval.js";
import { eventsGroup } from "./commands/events.js";
import { keysGroup } from "./commands/keys.js";
import { projectsGroup } from "./commands/projects.js";
import { runsGroup } from "./commands/runs.js";
import { serveCommand } from "./serve.js";

const GROUPS: GroupSpec[] = [projectsGroup, keysGroup, datasetsGroup, eventsGroup, runsGroup];
/** Commands without subcommands. */
const COMMANDS: CommandSpec[] = [serveCommand, evalCommand];

export const USAGE = `Usage: honeyhive <command> [options]

Commands:
${[...COMMANDS, ...GROUPS.flatMap((g) => g.commands)].map((c) => `  ${`${c.name} ${c.args ?? ""}`.padEnd(42)}${c.summary}`).join("\n")}

Run \`honeyhive <command> --help\` for a command's options.

Remote commands take --server <url> and --api-key <key>, else HH_API_URL / HH_API_KEY,
else .honeyhive/credentials.json (written by the server at first start). Every command
takes --json (machine-readable output on stdout) and --quiet (nothing on stderr but errors).

${EXIT_CODES_HELP}
`;

/** Runs one command line; resolves to the exit code (serve never resolves while serving). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const single = COMMANDS.find((c) => c.name === command);
  if (single) return runCommand(single, rest);
  const group = GROUPS.find((g) => g.name === command);
  if (group) return runGroup(group, rest);
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  throw new UsageError(`unknown command '${command}'`, USAGE);
}
