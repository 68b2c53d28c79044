import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { cli, cliJson, jsonError } from "./cli-helpers.js";

describe("honeyhive help and usage", () => {
  it("documents every command, its options and the exit codes", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    for (const c of [
      "serve",
      "projects list",
      "projects create <name>",
      "projects delete <id|name>",
      "keys create",
      "keys list",
      "keys revoke <key-id>",
      "datasets list",
      "datasets create <name>",
      "datasets import <dataset> <file>",
      "datasets export <dataset>",
      "events export",
      "runs list",
      "runs show <run-id>",
      "runs compare <run-id> <baseline-run-id>",
    ]) {
      expect(top.stdout).toContain(`  ${c} `);
    }
    expect(top.stdout).toContain("4  not found");
    const sub = await cli(["datasets", "import", "--help"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain("Usage: honeyhive datasets import <dataset> <file> [options]");
    for (const o of [
      "--inputs <a,b>",
      "--ground-truth",
      "--create",
      "--server <url>",
      "--api-key",
      "--json",
    ]) {
      expect(sub.stdout).toContain(o);
    }
    const group = await cli(["events", "--help"]);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain("events export");
  });

  it("exits 2 with the command's usage for bad command lines", async () => {
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const sub = await cli(["keys", "rotate"]);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("unknown command 'keys rotate'");
    const option = await cli(["projects", "list", "--colour"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("--colour");
    expect(option.stderr).toContain("Usage: honeyhive projects list [options]");
    const missing = await cli(["datasets", "import", "only-one"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing argument <dataset> <file>");
    const extra = await cli(["projects", "list", "surplus"]);
    expect(extra.code).toBe(2);
    const badFilter = await cli(["events", "export", "--filter", "cost", "--api-key", "k"]);
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toContain("has no operator");
    const badTime = await cli(["events", "export", "--since", "yesterday-ish", "--api-key", "k"]);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain("is not a time");
    const badFormat = await cli(["datasets", "import", "d", "file.txt", "--api-key", "k"]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("--format jsonl");
  });

  it("exits 3 without a key and 7 when the server cannot be reached, with hints", async () => {
    const noKey = await cli(["projects", "list", "--json"]);
    expect(noKey.code).toBe(3);
    expect(noKey.stdout).toBe("");
    expect(jsonError(noKey)).toMatchObject({ code: "HH_E_AUTH_MISSING" });
    expect(jsonError(noKey).hint).toContain("HH_API_KEY");
    // Port 9 (discard) is not served here: the connection is refused.
    const down = await cli(["projects", "list", "--server", "http://127.0.0.1:9", "--api-key", "hh_x"]);
    expect(down.code).toBe(7);
    expect(down.stderr).toContain("cannot reach http://127.0.0.1:9");
    expect(down.stderr).toContain("hint:");
  });
});

for (const backend of await backends()) {
  describe(`honeyhive projects and keys (${backend})`, () => {
    let server: TestServer;
    let admin: Record<string, string>;

    beforeAll(async () => {
      server = await startTestServer(backend);
      admin = { HH_API_URL: server.url, HH_API_KEY: server.key };
    });
    afterAll(async () => server?.stop());

    it("creates, lists and deletes projects", async () => {
      const created = await cliJson(["projects", "create", "shop", "--description", "Shop bot"], admin);
      expect(created).toMatchObject({ name: "shop", description: "Shop bot" });
      expect(created.api_key).toMatch(/^hh_/);
      const human = await cli(["projects", "list"], admin);
      expect(human.stdout).toMatch(/^ID\s+NAME\s+CREATED\s+DESCRIPTION$/m);
      expect(human.stdout).toContain("shop");
      const listed = await cliJson<{ name: string }[]>(["projects", "list"], admin);
      expect(listed.map((p) => p.name).sort()).toEqual(["default", "shop"]);
      const taken = await cli(["projects", "create", "shop"], admin);
      expect(taken.code).toBe(5);
      expect(taken.stderr).toContain("HH_E_CONFLICT");

      const unconfirmed = await cli(["projects", "delete", "shop"], admin);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain("--yes");
      const deleted = await cliJson(["projects", "delete", "shop", "--yes"], admin);
      expect(deleted).toMatchObject({ success: true, deleted: created.id, name: "shop" });
      const gone = await cli(["projects", "delete", "shop", "--yes"], admin);
      expect(gone.code).toBe(4);
      // The deleted project's key no longer authenticates.
      const orphan = await cli(["projects", "list"], { HH_API_URL: server.url, HH_API_KEY: created.api_key });
      expect(orphan.code).toBe(3);
      expect(orphan.stderr).toContain("HH_E_AUTH_INVALID_KEY");
    });

    it("creates, lists and revokes keys; a revoked key stops working", async () => {
      const project = await cliJson(["projects", "create", "team"], admin);
      const minted = await cliJson(["keys", "create", "--project", "team", "--name", "ci"], admin);
      expect(minted).toMatchObject({ project: "team", project_id: project.id });
      const ci = { HH_API_URL: server.url, HH_API_KEY: minted.api_key };

      const own = await cliJson<{ id: string; name: string; prefix: string }[]>(["keys", "list"], ci);
      expect(own.map((k) => k.name).sort()).toEqual(["ci", "first key"]);
      expect(JSON.stringify(own)).not.toContain(minted.api_key);
      const viaAdmin = await cliJson<{ id: string }[]>(["keys", "list", "--project", "team"], admin);
      expect(viaAdmin.map((k) => k.id).sort()).toEqual(own.map((k) => k.id).sort());
      const human = await cli(["keys", "list", "--project", project.id], admin);
      expect(human.stdout).toContain(minted.api_key.slice(0, 7));

      // Isolation: the project's key cannot see or mint keys elsewhere.
      const peek = await cli(["keys", "list", "--project", "default"], ci);
      expect(peek.code).toBe(3);
      const mint = await cli(["keys", "create", "--project", "team"], ci);
      expect(mint.code).toBe(3);
      expect(mint.stderr).toContain("HH_E_FORBIDDEN");

      const self = await cli(["keys", "revoke", minted.key_id], ci);
      expect(self.code).toBe(5);
      expect(self.stderr).toContain("hint:");
      const first = own.find((k) => k.name === "first key")!;
      const revoked = await cliJson(["keys", "revoke", first.id], ci);
      expect(revoked).toEqual({ success: true, deleted: first.id });
      const dead = await cli(["projects", "list"], { HH_API_URL: server.url, HH_API_KEY: project.api_key });
      expect(dead.code).toBe(3);
      const again = await cli(["keys", "revoke", first.id, "--json"], ci);
      expect(again.code).toBe(4);
      expect(jsonError(again).code).toBe("HH_E_NOT_FOUND");
      const missingProject = await cli(["keys", "create", "--project", "nope"], admin);
      expect(missingProject.code).toBe(4);
      const noProject = await cli(["keys", "create"], admin);
      expect(noProject.code).toBe(2);
    });

    it("takes the server and key from flags over the environment", async () => {
      const flags = await cli(
        ["projects", "list", "--server", server.url, "--api-key", server.key, "--json"],
        {
          HH_API_URL: "http://127.0.0.1:9",
          HH_API_KEY: "hh_wrong",
        },
      );
      expect(flags.code).toBe(0);
      expect(JSON.parse(flags.stdout).map((p: { name: string }) => p.name)).toContain("default");
      const wrong = await cli(["projects", "list", "--api-key", "hh_wrong"], admin);
      expect(wrong.code).toBe(3);
    });
  });
}
