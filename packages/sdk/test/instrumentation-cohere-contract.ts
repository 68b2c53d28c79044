/** The `cohere-ai` v2 client plugged into the instrumentation contract, against the fake Cohere API. */
import { CohereClientV2 } from "cohere-ai";
import { startFakeCohere } from "./fake-cohere.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

/** Priced in the table as `command-a`. */
export const COHERE_MODEL = "command-a-03-2025";

export interface CohereContractOptions {
  name: string;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: CohereClientV2): CohereClientV2;
  before?: () => void;
  after?: () => void;
}

/** Ids differ from call to call (and the raw response's headers carry dates); everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "id" ? "_" : v))) as unknown;
}

type StreamEvent = { type: string; delta?: { message?: { content?: { text?: string } } } };

const textOf = (events: StreamEvent[]) =>
  events.map((e) => (e.type === "content-delta" ? (e.delta?.message?.content?.text ?? "") : "")).join("");

export function cohereContract(options: CohereContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: "cohere",
    model: COHERE_MODEL,
    rateLimitErrorType: "TooManyRequestsError",
    errorStatus: (error) => (error as { statusCode?: unknown } | undefined)?.statusCode,
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeCohere({
        reply: (body) => {
          const prompt = [...(body.messages ?? [])]
            .reverse()
            .find((m: { role: string }) => m.role === "user");
          const counts = { input_tokens: CONTRACT_USAGE.input, output_tokens: CONTRACT_USAGE.output };
          return { text: `echo: ${prompt?.content ?? ""}`, tokens: counts, billed_units: counts };
        },
      });
      const open = (client: unknown, prompt: string) =>
        (client as CohereClientV2).chatStream({
          model: COHERE_MODEL,
          messages: [{ role: "user", content: prompt }],
        });
      const read = async (stream: AsyncIterable<unknown>) => {
        const chunks: StreamEvent[] = [];
        for await (const event of stream) chunks.push(event as StreamEvent);
        return chunks;
      };
      return {
        client: (o) =>
          options.instrumentClient(
            new CohereClientV2({
              token: "test-key",
              environment: fake.baseUrl,
              maxRetries: 0,
              ...(o?.fetch ? { fetch: o.fetch } : {}),
            }),
          ),
        async call(client, prompt) {
          const value = await (client as CohereClientV2).chat({
            model: COHERE_MODEL,
            messages: [
              { role: "system", content: "be brief" },
              { role: "user", content: prompt },
            ],
          });
          const first = value.message.content?.[0];
          return { text: first?.type === "text" ? first.text : "", value };
        },
        async stream(client, prompt) {
          const chunks = await read(await open(client, prompt));
          return { text: textOf(chunks), chunks };
        },
        openStream: open,
        // `withRawResponse()`: the data and the status, for a plain call and a stream.
        async responseHelpers(client, prompt) {
          const c = client as CohereClientV2;
          const messages = [{ role: "user" as const, content: prompt }];
          const plain = await c.chat({ model: COHERE_MODEL, messages }).withRawResponse();
          const streamed = await c.chatStream({ model: COHERE_MODEL, messages }).withRawResponse();
          return [
            { data: plain.data, status: plain.rawResponse.status },
            { data: await read(streamed.data), status: streamed.rawResponse.status },
          ];
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
