import type { Migration } from "./sqlite.js";

/** Responses remembered by idempotency key (placeholders: see resources.ts). */
export const IDEMPOTENCY_MIGRATION: Migration = {
  version: 5,
  name: "idempotency keys",
  sql: `
CREATE TABLE {{s}}idempotency_placeholder (project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE);
`,
};
