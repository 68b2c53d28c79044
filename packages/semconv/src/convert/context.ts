import { GEN_AI } from "../attributes.js";
import type { Attributes, AttributeValue, SpanRecord } from "../span.js";
import type { TreeBuilder } from "./tree.js";
import { toNumber } from "./values.js";

/** Attribute families read as a group, bucketed in the single pass over the keys. */
export const FAMILIES = [
  "honeyhive_inputs.",
  "honeyhive_outputs.",
  "honeyhive_config.",
  "honeyhive_metadata.",
  "honeyhive_metrics.",
  "honeyhive_feedback.",
  "honeyhive_user_properties.",
  "honeyhive.user_properties.",
  "gen_ai.prompt.",
  "gen_ai.completion.",
  "gen_ai.request.",
  "llm.input_messages.",
  "llm.output_messages.",
  "llm.request.functions.",
  "llm.tools.",
  "retrieval.documents.",
  "traceloop.association.properties.",
  "ai.telemetry.metadata.",
  "ai.settings.",
] as const;
export type Family = (typeof FAMILIES)[number];

const BY_FIRST_CHAR = new Map<number, Family[]>();
for (const family of FAMILIES) {
  const c = family.charCodeAt(0);
  const list = BY_FIRST_CHAR.get(c);
  if (list) list.push(family);
  else BY_FIRST_CHAR.set(c, [family]);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const n = toNumber(a);
  return n !== undefined && n === toNumber(b);
}

/**
 * The attributes of one span with bookkeeping: which keys a mapping has
 * consumed (`take`), and which keys belong to each family. Whatever is not
 * consumed ends up in metadata.
 */
export class AttrBag {
  readonly attrs: Attributes;
  /** Attributes not consumed yet. */
  private readonly remaining = new Map<string, AttributeValue>();
  private readonly families = new Map<Family, string[]>();

  constructor(span: SpanRecord) {
    const attrs = withOperationDetails(span);
    this.attrs = attrs;
    for (const key of Object.keys(attrs)) {
      this.remaining.set(key, attrs[key]!);
      const candidates = BY_FIRST_CHAR.get(key.charCodeAt(0));
      if (!candidates) continue;
      for (const family of candidates) {
        if (!key.startsWith(family)) continue;
        const keys = this.families.get(family);
        if (keys) keys.push(key);
        else this.families.set(family, [key]);
        break;
      }
    }
  }

  /** The value of an attribute not yet consumed. */
  peek(key: string): AttributeValue | undefined {
    return this.remaining.get(key);
  }

  take(key: string): AttributeValue | undefined {
    const value = this.remaining.get(key);
    if (value !== undefined) this.remaining.delete(key);
    return value;
  }

  /** Marks keys as consumed. */
  consume(...keys: string[]): void {
    for (const key of keys) this.remaining.delete(key);
  }

  /** The first present attribute of `keys`, consumed with any later ones holding the same value. */
  takeFirst(keys: readonly string[]): AttributeValue | undefined {
    let found: AttributeValue | undefined;
    for (const key of keys) {
      const value = this.peek(key);
      if (value === undefined) continue;
      if (found === undefined) found = value;
      else if (!sameValue(found, value)) continue;
      this.remaining.delete(key);
    }
    return found;
  }

  /** The first present attribute of `keys` and the keys holding that same value, none consumed. */
  peekFirst(keys: readonly string[]): { value: AttributeValue; keys: string[] } | undefined {
    let found: { value: AttributeValue; keys: string[] } | undefined;
    for (const key of keys) {
      const value = this.peek(key);
      if (value === undefined) continue;
      if (found === undefined) found = { value, keys: [key] };
      else if (sameValue(found.value, value)) found.keys.push(key);
    }
    return found;
  }

  /** Key of the first present attribute of `keys`, without consuming it. */
  firstKey(keys: readonly string[]): string | undefined {
    for (const key of keys) if (this.peek(key) !== undefined) return key;
    return undefined;
  }

  /** Unconsumed keys of a family, in attribute order. */
  family(family: Family): string[] {
    const keys = this.families.get(family);
    if (!keys) return [];
    return keys.filter((key) => this.remaining.has(key));
  }

  /** Adds `value` at `path` unless that collides with what `tree` holds; consumes `sources` when added. */
  offer(tree: TreeBuilder, path: string, value: unknown, ...sources: string[]): boolean {
    if (value === undefined || tree.conflicts(path)) return false;
    tree.add(path, value);
    for (const key of sources) this.remaining.delete(key);
    return true;
  }

  /** Attributes nobody consumed. */
  leftovers(): IterableIterator<[string, AttributeValue]> {
    return this.remaining.entries();
  }
}

/**
 * The span's attributes, plus those of a `gen_ai.client.inference.operation.details`
 * span event (where newer GenAI instrumentations may put the messages) for keys the span lacks.
 */
function withOperationDetails(span: SpanRecord): Attributes {
  const details = span.events.find((e) => e.name === GEN_AI.operationDetailsEvent);
  if (!details) return span.attributes;
  return Object.fromEntries([...Object.entries(details.attributes), ...Object.entries(span.attributes)]);
}
