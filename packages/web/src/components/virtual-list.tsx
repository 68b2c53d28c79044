/** A fixed-row-height virtualised list: only the rows in view (plus overscan) are in the DOM. */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { scrollToReveal, virtualWindow } from "../lib/virtual.js";

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  height: number | string;
  renderRow: (index: number) => ReactNode;
  /** Row to keep in view (keyboard selection). */
  reveal?: number;
  className?: string;
  label?: string;
  role?: string;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  tabIndex?: number;
  activeDescendant?: string;
}

export function VirtualList(p: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || p.reveal === undefined) return;
    const next = scrollToReveal(p.reveal, p.rowHeight, el.scrollTop, el.clientHeight);
    if (next !== null) el.scrollTop = next;
  }, [p.reveal, p.rowHeight]);
  const w = virtualWindow(p.count, p.rowHeight, scrollTop, viewport);
  const rows: ReactNode[] = [];
  for (let i = w.start; i < w.end; i++) rows.push(p.renderRow(i));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the caller gives the role (tree, list) that the keys serve.
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label names the caller's role.
    <div
      ref={ref}
      className={`vlist ${p.className ?? ""}`}
      style={{ height: p.height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      role={p.role}
      aria-label={p.label}
      tabIndex={p.tabIndex}
      onKeyDown={p.onKeyDown}
      aria-activedescendant={p.activeDescendant}
    >
      <div style={{ height: w.totalHeight, position: "relative" }}>
        <div style={{ transform: `translateY(${w.offsetTop}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
