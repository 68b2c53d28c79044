/**
 * The OpenAI-compatible calls of the judge and the default embedder: through
 * a client the application already has (the `openai` package, or anything
 * with the same `chat.completions.create` / `embeddings.create`), or through
 * fetch to `baseURL`. Nothing is contacted unless one of them is configured.
 */

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The part of an OpenAI client the judge uses. */
export interface ChatClientLike {
  chat: {
    completions: {
      create(
        body: {
          model: string;
          messages: ChatMessage[];
          temperature?: number;
          response_format?: { type: "json_object" };
        },
        options?: { signal?: AbortSignal },
      ): PromiseLike<{ choices: { message: { content?: string | null } }[] }>;
    };
  };
}

/** The part of an OpenAI client the default embedder uses. */
export interface EmbeddingsClientLike {
  embeddings: {
    create(
      body: { model: string; input: string[] },
      options?: { signal?: AbortSignal },
    ): PromiseLike<{ data: { embedding: number[] | string; index?: number }[] }>;
  };
}

export interface ProviderOptions<Client> {
  /** An `openai` client instance (or a compatible object). Takes precedence over baseURL. */
  client?: Client;
  /** Base URL of an OpenAI-compatible API, e.g. `http://127.0.0.1:8000/v1`. */
  baseURL?: string;
  /** Sent as `Authorization: Bearer <apiKey>` with baseURL. */
  apiKey?: string;
  /** The model name. */
  model?: string;
}

async function postJson(
  options: ProviderOptions<unknown>,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const url = `${options.baseURL!.replace(/\/+$/u, "")}${path}`;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`provider answered ${res.status} on ${path}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

function unconfigured(what: string): Error {
  return new Error(`${what} is not configured: give it a client, or a baseURL (and apiKey, model)`);
}

/** One chat completion's text. */
export async function chatCompletion(
  options: ProviderOptions<ChatClientLike>,
  body: Parameters<ChatClientLike["chat"]["completions"]["create"]>[0],
  signal?: AbortSignal,
): Promise<string> {
  let reply: { choices?: { message?: { content?: string | null } }[] };
  if (options.client) reply = await options.client.chat.completions.create(body, signal ? { signal } : {});
  else if (options.baseURL)
    reply = (await postJson(options, "/chat/completions", body, signal)) as typeof reply;
  else throw unconfigured("the judge");
  const content = reply.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new Error("the provider's reply has no message content");
  return content;
}

/** Base64 embeddings are little-endian float32, as OpenAI sends them. */
function decodeEmbedding(embedding: number[] | string): number[] {
  if (Array.isArray(embedding)) return embedding;
  const bytes = Buffer.from(embedding, "base64");
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

/** Vectors of the texts, in order. */
export async function createEmbeddings(
  options: ProviderOptions<EmbeddingsClientLike>,
  model: string,
  input: string[],
  signal?: AbortSignal,
): Promise<number[][]> {
  let reply: { data?: { embedding: number[] | string; index?: number }[] };
  if (options.client)
    reply = await options.client.embeddings.create({ model, input }, signal ? { signal } : {});
  else if (options.baseURL)
    reply = (await postJson(
      options,
      "/embeddings",
      { model, input, encoding_format: "float" },
      signal,
    )) as typeof reply;
  else throw unconfigured("the embedder");
  const data = [...(reply.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  if (data.length !== input.length)
    throw new Error(`the provider returned ${data.length} embeddings for ${input.length} texts`);
  return data.map((d) => decodeEmbedding(d.embedding));
}
