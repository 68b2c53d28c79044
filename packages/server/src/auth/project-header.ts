import { HoneyHiveError } from "../errors.js";
import type { Storage } from "../storage/types.js";
import type { AuthContext } from "./context.js";

/** The header with which an admin key acts in another project (the web app's project switcher). */
export const PROJECT_HEADER = "x-honeyhive-project";

/**
 * The request's project: the key's own, or the one named by
 * `X-HoneyHive-Project` (a project id) when the key is an admin key. A
 * non-admin key naming another project is refused (403), never silently
 * kept in its own.
 */
export async function actingProject(
  storage: Storage,
  auth: AuthContext,
  header: string | string[] | undefined,
): Promise<AuthContext> {
  const wanted = Array.isArray(header) ? header[0] : header;
  if (wanted === undefined || wanted === "" || wanted === auth.projectId) return auth;
  if (!auth.isAdmin) {
    throw new HoneyHiveError(
      "HH_E_PROJECT_FORBIDDEN",
      403,
      "This API key may act only in its own project",
      "Drop the X-HoneyHive-Project header, or use an admin key (the key created at first start) to switch projects.",
    );
  }
  const project = await storage.getProject(wanted);
  if (project === null) {
    throw new HoneyHiveError(
      "HH_E_PROJECT_NOT_FOUND",
      404,
      `Project '${wanted}' does not exist`,
      "X-HoneyHive-Project takes a project id; GET /v1/me lists the projects this key may use.",
    );
  }
  return { ...auth, projectId: project.id, projectName: project.name };
}
