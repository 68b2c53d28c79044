import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, SERVER_SETTINGS } from "./config.js";

describe("server configuration", () => {
  it("documents every setting in docs/configuration.md", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../../docs/configuration.md"), "utf8");
    for (const s of SERVER_SETTINGS) {
      expect(doc, s.option).toContain(`\`${s.option}\``);
      expect(doc, s.env).toContain(`\`${s.env}\``);
      if (s.default !== undefined) expect(doc, `${s.option} default`).toContain(`\`${s.default}\``);
    }
  });

  it("resolves option, then environment, then default", () => {
    expect(resolveConfig({}, {}).port).toBe(8790);
    expect(resolveConfig({}, { HH_PORT: "9000" }).port).toBe(9000);
    expect(resolveConfig({ port: 9100 }, { HH_PORT: "9000" }).port).toBe(9100);
    const c = resolveConfig({ dataDir: "/tmp/hh-x" }, {});
    expect(c.dbPath).toBe("/tmp/hh-x/honeyhive.db");
    expect(c.host).toBe("127.0.0.1");
  });

  it("refuses a malformed number naming the variable", () => {
    expect(() => resolveConfig({}, { HH_PORT: "eighty" })).toThrow(ConfigError);
    expect(() => resolveConfig({}, { HH_PORT: "eighty" })).toThrow(/HH_PORT=eighty/);
  });
});
