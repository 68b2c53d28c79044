export { capture, captureArgs, captureJson } from "./capture.js";
export { type CaptureLimits, DEFAULT_CAPTURE_LIMITS, type JsonValue } from "./limits.js";
export { type AnyFunction, parameterNames } from "./parameter-names.js";
