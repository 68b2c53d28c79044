#!/usr/bin/env node
// The `honeyhive` command. A committed file, so npm links it at install time,
// before the TypeScript build has produced dist/.
import("../dist/bin.js").catch((err) => {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes("dist/bin.js")) throw err;
  process.stderr.write("honeyhive: the CLI is not built yet: run `npm run build` (or `npm start`) first\n");
  process.exitCode = 1;
});
