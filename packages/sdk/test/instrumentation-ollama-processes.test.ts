import { expect } from "vitest";
import { describeChildAppPair } from "./child-app.js";
import { FAKE_DURATIONS, startFakeOllama } from "./fake-ollama.js";

describeChildAppPair({
  name: "ollama",
  title: "ollama applications instrumented without code changes",
  cjsTitle: "a CommonJS app using the default client, with no flag",
  startFake: () => startFakeOllama(),
  env: (fake) => ({ FAKE_OLLAMA_HOST: fake.host }),
  check(e) {
    expect(e.config).toMatchObject({ provider: "ollama", model: "llama3.2" });
    expect(e.metadata).toMatchObject({ total_duration: FAKE_DURATIONS.total_duration });
  },
});
