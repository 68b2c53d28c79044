export type { OpenStorageOptions } from "./open.js";
export { openStorage } from "./open.js";
export type { PostgresOptions } from "./postgres.js";
export { openPostgresStorage } from "./postgres.js";
export { openSqliteStorage } from "./sqlite.js";
export type {
  ApiKeyRecord,
  EventFilter,
  EventPatch,
  EventQuery,
  EventWrite,
  FilterOperator,
  FilterType,
  Project,
  SessionSeed,
  Storage,
  WriteBatchItem,
} from "./types.js";
