import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The built CLI, run as users run it. Rebuild (`npx tsc -b packages/cli`) before these tests. */
/** The command as npm links it. */
export const BIN = resolve(import.meta.dirname, "../bin/honeyhive.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `honeyhive ...args` in a clean environment: only PATH, a data dir with
 * no credentials, and what `env` adds, so nothing from the developer's shell
 * (an HH_API_KEY, a credentials file) leaks into a test.
 */
export function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env["PATH"] ?? "", HH_DATA_DIR: join(tmpdir(), "hh-cli-no-creds"), ...env } },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number) : 0;
        done({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
  });
}

/** `cli` with --json, the stdout parsed; fails the test with stderr when it does not parse. */
export async function cliJson<T = any>(args: string[], env: Record<string, string>): Promise<T> {
  const r = await cli([...args, "--json"], env);
  if (r.code !== 0) throw new Error(`honeyhive ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The `{error}` document a failing command prints on stderr with --json. */
export const jsonError = (r: CliResult): { code: string; message: string; hint?: string } =>
  (
    JSON.parse(r.stderr.trim().split("\n").pop() as string) as {
      error: { code: string; message: string; hint?: string };
    }
  ).error;

/** JSON lines as objects. */
export const jsonLines = (text: string): any[] =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
