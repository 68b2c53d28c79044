import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateApiKey, hashApiKey, keyPrefix } from "./auth/keys.js";
import type { Storage } from "./storage/types.js";

export const DEFAULT_PROJECT = "default";

export interface BootstrapResult {
  /** Set only when this start created the first key: it is shown once. */
  createdKey: string | undefined;
  projectName: string;
}

/**
 * First start: create the default project and an admin key for it. Later
 * starts find a key and do nothing, so the key is printed exactly once.
 */
export async function bootstrap(storage: Storage, presetKey?: string): Promise<BootstrapResult> {
  if ((await storage.countApiKeys()) > 0) {
    if (presetKey) await ensureKey(storage, presetKey);
    return { createdKey: undefined, projectName: DEFAULT_PROJECT };
  }
  const key = presetKey ?? generateApiKey();
  await ensureKey(storage, key);
  return { createdKey: key, projectName: DEFAULT_PROJECT };
}

async function ensureKey(storage: Storage, key: string): Promise<void> {
  const hash = hashApiKey(key);
  if (await storage.findApiKeyByHash(hash)) return;
  // Replicas starting together on one database race here: whoever loses
  // finds the winner's project or key instead of failing to start.
  const project = await defaultProject(storage);
  try {
    await storage.createApiKey({
      project_id: project.id,
      name: "admin (first start)",
      prefix: keyPrefix(key),
      hash,
      is_admin: true,
    });
  } catch (err) {
    if (!(await storage.findApiKeyByHash(hash))) throw err;
  }
}

async function defaultProject(storage: Storage) {
  const existing = await storage.getProjectByName(DEFAULT_PROJECT);
  if (existing) return existing;
  try {
    return await storage.createProject({ name: DEFAULT_PROJECT, description: "Created at first start" });
  } catch (err) {
    const winner = await storage.getProjectByName(DEFAULT_PROJECT);
    if (winner) return winner;
    throw err;
  }
}

/** Where the CLI, the SDK and the examples look for a local key. */
export function credentialsPath(dataDir: string): string {
  return join(dataDir, "credentials.json");
}

export async function writeCredentials(
  dataDir: string,
  creds: { api_key: string; project: string; server_url: string },
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = credentialsPath(dataDir);
  await writeFile(path, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}
