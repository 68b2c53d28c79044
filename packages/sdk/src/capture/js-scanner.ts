/**
 * Just enough of a JavaScript scanner to read parameter lists from function
 * source: skips strings, template literals (with nested `${}`), comments and
 * regular expression literals, so that brackets and commas inside them are
 * not taken for code.
 */

const REGEX_AFTER = "(,=:[!&|?{};+-*%<>~^";

/** True for characters after which a `/` starts a regular expression rather than a division. */
export function regexAllowedAfter(previous: string | undefined): boolean {
  return previous === undefined || REGEX_AFTER.includes(previous);
}

export function isCommentStart(src: string, i: number): boolean {
  return src[i] === "/" && (src[i + 1] === "/" || src[i + 1] === "*");
}

/** Index just past the literal or comment starting at `i`, or `i` when none starts there. */
export function skipNonCode(src: string, i: number, regexAllowed: boolean): number {
  const c = src[i];
  if (c === '"' || c === "'") return skipQuoted(src, i, c);
  if (c === "`") return skipTemplate(src, i);
  if (c !== "/") return i;
  if (src[i + 1] === "/") {
    const end = src.indexOf("\n", i);
    return end === -1 ? src.length : end;
  }
  if (src[i + 1] === "*") {
    const end = src.indexOf("*/", i + 2);
    return end === -1 ? src.length : end + 2;
  }
  return regexAllowed ? skipRegex(src, i) : i;
}

function skipQuoted(src: string, i: number, quote: string): number {
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === quote) return j + 1;
  }
  return src.length;
}

function skipTemplate(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "`") return j + 1;
    else if (c === "$" && src[j + 1] === "{") j = findClose(src, j + 2) ?? src.length;
  }
  return src.length;
}

function skipRegex(src: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "\n") return j;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      let end = j + 1;
      while (end < src.length && /[a-z]/i.test(src[end]!)) end++;
      return end;
    }
  }
  return src.length;
}

const OPEN = "([{";
const CLOSE = ")]}";

/**
 * Visits the code characters of `src` from `start`, with the bracket depth
 * relative to `start`, until `visit` returns true (its index is returned) or
 * the depth goes below zero (the index of that closing bracket is returned).
 */
export function scanCode(
  src: string,
  start: number,
  visit: (c: string, i: number, depth: number) => boolean,
): number | undefined {
  let depth = 0;
  let previous: string | undefined;
  for (let i = start; i < src.length; ) {
    const skipped = skipNonCode(src, i, regexAllowedAfter(previous));
    if (skipped > i) {
      if (!isCommentStart(src, i)) previous = "x";
      i = skipped;
      continue;
    }
    const c = src[i]!;
    if (CLOSE.includes(c) && depth === 0) return i;
    if (visit(c, i, depth)) return i;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    if (!/\s/.test(c)) previous = c;
    i++;
  }
  return undefined;
}

/** Index of the bracket closing the one opened just before `start`. */
export function findClose(src: string, start: number): number | undefined {
  return scanCode(src, start, () => false);
}

/** Index of the first code character at or after `i` (whitespace and comments skipped). */
export function nextCodeIndex(src: string, i: number): number {
  let j = i;
  while (j < src.length) {
    if (/\s/.test(src[j]!)) j++;
    else if (isCommentStart(src, j)) j = skipNonCode(src, j, false);
    else break;
  }
  return j;
}
