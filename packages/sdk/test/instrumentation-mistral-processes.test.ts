import { expect } from "vitest";
import { describeChildAppPair } from "./child-app.js";
import { startFakeMistral } from "./fake-mistral.js";

describeChildAppPair({
  name: "mistral",
  title: "mistral applications instrumented without code changes",
  cjsTitle: "a CommonJS app requiring the ES-module-only client, with no flag",
  startFake: () => startFakeMistral(),
  env: (fake) => ({ FAKE_MISTRAL_URL: fake.serverURL }),
  check(e) {
    expect(e.config).toMatchObject({ provider: "mistral_ai", model: "mistral-small-latest" });
    expect(e.metadata.cost).toBeGreaterThan(0);
  },
});
