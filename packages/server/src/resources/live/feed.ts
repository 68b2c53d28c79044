import type { StoredEvent } from "@honeyhive-ts/semconv";
import { decodeEventRow, EVENT_READ_COLUMNS } from "../../storage/event-codec.js";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { jsonObject } from "../../storage/sql/rows.js";
import { type SessionSummary, sessionSummaries } from "../sessions/list.js";

/**
 * New events of a project as they are committed, for GET /v1/live. The feed
 * reads stored rows after a cursor, so an event written through any replica
 * sharing the database shows on every replica's streams:
 *
 * - SQLite: the rowid. One writer at a time, so rowids grow in commit order.
 * - PostgreSQL: (tx_id, event_id), tx_id being the writing transaction's id
 *   (a column default). Only rows of transactions older than the oldest one
 *   still running are read (`pg_snapshot_xmin`), so a transaction that
 *   commits late is never skipped; a long transaction delays the feed, it
 *   never loses events.
 *
 * One poller per project with listeners, shared by all of them; it stops
 * when the last listener leaves.
 */

export interface LiveListener {
  /** Only this session's events (and summary), when set. */
  sessionId?: string;
  onEvent(event: StoredEvent): void;
  onSession(summary: SessionSummary): void;
}

/** Most rows read per poll; a busier project is read in several polls. */
const PAGE = 500;

type Cursor = { seq: number } | { tx: string; id: string };

class ProjectPoller {
  readonly listeners = new Set<LiveListener>();
  private cursor: Cursor | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly sql: SqlDriver,
    private readonly projectId: string,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Resolves once the cursor is placed: events committed from then on are delivered. */
  async start(): Promise<void> {
    this.cursor = await this.initialCursor();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll().then(
        () => this.schedule(),
        (err: unknown) => {
          this.onError(err);
          this.schedule();
        },
      );
    }, this.pollMs);
    this.timer.unref();
  }

  private async initialCursor(): Promise<Cursor> {
    if (this.sql.dialect === "sqlite") {
      const row = await this.sql.get(`SELECT MAX(rowid) AS seq FROM ${this.sql.table("events")}`);
      return { seq: Number(row?.["seq"] ?? 0) };
    }
    const row = await this.sql.get("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS tx");
    return { tx: String(row?.["tx"]), id: "" };
  }

  private async read(): Promise<SqlRow[]> {
    const events = this.sql.table("events");
    const c = this.cursor!;
    if ("seq" in c) {
      return this.sql.all(
        `SELECT rowid AS seq, ${EVENT_READ_COLUMNS} FROM ${events}
         WHERE rowid > ? AND project_id = ? ORDER BY rowid LIMIT ${PAGE}`,
        [c.seq, this.projectId],
      );
    }
    const params: SqlParam[] = [this.projectId, c.tx, c.tx, c.id];
    return this.sql.all(
      `SELECT tx_id::text AS tx, ${EVENT_READ_COLUMNS} FROM ${events}
       WHERE project_id = ? AND tx_id IS NOT NULL
         AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (tx_id > ?::xid8 OR (tx_id = ?::xid8 AND event_id > ?))
       ORDER BY tx_id, event_id LIMIT ${PAGE}`,
      params,
    );
  }

  private async poll(): Promise<void> {
    for (;;) {
      const rows = await this.read();
      if (rows.length === 0 || this.stopped) return;
      const last = rows[rows.length - 1]!;
      this.cursor =
        "seq" in this.cursor!
          ? { seq: Number(last["seq"]) }
          : { tx: String(last["tx"]), id: String(last["event_id"]) };
      await this.deliver(rows.map((r) => decodeEventRow(r, jsonObject)));
      if (rows.length < PAGE) return;
    }
  }

  private async deliver(events: StoredEvent[]): Promise<void> {
    const newSessions = events.filter((e) => e.event_type === "session" && e.event_id === e.session_id);
    const summaries = await sessionSummaries(
      this.sql,
      this.projectId,
      newSessions.map((e) => e.session_id),
    );
    for (const listener of this.listeners) {
      for (const e of events) {
        if (listener.sessionId === undefined || listener.sessionId === e.session_id) listener.onEvent(e);
      }
      for (const s of summaries) {
        if (listener.sessionId === undefined || listener.sessionId === s.session_id) listener.onSession(s);
      }
    }
  }
}

/** The live feeds of one server: a poller per project with listeners. */
export class LiveFeed {
  private readonly pollers = new Map<string, Promise<ProjectPoller>>();

  constructor(
    private readonly sql: SqlDriver,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Adds a listener; resolves once events committed from now on will reach it. Returns the unsubscribe. */
  async subscribe(projectId: string, listener: LiveListener): Promise<() => void> {
    let pending = this.pollers.get(projectId);
    if (pending === undefined) {
      const poller = new ProjectPoller(this.sql, projectId, this.pollMs, this.onError);
      pending = poller.start().then(() => poller);
      this.pollers.set(projectId, pending);
      pending.catch(() => this.pollers.delete(projectId));
    }
    const poller = await pending;
    poller.listeners.add(listener);
    return () => {
      poller.listeners.delete(listener);
      if (poller.listeners.size === 0 && this.pollers.get(projectId) === pending) {
        poller.stop();
        this.pollers.delete(projectId);
      }
    };
  }

  close(): void {
    for (const pending of this.pollers.values()) pending.then((p) => p.stop()).catch(() => undefined);
    this.pollers.clear();
  }
}
