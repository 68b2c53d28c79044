import { describe, expect, it } from "vitest";
import { TreeBuilder } from "./tree.js";
import { unflatten } from "./unflatten.js";

describe("unflatten", () => {
  it("nests dotted keys under the prefix and ignores other keys", () => {
    const attrs = { "m.a.b": 1, "m.a.c": "x", "m.d": true, other: 5, "mm.x": 1, m: "root" };
    expect(unflatten(attrs, "m")).toEqual({ a: { b: 1, c: "x" }, d: true });
  });

  it("takes every key with an empty prefix", () => {
    expect(unflatten({ "http.method": "GET", "http.status_code": 200, plain: 1 }, "")).toEqual({
      http: { method: "GET", status_code: 200 },
      plain: 1,
    });
  });

  it("turns contiguous numeric levels into arrays", () => {
    const attrs = {
      "in.chat_history.0.role": "system",
      "in.chat_history.0.content": "be brief",
      "in.chat_history.1.role": "user",
      "in.chat_history.1.content": "hi",
      "in.tags.1": "b",
      "in.tags.0": "a",
    };
    expect(unflatten(attrs, "in")).toEqual({
      chat_history: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hi" },
      ],
      tags: ["a", "b"],
    });
  });

  it("keeps sparse or non-canonical indices as objects (no index is lost)", () => {
    expect(unflatten({ "x.l.0": "a", "x.l.2": "c" }, "x")).toEqual({ l: { 0: "a", 2: "c" } });
    expect(unflatten({ "x.l.00": "a" }, "x")).toEqual({ l: { "00": "a" } });
    expect(Array.isArray(unflatten({ "x.l.0": "a" }, "x").l)).toBe(true);
  });

  it("keeps both sides of a leaf/object collision, in either order", () => {
    const expected = { a: 1, "a.b": 2, "a.c.d": 3 };
    expect(unflatten({ "p.a": 1, "p.a.b": 2, "p.a.c.d": 3 }, "p")).toEqual(expected);
    expect(unflatten({ "p.a.b": 2, "p.a.c.d": 3, "p.a": 1 }, "p")).toEqual(expected);
    expect(unflatten({ "p.a.c.d": 3, "p.a": 1, "p.a.b": 2 }, "p")).toEqual(expected);
  });

  it("resolves deeper collisions at the level where they happen", () => {
    const out = unflatten({ "k.x.y": "leaf", "k.x.y.z": "deep", "k.x.w": 0 }, "k");
    expect(out).toEqual({ x: { y: "leaf", "y.z": "deep", w: 0 } });
  });

  it("a collision inside a list keeps it an object", () => {
    const out = unflatten({ "k.l.0": "s", "k.l.0.x": 1, "k.l.1": "t" }, "k");
    expect(out).toEqual({ l: { 0: "s", "0.x": 1, 1: "t" } });
  });

  it("encodes byte arrays as base64 and keeps arrays as they are", () => {
    const out = unflatten({ "b.bytes": new Uint8Array([104, 105]), "b.list": [1, 2] }, "b");
    expect(out).toEqual({ bytes: "aGk=", list: [1, 2] });
  });

  it("parses clear JSON only when asked", () => {
    const attrs = { "j.obj": '{"a":1}', "j.arr": " [1,2] ", "j.text": "{not json}", "j.str": "plain" };
    expect(unflatten(attrs, "j")).toEqual({
      obj: '{"a":1}',
      arr: " [1,2] ",
      text: "{not json}",
      str: "plain",
    });
    expect(unflatten(attrs, "j", { parseJson: true })).toEqual({
      obj: { a: 1 },
      arr: [1, 2],
      text: "{not json}",
      str: "plain",
    });
  });

  it("does not pollute prototypes", () => {
    const out = unflatten({ "p.__proto__.polluted": "yes", "p.constructor.x": 1 }, "p");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect((out.constructor as unknown as Record<string, unknown>).x).toBe(1);
  });
});

describe("TreeBuilder", () => {
  it("first value for a path wins, and conflicts() reports taken paths", () => {
    const tree = new TreeBuilder();
    tree.add("a.b", 1);
    tree.add("a.b", 2);
    expect(tree.conflicts("a.b")).toBe(true);
    expect(tree.conflicts("a")).toBe(true);
    expect(tree.conflicts("a.b.c")).toBe(true);
    expect(tree.conflicts("a.c")).toBe(false);
    expect(tree.leaf("a.b")).toBe(1);
    expect(tree.leaf("a")).toBeUndefined();
    expect(tree.build()).toEqual({ a: { b: 1 } });
  });
});
