/** The `ollama` client plugged into the instrumentation contract, against the fake Ollama server. */
import { Ollama } from "ollama";
import { startFakeOllama } from "./fake-ollama.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

/** A local model: the price table has none, so no cost. */
export const OLLAMA_MODEL = "llama3.2";

export interface OllamaContractOptions {
  name: string;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: Ollama): Ollama;
  before?: () => void;
  after?: () => void;
}

/** Timestamps differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "created_at" ? "_" : v))) as unknown;
}

export function ollamaContract(options: OllamaContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: "ollama",
    model: OLLAMA_MODEL,
    rateLimitErrorType: "ResponseError",
    errorStatus: (error) => (error as { status_code?: unknown } | undefined)?.status_code,
    unpriced: true,
    abortOpenStreams: (client) => (client as Ollama).abort(),
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeOllama({
        reply: (body) => ({
          content: `echo: ${lastText(body)}`,
          usage: { prompt_eval_count: CONTRACT_USAGE.input, eval_count: CONTRACT_USAGE.output },
        }),
      });
      const open = (client: unknown, prompt: string) =>
        (client as Ollama).chat({
          model: OLLAMA_MODEL,
          messages: [{ role: "user", content: prompt }],
          stream: true,
        });
      return {
        client: (o) =>
          options.instrumentClient(new Ollama({ host: fake.host, ...(o?.fetch ? { fetch: o.fetch } : {}) })),
        async call(client, prompt) {
          const value = await (client as Ollama).chat({
            model: OLLAMA_MODEL,
            messages: [
              { role: "system", content: "be brief" },
              { role: "user", content: prompt },
            ],
          });
          return { text: value.message.content, value };
        },
        async stream(client, prompt) {
          const chunks: { message: { content: string } }[] = [];
          for await (const chunk of await open(client, prompt)) chunks.push(chunk);
          return { text: chunks.map((c) => c.message.content).join(""), chunks };
        },
        openStream: open,
        // The client has no response helpers; its other calls are compared instead.
        async responseHelpers(client, prompt) {
          const c = client as Ollama;
          const generated = await c.generate({ model: OLLAMA_MODEL, prompt });
          const embedded = await c.embed({ model: OLLAMA_MODEL, input: [prompt] });
          return [generated, embedded];
        },
        fail(status) {
          fake.options.fail = status === undefined ? undefined : () => status;
        },
        normalize,
        async close() {
          await fake.close();
          options.after?.();
        },
      };
    },
  };
}

function lastText(body: { messages?: { role: string; content: string }[]; prompt?: string }): string {
  if (typeof body.prompt === "string") return body.prompt;
  return [...(body.messages ?? [])].reverse().find((m) => m.role === "user")?.content ?? "";
}
