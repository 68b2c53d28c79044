/** The web app's pure pieces: SSE parsing, virtual-list window math, tree building and keys, diffs, chat extraction. */
import { describe, expect, it } from "vitest";
import { extractConversation } from "../src/lib/chat.js";
import { compareValues, diffLines, diffText } from "../src/lib/diff.js";
import { fmtCompact, fmtCostCompact } from "../src/lib/format.js";
import { ratioSeries } from "../src/lib/series.js";
import { type SseMessage, SseParser } from "../src/lib/sse.js";
import {
  buildTree,
  type TreeEvent,
  timeBounds,
  treeKey,
  visibleRows,
  waterfallBar,
} from "../src/lib/tree.js";
import { scrollToReveal, virtualWindow } from "../src/lib/virtual.js";

describe("SseParser", () => {
  const parse = (chunks: string[]) => {
    const out: SseMessage[] = [];
    const p = new SseParser((m) => out.push(m));
    for (const c of chunks) p.push(c);
    return out;
  };

  it("parses named events, multi-line data and ids, skipping comments", () => {
    const msgs = parse([': ping\n\nevent: event\ndata: {"a":1}\n\nid: 7\ndata: x\ndata: y\n\n']);
    expect(msgs).toEqual([
      { event: "event", data: '{"a":1}' },
      { event: "message", data: "x\ny", id: "7" },
    ]);
  });

  it("gives the same messages whatever the chunk boundaries, CRLF included", () => {
    const text = 'event: session\r\ndata: {"s":2}\r\n\r\nevent: event\ndata:no-space\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { event: "session", data: '{"s":2}' },
      { event: "event", data: "no-space" },
    ]);
    for (let cut = 1; cut < text.length; cut++)
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it("holds back an unfinished message", () => {
    expect(parse(["event: event\ndata: partial"])).toEqual([]);
  });
});

describe("virtualWindow", () => {
  it("renders only the rows in view plus overscan", () => {
    const w = virtualWindow(10_000, 20, 2000, 400, 5);
    expect(w).toEqual({ start: 95, end: 126, offsetTop: 1900, totalHeight: 200_000 });
  });

  it("clamps at both ends and handles empty lists", () => {
    expect(virtualWindow(100, 20, -50, 400, 3).start).toBe(0);
    const end = virtualWindow(100, 20, 99_999, 400, 3);
    expect(end.end).toBe(100);
    expect(end.start).toBe(77);
    expect(virtualWindow(0, 20, 0, 400)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });

  it("scrolls a row into view only when it is outside", () => {
    expect(scrollToReveal(5, 20, 0, 200)).toBeNull();
    expect(scrollToReveal(20, 20, 0, 200)).toBe(220);
    expect(scrollToReveal(2, 20, 100, 200)).toBe(40);
  });
});

const ev = (id: string, parent: string | null, start: number, end = start + 10): TreeEvent => ({
  event_id: id,
  parent_id: parent,
  event_type: parent ? "chain" : "session",
  event_name: id,
  start_time: start,
  end_time: end,
  duration: end - start,
  error: null,
});

describe("trace tree", () => {
  const events = [
    ev("s", null, 0, 100),
    ev("b", "s", 50),
    ev("a", "s", 10),
    ev("a1", "a", 12),
    ev("orphan", "gone", 5),
  ];

  it("links children to parents in start order; unknown parents become roots", () => {
    const roots = buildTree(events);
    expect(roots.map((r) => r.event.event_id)).toEqual(["s", "orphan"]);
    expect(roots[0]!.children.map((c) => c.event.event_id)).toEqual(["a", "b"]);
  });

  it("flattens to visible rows and hides folded subtrees", () => {
    const roots = buildTree(events);
    expect(visibleRows(roots, new Set()).map((r) => [r.node.event.event_id, r.depth])).toEqual([
      ["s", 0],
      ["a", 1],
      ["a1", 2],
      ["b", 1],
      ["orphan", 0],
    ]);
    expect(visibleRows(roots, new Set(["a"])).map((r) => r.node.event.event_id)).toEqual([
      "s",
      "a",
      "b",
      "orphan",
    ]);
  });

  it("builds a 10,000-deep chain without overflowing the stack", () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => ev(`e${i}`, i ? `e${i - 1}` : null, i));
    const rows = visibleRows(buildTree(chain), new Set());
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]!.depth).toBe(9_999);
  });

  it("moves with arrow keys: down, right to open, left to fold then to the parent", () => {
    const roots = buildTree(events);
    let collapsed: ReadonlySet<string> = new Set(["a"]);
    let rows = visibleRows(roots, collapsed);
    let step = treeKey(rows, 0, "ArrowDown", collapsed);
    expect(step.index).toBe(1);
    step = treeKey(rows, 1, "ArrowRight", collapsed);
    collapsed = step.collapsed;
    expect(collapsed.has("a")).toBe(false);
    rows = visibleRows(roots, collapsed);
    expect(treeKey(rows, 1, "ArrowRight", collapsed).index).toBe(2);
    expect(treeKey(rows, 2, "ArrowLeft", collapsed).index).toBe(1);
    expect(treeKey(rows, 1, "ArrowLeft", collapsed).collapsed.has("a")).toBe(true);
    expect(treeKey(rows, 0, "End", collapsed).index).toBe(rows.length - 1);
  });

  it("places waterfall bars within the session's time span", () => {
    const [lo, hi] = timeBounds(events);
    expect([lo, hi]).toEqual([0, 100]);
    expect(waterfallBar(ev("x", "s", 50, 75), lo, hi)).toEqual({ left: 0.5, width: 0.25 });
    expect(waterfallBar(ev("y", "s", 100, 100), lo, hi).width).toBeGreaterThan(0);
  });
});

