import { type ParseArgsConfig, parseArgs } from "node:util";
import { EXIT, EXIT_CODES_HELP, UsageError } from "./errors.js";
import { Output } from "./output.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help, e.g. `<file>`. */
  value?: string;
  description: string;
  multiple?: boolean;
}

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Context {
  values: Values;
  positionals: string[];
  out: Output;
  /** The usage text of the running command, for errors about its arguments. */
  usage: string;
}

/** One runnable command, e.g. `datasets import`. Its help is generated from this spec. */
export interface CommandSpec {
  name: string;
  /** Positional arguments in help, e.g. `<name>`. */
  args?: string;
  summary: string;
  /** More text under the usage line: what it does, what to know. */
  details?: string;
  options?: Record<string, OptionSpec>;
  examples?: string[];
  /** Talks to a server: gets --server / --api-key. Default true. */
  remote?: boolean;
  /** Number of positionals required (default 0) and allowed (default = required). */
  positionals?: { min: number; max?: number };
  /** Resolves to the exit code, or nothing for success. */
  run(ctx: Context): Promise<number> | Promise<void>;
}

/** A command with subcommands, e.g. `datasets`. */
export interface GroupSpec {
  name: string;
  summary: string;
  commands: CommandSpec[];
}

const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  json: { type: "boolean", description: "Print the result as JSON on stdout (for scripts)" },
  quiet: { type: "boolean", short: "q", description: "No notes or progress on stderr" },
  help: { type: "boolean", short: "h", description: "Show this help" },
};

const REMOTE_OPTIONS: Record<string, OptionSpec> = {
  server: {
    type: "string",
    value: "<url>",
    description: "Server URL (env HH_API_URL; else .honeyhive/credentials.json; else http://127.0.0.1:8790)",
  },
  "api-key": {
    type: "string",
    value: "<key>",
    description: "API key (env HH_API_KEY; else .honeyhive/credentials.json)",
  },
};

function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...(spec.remote === false ? {} : REMOTE_OPTIONS), ...OUTPUT_OPTIONS };
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const heads = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    return `  ${short}--${name}${o.value ? ` ${o.value}` : ""}`;
  });
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return Object.values(options).map((o, i) => {
    const repeat = o.multiple ? " (repeatable)" : "";
    return `${heads[i]!.padEnd(width)}${o.description}${repeat}`;
  });
}

export function commandUsage(spec: CommandSpec): string {
  return `Usage: honeyhive ${spec.name}${spec.args ? ` ${spec.args}` : ""} [options]`;
}

export function commandHelp(spec: CommandSpec): string {
  const parts = [commandUsage(spec), "", spec.summary];
  if (spec.details) parts.push("", spec.details);
  parts.push("", "Options:", ...optionLines(allOptions(spec)));
  if (spec.examples?.length) parts.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  parts.push("", EXIT_CODES_HELP);
  return `${parts.join("\n")}\n`;
}

export function groupHelp(group: GroupSpec): string {
  const width = Math.max(...group.commands.map((c) => c.name.length)) + 2;
  const lines = group.commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: honeyhive ${group.name} <command> [options]\n\n${group.summary}\n\nCommands:\n${lines.join("\n")}\n\nRun \`honeyhive ${group.name} <command> --help\` for a command's options.\n`;
}

function parseConfig(options: Record<string, OptionSpec>): NonNullable<ParseArgsConfig["options"]> {
  const config: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, o] of Object.entries(options)) {
    config[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
  }
  return config;
}

/** Parses `args` against the spec; --help prints the generated help instead of running. */
export async function runCommand(spec: CommandSpec, args: string[]): Promise<number> {
  const options = allOptions(spec);
  const usage = commandUsage(spec);
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: parseConfig(options),
      allowPositionals: true,
      strict: true,
    }) as { values: Values; positionals: string[] };
  } catch (err) {
    // node's message goes on about '--' for positionals; the first sentence is the point
    throw new UsageError((err as Error).message.split(". To specify")[0] as string, usage);
  }
  const { values, positionals } = parsed;
  if (values["help"]) {
    process.stdout.write(commandHelp(spec));
    return EXIT.ok;
  }
  const min = spec.positionals?.min ?? 0;
  const max = spec.positionals?.max ?? min;
  if (positionals.length < min) throw new UsageError(`missing argument ${spec.args ?? ""}`.trim(), usage);
  if (positionals.length > max) {
    throw new UsageError(`unexpected argument '${positionals[max]}'`, usage);
  }
  const out = new Output(values["json"] === true, values["quiet"] === true);
  return (await spec.run({ values, positionals, out, usage })) ?? EXIT.ok;
}

/** Runs `<group> <command> ...`, or prints the group's help. */
export async function runGroup(group: GroupSpec, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "help" || sub === "--help" || sub === "-h") {
    process.stdout.write(groupHelp(group));
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  const spec = group.commands.find((c) => c.name === `${group.name} ${sub}`);
  if (!spec) {
    throw new UsageError(`unknown command '${group.name} ${sub}'`, groupHelp(group));
  }
  return runCommand(spec, rest);
}

/** A string option, or undefined. */
export const str = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
};

/** A repeatable string option as a list. */
export const list = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string")
    : typeof v === "string"
      ? [v]
      : [];
};

/** A comma-separated option as a list (empty items dropped). */
export const csvList = (values: Values, name: string): string[] | undefined => {
  const v = str(values, name);
  return v === undefined
    ? undefined
    : v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
};

/** A positive integer option. */
export function intOption(values: Values, name: string, usage: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${v} is not a positive integer`, usage);
  return n;
}
