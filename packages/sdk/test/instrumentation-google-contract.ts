/**
 * The `@google/genai` client plugged into the instrumentation contract,
 * against the fake Gemini API. The client has no raw-response helpers like
 * openai's `withResponse()`: `responseHelpers` reads the response's own
 * getters (`text`, `functionCalls`) and its `sdkHttpResponse`, which must
 * work the same traced.
 */
import { GoogleGenAI } from "@google/genai";
import { startFakeGoogle } from "./fake-google.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

export const GEMINI_MODEL = "gemini-2.0-flash";

export interface GoogleContractOptions {
  name: string;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: GoogleGenAI): GoogleGenAI;
  before?: () => void;
  after?: () => void;
}

/** Response ids and HTTP dates differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === "responseId" || key === "date" ? "_" : v)),
  ) as unknown;
}

export function googleContract(options: GoogleContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: "gcp.gemini",
    model: GEMINI_MODEL,
    rateLimitErrorType: "RESOURCE_EXHAUSTED",
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeGoogle({
        reply: () => ({
          usageMetadata: {
            promptTokenCount: CONTRACT_USAGE.input,
            candidatesTokenCount: CONTRACT_USAGE.output,
            totalTokenCount: CONTRACT_USAGE.input + CONTRACT_USAGE.output,
          },
        }),
      });
      const make = (fetchFn?: typeof fetch) =>
        options.instrumentClient(
          new GoogleGenAI({
            apiKey: "test-key",
            httpOptions: { baseUrl: fake.baseUrl, ...(fetchFn ? { fetch: fetchFn } : {}) },
          }),
        );
      const open = (client: unknown, prompt: string) =>
        (client as GoogleGenAI).models.generateContentStream({ model: GEMINI_MODEL, contents: prompt });
      return {
        client: (o) => make(o?.fetch),
        async call(client, prompt) {
          const value = await (client as GoogleGenAI).models.generateContent({
            model: GEMINI_MODEL,
            contents: prompt,
            config: { systemInstruction: "be brief" },
          });
          return { text: value.text ?? "", value };
        },
        async stream(client, prompt) {
          const chunks: unknown[] = [];
          let text = "";
          for await (const chunk of await open(client, prompt)) {
            chunks.push(chunk);
            text += chunk.text ?? "";
          }
          return { text, chunks };
        },
        openStream: open,
        async responseHelpers(client, prompt) {
          const r = await (client as GoogleGenAI).models.generateContent({
            model: GEMINI_MODEL,
            contents: prompt,
          });
          return [r.text, r.functionCalls ?? null, r.sdkHttpResponse?.headers?.["content-type"]];
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
