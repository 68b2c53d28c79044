export { isAsyncIterable, isPromiseLike, isReadableStream, shapeOf } from "./detect.js";
export { observeResult } from "./observe-result.js";
export type { AbandonReason, ObserveOptions, ResultKind, ResultObserver } from "./types.js";
