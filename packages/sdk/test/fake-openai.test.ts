import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI, textVector } from "./fake-openai.js";

describe("the fake OpenAI-compatible provider, through the real openai client", () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(async () => fake.close());

  it("answers chat completions, plain and streamed with usage", async () => {
    const plain = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hello" }],
    });
    expect(plain.choices[0]?.message.content).toBe("echo: hello");
    expect(plain.usage?.total_tokens).toBeGreaterThan(0);
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "streamed text" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("echo: streamed text");
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number) });
    expect(fake.requests.at(-1)?.body.stream).toBe(true);
  });

  it("answers embeddings and programmed failures", async () => {
    const res = await client.embeddings.create({ model: "text-embedding-3-small", input: ["abc", "xyz"] });
    expect(res.data.map((d) => d.embedding)).toEqual([textVector("abc"), textVector("xyz")]);
    fake.options.fail = (path) => (path === "/v1/chat/completions" ? 503 : undefined);
    await expect(
      client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 503 });
    fake.options.fail = undefined;
  });
});
