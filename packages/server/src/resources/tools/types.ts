import type { JsonObject } from "@honeyhive-ts/semconv";

export type ToolType = "function" | "tool";

/** A tool (function) definition offered to models, as the classic HoneyHive `/tools` API stores it. */
export interface Tool {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** JSON schema of the tool's arguments. */
  parameters: JsonObject;
  tool_type: ToolType;
  created_at: number;
  updated_at: number;
}

export interface ToolInput {
  name: string;
  description?: string;
  parameters?: JsonObject;
  tool_type?: ToolType;
}

export type ToolPatch = Partial<ToolInput>;
