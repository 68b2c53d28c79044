/**
 * Session, project, source and parent named by a span, from HoneyHive
 * attributes, HoneyHive / OpenLLMetry association properties, OpenInference
 * `session.id` / `user.id`, Vercel AI SDK telemetry metadata, and the resource.
 */

import { HH_ASSOC, HH_ATTR, OPENINFERENCE, RESOURCE_ATTR, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { SpanRecord } from "../span.js";
import type { AttrBag } from "./context.js";
import { isEmptySpanId } from "./ids.js";
import type { TreeBuilder } from "./tree.js";
import { lowerIfUuid, normalizeValue, toStr } from "./values.js";

const ASSOC = `${TRACELOOP.associationPrefix}.`;
const TELEMETRY = `${VERCEL_AI.telemetryMetadataPrefix}.`;

export interface Association {
  /** Explicit session id (lower-cased when UUID-shaped), or undefined. */
  sessionId: string | undefined;
  project: string | null;
  source: string;
  parentId: string | null;
  sessionName: string;
  /** Top-level metadata keys filled from association properties. */
  metadataPaths: string[];
}

const SESSION_ID_KEYS = [
  HH_ATTR.sessionId,
  HH_ASSOC.sessionId,
  `${ASSOC}session_id`,
  OPENINFERENCE.sessionId,
  `${TELEMETRY}sessionId`,
];
const PROJECT_KEYS = [HH_ATTR.project, HH_ASSOC.project, `${ASSOC}project`];
const SOURCE_KEYS = [HH_ATTR.source, HH_ASSOC.source, `${ASSOC}source`];
const SESSION_NAME_KEYS = [HH_ASSOC.sessionName, `${ASSOC}session_name`, "honeyhive_session_name"];
/** Association parents are propagated to every span of a context, so they only apply to a trace's root span. */
const ASSOC_PARENT_KEYS = [HH_ASSOC.parentId, `${ASSOC}parent_id`];

function text(bag: AttrBag, keys: readonly string[]): string | undefined {
  const found = bag.peekFirst(keys);
  const value = found && toStr(found.value);
  if (found && value !== undefined) bag.consume(...found.keys);
  return value;
}

function resourceText(span: SpanRecord, key: string): string | undefined {
  return toStr(span.resource[key]);
}

function sessionName(bag: AttrBag, span: SpanRecord): string {
  const service = resourceText(span, RESOURCE_ATTR.serviceName);
  const named = text(bag, SESSION_NAME_KEYS);
  if (named !== undefined) return named;
  if (service !== undefined && !service.startsWith("unknown_service")) return service;
  return span.name;
}

function parentId(bag: AttrBag, span: SpanRecord): string | null {
  const explicit = text(bag, [HH_ATTR.parentId]);
  const assoc = isEmptySpanId(span.parentSpanId) ? text(bag, ASSOC_PARENT_KEYS) : undefined;
  const id = explicit ?? assoc;
  return id === undefined ? null : lowerIfUuid(id);
}

/**
 * Other association properties (`traceloop.association.properties.user_id`, ...)
 * go to the top level of metadata; `honeyhive.user_properties.*`,
 * OpenInference `user.id` and Vercel `ai.telemetry.metadata.userId` to user properties.
 */
function offerExtras(bag: AttrBag, metadata: TreeBuilder, userProperties: TreeBuilder): string[] {
  const paths: string[] = [];
  for (const key of bag.family("traceloop.association.properties.")) {
    const path = key.slice(ASSOC.length);
    if (bag.offer(metadata, path, normalizeValue(bag.attrs[key]), key)) paths.push(path.split(".", 1)[0]!);
  }
  const user = bag.peekFirst([OPENINFERENCE.userId, `${TELEMETRY}userId`]);
  if (user) bag.offer(userProperties, "user_id", normalizeValue(user.value), ...user.keys);
  return paths;
}

export function deriveAssociation(
  bag: AttrBag,
  span: SpanRecord,
  fields: { metadata: TreeBuilder; userProperties: TreeBuilder },
  defaultSource: string,
): Association {
  const sessionId = text(bag, SESSION_ID_KEYS);
  const source =
    text(bag, SOURCE_KEYS) ??
    resourceText(span, RESOURCE_ATTR.source) ??
    resourceText(span, RESOURCE_ATTR.deploymentEnvironmentName) ??
    resourceText(span, RESOURCE_ATTR.deploymentEnvironment) ??
    defaultSource;
  return {
    sessionId: sessionId === undefined ? undefined : lowerIfUuid(sessionId),
    project: text(bag, PROJECT_KEYS) ?? resourceText(span, RESOURCE_ATTR.project) ?? null,
    source,
    parentId: parentId(bag, span),
    sessionName: sessionName(bag, span),
    metadataPaths: offerExtras(bag, fields.metadata, fields.userProperties),
  };
}
