#!/usr/bin/env node
import { toCliError, UsageError } from "./cli/errors.js";
import { main } from "./main.js";

/**
 * Errors go to stderr as `honeyhive: CODE: message` plus the hint; with --json
 * also as one JSON line `{"error": {code, message, hint}}` there, so scripts
 * can read them. The exit code says which class of failure it was.
 */
const argv = process.argv.slice(2);

main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = toCliError(err);
    if (argv.includes("--json")) {
      const error = { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
      process.stderr.write(`${JSON.stringify({ error })}\n`);
    } else {
      process.stderr.write(`honeyhive: ${e.code}: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ""}`);
      if (e instanceof UsageError && e.usage) process.stderr.write(`\n${e.usage.trimEnd()}\n`);
    }
    process.exitCode = e.exit;
  },
);
