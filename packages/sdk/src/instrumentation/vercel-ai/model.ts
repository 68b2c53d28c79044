/**
 * A language or embedding model seen through a proxy whose provider calls
 * report their failure to the model span they run in: the AI SDK records
 * only an error's name and message, while the event should carry the
 * provider's error type and HTTP status. Everything else is the model's own.
 */
import { context, trace as otelTrace } from "@opentelemetry/api";
import { VercelSpan } from "./span.js";

const CALLS = new Set(["doGenerate", "doStream", "doEmbed"]);
const proxies = new WeakMap<object, object>();

type Call = (options: unknown) => unknown;

/** `model` with its failures reported, or `model` itself when it is not an object (a model id). */
export function reportingModel<T>(model: T): T {
  if (model === null || typeof model !== "object") return model;
  let proxy = proxies.get(model);
  if (proxy === undefined) {
    proxy = new Proxy(model, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        if (typeof key === "string" && CALLS.has(key)) return reporting(value as Call, target);
        return (value as Call).bind(target);
      },
    });
    proxies.set(model, proxy);
  }
  return proxy as T;
}

function reporting(call: Call, model: object): Call {
  return (options) => {
    const span = otelTrace.getSpan(context.active());
    const report = (error: unknown): never => {
      if (span instanceof VercelSpan) span.providerError(error);
      throw error;
    };
    try {
      return Promise.resolve(Reflect.apply(call, model, [options])).then(undefined, report);
    } catch (error) {
      return report(error);
    }
  };
}
