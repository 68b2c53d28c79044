/**
 * A small SQL driver that both backends provide, so resource stores
 * (configurations, datasets, metrics, tools, runs) are written once in SQL
 * that SQLite and PostgreSQL both accept. Statements use `?` placeholders
 * (never a literal `?` inside quotes); the PostgreSQL driver numbers them.
 * Resource tables keep JSON in text columns and booleans as 0/1 integers, so
 * rows read back the same from both backends (see decode helpers in rows.ts).
 */

export type SqlParam = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface SqlDriver {
  readonly dialect: "sqlite" | "postgres";
  /** A table name qualified with the PostgreSQL schema when there is one. */
  table(name: string): string;
  all<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  get<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<R | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs `fn` in one transaction (all or nothing). Inside, use only the driver
   * given to `fn`. Transactions on one backend never interleave their statements.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
}

/** Error codes of a violated unique constraint, in both backends. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Error codes of a violated foreign key, in both backends. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
