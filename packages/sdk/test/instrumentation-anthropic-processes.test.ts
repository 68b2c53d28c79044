import { expect } from "vitest";
import { describeChildAppPair } from "./child-app.js";
import { startFakeAnthropic } from "./fake-anthropic.js";

describeChildAppPair({
  name: "anthropic",
  title: "Anthropic applications instrumented without code changes (messages.create and messages.stream)",
  cjsTitle: "a CommonJS app, with no flag",
  startFake: () => startFakeAnthropic(),
  env: (fake) => ({ FAKE_ANTHROPIC_URL: fake.baseURL }),
  check(e) {
    expect(e.config).toMatchObject({ model: "claude-haiku-4-5", provider: "anthropic" });
    expect(e.metadata.cost).toBeGreaterThan(0);
  },
});
