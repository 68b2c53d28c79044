import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BuildFailure, build, type Message, type Plugin } from "esbuild";
import { CliError, EXIT } from "../cli/errors.js";

/**
 * Loading an evaluation file. Node 20 cannot run TypeScript, so every file
 * (TypeScript or JavaScript, one path for both) is bundled by esbuild into a
 * temporary .mjs under the OS temp dir, never next to the user's files:
 * the file's own relative imports are bundled in, packages stay external and
 * are resolved from the file's folder, as Node would, except
 * `@honeyhive-ts/sdk`, which always resolves to the SDK this CLI runs, so
 * the file's `evaluate` and the CLI's are one module.
 */

export const EVAL_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

const SDK = "@honeyhive-ts/sdk";
const RESOLVING = Symbol("resolving");

/** Bare imports become absolute file URLs, resolved where the user's file lives. */
const externalPackages: Plugin = {
  name: "honeyhive-external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path === SDK || args.path.startsWith(`${SDK}/`)) {
        return { path: import.meta.resolve(args.path), external: true };
      }
      if (isBuiltin(args.path) || args.pluginData === RESOLVING) return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: pathToFileURL(found.path).href, external: true };
    });
  },
};

const where = (m: Message): string =>
  m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";

function badFile(file: string, err: unknown): CliError {
  const messages = (err as Partial<BuildFailure>).errors;
  if (!Array.isArray(messages)) return new CliError("HH_E_EVAL_FILE", String(err), EXIT.failure);
  const first = messages[0];
  const text = first ? `${where(first)}${first.text}` : "the file does not compile";
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : "";
  return new CliError(
    "HH_E_EVAL_FILE",
    `${file} cannot be loaded: ${text}${more}`,
    EXIT.invalid,
    "Fix the file; it must be an ES module (import / export) in TypeScript or JavaScript.",
  );
}

/** Bundles `file` into `outDir`/<name>.mjs; throws a CliError naming the first compile error. */
async function bundle(file: string, outDir: string): Promise<string> {
  const url = pathToFileURL(file).href;
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      logLevel: "silent",
      plugins: [externalPackages],
      // import.meta in the bundle means the user's file, not the temp copy
      define: {
        "import.meta.url": JSON.stringify(url),
        "import.meta.filename": JSON.stringify(file),
        "import.meta.dirname": JSON.stringify(dirname(file)),
      },
    });
    const out = join(outDir, `${basename(file, extname(file))}.mjs`);
    await writeFile(out, result.outputFiles[0]!.contents);
    return out;
  } catch (err) {
    throw badFile(file, err);
  }
}

/** The module of an evaluation file, and a function that removes its temporary copy. */
export interface LoadedFile {
  path: string;
  module: Record<string, unknown>;
  cleanup: () => Promise<void>;
}

/** Compiles and imports the evaluation file `path`. Errors name the file and what is wrong with it. */
export async function loadEvalFile(path: string): Promise<LoadedFile> {
  const file = resolve(path);
  if (!EVAL_EXTENSIONS.includes(extname(file))) {
    throw new CliError(
      "HH_E_USAGE",
      `${path}: not an evaluation file`,
      EXIT.usage,
      `Use a TypeScript or JavaScript module (${EVAL_EXTENSIONS.join(", ")}).`,
    );
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    throw new CliError("HH_E_EVAL_FILE", `${path}: no such file`, EXIT.failure, "Check the file path.");
  }
  const dir = await mkdtemp(join(tmpdir(), "honeyhive-eval-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const out = await bundle(file, dir);
    process.setSourceMapsEnabled(true);
    const module = (await import(pathToFileURL(out).href)) as Record<string, unknown>;
    return { path: file, module, cleanup };
  } catch (err) {
    await cleanup();
    if (err instanceof CliError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError("HH_E_EVAL_FILE", `${path} failed while loading: ${message}`, EXIT.failure);
  }
}
