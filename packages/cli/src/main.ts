import { type ParseArgsConfig, parseArgs } from "node:util";
import { keysCommand, projectsCommand } from "./remote.js";
import { serveCommand } from "./serve.js";

export const USAGE = `Usage: honeyhive <command> [options]

Commands:
  serve                      Run the platform server
    --port <n>               Port (default 8790, env HH_PORT)
    --host <addr>            Address (default 127.0.0.1, env HH_HOST)
    --db <file|url>          SQLite file, or postgres://... (env HH_DB / HH_DATABASE_URL)
    --data-dir <dir>         Data folder (default ./.honeyhive, env HH_DATA_DIR)
  projects list              List projects
  projects create <name>     Create a project; prints its first API key
  keys create --project <p>  Create an API key for a project (id or name)

Remote commands use HH_API_URL / HH_API_KEY, or .honeyhive/credentials.json
written by the server at first start.
`;

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve":
      return serveCommand(rest);
    case "projects":
      return projectsCommand(rest);
    case "keys":
      return keysCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`honeyhive: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse(
  args: string[],
  options: Options,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}
