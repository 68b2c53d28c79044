export {
  CONTENT_ATTRIBUTE_KEYS,
  CONTENT_ATTRIBUTE_PREFIXES,
  CONTENT_EVENT_ATTRIBUTE_KEYS,
  isContentAttribute,
  isContentEventAttribute,
  STATUS_MESSAGE_KEY,
} from "./content-attributes.js";
export { MASK_FAILED } from "./encode-state.js";
export type { ExportOptions, ExportStats, ExportTuning } from "./options.js";
export { ExportPipeline } from "./pipeline.js";
