import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./cli-helpers.js";

const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    env: { ...process.env, HH_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no banner: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /server (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && (out.includes("Saved to") || !out.includes("First start"))) {
        // give the rest of the banner a moment to arrive
        setTimeout(() => {
          clearTimeout(timer);
          res({ child, url: m[1]!, output: () => out });
        }, 100);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => rej(new Error(`exited ${code}: ${out}`)));
  });
}

function stop(s: Started): Promise<number | null> {
  return new Promise((r) => {
    s.child.once("exit", (code) => r(code));
    s.child.kill("SIGTERM");
  });
}

describe("honeyhive serve", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hh-cli-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("creates the default project and prints its key once, saving it for local tools", async () => {
    const dataDir = join(dir, "first");
    const first = await serve(["--port", "0", "--data-dir", dataDir]);
    const key = /^\s+(hh_\S+)$/m.exec(first.output())?.[1];
    expect(key, first.output()).toBeDefined();
    // The web app is part of the workspace build, so the banner names its address.
    expect(first.output()).toContain(`Web UI: ${first.url}/`);
    const credsPath = join(dataDir, "credentials.json");
    const creds = JSON.parse(await readFile(credsPath, "utf8"));
    expect(creds).toEqual({ api_key: key, project: "default", server_url: first.url });
    expect((await stat(credsPath)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, "honeyhive.db"))).toBe(true);
    const res = await fetch(`${first.url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await res.json()) as { name: string }[]).map((p: { name: string }) => p.name)).toEqual([
      "default",
    ]);

    // The CLI's remote commands find the server and key through the credentials file.
    const env = { ...process.env, HH_DATA_DIR: dataDir };
    const created = await run(process.execPath, [BIN, "projects", "create", "my-app"], { env });
    expect(created.stdout).toMatch(/project my-app .*\napi key \(shown once\): hh_\S+/);
    const minted = await run(process.execPath, [BIN, "keys", "create", "--project", "my-app"], { env });
    const appKey = /hh_\S+/.exec(minted.stdout)?.[0];
    const own = await fetch(`${first.url}/v1/projects`, { headers: { authorization: `Bearer ${appKey}` } });
    expect(((await own.json()) as { name: string }[]).map((p: { name: string }) => p.name)).toEqual([
      "my-app",
    ]);
    const listed = await run(process.execPath, [BIN, "projects", "list"], { env });
    expect(listed.stdout).toContain("my-app");
    expect(await stop(first)).toBe(0);

    const second = await serve(["--port", "0", "--data-dir", dataDir]);
    expect(second.output()).not.toContain("hh_");
    expect(second.output()).toContain(`API key: the one printed at first start (${credsPath} keeps it)`);

    // A port in use gets a message that says what to do.
    const port = new URL(second.url).port;
    const clash = await run(process.execPath, [BIN, "serve", "--port", port, "--data-dir", dataDir]).catch(
      (e) => e,
    );
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("HH_E_PORT_IN_USE");
    expect(clash.stderr).toContain("Pass --port or set HH_PORT");
    const again = await fetch(`${second.url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
    expect(again.status).toBe(200);
    expect(await stop(second)).toBe(0);
  });

  it("honours --db for the SQLite file and --host", async () => {
    const db = join(dir, "custom", "my.db");
    const s = await serve([
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--db",
      db,
      "--data-dir",
      join(dir, "custom-data"),
    ]);
    expect(existsSync(db)).toBe(true);
    expect(s.output()).toContain(db);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(await stop(s)).toBe(0);
  });

  it("explains bad usage", async () => {
    const bad = await run(process.execPath, [BIN, "serve", "--port", "http"]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port http is not a port number");
    const unknown = await run(process.execPath, [BIN, "frobnicate"]).catch((e) => e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const noKey = await run(process.execPath, [BIN, "projects", "list"], {
      env: { PATH: process.env["PATH"], HH_DATA_DIR: join(dir, "nowhere") },
    }).catch((e) => e);
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toContain("HH_E_AUTH_MISSING");
  });
});
