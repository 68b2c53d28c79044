/** Live: new sessions and spans as they are written (server-sent events), or the tail of one running session. */
import { useEffect, useState } from "react";
import type { ApiError } from "../api/client.js";
import { followLive } from "../api/live.js";
import type { Event, SessionSummary } from "../api/types.js";
import { ErrorBox } from "../components/states.js";
import { VirtualList } from "../components/virtual-list.js";
import { fmtDuration, fmtTime } from "../lib/format.js";
import { href } from "../router.js";
import { useAuth } from "../session.js";

const KEEP = 5000;

export function LivePage({ sessionId }: { sessionId?: string }) {
  const { api } = useAuth();
  const [events, setEvents] = useState<Event[]>([]);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [status, setStatus] = useState<{ s: string; error?: ApiError }>({ s: "connecting" });
  useEffect(() => {
    const ctl = new AbortController();
    setEvents([]);
    setSessions([]);
    void followLive(api, sessionId, ctl.signal, {
      onStatus: (s, error) => setStatus(error ? { s, error } : { s }),
      onMessage: (msg) => {
        try {
          if (msg.event === "event") setEvents((xs) => [JSON.parse(msg.data) as Event, ...xs].slice(0, KEEP));
          else if (msg.event === "session")
            setSessions((xs) => [JSON.parse(msg.data) as SessionSummary, ...xs].slice(0, 200));
        } catch {
          // A message that is not JSON is ignored; the feed continues.
        }
      },
    });
    return () => ctl.abort();
  }, [api, sessionId]);
  return (
    <section aria-labelledby="live-title">
      <header className="page-head">
        <h1 id="live-title">{sessionId ? `Live tail of ${sessionId}` : "Live"}</h1>
        <span className={`badge live-${status.s}`} role="status">
          {status.s === "open" ? "● live" : status.s}
        </span>
      </header>
      {status.error && <ErrorBox error={status.error} />}
      {!sessionId && sessions.length > 0 && (
        <section className="card">
          <h2>New sessions</h2>
          <ul className="live-sessions">
            {sessions.map((s) => (
              <li key={s.session_id}>
                <a href={href("sessions", s.session_id)}>{s.session_name}</a>{" "}
                <span className="muted">{fmtTime(s.start_time)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {events.length === 0 ? (
        !status.error && (
          <div className="state empty">Waiting for spans… they appear here as they are written.</div>
        )
      ) : (
        <VirtualList
          count={events.length}
          rowHeight={30}
          height="calc(100vh - 220px)"
          label="Live events"
          renderRow={(i) => {
            const e = events[i]!;
            return (
              <div key={e.event_id} className={`live-row${e.error ? " has-error" : ""}`}>
                <span className="muted">{fmtTime(e.start_time)}</span>
                <span className={`type type-${e.event_type}`}>{e.event_type}</span>
                <a href={href("sessions", e.session_id)}>{e.event_name}</a>
                <span className="dur">{fmtDuration(e.duration)}</span>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
