import type { HoneyHiveEvent, JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import type { SqlDriver } from "./sql/driver.js";

/**
 * The storage interface. One implementation per backend (SQLite, PostgreSQL),
 * both held to the same conformance suite (conformance.ts). Every data call is
 * scoped by project id: no method reads or writes across projects.
 */

export interface Project {
  id: string;
  name: string;
  description: string;
  created_at: number;
}

export interface ApiKeyRecord {
  id: string;
  project_id: string;
  name: string;
  /** First characters of the key, for display ("hh_ab12..."). */
  prefix: string;
  /** Hex SHA-256 of the whole key. The key itself is never stored. */
  hash: string;
  /** May manage projects and keys (the key created at first start). */
  is_admin: boolean;
  created_at: number;
}

/** An event to write, with the span references used to link parents. */
export interface EventWrite extends HoneyHiveEvent {
  /** Deterministic id of the span this event came from (null for REST-created events). */
  span_ref?: string | null;
  /**
   * Deterministic id of the parent span. When set and `parent_id` is null, the
   * storage links the event to the event whose span_ref equals it (in the same
   * batch or already stored), falling back to parent_ref itself.
   */
  parent_ref?: string | null;
}

/** A session to create if it does not exist yet (sessions named by spans but never started). */
export interface SessionSeed {
  session_id: string;
  event_name: string;
  source: string;
  start_time: number;
  user_properties?: JsonObject;
  metadata?: JsonObject;
}

export interface WriteBatchItem {
  projectId: string;
  events: EventWrite[];
  sessions: SessionSeed[];
}

/**
 * A WriteBatchItem already turned into SQLite rows (bind values in insert
 * order, JSON columns serialised) by `toSqliteRowItem`, on a convert worker;
 * parents are linked when the batch is written.
 */
export interface SqliteRowItem {
  projectId: string;
  events: unknown[][];
  /** span_ref and parent_ref of each event, as pairs: [spanRef0, parentRef0, spanRef1, ...]. */
  refs: (string | null)[];
  sessions: unknown[][];
}

/** What ingest queues: events, or (SQLite) rows made by the convert workers. */
export type IngestItem = WriteBatchItem | SqliteRowItem;

export type FilterOperator =
  | "is"
  | "is not"
  | "contains"
  | "not contains"
  | "greater than"
  | "less than"
  | "exists"
  | "not exists";

export type FilterType = "string" | "number" | "boolean" | "id" | "datetime";

export interface EventFilter {
  /** A column (event_type, event_name, session_id, duration, ...) or a dotted JSON path (metadata.cost). */
  field: string;
  operator: FilterOperator;
  value?: unknown;
  type?: FilterType;
}

export interface EventQuery {
  projectId: string;
  filters?: EventFilter[];
  /** Inclusive bounds on start_time, epoch ms. */
  dateRange?: { $gte?: number; $lte?: number };
  /** Default 100, at most 10,000. */
  limit?: number;
  /** 1-based. */
  page?: number;
  /** Default "desc" (newest first); ties broken by event_id. */
  order?: "asc" | "desc";
}

/** Fields PUT /events may change. Objects merge (deep for nested objects); scalars replace. */
export interface EventPatch {
  metadata?: JsonObject;
  feedback?: JsonObject;
  metrics?: JsonObject;
  outputs?: JsonObject;
  inputs?: JsonObject;
  config?: JsonObject;
  user_properties?: JsonObject;
  duration?: number;
  end_time?: number;
  error?: string | null;
  event_name?: string;
}

export interface Storage {
  readonly kind: "sqlite" | "postgres";
  /** The backend's SQL driver, on which the resource stores (src/resources/) are written once. */
  readonly sql: SqlDriver;
  /** Create or upgrade the schema. Safe to call concurrently from several replicas. */
  migrate(): Promise<void>;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createProject(input: { name: string; description?: string }): Promise<Project>;
  getProject(id: string): Promise<Project | null>;
  getProjectByName(name: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;
  updateProject(id: string, patch: { name?: string; description?: string }): Promise<Project | null>;
  /** Deletes the project with all its events and keys. */
  deleteProject(id: string): Promise<boolean>;

  createApiKey(input: Omit<ApiKeyRecord, "id" | "created_at">): Promise<ApiKeyRecord>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  countApiKeys(): Promise<number>;

  /**
   * Writes everything in one transaction (all or nothing), and resolves only
   * once it is durable. Events are idempotent on (project, event_id): a
   * repeated event keeps the stored one. Session seeds create the session
   * event only if it does not exist.
   */
  writeBatch(items: WriteBatchItem[]): Promise<void>;
  /**
   * SQLite only: writes items that `toSqliteRowItem` made (on the convert
   * workers) exactly as writeBatch writes the items they came from. When it
   * is present, ingest asks the workers for row items.
   */
  writeRowItems?(items: SqliteRowItem[]): Promise<void>;
  /**
   * Creates the session event, or, if it exists (for instance created from a
   * span), updates it: given name, source, inputs, config and times replace;
   * metadata, user_properties, metrics and feedback merge.
   */
  upsertSession(projectId: string, session: HoneyHiveEvent): Promise<StoredEvent>;
  getEvent(projectId: string, eventId: string): Promise<StoredEvent | null>;
  /** Applies a patch (see EventPatch); returns null when the event does not exist. */
  updateEvent(projectId: string, eventId: string, patch: EventPatch): Promise<StoredEvent | null>;
  deleteEvent(projectId: string, eventId: string): Promise<boolean>;
  queryEvents(query: EventQuery): Promise<{ events: StoredEvent[]; total: number }>;
  /** Every event of the session including the session event, ordered by start_time. */
  getSessionEvents(projectId: string, sessionId: string): Promise<StoredEvent[]>;
  /** Deletes the session event and all its events; returns how many were removed. */
  deleteSession(projectId: string, sessionId: string): Promise<number>;
}
