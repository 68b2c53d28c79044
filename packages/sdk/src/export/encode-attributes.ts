/**
 * opentelemetry.proto.common.v1 KeyValue lists and AnyValue, in the two
 * passes: `size*` plans (pushing sizes into the state), `write*` writes.
 * Content attributes go through the mask during planning, once.
 */
import type { Attributes } from "@opentelemetry/api";
import { type EncodeState, isPlainValue, normalizeValue } from "./encode-state.js";
import { int64Size, lenFieldSize, type ProtoWriter, utf8Length } from "./proto-writer.js";

/** Decides whether an attribute's value goes through the mask. */
export type ContentTest = (key: string) => boolean;

function isInt(n: number): boolean {
  return Number.isInteger(n) && n <= Number.MAX_SAFE_INTEGER && n >= Number.MIN_SAFE_INTEGER;
}

/** The value the planning pass will encode for this key, recording substitutions. */
function planValue(st: EncodeState, key: string, raw: unknown, isContent: ContentTest): unknown {
  let value = raw;
  const mask = st.mask;
  if (mask !== undefined && isContent(key)) value = st.applyMask(mask, raw, key);
  else if (!isPlainValue(raw)) value = normalizeValue(raw, 0);
  else return raw;
  st.substituted.push(value);
  return value;
}

/** The value the writing pass encodes: the same decision, read back. */
function writtenValue(st: EncodeState, key: string, raw: unknown, isContent: ContentTest): unknown {
  if ((st.mask !== undefined && isContent(key)) || !isPlainValue(raw)) return st.nextSubstituted();
  return raw;
}

/** Planning: bytes of every `repeated KeyValue` entry (tags included) of these attributes. */
export function sizeAttributes(
  st: EncodeState,
  attributes: Attributes | undefined,
  isContent: ContentTest,
): number {
  let total = 0;
  for (const key in attributes) {
    const raw = attributes[key];
    if (raw === undefined) continue;
    const value = planValue(st, key, raw, isContent);
    if (value === undefined) continue;
    const idx = st.reserve();
    const keyLength = utf8Length(key);
    st.push(keyLength);
    const size = lenFieldSize(keyLength) + lenFieldSize(sizeAnyValue(st, value));
    st.set(idx, size);
    total += lenFieldSize(size);
  }
  return total;
}

/** Writing: the entries planned by sizeAttributes, each under `tag`. */
export function writeAttributes(
  w: ProtoWriter,
  st: EncodeState,
  tag: number,
  attributes: Attributes | undefined,
  isContent: ContentTest,
): void {
  for (const key in attributes) {
    const raw = attributes[key];
    if (raw === undefined) continue;
    const value = writtenValue(st, key, raw, isContent);
    if (value === undefined) continue;
    w.byte(tag);
    w.varint(st.next());
    w.byte(0x0a); // KeyValue.key
    w.string(key, st.next());
    w.byte(0x12); // KeyValue.value
    writeAnyValue(w, st, value);
  }
}

/** Planning: bytes of the AnyValue message (without its own tag and length). */
export function sizeAnyValue(st: EncodeState, value: unknown): number {
  switch (typeof value) {
    case "string": {
      const length = utf8Length(value);
      st.push(length);
      return lenFieldSize(length);
    }
    case "boolean":
      return 2;
    case "number":
      return isInt(value) ? 1 + int64Size(value) : 9;
    default:
      break;
  }
  if (Array.isArray(value)) {
    const idx = st.reserve();
    let inner = 0;
    for (const v of value) inner += lenFieldSize(sizeAnyValue(st, v));
    st.set(idx, inner);
    return lenFieldSize(inner);
  }
  if (value instanceof Uint8Array) return lenFieldSize(value.length);
  return 0; // null: an empty AnyValue
}

/** Writing: length prefix and AnyValue message. */
export function writeAnyValue(w: ProtoWriter, st: EncodeState, value: unknown): void {
  switch (typeof value) {
    case "string": {
      const length = st.next();
      w.varint(lenFieldSize(length));
      w.byte(0x0a); // string_value
      w.string(value, length);
      return;
    }
    case "boolean":
      w.byte(2);
      w.byte(0x10); // bool_value
      w.byte(value ? 1 : 0);
      return;
    case "number":
      if (isInt(value)) {
        w.varint(1 + int64Size(value));
        w.byte(0x18); // int_value
        w.int64(value);
      } else {
        w.byte(9);
        w.byte(0x21); // double_value
        w.double(value);
      }
      return;
    default:
      break;
  }
  if (Array.isArray(value)) {
    const inner = st.next();
    w.varint(lenFieldSize(inner));
    w.byte(0x2a); // array_value
    w.varint(inner);
    for (const v of value) {
      w.byte(0x0a); // ArrayValue.values
      writeAnyValue(w, st, v);
    }
    return;
  }
  if (value instanceof Uint8Array) {
    w.varint(lenFieldSize(value.length));
    w.byte(0x3a); // bytes_value
    w.bytes(value);
    return;
  }
  w.byte(0);
}
