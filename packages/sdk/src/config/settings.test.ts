import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions, SDK_SETTINGS } from "./settings.js";

describe("SDK settings", () => {
  it("documents every option and env var in docs/sdk-configuration.md", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../../../docs/sdk-configuration.md"), "utf8");
    for (const s of SDK_SETTINGS) {
      expect(doc, s.option).toContain(`\`${s.option}\``);
      for (const env of s.env) expect(doc, env).toContain(`\`${env}\``);
    }
  });

  it("resolves option, then env (first name wins), then default", () => {
    const env = {
      HH_API_KEY: "from-env",
      HONEYHIVE_PROJECT: "p-env",
      HH_SOURCE: "prod",
      HH_SAMPLING: "0.25",
    };
    const { options, problems } = resolveOptions({ apiKey: "given", disableBatch: true }, env);
    expect(problems).toEqual([]);
    expect(options.apiKey).toBe("given");
    expect(options.project).toBe("p-env");
    expect(options.source).toBe("prod");
    expect(options.sampling).toBe(0.25);
    expect(options.disableBatch).toBe(true);
    expect(options.serverUrl).toBe("http://127.0.0.1:8790");
    expect(options.maxBufferBytes).toBe(32 * 1024 * 1024);
  });

  it("parses booleans and lists from the environment", () => {
    const { options } = resolveOptions(
      {},
      { HH_DISABLE_BATCH: "yes", HH_VERBOSE: "0", HH_EXCLUDE_SPANS: "a, b,," },
    );
    expect(options.disableBatch).toBe(true);
    expect(options.verbose).toBe(false);
    expect(options.excludeSpans).toEqual(["a", "b"]);
  });

  it("reports bad values and falls back to the default instead of throwing", () => {
    const { options, problems } = resolveOptions(
      { sampling: 3, serverUrl: "ftp://x", maxBufferBytes: -1, mask: "nope" as never, metadata: 5 as never },
      { HH_DISABLE_BATCH: "maybe" },
    );
    expect(options.sampling).toBe(1);
    expect(options.serverUrl).toBe("http://127.0.0.1:8790");
    expect(options.maxBufferBytes).toBe(32 * 1024 * 1024);
    expect(options.disableBatch).toBe(false);
    expect(options.mask).toBeUndefined();
    expect(options.metadata).toBeUndefined();
    expect(problems.length).toBe(6);
  });

  it("strips a trailing slash from the server URL and names the session after the entry script", () => {
    const { options } = resolveOptions({ serverUrl: "http://h:1/" }, {});
    expect(options.serverUrl).toBe("http://h:1");
    expect(options.sessionName.length).toBeGreaterThan(0);
  });
});
