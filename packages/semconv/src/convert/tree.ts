import type { JsonObject } from "../event.js";
import { isPlainObject } from "./values.js";

/** An object under construction. Leaves are any value that is not a `Branch`. */
class Branch {
  readonly children = new Map<string, unknown>();

  /** Moves this branch's leaves into `target` under literal dotted keys starting with `prefix`. */
  flattenInto(target: Branch, prefix: string): void {
    for (const [key, child] of this.children) {
      const literal = `${prefix}.${key}`;
      if (child instanceof Branch) child.flattenInto(target, literal);
      else if (!target.children.has(literal)) target.children.set(literal, child);
    }
  }
}

function isIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 9 || (n > 1 && key.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An array when the keys are exactly "0".."n-1", else an object (own keys, `__proto__` included). */
function toJson(branch: Branch): unknown {
  const size = branch.children.size;
  let dense = size > 0;
  for (const key of branch.children.keys()) {
    if (!isIndex(key) || Number(key) >= size) {
      dense = false;
      break;
    }
  }
  if (dense) {
    const out: unknown[] = new Array(size);
    for (const [key, child] of branch.children)
      out[Number(key)] = child instanceof Branch ? toJson(child) : child;
    return out;
  }
  const out: JsonObject = {};
  for (const [key, child] of branch.children)
    setOwn(out, key, child instanceof Branch ? toJson(child) : child);
  return out;
}

/** `obj[key] = value`, except that "__proto__" becomes an own property instead of changing the prototype. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/**
 * Builds nested objects from dotted paths. Rules:
 * - "a.b.c" → `{a: {b: {c}}}`; a level whose keys are exactly 0..n-1 becomes an array.
 * - The first value added for a path wins (add in precedence order).
 * - Collision between a leaf and an object at the same path: the leaf keeps the
 *   path, and the object's leaves are kept beside it under their literal dotted
 *   keys (`a=1` + `a.b=2` → `{a: 1, "a.b": 2}`), whatever the order of arrival.
 */
export class TreeBuilder {
  private readonly root = new Branch();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(path: string, value: unknown): void {
    if (value === undefined) return;
    this.count++;
    let node = this.root;
    let start = 0;
    for (let dot = path.indexOf("."); dot >= 0; dot = path.indexOf(".", start)) {
      const segment = path.slice(start, dot);
      const child = node.children.get(segment);
      if (child instanceof Branch) {
        node = child;
      } else if (child === undefined) {
        const branch = new Branch();
        node.children.set(segment, branch);
        node = branch;
      } else {
        const rest = path.slice(start);
        if (!node.children.has(rest)) node.children.set(rest, value);
        return;
      }
      start = dot + 1;
    }
    const last = path.slice(start);
    const existing = node.children.get(last);
    if (existing === undefined) {
      node.children.set(last, value);
    } else if (existing instanceof Branch) {
      node.children.set(last, value);
      existing.flattenInto(node, last);
    }
  }

  /**
   * Adds the leaves of a plain object below `prefix`, recursing into nested
   * plain objects, skipping leaves that conflict. Returns how many were added.
   */
  merge(value: JsonObject, prefix = ""): number {
    let added = 0;
    for (const [key, inner] of Object.entries(value)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (isPlainObject(inner) && Object.keys(inner).length > 0) {
        added += this.merge(inner, path);
      } else if (!this.conflicts(path)) {
        this.add(path, inner);
        added++;
      }
    }
    return added;
  }

  /** True when adding `path` now would collide: the path is taken, or a leaf or an object is in the way. */
  conflicts(path: string): boolean {
    let node = this.root;
    let start = 0;
    for (let dot = path.indexOf("."); dot >= 0; dot = path.indexOf(".", start)) {
      const child = node.children.get(path.slice(start, dot));
      if (child === undefined) return false;
      if (!(child instanceof Branch)) return true;
      node = child;
      start = dot + 1;
    }
    return node.children.has(path.slice(start));
  }

  /** Replaces the leaf at `path` (used to coerce values); no-op when there is no leaf there. */
  replaceLeaf(path: string, value: unknown): void {
    const dot = path.lastIndexOf(".");
    const parent = dot < 0 ? this.root : this.branchAt(path.slice(0, dot));
    const key = path.slice(dot + 1);
    if (parent?.children.has(key) && !(parent.children.get(key) instanceof Branch)) {
      parent.children.set(key, value);
    }
  }

  private branchAt(path: string): Branch | undefined {
    let node = this.root;
    for (const segment of path.split(".")) {
      const child = node.children.get(segment);
      if (!(child instanceof Branch)) return undefined;
      node = child;
    }
    return node;
  }

  /** The leaf value at `path`, or undefined when there is none (or an object is there). */
  leaf(path: string): unknown {
    let node = this.root;
    let start = 0;
    for (let dot = path.indexOf("."); dot >= 0; dot = path.indexOf(".", start)) {
      const child = node.children.get(path.slice(start, dot));
      if (!(child instanceof Branch)) return undefined;
      node = child;
      start = dot + 1;
    }
    const value = node.children.get(path.slice(start));
    return value instanceof Branch ? undefined : value;
  }

  build(): JsonObject {
    return toJson(this.root) as JsonObject;
  }
}
