/**
 * The web app end to end: Debian's Chromium (playwright-core) against the
 * real platform server seeded by the real SDK (HoneyHiveTracer with the
 * instrumented `openai` client on a local fake provider, evaluate()). Sign
 * in, find a session by filter, open its tree, read the conversation, add
 * feedback, compare two runs, import a dataset, watch a live span arrive.
 * A screenshot of each page goes to test-artifacts/web/.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { evaluate, evaluator, HoneyHiveTracer, instrument, trace, withSession } from "../../sdk/src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "../../sdk/test/fake-openai.js";
import { api, type Http, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { fmtCost } from "../src/lib/format.js";

const webDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const webRoot = join(webDir, "dist");
const artifacts = join(webDir, "..", "..", "test-artifacts", "web");

let srv: TestServer;
let http: Http;
let fake: FakeOpenAI;
let tracer: HoneyHiveTracer;
let client: OpenAI;
let browser: Browser;
let page: Page;
let appUrl: string;
let checkoutSession: string;
let bigSession: string;
let secondProject: { id: string; name: string };
let configId: string;
const runIds: string[] = [];
const BIG_EVENTS = 10_000;
const MB = 1_000_000;

const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

const sessionEvents = async (id: string): Promise<any[]> =>
  (await http.get(`/v1/events/${id}`)).body?.events ?? [];

/** Polls until the session's events satisfy `check` (a hang guard, not a timing assertion). */
async function waitForSession(id: string, check: (events: any[]) => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check(await sessionEvents(id))) {
    if (Date.now() > deadline) throw new Error(`session ${id} never matched`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function seed(): Promise<void> {
  fake = await startFakeOpenAI({
    chat: () => ({
      content: "Your order ships tomorrow.",
      usage: { prompt_tokens: 20, completion_tokens: 6 },
    }),
  });
  tracer = HoneyHiveTracer.init({
    apiKey: srv.key,
    serverUrl: srv.url,
    flushOnExit: false,
    startSession: false,
  });
  client = instrument(new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }), {
    providerName: "openai",
  });
  const checkout = tracer.createSession({ sessionName: "checkout-flow", metadata: { tier: "gold" } });
  checkoutSession = checkout.sessionId;
  const answer = trace(
    async (question: string) =>
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "You are a shop assistant." },
          { role: "user", content: question },
        ],
      }),
    { name: "answer_question", tracer },
  );
  await withSession(checkout, () => answer("When does my order ship?"), { tracer });
  const other = tracer.createSession({ sessionName: "search-flow", metadata: { tier: "free" } });
  await withSession(other, () => answer("Find blue shoes"), { tracer });
  await tracer.flush();
  await waitForSession(checkoutSession, (evs) => evs.some((e) => e.event_type === "model"));

  const rows = [
    { inputs: { q: "a" }, ground_truth: { answer: "A" } },
    { inputs: { q: "b" }, ground_truth: { answer: "B" } },
  ];
  const exact = evaluator(({ output, expected }) => (output as any).answer === (expected as any).answer, {
    name: "exact",
    passWhen: true,
  });
  for (const [name, fn] of [
    ["baseline", (i: Record<string, unknown>) => ({ answer: String(i["q"]) })],
    ["candidate", (i: Record<string, unknown>) => ({ answer: String(i["q"]).toUpperCase() })],
  ] as const) {
    const r = await evaluate({
      function: fn,
      dataset: rows,
      evaluators: [exact],
      name,
      apiKey: srv.key,
      serverUrl: srv.url,
      print: false,
    });
    runIds.push(r.runId);
  }
}

