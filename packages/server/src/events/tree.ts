import type { StoredEvent } from "@honeyhive-ts/semconv";

export interface SessionAggregates {
  num_events: number;
  num_model_events: number;
  num_errors: number;
  has_feedback: boolean;
  cost: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export type EventNode = StoredEvent & { children: EventNode[] };

const n = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export function aggregate(events: readonly StoredEvent[]): SessionAggregates {
  const out: SessionAggregates = {
    num_events: 0,
    num_model_events: 0,
    num_errors: 0,
    has_feedback: false,
    cost: 0,
    total_tokens: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
  };
  for (const e of events) {
    if (e.event_type === "session") {
      if (Object.keys(e.feedback).length > 0) out.has_feedback = true;
      continue;
    }
    out.num_events++;
    if (e.event_type === "model") out.num_model_events++;
    if (e.error) out.num_errors++;
    if (Object.keys(e.feedback).length > 0) out.has_feedback = true;
    out.cost += n(e.metadata["cost"]);
    out.prompt_tokens += n(e.metadata["prompt_tokens"]);
    out.completion_tokens += n(e.metadata["completion_tokens"]);
    out.total_tokens += n(e.metadata["total_tokens"]);
  }
  out.cost = Math.round(out.cost * 1e9) / 1e9;
  return out;
}

/**
 * The session with its aggregates folded into metadata and its time span
 * widened to cover every event (a session created from spans has no end of
 * its own).
 */
export function sessionWithAggregates(session: StoredEvent, events: readonly StoredEvent[]): StoredEvent {
  let start = session.start_time;
  let end = session.end_time;
  for (const e of events) {
    if (e.start_time < start) start = e.start_time;
    if (e.end_time > end) end = e.end_time;
  }
  return {
    ...session,
    start_time: start,
    end_time: end,
    duration: Math.max(session.duration, end - start),
    metadata: { ...session.metadata, ...aggregate(events) },
  };
}

/** Nest events under their parents; events whose parent is missing hang off the session. */
export function buildTree(session: StoredEvent, events: readonly StoredEvent[]): EventNode {
  const root: EventNode = { ...sessionWithAggregates(session, events), children: [] };
  const nodes = new Map<string, EventNode>([[root.event_id, root]]);
  for (const e of events) if (e.event_id !== root.event_id) nodes.set(e.event_id, { ...e, children: [] });
  for (const node of nodes.values()) {
    if (node === root) continue;
    const parent = (node.parent_id && nodes.get(node.parent_id)) || root;
    (createsCycle(node, parent, nodes) ? root : parent).children.push(node);
  }
  for (const node of nodes.values()) node.children_ids = node.children.map((c) => c.event_id);
  return root;
}

/** True when following parent links up from `parent` comes back to `node`. */
function createsCycle(node: EventNode, parent: EventNode, nodes: Map<string, EventNode>): boolean {
  let cursor: EventNode | undefined = parent;
  for (let hops = 0; cursor && hops <= nodes.size; hops++) {
    if (cursor === node) return true;
    cursor = cursor.parent_id ? nodes.get(cursor.parent_id) : undefined;
  }
  return false;
}
