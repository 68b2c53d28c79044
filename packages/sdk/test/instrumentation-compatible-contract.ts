/**
 * Clients of OpenAI-compatible services built by the same generator (Groq's
 * `groq-sdk`, Together's `together-ai`) plugged into the instrumentation
 * contract, against the fake OpenAI server reporting stream usage the way
 * the service does.
 */
import Groq from "groq-sdk";
import Together from "together-ai";
import { startFakeOpenAI } from "./fake-openai.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

/** The chat surface both clients share (their own types differ only in extras). */
export type ChatClient = any;

/** How each service is reached and what it is asked for in the suites. */
export interface CompatibleService {
  model: string;
  /** How the service reports a stream's usage (see `FakeOpenAIOptions.streamUsage`). */
  streamUsage: "x_groq" | "last-chunk";
  /** A new, untraced client for the fake (`origin` and `baseURL` as the fake gives them). */
  newClient(fake: { origin: string; baseURL: string }, fetchFn?: typeof fetch): ChatClient;
}

/** Groq: its client adds `/openai/v1` to the base URL; usage in `x_groq.usage`; priced by its own keys (`groq/...`). */
export const GROQ: CompatibleService = {
  model: "llama-3.3-70b-versatile",
  streamUsage: "x_groq",
  newClient: (fake, fetchFn) =>
    new Groq({ apiKey: "test", baseURL: fake.origin, maxRetries: 0, ...(fetchFn ? { fetch: fetchFn } : {}) }),
};

/** Together: a Mistral model it serves, usage in the last chunk. Unpriced: Together's prices are its own, not Mistral's, and the table has none. */
export const TOGETHER: CompatibleService = {
  model: "mistralai/Mistral-Small-24B-Instruct-2501",
  streamUsage: "last-chunk",
  newClient: (fake, fetchFn) =>
    new Together({
      apiKey: "test",
      baseURL: fake.baseURL,
      maxRetries: 0,
      ...(fetchFn ? { fetch: fetchFn } : {}),
    }),
};

export interface CompatibleContractOptions extends CompatibleService {
  name: string;
  providerName: unknown;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: ChatClient): ChatClient;
  /** Run before the fake starts / after it closes (e.g. hook the module, then unhook it). */
  before?: () => void;
  after?: () => void;
}

/** Ids and timestamps differ from call to call; everything else must be equal. */
export function normalizeIds(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === "id" || key === "created" ? "_" : v)),
  ) as unknown;
}

export function compatibleContract(options: CompatibleContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: options.providerName,
    model: options.model,
    rateLimitErrorType: "rate_limit_exceeded",
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeOpenAI({
        streamUsage: options.streamUsage,
        chat: (body) => ({
          content: `echo: ${lastText(body)}`,
          usage: { prompt_tokens: CONTRACT_USAGE.input, completion_tokens: CONTRACT_USAGE.output },
        }),
      });
      const open = (client: ChatClient, prompt: string) =>
        client.chat.completions.create({
          model: options.model,
          messages: [{ role: "user", content: prompt }],
          stream: true,
        });
      return {
        client: (o) => options.instrumentClient(options.newClient(fake, o?.fetch)),
        async call(client, prompt) {
          const value = await (client as ChatClient).chat.completions.create({
            model: options.model,
            messages: [
              { role: "system", content: "be brief" },
              { role: "user", content: prompt },
            ],
          });
          return { text: value.choices[0]?.message.content ?? "", value };
        },
        async stream(client, prompt) {
          const chunks: any[] = [];
          for await (const chunk of await open(client, prompt)) chunks.push(chunk);
          return { text: chunks.map((c) => c.choices[0]?.delta.content ?? "").join(""), chunks };
        },
        openStream: open,
        async responseHelpers(client, prompt) {
          const body = { model: options.model, messages: [{ role: "user", content: prompt }] };
          const c = client as ChatClient;
          const withResponse = await c.chat.completions.create(body).withResponse();
          const raw = await c.chat.completions.create(body).asResponse();
          return [withResponse.data, withResponse.response.status, raw.status, await raw.json()];
        },
        fail(status) {
          fake.options.fail = status === undefined ? undefined : () => status;
        },
        normalize: normalizeIds,
        async close() {
          await fake.close();
          options.after?.();
        },
      };
    },
  };
}

function lastText(body: { messages?: { role: string; content: unknown }[] }): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}
