import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The compiled file of a worker that sits beside the calling module. Running
 * from TypeScript sources (tests), the build's copy under dist/ is used, since
 * Node cannot start a worker from a .ts file.
 */
export function workerFile(callerUrl: string, file: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, callerUrl));
  if (existsSync(beside)) return beside;
  const at = beside.lastIndexOf("/src/");
  return `${beside.slice(0, at)}/dist/${beside.slice(at + "/src/".length)}`;
}