/** One session of 10,000 events through the REST batch API, its first child carrying a 1 MB output. */
async function seedBigSession(): Promise<void> {
  bigSession = randomUUID();
  const t0 = Date.now() - 60_000;
  const started = await http.post("/session/start", {
    session: { session_id: bigSession, session_name: "big-session", start_time: t0 },
  });
  expect(started.status).toBe(200);
  const huge = await http.post("/events", {
    event: {
      session_id: bigSession,
      parent_id: bigSession,
      event_type: "tool",
      event_name: "huge_output",
      source: "bulk",
      start_time: t0 + 1,
      duration: 5,
      inputs: { q: "everything" },
      outputs: { text: "x".repeat(MB), rows: Array.from({ length: 300 }, (_, i) => ({ i })) },
    },
  });
  expect(huge.status, JSON.stringify(huge.body)).toBe(200);
  const batch = await http.post("/events/batch", {
    session_id: bigSession,
    events: Array.from({ length: BIG_EVENTS - 1 }, (_, i) => ({
      session_id: bigSession,
      parent_id: bigSession,
      event_type: "tool",
      event_name: `step ${String(i).padStart(4, "0")}`,
      source: "bulk",
      start_time: t0 + 10 + i,
      duration: 2,
      outputs: { i },
    })),
  });
  expect(batch.body.success, JSON.stringify(batch.body).slice(0, 500)).toBe(true);
}

/** A second project (admin key) with a session of its own, and a configuration with two versions. */
async function seedProjectAndConfig(): Promise<void> {
  const created = await http.post("/v1/projects", { name: "second-project" });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  secondProject = { id: created.body.id, name: created.body.name };
  const other = api(srv.url, created.body.api_key);
  const started = await other.post("/session/start", { session: { session_name: "elsewhere-flow" } });
  expect(started.status).toBe(200);
  const config = await http.post("/v1/configurations", {
    name: "support-bot",
    provider: "openai",
    parameters: { call_type: "chat", model: "gpt-4o-mini", temperature: 0.2 },
  });
  expect(config.status, JSON.stringify(config.body)).toBe(200);
  configId = config.body.id ?? config.body.insertedId;
  const v2 = await http.put(`/v1/configurations/${configId}`, {
    parameters: { call_type: "chat", model: "gpt-4o", temperature: 0.5 },
  });
  expect(v2.status, JSON.stringify(v2.body)).toBe(200);
}

beforeAll(async () => {
  await rm(artifacts, { recursive: true, force: true });
  await mkdir(artifacts, { recursive: true });
  // The app as `npm start` serves it: the built files from the platform server's own address.
  if (!existsSync(join(webRoot, "index.html"))) await build({ root: webDir, logLevel: "silent" });
  srv = await startTestServer("sqlite", { webRoot });
  http = api(srv.url, srv.key);
  appUrl = `${srv.url}/`;
  await seedBigSession();
  await seedProjectAndConfig();
  // Last, so its sessions are still running when the first tests look at them.
  await seed();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // A fresh context: Playwright gives the browser a new temporary profile of its own.
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tracer?.shutdown();
  await fake?.close();
  await srv?.stop();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail")
    await shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
});

