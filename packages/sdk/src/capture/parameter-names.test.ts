import { describe, expect, it } from "vitest";
import { parameterNames } from "./index.js";

describe("parameterNames", () => {
  it("reads function declarations and expressions, async and generators", () => {
    function plain(a: number, b: string) {
      return [a, b];
    }
    async function asyncFn(query: string, options?: object) {
      return [query, options];
    }
    function* gen(seed: number) {
      yield seed;
    }
    async function* asyncGen(stream: unknown) {
      yield stream;
    }
    expect(parameterNames(plain)).toEqual(["a", "b"]);
    expect(parameterNames(asyncFn)).toEqual(["query", "options"]);
    expect(parameterNames(gen)).toEqual(["seed"]);
    expect(parameterNames(asyncGen)).toEqual(["stream"]);
    expect(parameterNames(() => 1)).toEqual([]);
  });

  it("reads arrows with and without parentheses", () => {
    expect(parameterNames(new Function("return x => x * 2")())).toEqual(["x"]);
    expect(parameterNames(new Function("return async value => value")())).toEqual(["value"]);
    expect(parameterNames((first: number, second: number) => first + second)).toEqual(["first", "second"]);
    expect(parameterNames(async (input: string) => input)).toEqual(["input"]);
  });

  it("reads object methods, computed keys and class methods", () => {
    const obj = {
      method(x: number) {
        return x;
      },
      async *stream(prompt: string) {
        yield prompt;
      },
      [`key(${1})`](inner: number) {
        return inner;
      },
    };
    class Agent {
      run(task: string, budget: number) {
        return [task, budget];
      }
      static create(config: object) {
        return config;
      }
    }
    expect(parameterNames(obj.method)).toEqual(["x"]);
    expect(parameterNames(obj.stream)).toEqual(["prompt"]);
    expect(parameterNames(obj["key(1)"])).toEqual(["inner"]);
    expect(parameterNames(Agent.prototype.run)).toEqual(["task", "budget"]);
    expect(parameterNames(Agent.create)).toEqual(["config"]);
  });

  it("gives destructured parameters no name, rest parameters a ... prefix, defaults their name", () => {
    const fn = new Function("return function ({ a, b } = {}, [c, d], x = 1, y = (2, 3), ...rest) {}")() as (
      ...args: unknown[]
    ) => void;
    expect(parameterNames(fn)).toEqual([undefined, undefined, "x", "y", "...rest"]);
  });

  it("is not fooled by strings, templates, regexes and comments in defaults", () => {
    const src = [
      "return function (a = ')', b = `x$",
      "{(1, 2)}` /* c, d) */, e = /[)]/g, // f)\n g = { h: [1, 2] }, i,) {}",
    ].join("");
    expect(parameterNames(new Function(src)())).toEqual(["a", "b", "e", "g", "i"]);
  });

  it("reads a class's constructor, or the inherited one", () => {
    class Base {
      constructor(
        readonly apiKey: string,
        readonly options: object = {},
      ) {}
      constructorLike(z: number) {
        return z;
      }
    }
    class Derived extends Base {}
    class Empty {}
    const fieldFirst = new Function(
      "return class { x = this.constructor; static constructor(q) {} constructor(real) {} }",
    )();
    expect(parameterNames(Base)).toEqual(["apiKey", "options"]);
    expect(parameterNames(Derived)).toEqual(["apiKey", "options"]);
    expect(parameterNames(Empty)).toEqual([]);
    expect(parameterNames(fieldFirst)).toEqual(["real"]);
  });

  it("has no names for native, bound and unreadable functions, and never throws", () => {
    expect(parameterNames(Math.max)).toEqual([]);
    expect(
      parameterNames(
        function named(a: number) {
          return a;
        }.bind(null),
      ),
    ).toEqual([]);
    const { proxy, revoke } = Proxy.revocable(() => {}, {});
    revoke();
    expect(parameterNames(proxy)).toEqual([]);
    expect(parameterNames(undefined as never)).toEqual([]);
  });

  it("caches per function and returns a frozen list", () => {
    const fn = (a: number) => a;
    const names = parameterNames(fn);
    expect(parameterNames(fn)).toBe(names);
    expect(Object.isFrozen(names)).toBe(true);
  });

  it("reads unicode and $ identifiers", () => {
    expect(parameterNames(new Function("return function (ñame, $x, _y) {}")())).toEqual(["ñame", "$x", "_y"]);
  });
});
