/**
 * Sessions table: time range, name search, source, user, error and
 * metadata / metric / feedback filters, sortable columns and keyset paging
 * over `GET /v1/sessions/list`.
 */
import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError } from "../api/client.js";
import { sessionsFromEvents } from "../api/sessions-fallback.js";
import type { EventFilter, SessionQuery, SessionSort, SessionSummary } from "../api/types.js";
import { Empty, Show, useAsync } from "../components/states.js";
import { brief, fmtCost, fmtDuration, fmtInt, fmtTime } from "../lib/format.js";
import { href, navigate, type Route } from "../router.js";
import { useAuth } from "../session.js";

const RANGES = [
  ["1h", 3600e3],
  ["24h", 86400e3],
  ["7d", 7 * 86400e3],
  ["30d", 30 * 86400e3],
  ["all", 0],
] as const;

const OPERATORS: readonly Operator[] = [
  "is",
  "is not",
  "contains",
  "not contains",
  "greater than",
  "less than",
  "exists",
  "not exists",
];

type Operator = EventFilter["operator"];

interface Filter {
  field: string;
  operator: Operator;
  value: string;
}

const COLUMNS: {
  label: string;
  sort?: SessionSort;
  cell: (s: SessionSummary) => ReactNode;
  num?: boolean;
}[] = [
  { label: "Started", sort: "start_time", cell: (s) => fmtTime(s.start_time) },
  { label: "Session", cell: (s) => s.session_name },
  { label: "Source", cell: (s) => s.source },
  { label: "User", cell: (s) => s.user_id ?? "–" },
  {
    label: "Duration",
    sort: "duration",
    cell: (s) =>
      s.running ? (
        <>
          {fmtDuration(s.duration_ms)}{" "}
          <span
            className="live-mark"
            title="Written to in the last minute: it may still be running, so the duration is so far"
          >
            ● live
          </span>
        </>
      ) : (
        fmtDuration(s.duration_ms || Number.NaN)
      ),
    num: true,
  },
  { label: "Events", sort: "event_count", cell: (s) => fmtInt(s.event_count), num: true },
  { label: "Tokens", sort: "total_tokens", cell: (s) => fmtInt(s.total_tokens), num: true },
  { label: "Cost", sort: "cost", cell: (s) => fmtCost(s.cost), num: true },
  { label: "Errors", sort: "error_count", cell: (s) => fmtInt(s.error_count), num: true },
  { label: "Feedback", cell: (s) => (Object.keys(s.feedback ?? {}).length ? brief(s.feedback, 40) : "–") },
];

