export { decodeTracesJson } from "./decode-json.js";
export { decodeTracesProtobuf } from "./decode-protobuf.js";
export { encodeResponseJson, encodeResponseProtobuf, type PartialSuccess } from "./encode-response.js";
export { OtlpDecodeError } from "./errors.js";
export type { DecodedTraces, RejectedSpan } from "./types.js";
