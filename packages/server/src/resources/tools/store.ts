import { randomUUID } from "node:crypto";
import type { SqlDriver, SqlRow } from "../../storage/sql/driver.js";
import { jsonObject, numberColumn, toJson } from "../../storage/sql/rows.js";
import { deleteRow, getRow, insertRow, lockRow, updateRow, withUniqueName } from "../catalog/store-kit.js";
import type { Tool, ToolInput, ToolPatch, ToolType } from "./types.js";

function decode(r: SqlRow): Tool {
  return {
    id: String(r["id"]),
    project_id: String(r["project_id"]),
    name: String(r["name"]),
    description: String(r["description"]),
    parameters: jsonObject(r["parameters"]),
    tool_type: r["tool_type"] as ToolType,
    created_at: numberColumn(r["created_at"]) ?? 0,
    updated_at: numberColumn(r["updated_at"]) ?? 0,
  };
}

/** Tools of a project, on the shared SQL driver (both backends). */
export class ToolStore {
  constructor(private readonly sql: SqlDriver) {}

  async list(projectId: string, query: { name?: string } = {}): Promise<Tool[]> {
    const params = [projectId];
    let where = "project_id = ?";
    if (query.name !== undefined) {
      where += " AND name = ?";
      params.push(query.name);
    }
    const rows = await this.sql.all(
      `SELECT * FROM ${this.sql.table("tools")} WHERE ${where} ORDER BY name`,
      params,
    );
    return rows.map(decode);
  }

  async get(projectId: string, id: string): Promise<Tool | null> {
    const row = await getRow(this.sql, "tools", projectId, id);
    return row ? decode(row) : null;
  }

  async create(projectId: string, input: ToolInput): Promise<Tool> {
    const now = Date.now();
    const tool: Tool = {
      id: randomUUID(),
      project_id: projectId,
      name: input.name,
      description: input.description ?? "",
      parameters: input.parameters ?? {},
      tool_type: input.tool_type ?? "function",
      created_at: now,
      updated_at: now,
    };
    await withUniqueName("tool", tool.name, () =>
      insertRow(this.sql, "tools", { ...tool, parameters: toJson(tool.parameters) }),
    );
    return tool;
  }

  /** Changes the given fields; null when the project has no such tool. */
  async update(projectId: string, id: string, patch: ToolPatch): Promise<Tool | null> {
    return this.sql.transaction(async (tx) => {
      const row = (await lockRow(tx, "tools", projectId, id)) && (await getRow(tx, "tools", projectId, id));
      if (!row) return null;
      const tool: Tool = { ...decode(row), ...patch, updated_at: Date.now() };
      await withUniqueName("tool", tool.name, () =>
        updateRow(tx, "tools", projectId, id, {
          name: tool.name,
          description: tool.description,
          parameters: toJson(tool.parameters),
          tool_type: tool.tool_type,
          updated_at: tool.updated_at,
        }),
      );
      return tool;
    });
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return deleteRow(this.sql, "tools", projectId, id);
  }
}
