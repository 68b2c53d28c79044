import { type CallableTool, GoogleGenAI, Type } from "@google/genai";
import { computeCost } from "@honeyhive-ts/semconv";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeGoogle, type GeminiReply, type Json, startFakeGoogle } from "./fake-google.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { GEMINI_MODEL, googleContract } from "./instrumentation-google-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  googleContract({
    name: "@google/genai, instrument(client)",
    instrumentClient: (client) => instrument(client),
  }),
);

const weatherDeclaration = {
  name: "get_weather",
  description: "Weather of a city",
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } } },
};
const weatherCall = { functionCall: { name: "get_weather", args: { city: "Paris" } } };
const modelTurn = (...parts: Json[]) => ({
  content: { role: "model", parts },
  finishReason: "STOP",
  index: 0,
});

describe("@google/genai instrumentation: requests, tools, media, grounding, usage, safety, errors", () => {
  let srv: SdkTestServer;
  let fake: FakeGoogle;
  let tracer: HoneyHiveTracer;
  let client: GoogleGenAI;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeGoogle();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: fake.baseUrl } }));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvent = async (fn: () => Promise<unknown>, by = tracer): Promise<any> => {
    const events = await eventsOfSession(srv, by, "google", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };
  const replying = (reply: GeminiReply | undefined) => {
    fake.options.reply = reply === undefined ? undefined : () => reply;
  };

  it("records the generation config, the system instruction and contents given as turns", async () => {
    replying({ modelVersion: "gemini-2.0-flash-001" });
    const ev = await modelEvent(() =>
      client.models.generateContent({
        model: GEMINI_MODEL,
        contents: [
          { role: "user", parts: [{ text: "first" }] },
          { role: "model", parts: [{ text: "an answer" }] },
          { role: "user", parts: [{ text: "second" }] },
        ],
        config: {
          systemInstruction: { parts: [{ text: "be brief" }] },
          temperature: 0.3,
          topP: 0.9,
          topK: 20,
          maxOutputTokens: 64,
          stopSequences: ["END"],
          candidateCount: 2,
          seed: 42,
          responseMimeType: "application/json",
        },
      }),
    );
    expect(ev.event_name).toBe(`generate_content ${GEMINI_MODEL}`);
    expect(ev.config).toMatchObject({
      model: GEMINI_MODEL,
      provider: "gcp.gemini",
      temperature: 0.3,
      top_p: 0.9,
      top_k: 20,
      max_tokens: 64,
      stop_sequences: ["END"],
      seed: 42,
    });
    expect(ev.config.choice).toEqual({ count: 2 });
    expect(ev.inputs.chat_history).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "first" },
      { role: "assistant", content: "an answer" },
      { role: "user", content: "second" },
    ]);
    replying(undefined);
    expect(ev.metadata.response_model).toBe("gemini-2.0-flash-001");
    expect(ev.metadata.response_id).toMatch(/^resp-\d+$/);
  });

  it("contents given as a string or a list of parts are one user turn", async () => {
    const asString = await modelEvent(() =>
      client.models.generateContent({ model: GEMINI_MODEL, contents: "hi" }),
    );
    expect(asString.inputs.chat_history).toEqual([{ role: "user", content: "hi" }]);
    const asParts = await modelEvent(() =>
      client.models.generateContent({ model: GEMINI_MODEL, contents: ["one", { text: "two" }] }),
    );
    expect(asParts.inputs.chat_history).toEqual([{ role: "user", content: "one\ntwo" }]);
  });

  it("function calling round trip: declarations, the call with its arguments, then the result", async () => {
    replying({ candidates: [modelTurn(weatherCall)] });
    let calls: unknown;
    const first = await modelEvent(async () => {
      const r = await client.models.generateContent({
        model: GEMINI_MODEL,
        contents: "weather in Paris?",
        config: { tools: [{ functionDeclarations: [weatherDeclaration] }] },
      });
      calls = r.functionCalls;
    });
    expect(calls).toEqual([{ name: "get_weather", args: { city: "Paris" } }]);
    expect(first.config.tools).toEqual([{ type: "function", ...weatherDeclaration }]);
    expect(first.outputs).toMatchObject({
      role: "assistant",
      tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    });
    replying(undefined);
    const second = await modelEvent(() =>
      client.models.generateContent({
        model: GEMINI_MODEL,
        contents: [
          { role: "user", parts: [{ text: "weather in Paris?" }] },
          { role: "model", parts: [weatherCall] },
          { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 21 } } }] },
        ],
        config: { tools: [{ functionDeclarations: [weatherDeclaration] }] },
      }),
    );
    const [, assistant, tool] = second.inputs.chat_history;
    expect(assistant.tool_calls[0].function).toEqual({ name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(tool).toMatchObject({ role: "tool" });
    expect(JSON.parse(tool.content)).toEqual({ temp: 21 });
  });

  it("a streamed answer with thoughts and a function call is assembled; usage is the last chunk's, exactly", async () => {
    const usage = {
      promptTokenCount: 40,
      candidatesTokenCount: 12,
      cachedContentTokenCount: 16,
      thoughtsTokenCount: 30,
      toolUsePromptTokenCount: 5,
      totalTokenCount: 87,
    };
    replying({
      candidates: [
        modelTurn(
          { text: "Let me think about it", thought: true },
          { text: "It is sunny in Paris" },
          weatherCall,
        ),
      ],
      usageMetadata: usage,
    });
    let chunks = 0;
    const ev = await modelEvent(async () => {
      const stream = await client.models.generateContentStream({
        model: "gemini-2.5-flash",
        contents: "weather?",
      });
      for await (const _ of stream) chunks++;
    });
    replying(undefined);
    expect(chunks).toBeGreaterThan(3);
    expect(ev.outputs.content).toEqual([
      { type: "reasoning", content: "Let me think about it" },
      { type: "text", content: "It is sunny in Paris" },
    ]);
    expect(ev.outputs.tool_calls[0].function).toEqual({ name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(ev.outputs.finish_reason).toBe("stop");
    expect(ev.metadata.usage_metadata).toEqual(usage);
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 45,
      completion_tokens: 42,
      total_tokens: 87,
      cache_read_input_tokens: 16,
    });
    expect(ev.metadata.gen_ai.usage.reasoning.output_tokens).toBe(30);
    const cost = computeCost("gemini-2.5-flash", {
      promptTokens: 45,
      completionTokens: 42,
      cachedTokens: 16,
    });
    expect(ev.metadata.cost).toBeCloseTo(cost ?? Number.NaN, 12);
    expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("inline data and file data are references (MIME type and size, or URI), never the bytes", async () => {
    const data = Buffer.alloc(3000, 1).toString("base64");
    const uri = "https://files.example.test/v1beta/files/report-1";
    const ev = await modelEvent(() =>
      client.models.generateContent({
        model: GEMINI_MODEL,
        contents: [
          {
            role: "user",
            parts: [
              { text: "compare these" },
              { inlineData: { mimeType: "image/png", data } },
              { fileData: { mimeType: "application/pdf", fileUri: uri } },
            ],
          },
        ],
      }),
    );
    expect(JSON.stringify(ev)).not.toContain(data.slice(0, 100));
    expect(ev.inputs.chat_history[0].content).toEqual([
      { type: "text", content: "compare these" },
      { type: "blob", modality: "image", mime_type: "image/png", size: 3000 },
      { type: "uri", modality: "file", mime_type: "application/pdf", uri },
    ]);
  });

  it("grounding: search queries and sources in metadata; built-in tools are tool definitions", async () => {
    replying({
      candidates: [
        {
          ...modelTurn({ text: "Sunny, 21°C." }),
          groundingMetadata: {
            webSearchQueries: ["weather paris today"],
            groundingChunks: [
              { web: { uri: "https://weather.example.test/paris", title: "weather.example.test" } },
            ],
            groundingSupports: [{ segment: { startIndex: 0, endIndex: 12 }, groundingChunkIndices: [0] }],
            searchEntryPoint: { renderedContent: "<div>search</div>" },
          },
        },
      ],
    });
    const ev = await modelEvent(() =>
      client.models.generateContent({
        model: GEMINI_MODEL,
        contents: "weather in Paris today?",
        config: { tools: [{ googleSearch: {} }] },
      }),
    );
    replying(undefined);
    expect(ev.config.tools).toEqual([{ type: "googleSearch" }]);
    expect(ev.metadata.grounding).toEqual({
      queries: ["weather paris today"],
      sources: [{ type: "web", uri: "https://weather.example.test/paris", title: "weather.example.test" }],
    });
  });

  it("a blocked prompt and a blocked answer carry the reason and the safety ratings", async () => {
    const rating = { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true };
    replying({ candidates: [], promptFeedback: { blockReason: "SAFETY", safetyRatings: [rating] } });
    const prompt = await modelEvent(() =>
      client.models.generateContent({ model: GEMINI_MODEL, contents: "x" }),
    );
    expect(prompt.metadata.prompt_feedback).toEqual({ block_reason: "SAFETY", safety_ratings: [rating] });
    replying({ candidates: [{ ...modelTurn(), finishReason: "SAFETY", safetyRatings: [rating] }] });
    const answer = await modelEvent(() =>
      client.models.generateContent({ model: GEMINI_MODEL, contents: "y" }),
    );
    replying(undefined);
    expect(answer.outputs.finish_reason).toBe("content_filter");
    expect(answer.metadata.safety).toEqual({ finish_reason: "SAFETY", safety_ratings: [rating] });
  });

  it("an error inside a stream ends the span with Google's status, and reaches the caller", async () => {
    fake.options.streamErrorAfter = 2;
    let caught: any;
    let text = "";
    const ev = await modelEvent(async () => {
      try {
        const stream = await client.models.generateContentStream({
          model: GEMINI_MODEL,
          contents: "one two three",
        });
        for await (const chunk of stream) text += chunk.text ?? "";
      } catch (err) {
        caught = err;
      }
    });
    fake.options.streamErrorAfter = undefined;
    expect(caught?.status).toBe(503);
    expect(text).toBe("echo: one ");
    expect(ev.error).toContain("UNAVAILABLE");
    expect(ev.metadata.error).toMatchObject({ type: "UNAVAILABLE" });
    expect(ev.metadata.http).toMatchObject({ response: { status_code: 503 } });
    expect(ev.outputs.content).toBe("echo: one ");
  });

  it("embedContent records each input, the count and dimensions, never the vectors", async () => {
    let values: unknown;
    const ev = await modelEvent(async () => {
      const r = await client.models.embedContent({
        model: "gemini-embedding-001",
        contents: ["abc", "xyz"],
        config: { outputDimensionality: 4, taskType: "RETRIEVAL_DOCUMENT" },
      });
      values = r.embeddings?.map((e) => e.values);
    });
    expect(values).toEqual([
      [0, 1, 1, 1],
      [1, 1, 1, 0],
    ]);
    expect(ev.event_name).toBe("embeddings gemini-embedding-001");
    expect(ev.inputs).toEqual({ input: ["abc", "xyz"] });
    expect(ev.metadata.embedding_count).toBe(2);
    expect(ev.config).toMatchObject({ task_type: "RETRIEVAL_DOCUMENT", provider: "gcp.gemini" });
    expect(JSON.stringify(ev.outputs ?? {})).not.toContain("[0,1,1,1]");
  });

  it("an internal error is reported once and the call goes on unchanged", async () => {
    let reads = 0;
    const part = {
      get text(): string {
        reads++;
        if (reads === 1) throw new Error("boom inside the instrumentation");
        return "still works";
      },
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const r = await client.models.generateContent({
      model: GEMINI_MODEL,
      contents: [{ role: "user", parts: [part] }],
    });
    expect(r.text).toBe("echo: still works");
    expect(warn.mock.calls.flat().join(" ")).toContain("boom inside the instrumentation");
    warn.mockRestore();
  });

  it("a Vertex AI client is named gcp.vertex_ai", async () => {
    const vertex = instrument(
      new GoogleGenAI({ vertexai: true, apiKey: "test-key", httpOptions: { baseUrl: fake.baseUrl } }),
    );
    const ev = await modelEvent(() => vertex.models.generateContent({ model: GEMINI_MODEL, contents: "hi" }));
    expect(ev.config.provider).toBe("gcp.vertex_ai");
    expect(ev.outputs.content).toBe("echo: hi");
  });

  it("recordInputs / recordOutputs off: no content; model, usage and tools' absence kept", async () => {
    const quiet = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      recordInputs: false,
      recordOutputs: false,
    });
    const quietClient = instrument(
      new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: fake.baseUrl } }),
      { tracer: quiet },
    );
    replying({ candidates: [modelTurn({ text: "private answer" }, weatherCall)] });
    const ev = await modelEvent(async () => {
      const stream = await quietClient.models.generateContentStream({
        model: GEMINI_MODEL,
        contents: "private question",
        config: {
          systemInstruction: "private system",
          tools: [{ functionDeclarations: [weatherDeclaration] }],
        },
      });
      for await (const _ of stream);
    }, quiet);
    replying(undefined);
    await quiet.shutdown();
    const text = JSON.stringify(ev);
    for (const secret of ["private", "Paris", "get_weather"]) expect(text).not.toContain(secret);
    expect(ev.config.model).toBe(GEMINI_MODEL);
    expect(ev.metadata.completion_tokens).toBeGreaterThan(0);
  });
});

