import { IdParams } from "../http/schemas.js";
import { keyListProject, revocableKey } from "../resources/keys/access.js";
import { ApiKeyListSchema, ListApiKeysQuery, RevokeApiKeyResponse } from "../resources/keys/schemas.js";
import { KeyStore } from "../resources/keys/store.js";
import type { RouteDeps } from "./deps.js";

/**
 * Listing and revoking API keys. Keys are created by
 * POST /v1/projects/{id}/api_keys (routes/projects.ts), which shows the key once.
 */
export function keyRoutes({ api, storage, auth: authenticator }: RouteDeps): void {
  const keys = new KeyStore(storage.sql);

  api.add(
    {
      method: "GET",
      paths: ["/v1/api_keys", "/api_keys"],
      summary: "List the API keys of the caller's project (admin keys: ?project=<id|name>)",
      tag: "api_keys",
      querystring: ListApiKeysQuery,
      response: ApiKeyListSchema,
    },
    async (req, _reply, auth) => {
      const { project } = req.query as { project?: string };
      return keys.list(await keyListProject(storage, auth, project));
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/api_keys/:id", "/api_keys/:id"],
      summary: "Revoke an API key (it stops working at once on this replica)",
      tag: "api_keys",
      params: IdParams,
      response: RevokeApiKeyResponse,
    },
    async (req, _reply, auth) => {
      const key = await revocableKey(keys, auth, (req.params as { id: string }).id);
      await keys.delete(key.id);
      authenticator.invalidate();
      return { success: true, deleted: key.id };
    },
  );
}
