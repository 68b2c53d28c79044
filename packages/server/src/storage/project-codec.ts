import { randomUUID } from "node:crypto";
import { conflict, notFound } from "../errors.js";
import type { ApiKeyRecord, Project } from "./types.js";

/** Shared by both backends: project and API key rows, and the errors they raise. */

type Row = Record<string, unknown>;

export const toProject = (r: Row): Project => ({
  id: r["id"] as string,
  name: r["name"] as string,
  description: r["description"] as string,
  created_at: r["created_at"] as number,
});

/** is_admin is INTEGER 0/1 in SQLite and boolean in PostgreSQL. */
export const toApiKey = (r: Row): ApiKeyRecord => ({
  id: r["id"] as string,
  project_id: r["project_id"] as string,
  name: r["name"] as string,
  prefix: r["prefix"] as string,
  hash: r["hash"] as string,
  is_admin: r["is_admin"] === true || r["is_admin"] === 1,
  created_at: r["created_at"] as number,
});

export const duplicateProjectName = (name: string) =>
  conflict(`A project named '${name}' already exists`, "Choose another name, or use the existing project.");

export const duplicateKeyHash = () =>
  conflict("An API key with this hash already exists", "Generate a new key; key hashes must be unique.");

export const unknownProject = (id: string) => notFound("Project", id);

/** Drops undefined members so a partial patch never overwrites a value with undefined. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A new project record (id and creation time assigned here, for both backends). */
export function newProject(input: { name: string; description?: string }): Project {
  return { id: randomUUID(), name: input.name, description: input.description ?? "", created_at: Date.now() };
}
