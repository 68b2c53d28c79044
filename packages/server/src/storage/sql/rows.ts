import type { JsonObject } from "@honeyhive-ts/semconv";

/** Decoders for resource rows: the same value whichever backend read it. */

/** A JSON text column (SQLite and PostgreSQL `text`), or an already-parsed value. */
export function jsonColumn<T = unknown>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== "string") return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

export const jsonObject = (value: unknown): JsonObject => jsonColumn<JsonObject>(value, {});
export const jsonArray = <T = unknown>(value: unknown): T[] => jsonColumn<T[]>(value, []);

/** A 0/1 integer column. */
export const boolColumn = (value: unknown): boolean => value === 1 || value === true || value === "1";

/** A number column (PostgreSQL returns bigint and numeric as strings). */
export function numberColumn(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** JSON text to bind; undefined binds as null. */
export const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
