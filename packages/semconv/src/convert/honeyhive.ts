import { HH_ATTR } from "../attributes.js";
import type { AttrBag, Family } from "./context.js";
import { TreeBuilder } from "./tree.js";
import { isPlainObject, normalizeValue, parseJsonIfClear } from "./values.js";

/** Event fields set explicitly through `honeyhive_<field>.*` attributes, as trees still open for derived values. */
export interface ExplicitFields {
  inputs: TreeBuilder;
  outputs: TreeBuilder;
  config: TreeBuilder;
  metadata: TreeBuilder;
  metrics: TreeBuilder;
  feedback: TreeBuilder;
  userProperties: TreeBuilder;
}

const PARAMS = `${HH_ATTR.paramsLevel}.`;

/** Explicit values are JSON-decoded when clearly JSON: the HoneyHive SDKs JSON-encode nested values. */
function explicitValue(value: unknown): unknown {
  return parseJsonIfClear(normalizeValue(value));
}

/** `honeyhive_inputs = '{"a":1}'` (a whole field as one JSON object) adds its keys below the dotted ones. */
function addWholeField(bag: AttrBag, tree: TreeBuilder, key: string): void {
  const value = explicitValue(bag.peek(key));
  if (!isPlainObject(value)) return;
  bag.consume(key);
  tree.merge(value);
}

function readFamily(bag: AttrBag, tree: TreeBuilder, family: Family, stripParams: boolean): void {
  const deferred: [string, unknown][] = [];
  let wholeParams: string | undefined;
  for (const key of bag.family(family)) {
    const path = key.slice(family.length);
    bag.consume(key);
    if (stripParams && path.startsWith(PARAMS)) {
      deferred.push([path.slice(PARAMS.length), explicitValue(bag.attrs[key])]);
    } else if (stripParams && path === HH_ATTR.paramsLevel) {
      wholeParams = key;
    } else {
      tree.add(path, explicitValue(bag.attrs[key]));
    }
  }
  // `honeyhive_inputs.x` and `honeyhive_inputs._params_.x` give the same input; the direct form wins.
  for (const [path, value] of deferred) tree.add(path, value);
  if (wholeParams) addWholeField(bag, tree, wholeParams);
}

function readField(bag: AttrBag, attribute: string, stripParams = false): TreeBuilder {
  const tree = new TreeBuilder();
  readFamily(bag, tree, `${attribute}.` as Family, stripParams);
  addWholeField(bag, tree, attribute);
  return tree;
}

/** Reads `honeyhive_{inputs,outputs,config,metadata,metrics,feedback,user_properties}.*`. */
export function readExplicitFields(bag: AttrBag): ExplicitFields {
  const userProperties = readField(bag, HH_ATTR.userProperties);
  readFamily(bag, userProperties, "honeyhive.user_properties.", false);
  return {
    inputs: readField(bag, HH_ATTR.inputs, true),
    outputs: readField(bag, HH_ATTR.outputs),
    config: readField(bag, HH_ATTR.config),
    metadata: readField(bag, HH_ATTR.metadata),
    metrics: readField(bag, HH_ATTR.metrics),
    feedback: readField(bag, HH_ATTR.feedback),
    userProperties,
  };
}
