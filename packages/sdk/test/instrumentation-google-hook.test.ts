import * as genaiModule from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GoogleGenAIInstrumentation, HoneyHiveTracer, instrument, trace } from "../src/index.js";
import { type FakeGoogle, startFakeGoogle } from "./fake-google.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { GEMINI_MODEL, googleContract } from "./instrumentation-google-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

// The module hook's own patch, applied to the module this test imported (child-process tests cover the loader hooks).
const hook = new GoogleGenAIInstrumentation({ enabled: false });

runInstrumentationContract(
  googleContract({
    name: "@google/genai module hook",
    instrumentClient: (client) => client,
    before: () => hook.patchModule(genaiModule),
    after: () => hook.unpatchModule(genaiModule),
  }),
);

describe("@google/genai module hook: one span per call", () => {
  let srv: SdkTestServer;
  let fake: FakeGoogle;
  let tracer: HoneyHiveTracer;

  beforeAll(async () => {
    hook.patchModule(genaiModule);
    srv = await startSdkTestServer();
    fake = await startFakeGoogle();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
    hook.unpatchModule(genaiModule);
  });

  it("chats of a hooked client, also given to instrument(), record each call once", async () => {
    const client = instrument(
      new genaiModule.GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: fake.baseUrl } }),
    );
    const events = await eventsOfSession(
      srv,
      tracer,
      "hooked-chat",
      async () => {
        const chat = client.chats.create({ model: GEMINI_MODEL });
        await chat.sendMessage({ message: "one" });
        for await (const _ of await chat.sendMessageStream({ message: "two" }));
        await client.models.generateContent({ model: GEMINI_MODEL, contents: "three" });
      },
      (ev) => ev.filter((e) => e.event_type === "model").length >= 3,
    );
    const models = events.filter((e) => e.event_type === "model");
    expect(models.map((e) => e.outputs.content).sort()).toEqual(["echo: one", "echo: three", "echo: two"]);
  });

  it("unhooked, new clients are not traced", async () => {
    hook.unpatchModule(genaiModule);
    const client = new genaiModule.GoogleGenAI({
      apiKey: "test-key",
      httpOptions: { baseUrl: fake.baseUrl },
    });
    const events = await eventsOfSession(
      srv,
      tracer,
      "unhooked",
      async () => {
        await client.models.generateContent({ model: GEMINI_MODEL, contents: "untraced" });
        await trace(async () => "marker", { tracer, name: "marker" })();
      },
      (ev) => ev.length >= 1,
    );
    hook.patchModule(genaiModule);
    expect(events.map((e) => e.event_name)).toEqual(["marker"]);
  });
});
