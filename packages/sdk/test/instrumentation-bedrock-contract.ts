/** The Bedrock Runtime client plugged into the instrumentation contract, against the fake Bedrock server. */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { FetchHttpHandler } from "@smithy/fetch-http-handler";
import { startFakeBedrock } from "./fake-bedrock.js";
import { CONTRACT_USAGE, type ContractFake, type ContractProvider } from "./instrumentation-contract.js";

/** A cross-region inference profile id: the price lookup strips `us.` and `anthropic.`. */
export const BEDROCK_MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

/** Static fake credentials and an explicit region: the client signs locally and never looks for credentials or a region. */
export const FAKE_AWS = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDFAKEFAKEFAKE", secretAccessKey: "fake-secret-key" },
};

export interface BedrockContractOptions {
  name: string;
  /** Make a traced client from a plain one (explicit `instrument`, or nothing when the module is hooked). */
  instrumentClient(client: BedrockRuntimeClient): BedrockRuntimeClient;
  before?: () => void;
  after?: () => void;
}

/** Request ids differ from call to call; everything else must be equal. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "requestId" ? "_" : v))) as unknown;
}

const converse = (prompt: string) => ({
  modelId: BEDROCK_MODEL,
  system: [{ text: "be brief" }],
  messages: [{ role: "user" as const, content: [{ text: prompt }] }],
});

export function bedrockContract(options: BedrockContractOptions): ContractProvider {
  return {
    name: options.name,
    providerName: "aws.bedrock",
    model: BEDROCK_MODEL,
    rateLimitErrorType: "ThrottlingException",
    errorStatus: (e) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode,
    async start(): Promise<ContractFake> {
      options.before?.();
      const fake = await startFakeBedrock({ usage: { ...CONTRACT_USAGE } });
      const make = (fetchFn?: typeof fetch) =>
        options.instrumentClient(
          new BedrockRuntimeClient({
            ...FAKE_AWS,
            maxAttempts: 1,
            ...(fetchFn
              ? {
                  endpoint: fake.http1Endpoint,
                  requestHandler: new FetchHttpHandler({ customFetch: fetchFn }),
                }
              : { endpoint: fake.endpoint }),
          }),
        );
      const open = async (client: unknown, prompt: string) => {
        const out = await (client as BedrockRuntimeClient).send(new ConverseStreamCommand(converse(prompt)));
        if (!out.stream) throw new Error("no stream");
        return out.stream;
      };
      return {
        client: (o) => make(o?.fetch),
        async call(client, prompt) {
          const value = await (client as BedrockRuntimeClient).send(new ConverseCommand(converse(prompt)));
          return { text: value.output?.message?.content?.[0]?.text ?? "", value };
        },
        async stream(client, prompt) {
          const chunks: unknown[] = [];
          let text = "";
          for await (const event of await open(client, prompt)) {
            chunks.push(event);
            text += event.contentBlockDelta?.delta?.text ?? "";
          }
          return { text, chunks };
        },
        openStream: open,
        // The client has no response helpers of its own; the callback form of `send` and `$metadata` stand in.
        async responseHelpers(client, prompt) {
          const c = client as BedrockRuntimeClient;
          const viaCallback = await new Promise<ConverseCommandOutput | undefined>((resolve, reject) => {
            void c.send(new ConverseCommand(converse(prompt)), (err, data) =>
              err ? reject(err) : resolve(data),
            );
          });
          return [viaCallback, viaCallback?.$metadata.httpStatusCode];
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
