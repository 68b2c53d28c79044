import { nextCodeIndex, scanCode } from "./js-scanner.js";

type Names = readonly (string | undefined)[];
/** Any function or class. */
export type AnyFunction = ((...args: never) => unknown) | (abstract new (...args: never) => unknown);

const cache = new WeakMap<AnyFunction, Names>();
const NONE: Names = Object.freeze([]);
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;
const LAST_IDENTIFIER = /([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*$/u;

/**
 * Parameter names of a function, read from its source and cached per
 * function; never throws. A destructured parameter has no name (`undefined`);
 * a rest parameter is returned as `"...name"`; a default value is ignored
 * (`x = 1` → `"x"`). For a class, the constructor's parameters (inherited when
 * it declares none). Native and bound functions have none.
 */
export function parameterNames(fn: AnyFunction): Names {
  if (typeof fn !== "function") return NONE;
  const cached = cache.get(fn);
  if (cached !== undefined) return cached;
  let names = NONE;
  try {
    names = Object.freeze(readNames(fn));
  } catch {
    // unreadable source (a revoked proxy, a throwing toString): no names
  }
  cache.set(fn, names);
  return names;
}

function readNames(fn: AnyFunction): (string | undefined)[] {
  const src = Function.prototype.toString.call(fn);
  if (/^class[\s{]/.test(src)) {
    const open = constructorStart(src);
    if (open !== undefined) return splitParameters(src, open);
    const parent: unknown = Object.getPrototypeOf(fn);
    return typeof parent === "function" && parent !== Function.prototype
      ? [...parameterNames(parent as AnyFunction)]
      : [];
  }
  const start = parametersStart(src);
  if (typeof start === "string") return [start];
  return start === undefined ? [] : splitParameters(src, start);
}

/** Index of the `(` opening the parameters, or the name of the single parameter of `x => …`. */
function parametersStart(src: string): number | string | undefined {
  let result: number | string | undefined;
  scanCode(src, 0, (c, i, depth) => {
    if (depth > 0) return false;
    if (c === "(") result = i;
    else if (c === "=" && src[i + 1] === ">") result = LAST_IDENTIFIER.exec(src.slice(0, i))?.[1];
    return c === "(" || c === "{" || (c === "=" && src[i + 1] === ">");
  });
  return result;
}

/** Index of the `(` of a class's constructor, if it declares one. */
function constructorStart(src: string): number | undefined {
  const body = scanCode(src, 0, (c, _i, depth) => depth === 0 && c === "{");
  if (body === undefined) return undefined;
  let result: number | undefined;
  scanCode(src, body + 1, (c, i, depth) => {
    if (depth > 0 || c !== "c" || !src.startsWith("constructor", i)) return false;
    if (isIdentifierChar(src[i - 1]) || isIdentifierChar(src[i + 11])) return false;
    const before = src.slice(body + 1, i).trimEnd();
    if (before.endsWith(".") || /\bstatic$/.test(before)) return false;
    const open = nextCodeIndex(src, i + 11);
    if (src[open] !== "(") return false;
    result = open;
    return true;
  });
  return result;
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{ID_Continue}$\u200c\u200d]/u.test(c);
}

function splitParameters(src: string, open: number): (string | undefined)[] {
  const pieces: string[] = [];
  let current = "";
  const end = scanCode(src, open + 1, (c, _i, depth) => {
    if (depth === 0 && c === ",") {
      pieces.push(current);
      current = "";
    } else {
      current += c;
    }
    return false;
  });
  if (end === undefined || src[end] !== ")") return [];
  pieces.push(current);
  if (pieces[pieces.length - 1]!.trim() === "") pieces.pop();
  return pieces.map(nameOf);
}

function nameOf(piece: string): string | undefined {
  let text = piece.trim();
  const rest = text.startsWith("...");
  if (rest) text = text.slice(3).trimStart();
  const name = IDENTIFIER.exec(text)?.[0];
  if (name === undefined) return undefined;
  return rest ? `...${name}` : name;
}
