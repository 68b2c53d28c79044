import type { JsonObject } from "@honeyhive-ts/semconv";
import { notFound } from "../errors.js";
import {
  CreateToolBody,
  DeleteToolQuery,
  DeleteToolResponse,
  ToolList,
  ToolQuery,
  ToolSchema,
  UpdateToolBody,
} from "../http/schemas-catalog.js";
import { checkProjectFields, requiredId } from "../resources/catalog/requests.js";
import type { ToolPatch, ToolType } from "../resources/tools/index.js";
import { ToolStore } from "../resources/tools/index.js";
import type { RouteDeps } from "./deps.js";

const TOOL_IDS = ["tool_id", "id", "function_id"] as const;

/** The tool fields a body sets; `type` is the older spelling of `tool_type`. */
function toolFields(body: JsonObject): ToolPatch {
  const patch: ToolPatch = {};
  if (typeof body["name"] === "string") patch.name = body["name"];
  if (typeof body["description"] === "string") patch.description = body["description"];
  if (body["parameters"] !== undefined) patch.parameters = body["parameters"] as JsonObject;
  const type = body["tool_type"] ?? body["type"];
  if (type !== undefined) patch.tool_type = type as ToolType;
  return patch;
}

/** Tools: classic `/tools` only (HoneyHive removed them from v1). */
export function toolRoutes({ api, storage }: RouteDeps): void {
  const tools = new ToolStore(storage.sql);

  api.add(
    {
      method: "GET",
      paths: ["/tools"],
      summary: "List tools",
      tag: "tools",
      querystring: ToolQuery,
      response: ToolList,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name?: string };
      checkProjectFields(auth, q);
      return tools.list(auth.projectId, q.name === undefined ? {} : { name: q.name });
    },
  );

  api.add(
    {
      method: "POST",
      paths: ["/tools"],
      summary: "Create a tool",
      tag: "tools",
      body: CreateToolBody,
      response: ToolSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as JsonObject;
      checkProjectFields(auth, body);
      return tools.create(auth.projectId, { ...toolFields(body), name: body["name"] as string });
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/tools"],
      summary: "Update a tool named by tool_id (or id) in the body",
      tag: "tools",
      body: UpdateToolBody,
      response: ToolSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as JsonObject;
      checkProjectFields(auth, body);
      const id = requiredId(body, TOOL_IDS, "tool");
      const tool = await tools.update(auth.projectId, id, toolFields(body));
      if (!tool) throw notFound("Tool", id);
      return tool;
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/tools"],
      summary: "Delete a tool (?tool_id=)",
      tag: "tools",
      querystring: DeleteToolQuery,
      response: DeleteToolResponse,
    },
    async (req, _reply, auth) => {
      checkProjectFields(auth, req.query);
      const id = requiredId(req.query, TOOL_IDS, "tool");
      if (!(await tools.delete(auth.projectId, id))) throw notFound("Tool", id);
      return { success: true, deleted: id };
    },
  );
}
