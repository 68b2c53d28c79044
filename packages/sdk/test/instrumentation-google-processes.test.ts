import { expect } from "vitest";
import { describeChildAppPair } from "./child-app.js";
import { startFakeGoogle } from "./fake-google.js";

describeChildAppPair({
  name: "google",
  title: "@google/genai applications instrumented without code changes",
  cjsTitle: "a CommonJS app, with no flag",
  startFake: () => startFakeGoogle(),
  env: (fake) => ({ FAKE_GOOGLE_URL: fake.baseUrl }),
  check(e) {
    expect(e.config).toMatchObject({ model: "gemini-2.0-flash", provider: "gcp.gemini" });
    expect(e.metadata.cost).toBeGreaterThan(0);
  },
});
