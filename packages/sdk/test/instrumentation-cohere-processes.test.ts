import { expect } from "vitest";
import { describeChildAppPair } from "./child-app.js";
import { startFakeCohere } from "./fake-cohere.js";

describeChildAppPair({
  name: "cohere",
  title: "cohere applications instrumented without code changes",
  cjsTitle: "a CommonJS app with no flag",
  startFake: () => startFakeCohere(),
  env: (fake) => ({ FAKE_COHERE_URL: fake.baseUrl }),
  check(e) {
    expect(e.config).toMatchObject({ provider: "cohere", model: "command-a-03-2025" });
    expect(e.metadata.cost).toBeGreaterThan(0);
  },
});