export function SessionsPage({ route }: { route: Route }) {
  const { api } = useAuth();
  const [form, setForm] = useState({
    range: route.query.get("range") ?? "all",
    search: route.query.get("search") ?? "",
    source: "",
    user_id: "",
    has_error: "",
  });
  const [filters, setFilters] = useState<Filter[]>([]);
  const [applied, setApplied] = useState({ form, filters });
  const [sort, setSort] = useState<{ by: SessionSort; order: "asc" | "desc" }>({
    by: "start_time",
    order: "desc",
  });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const query = (): SessionQuery => {
    const f = applied.form;
    const span = RANGES.find(([k]) => k === f.range)?.[1] ?? 0;
    const q: SessionQuery = { sort_by: sort.by, sort_order: sort.order, limit: 50 };
    if (span) q.start_time = Date.now() - span;
    if (f.search) q.search = f.search;
    if (f.source) q.source = f.source;
    if (f.user_id) q.user_id = f.user_id;
    if (f.has_error === "true" || f.has_error === "false") q.has_error = f.has_error;
    const fs = applied.filters.filter((x) => x.field.trim());
    if (fs.length)
      q.filters = fs.map((x) => ({ field: x.field.trim(), operator: x.operator, ...typedValue(x.value) }));
    if (cursor) q.cursor = cursor;
    return q;
  };
  const page = useAsync(async () => {
    try {
      return { ...(await api.sessions(query())), partial: false };
    } catch (err) {
      // An older server answers 404 here (no route, or "list" read as a session id).
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      return { ...(await sessionsFromEvents(api, query())), partial: true };
    }
  }, [api, applied, sort, cursor]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ form, filters });
    setCursors([undefined]);
  };
  const sortBy = (by: SessionSort) => {
    setSort((s) => ({ by, order: s.by === by && s.order === "desc" ? "asc" : "desc" }));
    setCursors([undefined]);
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  return (
    <section aria-labelledby="sessions-title">
      <header className="page-head">
        <h1 id="sessions-title">Sessions</h1>
      </header>
      <form className="toolbar" onSubmit={apply} aria-label="Session filters">
        <label>
          Time range
          <select value={form.range} onChange={set("range")}>
            {RANGES.map(([k]) => (
              <option key={k} value={k}>
                {k === "all" ? "All time" : `Last ${k}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input type="search" value={form.search} onChange={set("search")} placeholder="Search by name" />
        </label>
        <label>
          Source
          <input value={form.source} onChange={set("source")} placeholder="any" size={10} />
        </label>
        <label>
          User
          <input value={form.user_id} onChange={set("user_id")} placeholder="any" size={10} />
        </label>
        <label>
          Errors
          <select value={form.has_error} onChange={set("has_error")}>
            <option value="">Any</option>
            <option value="true">With errors</option>
            <option value="false">Without errors</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() => setFilters([...filters, { field: "metadata.", operator: "is", value: "" }])}
        >
          + Filter
        </button>
        <button type="submit" className="primary">
          Apply
        </button>
        {filters.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: filter rows are positional.
          <div className="filter-row" key={i}>
            <input
              aria-label={`Filter ${i + 1} field`}
              value={f.field}
              onChange={(e) =>
                setFilters(filters.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))
              }
              placeholder="metadata.key, metrics.name, feedback.rating"
            />
            <select
              aria-label={`Filter ${i + 1} operator`}
              value={f.operator}
              onChange={(e) =>
                setFilters(
                  filters.map((x, j) => (j === i ? { ...x, operator: e.target.value as Operator } : x)),
                )
              }
            >
              {OPERATORS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
            <input
              aria-label={`Filter ${i + 1} value`}
              value={f.value}
              onChange={(e) =>
                setFilters(filters.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
              }
            />
            <button
              type="button"
              aria-label={`Remove filter ${i + 1}`}
              onClick={() => setFilters(filters.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
      </form>
      <Show a={page}>
        {(data) =>
          data.sessions.length === 0 ? (
            <Empty>
              No sessions match. Widen the time range or clear the filters; traced apps appear here as they
              send spans.
            </Empty>
          ) : (
            <>
              {data.partial && (
                <p className="notice" role="note">
                  This server has no session list (<code>GET /v1/sessions/list</code>): sessions are read from
                  their events, and counts, tokens, cost and sorting need server support.
                </p>
              )}
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      {COLUMNS.map((c) => (
                        <th
                          key={c.label}
                          className={c.num ? "num" : undefined}
                          aria-sort={
                            c.sort && sort.by === c.sort
                              ? sort.order === "asc"
                                ? "ascending"
                                : "descending"
                              : undefined
                          }
                        >
                          {c.sort ? (
                            <button type="button" className="th-sort" onClick={() => sortBy(c.sort!)}>
                              {c.label}
                              {sort.by === c.sort ? (sort.order === "asc" ? " ▲" : " ▼") : ""}
                            </button>
                          ) : (
                            c.label
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.sessions.map((s) => (
                      <tr
                        key={s.session_id}
                        className={s.error_count > 0 ? "row-error" : undefined}
                        onClick={() => navigate(href("sessions", s.session_id))}
                      >
                        {COLUMNS.map((c, i) => (
                          <td key={c.label} className={c.num ? "num" : undefined}>
                            {i === 1 ? <a href={href("sessions", s.session_id)}>{c.cell(s)}</a> : c.cell(s)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label="Pages">
                <button
                  type="button"
                  disabled={cursors.length < 2}
                  onClick={() => setCursors(cursors.slice(0, -1))}
                >
                  ← Previous
                </button>
                <span className="muted">Page {cursors.length}</span>
                <button
                  type="button"
                  disabled={!data.next_cursor}
                  onClick={() => setCursors([...cursors, data.next_cursor ?? undefined])}
                >
                  Next →
                </button>
              </nav>
            </>
          )
        }
      </Show>
    </section>
  );
}

/** A filter value typed as the user meant it: numbers and booleans as such, else a string. */
function typedValue(text: string): Pick<EventFilter, "value" | "type"> {
  const t = text.trim();
  if (t === "") return {};
  if (t === "true" || t === "false") return { value: t === "true", type: "boolean" };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { value: Number(t), type: "number" };
  return { value: t, type: "string" };
}
