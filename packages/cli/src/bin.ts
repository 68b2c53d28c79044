#!/usr/bin/env node
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    const e = err as { code?: string; message?: string };
    process.stderr.write(`honeyhive: ${e.code ? `${e.code}: ` : ""}${e.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
