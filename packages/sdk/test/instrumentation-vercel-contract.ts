/** The Vercel AI SDK (with its OpenAI provider) plugged into the instrumentation contract, against the fake provider. */
import { createOpenAI } from "@ai-sdk/openai";
import type * as AI from "ai";
import { startFakeOpenAI } from "./fake-openai.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";
import { CONTRACT_MODEL } from "./instrumentation-openai-contract.js";

export interface AiFunctions {
  generateText: typeof AI.generateText;
  streamText: typeof AI.streamText;
}

export interface VercelContractOptions {
  name: string;
  /** The AI SDK's functions the suite calls (hooked ones, or the plain module). */
  ai: AiFunctions;
  /** `experimental_telemetry` for each call (the explicit path), or undefined (the module hook decides). */
  telemetry?: () => AI.TelemetrySettings;
  /**
   * Telemetry settings alone: no handle on the result's streams (a dropped
   * stream's spans end when it is collected) nor on the provider's errors
   * (the AI SDK records their name and message only).
   */
  explicit?: boolean;
}

type LanguageModel = ReturnType<ReturnType<typeof createOpenAI>["chat"]>;

/** Ids, timestamps and the Date header differ from call to call; everything else must be equal. */
export function normalizeVercel(value: unknown): unknown {
  const volatile = new Set(["id", "created", "timestamp", "date", "toolCallId"]);
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      volatile.has(key) ? "_" : typeof v === "string" ? v.replace(/chatcmpl-\d+/g, "_") : v,
    ),
  ) as unknown;
}

export function vercelContract(options: VercelContractOptions): ContractProvider {
  const { generateText, streamText } = options.ai;
  const telemetry = () => (options.telemetry ? { experimental_telemetry: options.telemetry() } : {});
  return {
    name: options.name,
    providerName: "openai",
    model: CONTRACT_MODEL,
    rateLimitErrorType: "rate_limit_exceeded",
    chainAroundModel: true,
    // Breaking out of `for await` over an AI SDK stream cancels the stream.
    abandonReason: options.explicit ? "garbage" : "cancel",
    abandonedEndsWhenCollected: options.explicit === true,
    ...(options.explicit
      ? {
          unreadStreamOutOfReach:
            "with telemetry settings alone the AI SDK starts and ends its own spans; nothing of ours sees a stream nobody reads",
        }
      : {}),
    errorDetails: options.explicit !== true,
    errorStatus: (e) => (e as { statusCode?: unknown } | undefined)?.statusCode,
    async start(): Promise<ContractFake> {
      const fake = await startFakeOpenAI({
        chat: (body) => ({
          content: `echo: ${lastUserText(body)}`,
          usage: { prompt_tokens: CONTRACT_USAGE.input, completion_tokens: CONTRACT_USAGE.output },
        }),
      });
      const open = (model: unknown, prompt: string) =>
        streamText({ model: model as LanguageModel, prompt, maxRetries: 0, ...telemetry() });
      return {
        client: (o) =>
          createOpenAI({
            apiKey: "test",
            baseURL: fake.baseURL,
            ...(o?.fetch ? { fetch: o.fetch } : {}),
          }).chat(CONTRACT_MODEL),
        async call(model, prompt) {
          const value = await generateText({
            model: model as LanguageModel,
            system: "be brief",
            prompt,
            maxRetries: 0,
            ...telemetry(),
          });
          return { text: value.text, value };
        },
        async stream(model, prompt) {
          const chunks: unknown[] = [];
          let text = "";
          for await (const part of open(model, prompt).fullStream) {
            chunks.push(part);
            if (part.type === "text-delta") text += part.text;
          }
          return { text, chunks };
        },
        openStream: async (model, prompt) => open(model, prompt).textStream,
        async responseHelpers(model, prompt) {
          const r = await generateText({
            model: model as LanguageModel,
            prompt,
            maxRetries: 0,
            ...telemetry(),
          });
          const s = open(model, prompt);
          return [r.response.messages, r.finishReason, r.usage, r.steps.length, await s.text, await s.usage];
        },
        fail(status) {
          fake.options.fail = status === undefined ? undefined : () => status;
        },
        normalize: normalizeVercel,
        close: () => fake.close(),
      };
    },
  };
}

function lastUserText(body: { messages?: { role: string; content: unknown }[] }): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  if (typeof last?.content === "string") return last.content;
  if (Array.isArray(last?.content))
    return (last.content as { text?: string }[]).map((p) => p.text ?? "").join("");
  return "";
}
