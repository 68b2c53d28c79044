/** The `@mistralai/mistralai` client plugged into the instrumentation contract, against the fake Mistral API. */
import { Mistral } from "@mistralai/mistralai";
import { HTTPClient } from "@mistralai/mistralai/lib/http.js";
import { startFakeMistral } from "./fake-mistral.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

/** Priced in the table as `mistral-small` (the `-latest` alias is stripped). */
export const MISTRAL_MODEL = "mistral-small-latest";

export interface MistralContractOptions {
  name: string;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: Mistral): Mistral;
  before?: () => void;
  after?: () => void;
}

/** Ids and creation times differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === "id" || key === "created" ? "_" : v)),
  ) as unknown;
}

type Event = { data: { choices: { delta: { content?: unknown } }[] } };

export function mistralContract(options: MistralContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: "mistral_ai",
    model: MISTRAL_MODEL,
    rateLimitErrorType: "rate_limited",
    errorStatus: (error) => (error as { statusCode?: unknown } | undefined)?.statusCode,
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeMistral({
        reply: (body) => ({
          content: `echo: ${lastText(body)}`,
          usage: { prompt_tokens: CONTRACT_USAGE.input, completion_tokens: CONTRACT_USAGE.output },
        }),
      });
      const open = (client: unknown, prompt: string) =>
        (client as Mistral).chat.stream({
          model: MISTRAL_MODEL,
          messages: [{ role: "user", content: prompt }],
        });
      return {
        client: (o) =>
          options.instrumentClient(
            new Mistral({
              apiKey: "test-key",
              serverURL: fake.serverURL,
              ...(o?.fetch
                ? { httpClient: new HTTPClient({ fetcher: (input, init) => o.fetch!(input, init) }) }
                : {}),
            }),
          ),
        async call(client, prompt) {
          const value = await (client as Mistral).chat.complete({
            model: MISTRAL_MODEL,
            messages: [
              { role: "system", content: "be brief" },
              { role: "user", content: prompt },
            ],
          });
          return { text: String(value.choices[0]?.message?.content ?? ""), value };
        },
        async stream(client, prompt) {
          const chunks: Event[] = [];
          for await (const event of await open(client, prompt)) chunks.push(event as Event);
          const text = chunks.map((c) => c.data.choices[0]?.delta.content ?? "").join("");
          return { text, chunks };
        },
        openStream: open,
        // The client has no raw-response helper: `complete` resolves to the parsed response only.
        responseHelpers: async () => [],
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

function lastText(body: { messages?: { role: string; content: string }[] }): string {
  return [...(body.messages ?? [])].reverse().find((m) => m.role === "user")?.content ?? "";
}
