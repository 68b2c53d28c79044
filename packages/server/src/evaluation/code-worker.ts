import vm from "node:vm";
import { parentPort } from "node:worker_threads";

/**
 * The worker thread that runs code evaluators. Each run gets a fresh V8
 * context holding nothing but the language's built-ins: no require, no
 * process, no host objects, and no code generation from strings (so
 * `this.constructor.constructor("return process")()` has nothing to reach).
 * The event arrives as JSON text and is parsed inside the context, so every
 * object the snippet touches belongs to its own realm; the result leaves as
 * JSON text made inside the context. The synchronous part is cut by the vm
 * timeout; the pool's wall-clock timer and the thread's heap limit cover the
 * rest (promises that never settle, memory bombs).
 */

interface Job {
  id: number;
  code: string;
  event: string;
  timeoutMs: number;
}

const MAX_RESULT_CHARS = 64 * 1024;

/** A function expression (`function (event) {...}`, an arrow) or else a function body using `event`. */
function compile(code: string): vm.Script {
  try {
    return new vm.Script(`(${code}\n)`, { filename: "evaluator.js" });
  } catch {
    return new vm.Script(`(function (event) {\n${code}\n})`, { filename: "evaluator.js" });
  }
}

async function run(job: Job): Promise<string> {
  const context = vm.createContext(Object.create(null), {
    name: "evaluator",
    codeGeneration: { strings: false, wasm: false },
  });
  const options = { timeout: job.timeoutMs, breakOnSigint: false };
  const fn = compile(job.code).runInContext(context, options);
  if (typeof fn !== "function") throw new Error("the evaluator code is not a function (or function body)");
  context["__fn"] = fn;
  context["__event"] = job.event;
  const returned = new vm.Script("__fn(JSON.parse(__event))").runInContext(context, options);
  context["__result"] = await returned;
  const text = new vm.Script(
    "(function (r) { var t = JSON.stringify(r); return t === undefined ? 'null' : t; })(__result)",
  ).runInContext(context, options);
  if (typeof text !== "string") throw new Error("the evaluator result could not be serialized");
  if (text.length > MAX_RESULT_CHARS)
    throw new Error(`the evaluator result is over ${MAX_RESULT_CHARS} characters`);
  return text;
}

/** Error text from either realm, never trusting the thrown value to be an Error. */
function describe(err: unknown): string {
  try {
    if (err !== null && typeof err === "object") {
      const name = String((err as { name?: unknown }).name ?? "Error");
      return `${name}: ${String((err as { message?: unknown }).message ?? "")}`.slice(0, 1000);
    }
    return `thrown: ${String(err)}`.slice(0, 1000);
  } catch {
    return "the evaluator threw a value that cannot be described";
  }
}

parentPort?.on("message", (job: Job) => {
  run(job).then(
    (result) => parentPort?.postMessage({ id: job.id, ok: true, result }),
    (err: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: describe(err) }),
  );
});
