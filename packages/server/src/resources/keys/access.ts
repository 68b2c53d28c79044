import { type AuthContext, checkProjectName } from "../../auth/context.js";
import { HoneyHiveError, notFound } from "../../errors.js";
import type { Storage } from "../../storage/types.js";
import type { ApiKeyView, KeyStore } from "./store.js";

/**
 * The project whose keys a list shows: the key's own, or for an admin key
 * any project named by id or name. A non-admin key naming another project is
 * refused (403) the same way project names are refused everywhere else.
 */
export async function keyListProject(storage: Storage, auth: AuthContext, named?: string): Promise<string> {
  if (!named || !auth.isAdmin) {
    checkProjectName(auth, named);
    return auth.projectId;
  }
  const project = (await storage.getProject(named)) ?? (await storage.getProjectByName(named));
  if (!project) throw notFound("Project", named);
  return project.id;
}

/**
 * The key the caller may revoke: admins any key, others only keys of their own
 * project (a key of another project reads as not found, so ids do not leak);
 * never the calling key itself, which would lock the caller out mid-session.
 */
export async function revocableKey(keys: KeyStore, auth: AuthContext, id: string): Promise<ApiKeyView> {
  const key = await keys.get(id);
  if (!key || (!auth.isAdmin && key.project_id !== auth.projectId)) throw notFound("API key", id);
  if (key.id === auth.keyId) {
    throw new HoneyHiveError(
      "HH_E_CONFLICT",
      409,
      "An API key cannot revoke itself",
      "Revoke it with another key of the project (create one with `honeyhive keys create`), or with an admin key.",
    );
  }
  return key;
}
