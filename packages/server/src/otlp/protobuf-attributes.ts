/**
 * OTLP AnyValue and KeyValue lists (opentelemetry.proto.common.v1) read into plain
 * JavaScript: kvlists become objects, arrays arrays, bytes Uint8Arrays, int64
 * beyond 2^53 decimal strings.
 */
import type { Attributes, AttributeValue } from "@honeyhive-ts/semconv";
import { MAX_ANY_VALUE_DEPTH, setAttribute } from "./common.js";
import {
  type MessageInfo,
  type ProtoReader,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  WireError,
  within,
} from "./protobuf-reader.js";

const KEY_VALUE: MessageInfo = { name: "KeyValue", fields: { 1: "key", 2: "value" } };
const ANY_VALUE: MessageInfo = {
  name: "AnyValue",
  fields: {
    1: "string_value",
    2: "bool_value",
    3: "int_value",
    4: "double_value",
    5: "array_value",
    6: "kvlist_value",
    7: "bytes_value",
  },
};
const ARRAY_VALUE: MessageInfo = { name: "ArrayValue", fields: { 1: "values" } };
const KEY_VALUE_LIST: MessageInfo = { name: "KeyValueList", fields: { 1: "values" } };

/** A `repeated KeyValue attributes` element whose tag was just read; index `ai` names it in errors. */
export function keyValueField(r: ProtoReader, end: number, target: Attributes, ai: number): void {
  const stop = r.lengthEnd(end);
  try {
    keyValue(r, stop, target, 0);
  } catch (err) {
    throw within(err, `attributes[${ai}]`);
  }
}

function keyValue(r: ProtoReader, end: number, target: Attributes, depth: number): void {
  let key = "";
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.tag(end, KEY_VALUE);
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN);
        key = r.string(end);
        break;
      case 2: {
        r.expect(tag, WIRE_LEN);
        const stop = r.lengthEnd(end);
        try {
          value = anyValue(r, stop, depth);
        } catch (err) {
          throw within(err, "value");
        }
        break;
      }
      default:
        r.skip(tag, end);
    }
  }
  if (key !== "") setAttribute(target, key, value);
}

function anyValue(r: ProtoReader, end: number, depth: number): AttributeValue {
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.tag(end, ANY_VALUE);
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN);
        value = r.string(end);
        break;
      case 2:
        r.expect(tag, WIRE_VARINT);
        value = r.bool(end);
        break;
      case 3:
        r.expect(tag, WIRE_VARINT);
        value = r.int64(end);
        break;
      case 4:
        r.expect(tag, WIRE_FIXED64);
        value = r.double(end);
        break;
      case 5: {
        r.expect(tag, WIRE_LEN);
        const stop = nestedEnd(r, end, depth);
        try {
          value = arrayValue(r, stop, depth + 1);
        } catch (err) {
          throw within(err, "arrayValue");
        }
        break;
      }
      case 6: {
        r.expect(tag, WIRE_LEN);
        const stop = nestedEnd(r, end, depth);
        try {
          value = keyValueList(r, stop, depth + 1);
        } catch (err) {
          throw within(err, "kvlistValue");
        }
        break;
      }
      case 7:
        r.expect(tag, WIRE_LEN);
        value = r.bytesCopy(end);
        break;
      default:
        r.skip(tag, end);
    }
  }
  return value;
}

function nestedEnd(r: ProtoReader, end: number, depth: number): number {
  if (depth >= MAX_ANY_VALUE_DEPTH) {
    throw new WireError(
      `malformed: AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels at byte ${r.pos}`,
    );
  }
  return r.lengthEnd(end);
}

function arrayValue(r: ProtoReader, end: number, depth: number): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (r.pos < end) {
    const tag = r.tag(end, ARRAY_VALUE);
    if (tag >>> 3 === 1) {
      r.expect(tag, WIRE_LEN);
      const stop = r.lengthEnd(end);
      try {
        values.push(anyValue(r, stop, depth));
      } catch (err) {
        throw within(err, `values[${values.length}]`);
      }
    } else {
      r.skip(tag, end);
    }
  }
  return values;
}

function keyValueList(r: ProtoReader, end: number, depth: number): Attributes {
  const values: Attributes = {};
  let i = 0;
  while (r.pos < end) {
    const tag = r.tag(end, KEY_VALUE_LIST);
    if (tag >>> 3 === 1) {
      r.expect(tag, WIRE_LEN);
      const stop = r.lengthEnd(end);
      try {
        keyValue(r, stop, values, depth);
      } catch (err) {
        throw within(err, `values[${i}]`);
      }
      i++;
    } else {
      r.skip(tag, end);
    }
  }
  return values;
}
