import { HoneyHive, HoneyHiveApiError } from "@honeyhive-ts/sdk";
import { type Context, str } from "./cli/command.js";
import { CliError, EXIT, type ExitCode } from "./cli/errors.js";
import { resolveTarget, type Target } from "./target.js";

/** The CLI's exit code for each kind of SDK error. */
const EXIT_FOR_KIND: Record<string, ExitCode> = {
  auth: EXIT.auth,
  forbidden: EXIT.auth,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  validation: EXIT.invalid,
  network: EXIT.unreachable,
  timeout: EXIT.unreachable,
  circuit_open: EXIT.unreachable,
  config: EXIT.usage,
};

const UNREACHABLE_HINT = "Check --server / HH_API_URL, and that the server is running (`honeyhive serve`).";

/** An SDK error as the CLI reports it: the server's code, message and hint, and the exit code of its kind. */
export function fromApiError(err: unknown, target: Target): unknown {
  if (!(err instanceof HoneyHiveApiError)) return err;
  const exit = EXIT_FOR_KIND[err.kind] ?? EXIT.failure;
  if (exit === EXIT.unreachable) {
    return new CliError(err.code, `cannot reach ${target.url}: ${err.message}`, exit, UNREACHABLE_HINT);
  }
  return new CliError(err.code, err.message, exit, err.hint || undefined);
}

/**
 * The one place the CLI meets the API: commands pass a function of the SDK's
 * typed client (`remote.call((c) => c.projects.list())`) and never build
 * requests; results have the SDK's types, generated from the server's schemas. Every
 * failure becomes a CliError; the client's keep-alive connections are closed
 * once the command is done so the process can exit.
 */
export class Remote {
  readonly client: HoneyHive;

  constructor(readonly target: Target) {
    // A person is waiting: one quick retry, not the SDK's patient default.
    this.client = new HoneyHive({
      apiKey: target.key,
      serverUrl: target.url,
      maxRetries: 1,
      retryBaseMs: 100,
    });
  }

  async call<T>(fn: (client: HoneyHive) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw fromApiError(err, this.target);
    }
  }

  close(): void {
    this.client.close();
  }
}

/**
 * Runs `fn` with a client for the command's --server / --api-key (and their
 * fallbacks), closing it afterwards. SDK errors raised outside `call` (a
 * stream that breaks mid-export) are reported the same way.
 */
export async function withRemote<T>(
  ctx: Pick<Context, "values">,
  fn: (remote: Remote) => Promise<T>,
): Promise<T> {
  const remote = new Remote(
    resolveTarget({ server: str(ctx.values, "server"), apiKey: str(ctx.values, "api-key") }),
  );
  try {
    return await fn(remote);
  } catch (err) {
    throw fromApiError(err, remote.target);
  } finally {
    remote.close();
  }
}