describe("web app in Chromium", () => {
  it("refuses a wrong key, then signs in with the server's key", async () => {
    await page.goto(appUrl);
    await page.getByLabel("API key").fill("hh_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/key/i);
    await shot("sign-in");
    await page.getByLabel("API key").fill(srv.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Sessions" }).waitFor();
  });

  it("finds a session by name and metadata filter and opens its tree and conversation", async () => {
    await page.getByPlaceholder("Search by name").fill("checkout");
    await page.getByRole("button", { name: "+ Filter" }).click();
    await page.getByLabel("Filter 1 field").fill("metadata.tier");
    await page.getByLabel("Filter 1 value").fill("gold");
    await page.getByRole("button", { name: "Apply" }).click();
    const link = page.getByRole("link", { name: "checkout-flow" });
    await link.waitFor();
    // The filtered answer replaces the first, unfiltered one.
    await expect.poll(() => page.getByRole("link", { name: "search-flow" }).count()).toBe(0);
    // The row carries the session's rollups: 20 prompt + 6 completion tokens from the fake provider.
    // Rollups are the server's; re-apply until they include the model call (a hang guard, not a timing check).
    const headers = await page.getByRole("columnheader").allTextContents();
    const tokensAt = headers.findIndex((h) => h.startsWith("Tokens"));
    expect(tokensAt).toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Apply" }).click();
          const row = page.getByRole("row", { name: /checkout-flow/ });
          return (await row.getByRole("cell").nth(tokensAt).textContent())?.trim();
        },
        { timeout: 15_000 },
      )
      .toBe("26");
    // Just written, so still running: the duration so far with a small live marker.
    const durationAt = headers.findIndex((h) => h.startsWith("Duration"));
    const durationCell = page
      .getByRole("row", { name: /checkout-flow/ })
      .getByRole("cell")
      .nth(durationAt);
    expect(await durationCell.locator(".live-mark").textContent()).toContain("live");
    expect(await durationCell.textContent()).toMatch(/^\d+(\.\d+)? (ms|s)\s*● live$/);
    await shot("sessions");
    await link.click();
    const tree = page.getByRole("tree", { name: "Trace tree" });
    await tree.waitFor();
    await tree.getByText("answer_question").waitFor();
    // Keyboard: from the session row, down to the chain, then to the model call.
    await tree.focus();
    await page.keyboard.press("Home");
    await page.keyboard.press("End");
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    expect(await selected.getAttribute("aria-level")).not.toBe("1");
    const conversation = page.getByRole("list", { name: "Conversation" });
    await conversation.waitFor();
    const text = await conversation.textContent();
    expect(text).toContain("When does my order ship?");
    expect(text).toContain("Your order ships tomorrow.");
    expect(text).toMatch(/system/i);
    await shot("session-detail");
  });

  it("shows the session node spanning its events with the session's tokens and cost", async () => {
    const tree = page.getByRole("tree", { name: "Trace tree" });
    await tree.focus();
    await page.keyboard.press("Home");
    const sessionRow = tree.locator('[role="treeitem"][aria-level="1"]').first();
    expect(await sessionRow.getAttribute("aria-selected")).toBe("true");
    // Starts first and ends last: its waterfall bar is the whole width.
    expect(await sessionRow.locator(".bar").getAttribute("style")).toContain("width: 100%");
    const panel = page.getByRole("article", { name: "Event checkout-flow" });
    const facts = await panel.locator("dl.facts").textContent();
    expect(facts).toContain("26 (20 in / 6 out)");
    const aggregates = (await http.get(`/session/${checkoutSession}`)).body;
    expect(aggregates.metadata.total_tokens).toBe(26);
    expect(facts).toContain(`Cost${fmtCost(aggregates.metadata.cost)}`);
    await page.keyboard.press("End");
  });

  it("adds feedback to the selected event and shows it", async () => {
    await page.getByLabel("Rating / score").fill("4");
    await page.getByLabel("Comment").fill("helpful answer");
    await page.getByRole("button", { name: "Save feedback" }).click();
    await page.getByText("Feedback saved.").waitFor();
    const events = await sessionEvents(checkoutSession);
    const model = events.find((e) => e.event_type === "model");
    expect(model.feedback.rating).toBe(4);
    expect(model.feedback.comment).toBe("helpful answer");
  });

  it("compares two runs with improved datapoints and output diffs", async () => {
    await page.goto(`${appUrl}#/experiments`);
    await page.getByRole("link", { name: "candidate" }).waitFor();
    await shot("experiments");
    await page.goto(`${appUrl}#/experiments/${runIds[1]}/compare/${runIds[0]}`);
    await page.getByRole("heading", { name: "Compare runs" }).waitFor();
    const improved = page.locator("article.cmp-improved");
    await expect.poll(() => improved.count()).toBe(2);
    expect(await page.locator(".diff-add").first().textContent()).toMatch(/"A"|"B"/);
    expect(await page.locator(".diff-del").first().textContent()).toMatch(/"a"|"b"/);
    await shot("compare");
  });

  it("imports a JSONL file into a new dataset with a progress bar", async () => {
    await page.goto(`${appUrl}#/datasets`);
    await page.getByPlaceholder("name").fill("support-questions");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("link", { name: "support-questions" }).click();
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ inputs: { q: `question ${i}` }, ground_truth: { a: `answer ${i}` } }),
    );
    await page.getByLabel("Import JSONL or CSV").setInputFiles({
      name: "rows.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(`${lines.join("\n")}\n`),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Imported 300 rows").waitFor();
    expect(await page.getByRole("progressbar", { name: "Import progress" }).getAttribute("value")).toBe("1");
    await page.getByText('"question 0"').first().waitFor();
    await shot("dataset");
  });

  it("adds the selected event to a dataset from its panel", async () => {
    await page.goto(`${appUrl}#/sessions/${checkoutSession}`);
    const tree = page.getByRole("tree", { name: "Trace tree" });
    await tree.getByText("answer_question").waitFor();
    await tree.focus();
    await page.keyboard.press("End");
    const form = page.getByRole("form", { name: "Add to dataset" });
    await form.getByLabel("Dataset").selectOption({ label: "support-questions" });
    await form.getByRole("button", { name: "Add event" }).click();
    await page.getByText("Added to the dataset.").waitFor();
    const datasets = (await http.get("/v1/datasets")).body.datasets as any[];
    const target = datasets.find((d) => d.name === "support-questions");
    const points = (await http.get(`/v1/datapoints?dataset_id=${target.id}&limit=500`)).body
      .datapoints as any[];
    const added = points.filter((p) => JSON.stringify(p.inputs).includes("When does my order ship?"));
    expect(added).toHaveLength(1);
  });

  it("diffs two configuration versions and deploys one to an environment", async () => {
    await page.goto(`${appUrl}#/configurations/${configId}`);
    await page.getByRole("link", { name: /support-bot/ }).waitFor();
    await page.getByLabel("From").selectOption("1");
    await page.getByLabel("To").selectOption("2");
    await expect
      .poll(() => page.locator(".diff-add").allTextContents())
      .toContainEqual(expect.stringContaining('"gpt-4o"'));
    expect((await page.locator(".diff-del").allTextContents()).join("\n")).toContain('"gpt-4o-mini"');
    await shot("configuration-diff");
    await page.getByRole("row", { name: /^v1\b/ }).getByRole("button", { name: "prod" }).click();
    await page.getByText("Version 1 deployed to prod.").waitFor();
    const versions = (await http.get(`/v1/configurations/${configId}/versions`)).body as any[];
    expect(versions.find((v) => v.version === 1).env).toContain("prod");
    expect(versions.find((v) => v.version === 2).env).not.toContain("prod");
  });

  it("switches to another project with an admin key and back", async () => {
    await page.goto(`${appUrl}#/sessions`);
    await page.getByRole("link", { name: "checkout-flow" }).waitFor();
    const switcher = page.getByLabel("Project", { exact: true });
    const home = await switcher.inputValue();
    await switcher.selectOption({ label: secondProject.name });
    await page.getByRole("link", { name: "elsewhere-flow" }).waitFor();
    expect(await page.getByRole("link", { name: "checkout-flow" }).count()).toBe(0);
    await shot("project-switched");
    await switcher.selectOption(home);
    await page.getByRole("link", { name: "checkout-flow" }).waitFor();
    expect(await page.getByRole("link", { name: "elsewhere-flow" }).count()).toBe(0);
  });

  it("opens a 10,000-event session as a windowed tree and a 1 MB output as lazy JSON", async () => {
    await page.goto(`${appUrl}#/sessions/${bigSession}`);
    const tree = page.getByRole("tree", { name: "Trace tree" });
    await tree.waitFor({ timeout: 60_000 });
    await page.getByText(`Trace (${BIG_EVENTS + 1} events)`).waitFor();
    const rendered = await tree.getByRole("treeitem").count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    await tree.focus();
    await page.keyboard.press("End");
    await page.getByRole("article", { name: "Event step 9998" }).waitFor();
    expect(await tree.getByRole("treeitem").count()).toBeLessThan(200);
    await shot("big-session-end");
    // Home is the session; the next row is the event with the 1 MB output.
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    const panel = page.getByRole("article", { name: "Event huge_output" });
    const showAll = panel.getByRole("button", { name: /show all 1,000,000 characters/ });
    await showAll.waitFor();
    // Cut, folded and paged: far less than the megabyte is in the page.
    expect((await panel.textContent())?.length ?? 0).toBeLessThan(50_000);
    const more = panel.getByRole("button", { name: "Show 100 more of 200" });
    await more.click();
    await panel.getByRole("button", { name: "Show 100 more of 100" }).waitFor();
    await panel.getByRole("button", { name: "Unfold 150", exact: true }).click();
    await panel.getByRole("button", { name: "Fold 150", exact: true }).waitFor();
    await showAll.click();
    await expect.poll(async () => (await panel.textContent())?.length ?? 0).toBeGreaterThan(MB);
    await shot("big-output");
  });

  it("renders the dashboard, configurations and SDK health pages without a blank screen", async () => {
    for (const [name, heading] of [
      ["dashboard", "Dashboard"],
      ["configurations", "Configurations"],
      ["health", "SDK health"],
    ] as const) {
      await page.goto(`${appUrl}#/${name}`);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.waitForFunction("!document.querySelector('[role=\"status\"] .spinner')");
      expect((await page.locator("main").textContent())?.length ?? 0).toBeGreaterThan(heading.length);
      await shot(name);
    }
    await page.goto(`${appUrl}#/dashboard`);
    await page.getByRole("img", { name: "Requests" }).waitFor();
    await page.getByRole("img", { name: "Error rate" }).waitFor();
    // Every axis label lies inside its chart, and tiny costs are written compactly.
    const labels = page.locator("figure.chart text.axis");
    await labels.first().waitFor();
    const lefts = (await page.evaluate(
      "[...document.querySelectorAll('figure.chart text.axis')].map((el) => el.getBBox().x)",
    )) as number[];
    expect(lefts.length).toBeGreaterThan(0);
    expect(Math.min(...lefts)).toBeGreaterThanOrEqual(0);
    const costChart = page.getByRole("img", { name: "Cost" });
    await costChart.waitFor();
    const cost = await costChart.locator("text.axis:not(.point-label)").allTextContents();
    expect(cost.length).toBeGreaterThan(0);
    for (const label of cost) expect(label).not.toMatch(/0\.0000/);

    // Grouped by model, the requests chart has one series per model the SDK recorded.
    // Each point's tooltip names its series.
    const seriesNames = async () =>
      (await page.getByRole("img", { name: "Requests" }).locator("circle title").allTextContents()).map(
        (t) => t.split(":")[0],
      );
    expect(await seriesNames()).not.toContain("gpt-4o-mini");
    await page.getByLabel("Group by").fill("config.model");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(seriesNames).toContain("gpt-4o-mini");
    // A grouped chart names its lone series too (tokens exist only on model events).
    const tokens = page.locator("figure.chart", { has: page.getByRole("img", { name: "Tokens" }) });
    expect(await tokens.locator(".legend li").allTextContents()).toEqual(["gpt-4o-mini"]);
    await shot("dashboard-by-model");
  });

  it("shows the spans an SDK dropped, from the counters it reported at shutdown", async () => {
    // A tracer whose export buffer (1 KiB, the least it takes) holds none of its 5 KB spans:
    // every span it ends is dropped and counted.
    const lossy = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      sessionName: "lossy-worker",
      flushOnExit: false,
      maxBufferBytes: 1024,
    });
    const work = trace(async () => "x".repeat(5000), { name: "lossy_work", tracer: lossy });
    for (let i = 0; i < 3; i++) await work();
    await lossy.shutdown();
    await page.goto(`${appUrl}#/health`);
    const row = page.locator("tbody tr", { hasText: "lossy-worker" });
    await row.waitFor();
    expect(await row.getAttribute("class")).toContain("row-error");
    const dropped = Number((await row.locator("td.num").nth(1).textContent())?.replace(/\D/g, ""));
    expect(dropped).toBeGreaterThanOrEqual(3);
    await shot("health-dropped");
  });

  it("shows a span written after the live page opened", async () => {
    await page.goto(`${appUrl}#/live`);
    await page.getByText("● live").waitFor();
    const late = tracer.createSession({ sessionName: "late-session" });
    await withSession(late, () => trace(async () => "ok", { name: "arrives_live", tracer })(), { tracer });
    await tracer.flush();
    await page.getByRole("link", { name: "arrives_live" }).waitFor();
    await shot("live");
  });

  it("follows the system's dark mode and fits a tablet width", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.goto(`${appUrl}#/sessions/${checkoutSession}`);
    await page.getByRole("tree", { name: "Trace tree" }).waitFor();
    const bg = await page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(bg).toBe("rgb(17, 20, 24)");
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBe(0);
    await shot("session-detail-dark-tablet");
  });
});
