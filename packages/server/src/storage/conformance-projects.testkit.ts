import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, ev, writeEvents } from "./conformance-fixtures.testkit.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hash = () => randomUUID().replaceAll("-", "") + randomUUID().replaceAll("-", "");

export function projectsSuite(ctx: ConformanceContext): void {
  describe("migrations and health", () => {
    it("migrate() is idempotent and safe to run concurrently", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      await Promise.all([s.migrate(), s.migrate(), s.migrate()]);
      await s.migrate();
      expect(await s.getProject(p)).not.toBeNull();
      await expect(s.ping()).resolves.toBeUndefined();
    });
  });

  describe("projects", () => {
    it("creates, reads by id and name, and lists", async () => {
      const s = ctx.storage();
      const name = `proj-${randomUUID()}`;
      const before = Date.now();
      const p = await s.createProject({ name, description: "first" });
      expect(p.id).toMatch(UUID_RE);
      expect(p).toMatchObject({ name, description: "first" });
      expect(p.created_at).toBeGreaterThanOrEqual(before);
      expect(p.created_at).toBeLessThanOrEqual(Date.now());
      expect(await s.getProject(p.id)).toEqual(p);
      expect(await s.getProjectByName(name)).toEqual(p);
      expect(await s.listProjects()).toContainEqual(p);
      const bare = await s.createProject({ name: `bare-${randomUUID()}` });
      expect(bare.description).toBe("");
      expect(await s.getProject(randomUUID())).toBeNull();
      expect(await s.getProjectByName(`missing-${randomUUID()}`)).toBeNull();
    });

    it("rejects a duplicate name with HH_E_CONFLICT (409)", async () => {
      const s = ctx.storage();
      const name = `dup-${randomUUID()}`;
      await s.createProject({ name });
      await expect(s.createProject({ name })).rejects.toMatchObject({ code: "HH_E_CONFLICT", status: 409 });
      expect((await s.listProjects()).filter((p) => p.name === name)).toHaveLength(1);
    });

    it("updates name and description; rename onto an existing name conflicts", async () => {
      const s = ctx.storage();
      const a = await s.createProject({ name: `a-${randomUUID()}`, description: "A" });
      const b = await s.createProject({ name: `b-${randomUUID()}` });
      const renamed = await s.updateProject(a.id, { name: `a2-${randomUUID()}` });
      expect(renamed).toMatchObject({ id: a.id, description: "A", created_at: a.created_at });
      expect(renamed?.name).not.toBe(a.name);
      expect(await s.getProject(a.id)).toEqual(renamed);
      const described = await s.updateProject(a.id, { description: "new" });
      expect(described).toEqual({ ...renamed, description: "new" });
      await expect(s.updateProject(a.id, { name: b.name })).rejects.toMatchObject({
        code: "HH_E_CONFLICT",
        status: 409,
      });
      expect(await s.getProject(a.id)).toEqual(described);
      expect(await s.updateProject(randomUUID(), { name: "nobody" })).toBeNull();
    });

    it("deleteProject removes the project with its events and keys, and nothing else", async () => {
      const s = ctx.storage();
      const doomed = await ctx.project("doomed");
      const kept = await ctx.project("kept");
      const shared = ev();
      await writeEvents(s, doomed, [shared, ev()]);
      await writeEvents(s, kept, [shared]);
      const doomedKey = hash();
      const keptKey = hash();
      await s.createApiKey({
        project_id: doomed,
        name: "k",
        prefix: "hh_x",
        hash: doomedKey,
        is_admin: false,
      });
      await s.createApiKey({ project_id: kept, name: "k", prefix: "hh_y", hash: keptKey, is_admin: false });

      expect(await s.deleteProject(doomed)).toBe(true);
      expect(await s.getProject(doomed)).toBeNull();
      expect((await s.queryEvents({ projectId: doomed })).total).toBe(0);
      expect(await s.getEvent(doomed, shared.event_id)).toBeNull();
      expect(await s.findApiKeyByHash(doomedKey)).toBeNull();
      expect(await s.getEvent(kept, shared.event_id)).not.toBeNull();
      expect(await s.findApiKeyByHash(keptKey)).not.toBeNull();
      expect(await s.deleteProject(doomed)).toBe(false);
    });
  });

  describe("API keys", () => {
    it("creates, finds by hash, counts", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const before = await s.countApiKeys();
      const h1 = hash();
      const h2 = hash();
      const admin = await s.createApiKey({
        project_id: p,
        name: "admin",
        prefix: "hh_ab12",
        hash: h1,
        is_admin: true,
      });
      const plain = await s.createApiKey({
        project_id: p,
        name: "ci",
        prefix: "hh_cd34",
        hash: h2,
        is_admin: false,
      });
      expect(admin.id).toMatch(UUID_RE);
      expect(admin).toMatchObject({
        project_id: p,
        name: "admin",
        prefix: "hh_ab12",
        hash: h1,
        is_admin: true,
      });
      expect(typeof admin.created_at).toBe("number");
      expect(await s.findApiKeyByHash(h1)).toEqual(admin);
      expect(await s.findApiKeyByHash(h2)).toEqual(plain);
      expect((await s.findApiKeyByHash(h2))?.is_admin).toBe(false);
      expect(await s.findApiKeyByHash(hash())).toBeNull();
      expect(await s.countApiKeys()).toBe(before + 2);
    });

    it("rejects a duplicate hash and a key for an unknown project", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const h = hash();
      await s.createApiKey({ project_id: p, name: "one", prefix: "hh_1", hash: h, is_admin: false });
      const before = await s.countApiKeys();
      await expect(
        s.createApiKey({ project_id: p, name: "two", prefix: "hh_2", hash: h, is_admin: false }),
      ).rejects.toMatchObject({ code: "HH_E_CONFLICT", status: 409 });
      await expect(
        s.createApiKey({
          project_id: randomUUID(),
          name: "x",
          prefix: "hh_3",
          hash: hash(),
          is_admin: false,
        }),
      ).rejects.toMatchObject({ code: "HH_E_NOT_FOUND", status: 404 });
      expect(await s.countApiKeys()).toBe(before);
    });
  });
}
