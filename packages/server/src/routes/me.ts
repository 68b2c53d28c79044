import { Type } from "@sinclair/typebox";
import type { RouteDeps } from "./deps.js";

/** GET /v1/me: who the key is and which projects it may use (the web app's sign-in and switcher). */

const ProjectRef = Type.Object({ id: Type.String(), name: Type.String() });

const MeResponse = Type.Object(
  {
    project: ProjectRef,
    key: Type.Object({ id: Type.String(), name: Type.String(), is_admin: Type.Boolean() }),
    projects: Type.Array(ProjectRef, {
      description: "Every project for an admin key (usable with X-HoneyHive-Project), else the key's own",
    }),
  },
  { title: "Me" },
);

export function meRoutes({ api, storage }: RouteDeps): void {
  api.add(
    {
      method: "GET",
      paths: ["/v1/me"],
      summary: "The key, its project (or the one named by X-HoneyHive-Project) and the projects it may use",
      tag: "projects",
      response: MeResponse,
    },
    async (_req, _reply, auth) => {
      const key = await storage.sql.get<{ name: string }>(
        `SELECT name FROM ${storage.sql.table("api_keys")} WHERE id = ?`,
        [auth.keyId],
      );
      const projects = auth.isAdmin
        ? (await storage.listProjects()).map((p) => ({ id: p.id, name: p.name }))
        : [{ id: auth.projectId, name: auth.projectName }];
      return {
        project: { id: auth.projectId, name: auth.projectName },
        key: { id: auth.keyId, name: key?.name ?? "", is_admin: auth.isAdmin },
        projects,
      };
    },
  );
}