describe("@google/genai chats and automatic function calling", () => {
  let srv: SdkTestServer;
  let fake: FakeGoogle;
  let tracer: HoneyHiveTracer;
  let client: GoogleGenAI;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeGoogle();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: fake.baseUrl } }));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvents = async (fn: () => Promise<unknown>, count: number): Promise<any[]> => {
    const events = await eventsOfSession(
      srv,
      tracer,
      "google-chats",
      fn,
      (ev) => ev.filter((e) => e.event_type === "model").length >= count,
    );
    return events.filter((e) => e.event_type === "model").sort((a, b) => a.start_time - b.start_time);
  };

  it("a chat records each message once, with the history sent, streamed or not", async () => {
    const events = await modelEvents(async () => {
      const chat = client.chats.create({ model: GEMINI_MODEL, config: { systemInstruction: "be brief" } });
      await chat.sendMessage({ message: "first" });
      await chat.sendMessage({ message: "second" });
      for await (const _ of await chat.sendMessageStream({ message: "third" }));
    }, 3);
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.outputs.content)).toEqual(["echo: first", "echo: second", "echo: third"]);
    expect(events[2].inputs.chat_history).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "first" },
      { role: "assistant", content: "echo: first" },
      { role: "user", content: "second" },
      { role: "assistant", content: "echo: second" },
      { role: "user", content: "third" },
    ]);
  });

  it("automatic function calling: each model call is its own span with its own usage", async () => {
    fake.options.reply = (body) =>
      JSON.stringify(body.contents).includes("functionResponse")
        ? {
            candidates: [modelTurn({ text: "It is 21°C." })],
            usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 5, totalTokenCount: 25 },
          }
        : {
            candidates: [modelTurn(weatherCall)],
            usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 },
          };
    const weather: CallableTool = {
      tool: async () => ({ functionDeclarations: [weatherDeclaration] }),
      callTool: async () => [{ functionResponse: { name: "get_weather", response: { temp: 21 } } }],
    };
    let answer: string | undefined;
    const events = await modelEvents(async () => {
      const r = await client.models.generateContent({
        model: GEMINI_MODEL,
        contents: "weather in Paris?",
        config: { tools: [weather] },
      });
      answer = r.text;
    }, 2);
    fake.options.reply = undefined;
    expect(answer).toBe("It is 21°C.");
    expect(events).toHaveLength(2);
    const [call, final] = events;
    expect(call.config.tools).toEqual([{ type: "function", ...weatherDeclaration }]);
    expect(call.outputs.tool_calls[0].function.name).toBe("get_weather");
    expect(call.metadata).toMatchObject({ prompt_tokens: 10, completion_tokens: 3 });
    expect(final.outputs.content).toBe("It is 21°C.");
    expect(final.metadata).toMatchObject({ prompt_tokens: 20, completion_tokens: 5 });
    expect(JSON.parse(final.inputs.chat_history.at(-1).content)).toEqual({ temp: 21 });
  });
});
