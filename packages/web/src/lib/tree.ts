/**
 * The trace tree of a session: built from its flat events (parents resolved
 * by id, orphans under the session, siblings by start time), flattened into
 * the visible rows of a collapsible tree, with the waterfall geometry of each
 * row. Iterative, so a 10,000-event session cannot overflow the stack.
 */

export interface TreeEvent {
  event_id: string;
  parent_id: string | null;
  event_type: string;
  event_name: string;
  start_time: number;
  end_time: number;
  duration: number;
  error: string | null;
}

export interface TreeNode<E extends TreeEvent = TreeEvent> {
  event: E;
  children: TreeNode<E>[];
}

/** Roots of the events' forest; an event whose parent is unknown is a root. */
export function buildTree<E extends TreeEvent>(events: E[]): TreeNode<E>[] {
  const nodes = new Map<string, TreeNode<E>>();
  for (const event of events) nodes.set(event.event_id, { event, children: [] });
  const roots: TreeNode<E>[] = [];
  for (const node of nodes.values()) {
    const parentId = node.event.parent_id;
    const parent = parentId && parentId !== node.event.event_id ? nodes.get(parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byStart = (a: TreeNode<E>, b: TreeNode<E>) => a.event.start_time - b.event.start_time;
  roots.sort(byStart);
  for (const node of nodes.values()) node.children.sort(byStart);
  return roots;
}

export interface TreeRow<E extends TreeEvent = TreeEvent> {
  node: TreeNode<E>;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/** Rows shown when the ids in `collapsed` are folded, depth first in start order. */
export function visibleRows<E extends TreeEvent>(
  roots: TreeNode<E>[],
  collapsed: ReadonlySet<string>,
): TreeRow<E>[] {
  const rows: TreeRow<E>[] = [];
  const stack: { node: TreeNode<E>; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, depth: 0 });
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const hasChildren = node.children.length > 0;
    const expanded = hasChildren && !collapsed.has(node.event.event_id);
    rows.push({ node, depth, hasChildren, expanded });
    if (expanded) {
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i]!, depth: depth + 1 });
    }
  }
  return rows;
}

/** Keyboard move in a tree (ARIA tree pattern): the new selection and the collapsed set. */
export function treeKey<E extends TreeEvent>(
  rows: TreeRow<E>[],
  index: number,
  key: string,
  collapsed: ReadonlySet<string>,
): { index: number; collapsed: ReadonlySet<string> } {
  const row = rows[index];
  if (!row) return { index: 0, collapsed };
  const id = row.node.event.event_id;
  const clamp = (i: number) => Math.max(0, Math.min(rows.length - 1, i));
  switch (key) {
    case "ArrowDown":
      return { index: clamp(index + 1), collapsed };
    case "ArrowUp":
      return { index: clamp(index - 1), collapsed };
    case "Home":
      return { index: 0, collapsed };
    case "End":
      return { index: rows.length - 1, collapsed };
    case "ArrowRight":
      if (row.hasChildren && !row.expanded) return { index, collapsed: without(collapsed, id) };
      return { index: row.expanded ? clamp(index + 1) : index, collapsed };
    case "ArrowLeft": {
      if (row.expanded) return { index, collapsed: new Set([...collapsed, id]) };
      for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < row.depth) return { index: i, collapsed };
      return { index, collapsed };
    }
    default:
      return { index, collapsed };
  }
}

function without(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  next.delete(id);
  return next;
}

/** Left offset and width (fractions of the session's span) of an event's waterfall bar. */
export function waterfallBar(
  event: Pick<TreeEvent, "start_time" | "end_time" | "duration">,
  spanStart: number,
  spanEnd: number,
): { left: number; width: number } {
  const total = Math.max(1, spanEnd - spanStart);
  const end = event.end_time || event.start_time + (event.duration || 0);
  const left = Math.min(1, Math.max(0, (event.start_time - spanStart) / total));
  const width = Math.max(0.002, Math.min(1 - left, (end - event.start_time) / total));
  return { left, width };
}

/** Earliest start and latest end over the events. */
export function timeBounds(
  events: Pick<TreeEvent, "start_time" | "end_time" | "duration">[],
): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    lo = Math.min(lo, e.start_time);
    hi = Math.max(hi, e.end_time || e.start_time + (e.duration || 0));
  }
  return Number.isFinite(lo) ? [lo, Math.max(hi, lo)] : [0, 0];
}
