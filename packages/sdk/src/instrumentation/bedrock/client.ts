/** `instrument(client)` for Bedrock Runtime clients: an own traced `send` on the instance. */
import type { InstrumentOptions } from "../types.js";
import { captureHttp } from "./http.js";
import { isTracedSend, tracedSend } from "./send.js";

/** A `BedrockRuntimeClient` or `BedrockRuntime` (by the service id in its resolved config). */
export function isBedrockClient(client: unknown): boolean {
  const c = client as { send?: unknown; config?: { serviceId?: unknown } } | null;
  if (typeof c?.send !== "function") return false;
  return (
    c.config?.serviceId === "Bedrock Runtime" || /^BedrockRuntime(Client)?$/.test(c.constructor?.name ?? "")
  );
}

/**
 * Traces one client with no module hooks. A client whose `send` is already
 * traced (the module was hooked) is left as it is, so a call never makes two
 * spans; the aggregated client's methods (`converse()`, ...) call `send`.
 */
export function instrumentBedrockClient(client: object, options: InstrumentOptions): void {
  const send = (client as { send: (this: unknown, ...args: unknown[]) => unknown }).send;
  if (isTracedSend(send)) return;
  captureHttp(client);
  Object.defineProperty(client, "send", {
    value: tracedSend(send, { tracer: options.tracer, providerName: options.providerName }),
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
