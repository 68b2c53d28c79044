export { uuidFromSpan, uuidFromTrace } from "./ids.js";
export { spanToEvent } from "./span-to-event.js";
export type { ConvertedSpan, ConvertOptions } from "./types.js";
export type { UnflattenOptions } from "./unflatten.js";
export { unflatten } from "./unflatten.js";
