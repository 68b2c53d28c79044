import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, type Http, startTestServer, type TestServer } from "./helpers.js";

interface Project {
  id: string;
  key: string;
  http: Http;
}

for (const backend of await backends()) {
  describe(`API keys (${backend})`, () => {
    let server: TestServer;
    let admin: Http;
    let alpha: Project;
    let beta: Project;

    beforeAll(async () => {
      server = await startTestServer(backend);
      admin = api(server.url, server.key);
      const mk = async (name: string): Promise<Project> => {
        const res = await admin.post("/v1/projects", { name });
        expect(res.status).toBe(200);
        return { id: res.body.id, key: res.body.api_key, http: api(server.url, res.body.api_key) };
      };
      alpha = await mk("alpha");
      beta = await mk("beta");
    });
    afterAll(async () => server?.stop());

    const mint = async (project: Project, name: string) => {
      const res = await admin.post(`/v1/projects/${project.id}/api_keys`, { name });
      expect(res.status).toBe(200);
      return res.body as { api_key: string; key_id: string };
    };

    it("lists the caller's keys with display fields only, on both paths", async () => {
      const minted = await mint(alpha, "ci");
      for (const path of ["/v1/api_keys", "/api_keys"]) {
        const res = await alpha.http.get(path);
        expect(res.status).toBe(200);
        const names = res.body.map((k: { name: string }) => k.name);
        expect(names).toEqual(expect.arrayContaining(["first key", "ci"]));
        for (const k of res.body) {
          expect(Object.keys(k).sort()).toEqual(
            ["created_at", "id", "is_admin", "name", "prefix", "project_id"].sort(),
          );
          expect(k.project_id).toBe(alpha.id);
          expect(k.is_admin).toBe(false);
          expect(typeof k.created_at).toBe("number");
        }
        const ci = res.body.find((k: { id: string }) => k.id === minted.key_id);
        expect(ci.prefix).toBe(`${minted.api_key.slice(0, 7)}...`);
        expect(JSON.stringify(res.body)).not.toContain(minted.api_key);
      }
      const own = await admin.get("/v1/api_keys");
      expect(own.body).toHaveLength(1);
      expect(own.body[0].is_admin).toBe(true);
    });

    it("lets an admin key list any project by id or name", async () => {
      const byName = await admin.get("/v1/api_keys?project=beta");
      expect(byName.status).toBe(200);
      expect(byName.body.every((k: { project_id: string }) => k.project_id === beta.id)).toBe(true);
      const byId = await admin.get(`/v1/api_keys?project=${beta.id}`);
      expect(byId.body).toEqual(byName.body);
      const missing = await admin.get("/v1/api_keys?project=nope");
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("HH_E_NOT_FOUND");
    });

    it("keeps projects apart: a non-admin key sees and revokes only its own project's keys", async () => {
      const other = await beta.http.get(`/v1/api_keys?project=${alpha.id}`);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe("HH_E_PROJECT_MISMATCH");
      expect((await beta.http.get("/v1/api_keys?project=beta")).status).toBe(200);
      const alphaKey = await mint(alpha, "not yours");
      const refused = await beta.http.del(`/v1/api_keys/${alphaKey.key_id}`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe("HH_E_NOT_FOUND");
      expect((await api(server.url, alphaKey.api_key).get("/v1/projects")).status).toBe(200);
    });

    it("revokes a key so it stops working at once", async () => {
      const spare = await mint(beta, "spare");
      const spareHttp = api(server.url, spare.api_key);
      expect((await spareHttp.get("/v1/projects")).status).toBe(200);
      const res = await beta.http.del(`/v1/api_keys/${spare.key_id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, deleted: spare.key_id });
      const after = await spareHttp.get("/v1/projects");
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe("HH_E_AUTH_INVALID_KEY");
      const listed = await beta.http.get("/v1/api_keys");
      expect(listed.body.map((k: { id: string }) => k.id)).not.toContain(spare.key_id);
      const again = await beta.http.del(`/api_keys/${spare.key_id}`);
      expect(again.status).toBe(404);
    });

    it("lets an admin revoke another project's key, never the calling key", async () => {
      const victim = await mint(beta, "victim");
      expect((await admin.del(`/v1/api_keys/${victim.key_id}`)).status).toBe(200);
      const self = (await admin.get("/v1/api_keys")).body[0];
      const refused = await admin.del(`/v1/api_keys/${self.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: "HH_E_CONFLICT" });
      expect(refused.body.error.hint).toContain("another key");
      const ownKeyId = (await alpha.http.get("/v1/api_keys")).body.find(
        (k: { name: string }) => k.name === "first key",
      ).id;
      expect((await alpha.http.del(`/v1/api_keys/${ownKeyId}`)).status).toBe(409);
      expect((await alpha.http.get("/v1/projects")).status).toBe(200);
    });

    it("refuses bad input and missing keys with clear errors", async () => {
      const unknown = await alpha.http.del("/v1/api_keys/00000000-0000-0000-0000-000000000000");
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.hint).toBeTruthy();
      const empty = await alpha.http.get("/v1/api_keys?project=");
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe("HH_E_VALIDATION");
      const noKey = await api(server.url, undefined).get("/v1/api_keys");
      expect(noKey.status).toBe(401);
    });

    it("deletes a project's keys with the project, and documents the routes", async () => {
      const tmp = await admin.post("/v1/projects", { name: "temp" });
      const tmpKey = tmp.body.api_key as string;
      expect((await admin.del(`/v1/projects/${tmp.body.id}`)).status).toBe(200);
      expect((await admin.get(`/v1/api_keys?project=${tmp.body.id}`)).status).toBe(404);
      expect((await api(server.url, tmpKey).get("/v1/api_keys")).status).toBe(401);
      const doc = (await admin.get("/openapi.json")).body;
      // Named models are documented once under components and referenced by $ref.
      const deref = (schema: { $ref?: string }) =>
        schema.$ref ? doc.components.schemas[schema.$ref.split("/").pop() as string] : schema;
      const ok = (path: string, method: string) =>
        deref(doc.paths[path][method].responses["200"].content["application/json"].schema);
      const list = ok("/v1/api_keys", "get");
      expect(list.title).toBe("ApiKeyList");
      const item = deref(list.items);
      expect(item.title).toBe("ApiKey");
      expect(Object.keys(item.properties)).not.toContain("hash");
      expect(ok("/v1/api_keys/{id}", "delete").title).toBe("RevokeApiKeyResponse");
    });
  });
}
