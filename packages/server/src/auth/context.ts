import { HoneyHiveError } from "../errors.js";
import type { Storage } from "../storage/types.js";
import { hashApiKey } from "./keys.js";

export interface AuthContext {
  projectId: string;
  projectName: string;
  keyId: string;
  isAdmin: boolean;
}

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Resolves `Authorization: Bearer <key>` to the key's project. Hits are cached
 * for 30 s (a hash lookup per request would dominate small OTLP batches);
 * misses are never cached.
 */
export class Authenticator {
  private readonly cache = new Map<string, { ctx: AuthContext; expires: number }>();

  constructor(private readonly storage: Storage) {}

  async authenticate(header: string | undefined): Promise<AuthContext> {
    const key = parseBearer(header);
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.expires > now) return hit.ctx;
    const record = await this.storage.findApiKeyByHash(hash);
    const project = record ? await this.storage.getProject(record.project_id) : null;
    if (!record || !project) {
      this.cache.delete(hash);
      throw new HoneyHiveError(
        "HH_E_AUTH_INVALID_KEY",
        401,
        "The API key is not valid for this server",
        "Use the key the server printed at first start (also in .honeyhive/credentials.json), or create one with `honeyhive keys create`.",
      );
    }
    const ctx: AuthContext = {
      projectId: project.id,
      projectName: project.name,
      keyId: record.id,
      isAdmin: record.is_admin,
    };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { ctx, expires: now + CACHE_TTL_MS });
    return ctx;
  }

  /** Forget cached keys (after a project rename or delete). */
  invalidate(): void {
    this.cache.clear();
  }
}

function parseBearer(header: string | undefined): string {
  if (!header) {
    throw new HoneyHiveError(
      "HH_E_AUTH_MISSING",
      401,
      "No API key: the Authorization header is missing",
      "Send `Authorization: Bearer <api key>`; the server printed a key at first start (also in .honeyhive/credentials.json).",
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new HoneyHiveError(
      "HH_E_AUTH_MALFORMED",
      401,
      "The Authorization header is not of the form `Bearer <api key>`",
      "Send `Authorization: Bearer <api key>`.",
    );
  }
  return match[1];
}

/**
 * Older HoneyHive clients name the project in bodies and query strings. The
 * key decides the project; a name that disagrees with it is refused rather
 * than silently written elsewhere.
 */
export function checkProjectName(ctx: AuthContext, named: unknown, field = "project"): void {
  if (named === undefined || named === null || named === "") return;
  if (named === ctx.projectName || named === ctx.projectId) return;
  throw new HoneyHiveError(
    "HH_E_PROJECT_MISMATCH",
    403,
    `${field} '${String(named)}' is not the project of this API key ('${ctx.projectName}')`,
    `Leave ${field} out (the key selects the project) or use a key of project '${String(named)}' (\`honeyhive projects create\` prints one).`,
    { field },
  );
}

export function requireAdmin(ctx: AuthContext): void {
  if (!ctx.isAdmin) {
    throw new HoneyHiveError(
      "HH_E_FORBIDDEN",
      403,
      "This API key may not manage projects",
      "Use the admin key the server created at first start.",
    );
  }
}