describe("diff", () => {
  it("marks added and removed lines around common ones", () => {
    expect(diffLines("a\nb\nc", "a\nx\nc")).toEqual([
      { kind: "same", text: "a" },
      { kind: "del", text: "b" },
      { kind: "add", text: "x" },
      { kind: "same", text: "c" },
    ]);
    expect(diffLines("", "n")).toEqual([{ kind: "add", text: "n" }]);
  });

  it("keeps the longest common subsequence", () => {
    const ops = diffLines("1\n2\n3\n4\n5", "2\n3\n9\n5");
    expect(ops.filter((o) => o.kind === "same").map((o) => o.text)).toEqual(["2", "3", "5"]);
    expect(ops.filter((o) => o.kind === "del").map((o) => o.text)).toEqual(["1", "4"]);
  });

  it("diffs JSON with sorted keys, so key order is not a change", () => {
    expect(
      diffLines(diffText({ b: 1, a: 2 }), diffText({ a: 2, b: 1 })).every((o) => o.kind === "same"),
    ).toBe(true);
  });

  it("judges improved / degraded by the metric's direction", () => {
    expect(compareValues(0, 1)).toBe("improved");
    expect(compareValues(true, false)).toBe("degraded");
    expect(compareValues(100, 80, true)).toBe("improved");
    expect(compareValues(1, 1)).toBe("same");
    expect(compareValues(null, 1)).toBe("missing");
  });
});

describe("extractConversation", () => {
  it("reads chat history inputs and an assistant output with tool calls and image references", () => {
    const msgs = extractConversation(
      {
        chat_history: [
          { role: "system", content: "terse" },
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "uri", modality: "image", uri: "https://img.example/cat.png" },
              { type: "blob", modality: "image", mime_type: "image/png", size: 120 },
            ],
          },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "look", arguments: '{"x":1}' } }],
      },
    );
    expect(msgs.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(msgs[1]!.parts).toEqual([
      { kind: "text", text: "what is this?" },
      { kind: "image", text: "https://img.example/cat.png" },
      { kind: "image", text: "image/png, 120 bytes" },
    ]);
    expect(msgs[2]!.toolCalls).toEqual([{ id: "c1", name: "look", arguments: '{"x":1}' }]);
  });

  it("reads OpenAI choices and finds nothing in plain values", () => {
    expect(
      extractConversation({ q: 1 }, { choices: [{ message: { role: "assistant", content: "hi" } }] }),
    ).toHaveLength(1);
    expect(extractConversation({ q: 1 }, { answer: "x" })).toEqual([]);
  });
});

describe("ratioSeries", () => {
  it("divides errors by requests per group and bucket; no errors is 0", () => {
    const requests = [
      {
        name: "gpt-4o",
        points: [
          { t: 1, value: 4 },
          { t: 2, value: 2 },
        ],
      },
      { name: "claude", points: [{ t: 1, value: 5 }] },
    ];
    const errors = [{ name: "gpt-4o", points: [{ t: 1, value: 1 }] }];
    expect(ratioSeries(errors, requests)).toEqual([
      {
        name: "gpt-4o",
        points: [
          { t: 1, value: 0.25 },
          { t: 2, value: 0 },
        ],
      },
      { name: "claude", points: [{ t: 1, value: 0 }] },
    ]);
  });
});

describe("compact axis formats", () => {
  it("writes tiny costs in exponent form and larger ones with few digits", () => {
    expect(fmtCostCompact(0)).toBe("$0");
    expect(fmtCostCompact(0.000013)).toBe("$1.3e-5");
    expect(fmtCostCompact(0.00001)).toBe("$1e-5");
    expect(fmtCostCompact(0.0042)).toBe("$0.0042");
    expect(fmtCostCompact(0.5)).toBe("$0.5");
    expect(fmtCostCompact(12_500)).toBe("$12.5K");
    for (const v of [0.000013, 0.00000123, 0.0009, 0.123, 99.99, 1_234_567]) {
      expect(fmtCostCompact(v).length).toBeLessThanOrEqual(8);
    }
  });

  it("shortens counts", () => {
    expect(fmtCompact(10_008)).toBe("10K");
    expect(fmtCompact(1_250_000)).toBe("1.3M");
    expect(fmtCompact(26)).toBe("26");
  });
});
