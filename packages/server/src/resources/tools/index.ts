export { ToolStore } from "./store.js";
export type { Tool, ToolInput, ToolPatch, ToolType } from "./types.js";
