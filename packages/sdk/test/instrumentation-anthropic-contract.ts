/** The Anthropic client plugged into the instrumentation contract, against the fake Messages API. */
import Anthropic from "@anthropic-ai/sdk";
import { lastUserText, startFakeAnthropic } from "./fake-anthropic.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

export const ANTHROPIC_CONTRACT_MODEL = "claude-haiku-4-5";

export interface AnthropicContractOptions {
  name: string;
  providerName: unknown;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: Anthropic): Anthropic;
  /** Run before the fake starts / after it closes (e.g. hook the module, then unhook it). */
  before?: () => void;
  after?: () => void;
}

type Event = Anthropic.Messages.RawMessageStreamEvent;

/** Ids differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "id" ? "_" : v))) as unknown;
}

const textOf = (message: Anthropic.Messages.Message) =>
  message.content.map((b) => (b.type === "text" ? b.text : "")).join("");

export function anthropicContract(options: AnthropicContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: options.providerName,
    model: ANTHROPIC_CONTRACT_MODEL,
    rateLimitErrorType: "rate_limit_error",
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeAnthropic({
        reply: (body) => ({
          content: [{ type: "text", text: `echo: ${lastUserText(body)}` }],
          usage: { input_tokens: CONTRACT_USAGE.input, output_tokens: CONTRACT_USAGE.output },
        }),
      });
      const make = (fetchFn?: typeof fetch) =>
        options.instrumentClient(
          new Anthropic({
            apiKey: "test",
            baseURL: fake.baseURL,
            maxRetries: 0,
            ...(fetchFn ? { fetch: fetchFn } : {}),
          }),
        );
      const open = (client: unknown, prompt: string) =>
        (client as Anthropic).messages.create({
          model: ANTHROPIC_CONTRACT_MODEL,
          max_tokens: 256,
          messages: [{ role: "user", content: prompt }],
          stream: true,
        });
      return {
        client: (o) => make(o?.fetch),
        async call(client, prompt) {
          const value = await (client as Anthropic).messages.create({
            model: ANTHROPIC_CONTRACT_MODEL,
            max_tokens: 256,
            system: "be brief",
            messages: [{ role: "user", content: prompt }],
          });
          return { text: textOf(value), value };
        },
        async stream(client, prompt) {
          const chunks: Event[] = [];
          for await (const event of await open(client, prompt)) chunks.push(event);
          const text = chunks
            .map((e) =>
              e.type === "content_block_delta" && e.delta.type === "text_delta" ? e.delta.text : "",
            )
            .join("");
          return { text, chunks };
        },
        openStream: open,
        async responseHelpers(client, prompt) {
          const body = {
            model: ANTHROPIC_CONTRACT_MODEL,
            max_tokens: 64,
            messages: [{ role: "user" as const, content: prompt }],
          };
          const c = client as Anthropic;
          const withResponse = await c.messages.create(body).withResponse();
          const raw = await c.messages.create(body).asResponse();
          return [withResponse.data, withResponse.response.status, raw.status, await raw.json()];
        },
        fail(status) {
          fake.options.fail = status === undefined ? undefined : () => ({ status });
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
