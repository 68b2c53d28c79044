import type { JsonObject } from "@honeyhive-ts/semconv";
import { type AuthContext, requireAdmin } from "../auth/context.js";
import { generateApiKey, hashApiKey, keyPrefix } from "../auth/keys.js";
import { HoneyHiveError, notFound } from "../errors.js";
import {
  CreatedApiKey,
  CreatedProject,
  DeleteResponse,
  IdParams,
  ProjectBody,
  ProjectList,
  ProjectQuery,
  ProjectSchema,
  ProjectUpdateBody,
} from "../http/schemas.js";
import type { Project, Storage } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";

async function mintKey(storage: Storage, projectId: string, name: string) {
  const key = generateApiKey();
  const record = await storage.createApiKey({
    project_id: projectId,
    name,
    prefix: keyPrefix(key),
    hash: hashApiKey(key),
    is_admin: false,
  });
  return { api_key: key, key_id: record.id, prefix: record.prefix, project_id: projectId };
}

/** A project the caller may touch: admins any, other keys only their own. */
async function findProject(storage: Storage, auth: AuthContext, ref: { id?: string; name?: string }) {
  const project = ref.id
    ? await storage.getProject(ref.id)
    : ref.name
      ? await storage.getProjectByName(ref.name)
      : null;
  const label = ref.id ?? ref.name ?? "";
  if (!project || (!auth.isAdmin && project.id !== auth.projectId)) throw notFound("Project", label);
  return project;
}

function missingRef(): HoneyHiveError {
  return new HoneyHiveError(
    "HH_E_VALIDATION",
    400,
    "project_id is required",
    "Name the project by id (path or project_id) or by name (?name=).",
    { field: "project_id" },
  );
}

export function projectRoutes({ api, storage, auth: authenticator }: RouteDeps): void {
  api.add(
    {
      method: "GET",
      paths: ["/projects", "/v1/projects"],
      summary: "List projects (a non-admin key sees its own)",
      tag: "projects",
      querystring: ProjectQuery,
      response: ProjectList,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name?: string; id?: string; project_id?: string };
      let projects: Project[] = auth.isAdmin
        ? await storage.listProjects()
        : ([await storage.getProject(auth.projectId)].filter(Boolean) as Project[]);
      if (q.name) projects = projects.filter((p) => p.name === q.name);
      const id = q.id ?? q.project_id;
      if (id) projects = projects.filter((p) => p.id === id);
      return projects;
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/projects/:id", "/v1/projects/:id"],
      summary: "Read a project",
      tag: "projects",
      params: IdParams,
      response: ProjectSchema,
    },
    async (req, _reply, auth) => findProject(storage, auth, { id: (req.params as { id: string }).id }),
  );

  api.add(
    {
      method: "POST",
      paths: ["/projects", "/v1/projects"],
      summary: "Create a project and its first API key (shown once)",
      tag: "projects",
      body: ProjectBody,
      response: CreatedProject,
    },
    async (req, _reply, auth) => {
      requireAdmin(auth);
      const body = req.body as { name: string; description?: string };
      const project = await storage.createProject(body);
      const key = await mintKey(storage, project.id, "first key");
      return { ...project, api_key: key.api_key };
    },
  );

  const update = async (auth: AuthContext, id: string | undefined, body: JsonObject) => {
    if (!id) throw missingRef();
    const project = await findProject(storage, auth, { id });
    const patch: { name?: string; description?: string } = {};
    if (typeof body["name"] === "string") patch.name = body["name"];
    if (typeof body["description"] === "string") patch.description = body["description"];
    const updated = await storage.updateProject(project.id, patch);
    authenticator.invalidate();
    return updated;
  };

  api.add(
    {
      method: "PUT",
      paths: ["/projects", "/v1/projects"],
      summary: "Update a project named by project_id in the body",
      tag: "projects",
      body: ProjectUpdateBody,
      response: ProjectSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as JsonObject;
      return update(auth, (body["project_id"] ?? body["id"]) as string | undefined, body);
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/projects/:id", "/v1/projects/:id"],
      summary: "Update a project",
      tag: "projects",
      params: IdParams,
      body: ProjectUpdateBody,
      response: ProjectSchema,
    },
    async (req, _reply, auth) => update(auth, (req.params as { id: string }).id, req.body as JsonObject),
  );

  const remove = async (auth: AuthContext, ref: { id?: string; name?: string }) => {
    requireAdmin(auth);
    if (!ref.id && !ref.name) throw missingRef();
    const project = await findProject(storage, auth, ref);
    if (project.id === auth.projectId) {
      throw new HoneyHiveError(
        "HH_E_CONFLICT",
        409,
        "A key cannot delete its own project",
        "Delete it with the admin key of another project, or keep it.",
      );
    }
    await storage.deleteProject(project.id);
    authenticator.invalidate();
    return { success: true, deleted: project.id };
  };

  api.add(
    {
      method: "DELETE",
      paths: ["/projects", "/v1/projects"],
      summary: "Delete a project (?project_id= or ?name=) with all its data",
      tag: "projects",
      querystring: ProjectQuery,
      response: DeleteResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name?: string; id?: string; project_id?: string };
      const ref: { id?: string; name?: string } = {};
      const id = q.project_id ?? q.id;
      if (id) ref.id = id;
      if (q.name) ref.name = q.name;
      return remove(auth, ref);
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/projects/:id", "/v1/projects/:id"],
      summary: "Delete a project with all its data",
      tag: "projects",
      params: IdParams,
      response: DeleteResponse,
    },
    async (req, _reply, auth) => remove(auth, { id: (req.params as { id: string }).id }),
  );

  api.add(
    {
      method: "POST",
      paths: ["/projects/:id/api_keys", "/v1/projects/:id/api_keys"],
      summary: "Create an API key for a project (shown once)",
      tag: "projects",
      params: IdParams,
      response: CreatedApiKey,
    },
    async (req, _reply, auth) => {
      requireAdmin(auth);
      const project = await findProject(storage, auth, { id: (req.params as { id: string }).id });
      const name = (req.body as { name?: unknown } | undefined)?.name;
      return mintKey(storage, project.id, typeof name === "string" && name ? name.slice(0, 200) : "api key");
    },
  );
}
