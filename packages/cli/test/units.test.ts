import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Output } from "../src/cli/output.js";
import { Progress } from "../src/cli/progress.js";
import { columnsOf, csvCell, csvRow } from "../src/events/csv.js";
import { parseFilter, parseTime } from "../src/events/filters.js";

function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty });
  let text = "";
  stream.on("data", (d: Buffer) => {
    text += d.toString();
  });
  return { stream, text: () => text };
}

describe("progress", () => {
  it("draws a bar in place on a terminal and ends with the summary", () => {
    const err = capture(true);
    const p = new Progress(
      new Output(false, false, new PassThrough(), err.stream),
      "importing",
      "bytes",
      2048,
    );
    p.add(1024);
    expect(err.text()).toContain("\rimporting [##############--------------]  50% 1.0 KiB of 2.0 KiB");
    p.done("imported 2 rows");
    expect(err.text().endsWith("\r\x1b[2Kimported 2 rows\n")).toBe(true);
  });

  it("writes no control characters when stderr is not a terminal, and nothing with --quiet", () => {
    const log = capture(false);
    const p = new Progress(new Output(false, false, new PassThrough(), log.stream), "exporting", "rows");
    p.add(10);
    p.done("exported 10 events");
    expect(log.text()).toBe("exported 10 events\n");
    const quiet = capture(true);
    const q = new Progress(new Output(false, true, new PassThrough(), quiet.stream), "exporting", "rows", 5);
    q.add(5);
    q.done("exported 5 events");
    expect(quiet.text()).toBe("");
  });
});

describe("--filter and --since parsing", () => {
  it("reads operators and types values", () => {
    expect(parseFilter("metadata.cost>0.1")).toEqual({
      field: "metadata.cost",
      operator: "greater than",
      value: 0.1,
      type: "number",
    });
    expect(parseFilter("event_name!=chat")).toMatchObject({
      operator: "is not",
      value: "chat",
      type: "string",
    });
    expect(parseFilter("feedback.liked=true")).toMatchObject({
      operator: "is",
      value: true,
      type: "boolean",
    });
    expect(parseFilter("inputs.q~a=b")).toMatchObject({ operator: "contains", value: "a=b", type: "string" });
    expect(parseFilter("outputs.text!~42")).toMatchObject({
      operator: "not contains",
      value: "42",
      type: "string",
    });
    expect(parseFilter("duration<250")).toMatchObject({ operator: "less than", value: 250 });
    expect(() => parseFilter("cost")).toThrow(/no operator/);
    expect(() => parseFilter("=x")).toThrow(/no operator/);
    expect(() => parseFilter("meta data=x")).toThrow(/not a field name/);
  });

  it("reads ISO dates, epoch ms and ages", () => {
    const now = Date.parse("2026-01-10T00:00:00Z");
    expect(parseTime("24h", now)).toBe(Date.parse("2026-01-09T00:00:00Z"));
    expect(parseTime("7d", now)).toBe(Date.parse("2026-01-03T00:00:00Z"));
    expect(parseTime("30m", now)).toBe(now - 1_800_000);
    expect(parseTime("2026-01-01T12:00:00Z", now)).toBe(Date.parse("2026-01-01T12:00:00Z"));
    expect(parseTime("1767225600000", now)).toBe(1767225600000);
    expect(() => parseTime("last week", now)).toThrow(/not a time/);
  });
});

describe("CSV flattening", () => {
  it("makes dotted columns from nested objects and quotes cells", () => {
    const rows = [
      { a: 1, meta: { cost: 0.5, user: { tier: "pro" } }, tags: ["x", "y"] },
      { a: 2, meta: {}, extra: 'say "hi", twice' },
    ];
    expect(columnsOf(rows)).toEqual(["a", "meta.cost", "meta.user.tier", "tags", "meta", "extra"]);
    expect(csvRow(rows[0], ["a", "meta.user.tier", "tags", "missing"])).toBe('1,pro,"[""x"",""y""]",\r\n');
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(" padded")).toBe('" padded"');
  });
});
