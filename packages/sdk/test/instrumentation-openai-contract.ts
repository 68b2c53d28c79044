/** The OpenAI client plugged into the instrumentation contract, against the fake provider. */
import OpenAI from "openai";
import { startFakeOpenAI } from "./fake-openai.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

export const CONTRACT_MODEL = "gpt-4o-mini";

export interface OpenAIContractOptions {
  name: string;
  providerName: unknown;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: OpenAI): OpenAI;
  /** Run before the fake starts / after it closes (e.g. hook the module, then unhook it). */
  before?: () => void;
  after?: () => void;
}

type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;

/** Ids and timestamps differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === "id" || key === "created" ? "_" : v)),
  ) as unknown;
}

export function openAIContract(options: OpenAIContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: options.providerName,
    model: CONTRACT_MODEL,
    rateLimitErrorType: "rate_limit_exceeded",
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeOpenAI({
        chat: (body) => ({
          content: `echo: ${lastText(body)}`,
          usage: { prompt_tokens: CONTRACT_USAGE.input, completion_tokens: CONTRACT_USAGE.output },
        }),
      });
      const make = (fetchFn?: typeof fetch) =>
        options.instrumentClient(
          new OpenAI({
            apiKey: "test",
            baseURL: fake.baseURL,
            maxRetries: 0,
            ...(fetchFn ? { fetch: fetchFn } : {}),
          }),
        );
      const open = (client: unknown, prompt: string) =>
        (client as OpenAI).chat.completions.create({
          model: CONTRACT_MODEL,
          messages: [{ role: "user", content: prompt }],
          stream: true,
        });
      return {
        client: (o) => make(o?.fetch),
        async call(client, prompt) {
          const value = await (client as OpenAI).chat.completions.create({
            model: CONTRACT_MODEL,
            messages: [
              { role: "system", content: "be brief" },
              { role: "user", content: prompt },
            ],
          });
          return { text: value.choices[0]?.message.content ?? "", value };
        },
        async stream(client, prompt) {
          const chunks: Chunk[] = [];
          for await (const chunk of await open(client, prompt)) chunks.push(chunk);
          return { text: chunks.map((c) => c.choices[0]?.delta.content ?? "").join(""), chunks };
        },
        openStream: open,
        async responseHelpers(client, prompt) {
          const body = { model: CONTRACT_MODEL, messages: [{ role: "user" as const, content: prompt }] };
          const c = client as OpenAI;
          const withResponse = await c.chat.completions.create(body).withResponse();
          const raw = await c.chat.completions.create(body).asResponse();
          return [withResponse.data, withResponse.response.status, raw.status, await raw.json()];
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

function lastText(body: { messages?: { role: string; content: unknown }[] }): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}
