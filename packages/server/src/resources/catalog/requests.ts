import { type AuthContext, checkProjectName } from "../../auth/context.js";
import { HoneyHiveError } from "../../errors.js";

/** Request helpers shared by the catalog routes (configurations, tools, metrics). */

/** A 400 that names the field and says what to do. */
export function invalid(field: string, message: string, hint: string): HoneyHiveError {
  return new HoneyHiveError("HH_E_VALIDATION", 400, `${field} ${message}`, hint, { field });
}

/** Fields in which classic clients name the project (by name; the key decides it anyway). */
const PROJECT_FIELDS = ["project", "project_name", "task"] as const;

/** Each project named in a body or query string must be the key's project (else 403). */
export function checkProjectFields(auth: AuthContext, source: unknown, prefix = ""): void {
  const fields = (source ?? {}) as Record<string, unknown>;
  for (const f of PROJECT_FIELDS) checkProjectName(auth, fields[f], `${prefix}${f}`);
}

/** The id given in the first of `fields` present (classic bodies and query strings name it differently). */
export function requiredId(source: unknown, fields: readonly string[], what: string): string {
  const values = (source ?? {}) as Record<string, unknown>;
  for (const f of fields) {
    const v = values[f];
    if (typeof v === "string" && v !== "") return v;
  }
  throw invalid(
    fields[0] as string,
    "is required",
    `Name the ${what} to change with ${fields.join(" or ")} (its id, as returned when it was created).`,
  );
}
