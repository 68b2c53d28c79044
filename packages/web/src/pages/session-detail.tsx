/**
 * One session: its trace as a keyboard-navigable collapsible tree beside a
 * waterfall (both virtualised, for 10,000-event sessions), and the panel of
 * the selected event.
 */
import { useMemo, useState } from "react";
import type { Event } from "../api/types.js";
import { Show, useAsync } from "../components/states.js";
import { VirtualList } from "../components/virtual-list.js";
import { fmtDuration } from "../lib/format.js";
import { buildTree, timeBounds, treeKey, visibleRows, waterfallBar } from "../lib/tree.js";
import { href } from "../router.js";
import { useAuth } from "../session.js";
import { EventPanel } from "./event-panel.js";

const ROW = 28;

export function SessionDetailPage({ sessionId }: { sessionId: string }) {
  const { api } = useAuth();
  const events = useAsync(async () => {
    const [list, session] = await Promise.all([
      api.sessionEvents(sessionId),
      // Older servers lack the aggregates; the tree then shows the stored session event.
      api.sessionAggregates(sessionId).catch(() => null),
    ]);
    return { events: withSessionAggregates(list.events, session) };
  }, [api, sessionId]);
  return (
    <section aria-labelledby="session-title">
      <header className="page-head">
        <a href={href("sessions")}>← Sessions</a>
        <h1 id="session-title">Session {sessionId}</h1>
        <a href={href("live", sessionId)}>Live tail</a>
      </header>
      <Show a={events}>{(data) => <Trace events={data.events} onChange={events.reload} />}</Show>
    </section>
  );
}

/** Swaps the stored session event for the aggregated one, so its node spans its events and its panel shows their totals. */
function withSessionAggregates(events: Event[], session: Event | null): Event[] {
  if (!session) return events;
  return events.map((e) => (e.event_id === session.event_id ? { ...e, ...session } : e));
}

function Trace({ events, onChange }: { events: Event[]; onChange: () => void }) {
  const roots = useMemo(() => buildTree(events), [events]);
  const [start, end] = useMemo(() => timeBounds(events), [events]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => visibleRows(roots, collapsed), [roots, collapsed]);
  const [selected, setSelected] = useState(0);
  const current = rows[Math.min(selected, rows.length - 1)]?.node.event;
  if (events.length === 0) return <div className="state empty">This session has no events yet.</div>;
  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  return (
    <div className="trace">
      <div className="trace-tree">
        <div className="trace-head">
          <span>Trace ({events.length} events)</span>
          <span>{fmtDuration(end - start)}</span>
        </div>
        <VirtualList
          count={rows.length}
          rowHeight={ROW}
          height="calc(100vh - 170px)"
          role="tree"
          label="Trace tree"
          tabIndex={0}
          reveal={selected}
          activeDescendant={current ? `node-${current.event_id}` : undefined}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " ") {
              const row = rows[selected];
              if (row?.hasChildren) toggle(row.node.event.event_id);
              e.preventDefault();
              return;
            }
            const next = treeKey(rows, selected, e.key, collapsed);
            if (next.index !== selected || next.collapsed !== collapsed) {
              e.preventDefault();
              setSelected(next.index);
              setCollapsed(next.collapsed);
            }
          }}
          renderRow={(i) => {
            const row = rows[i]!;
            const ev = row.node.event;
            const bar = waterfallBar(ev, start, end);
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the tree (aria-activedescendant).
              <div
                key={ev.event_id}
                id={`node-${ev.event_id}`}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={row.hasChildren ? row.expanded : undefined}
                aria-selected={i === selected}
                className={`tree-row${i === selected ? " selected" : ""}${ev.error ? " has-error" : ""}`}
                style={{ height: ROW }}
                onClick={() => setSelected(i)}
                tabIndex={-1}
              >
                <span className="tree-label" style={{ paddingLeft: row.depth * 14 }}>
                  {row.hasChildren ? (
                    <button
                      type="button"
                      tabIndex={-1}
                      className="twisty"
                      aria-label={row.expanded ? "Collapse" : "Expand"}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(ev.event_id);
                      }}
                    >
                      {row.expanded ? "▾" : "▸"}
                    </button>
                  ) : (
                    <span className="twisty" />
                  )}
                  <span className={`type type-${ev.event_type}`}>{ev.event_type}</span>
                  <span className="name">{ev.event_name}</span>
                </span>
                <span className="waterfall" aria-hidden="true">
                  <span
                    className={`bar bar-${ev.event_type}`}
                    style={{ left: `${bar.left * 100}%`, width: `${bar.width * 100}%` }}
                  />
                </span>
                <span className="dur">{fmtDuration(ev.duration)}</span>
              </div>
            );
          }}
        />
      </div>
      <div className="trace-panel">{current && <EventPanel event={current} onChange={onChange} />}</div>
    </div>
  );
}
