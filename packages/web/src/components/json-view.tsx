/**
 * Foldable JSON: children are rendered only when their node is opened, long
 * strings are cut with a "show all" button and long arrays / objects are shown
 * 100 entries at a time, so a 1 MB output opens instantly.
 */
import { useState } from "react";

const PAGE = 100;
const STRING_CUT = 2000;

export function JsonView({ value, label, open = true }: { value: unknown; label?: string; open?: boolean }) {
  return (
    <div className="json">
      <JsonNode name={label} value={value} depth={0} initiallyOpen={open} />
    </div>
  );
}

function JsonNode({
  name,
  value,
  depth,
  initiallyOpen,
}: {
  name?: string;
  value: unknown;
  depth: number;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen && depth < 2);
  const [shown, setShown] = useState(PAGE);
  const key = name !== undefined ? <span className="json-key">{name}: </span> : null;
  if (value === null || typeof value !== "object") {
    return (
      <div className="json-leaf">
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <div className="json-node">
      <button
        type="button"
        className="json-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        aria-label={`${open ? "Fold" : "Unfold"} ${name ?? "value"}`}
      >
        {open ? "▾" : "▸"}
      </button>
      {key}
      <span className="muted">
        {brackets[0]}
        {!open &&
          ` ${entries.length} ${Array.isArray(value) ? "item" : "key"}${entries.length === 1 ? "" : "s"} ${brackets[1]}`}
      </span>
      {open && (
        <div className="json-children">
          {entries.slice(0, shown).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} initiallyOpen={initiallyOpen} />
          ))}
          {entries.length > shown && (
            <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
            </button>
          )}
          <span className="muted">{brackets[1]}</span>
        </div>
      )}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  const [all, setAll] = useState(false);
  if (typeof value === "string") {
    const cut = !all && value.length > STRING_CUT;
    return (
      <span className="json-string">
        "{cut ? value.slice(0, STRING_CUT) : value}"
        {cut && (
          <button type="button" className="link" onClick={() => setAll(true)}>
            … show all {value.length.toLocaleString()} characters
          </button>
        )}
      </span>
    );
  }
  return <span className={`json-${value === null ? "null" : typeof value}`}>{String(value)}</span>;
}
