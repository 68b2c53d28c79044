/** What a traced call produced, as reported to {@link ResultObserver.complete}. */
export type ResultKind =
  | "value"
  | "promise"
  | "generator"
  | "async-generator"
  | "async-iterable"
  | "readable-stream";

/** Why a result was left unfinished. */
export type AbandonReason = "return" | "cancel" | "garbage";

/**
 * Told how a traced call's result ends. `observeResult` guarantees exactly one
 * of complete / fail / abandon per result, exactly once; `firstChunk` at most
 * once, and chunks only before the end. Callbacks that throw are contained.
 */
export interface ResultObserver {
  /** A streaming result yielded its first chunk (for time-to-first-chunk). Called at most once. */
  firstChunk(): void;
  /** Each chunk of a stream/iterator, for building the output (the observer decides what to keep). */
  chunk(value: unknown): void;
  /** Completed: for a plain value/promise the value; for iterators/streams the generator's return value (undefined for streams). */
  complete(value: unknown, kind: ResultKind): void;
  /** Threw / rejected / stream errored. */
  fail(error: unknown): void;
  /** The consumer stopped early: iterator return() (e.g. `break`), stream cancel(), or the iterator was garbage-collected unfinished. */
  abandon(reason: AbandonReason): void;
}

export interface ObserveOptions {
  /** Run a piece of the user's code inside the span's context (so nested spans become children). */
  run<R>(fn: () => R): R;
  /** Optionally delay the settlement of a promise result (serverless: export before the caller sees the result). */
  beforeSettle?: () => Promise<void>;
  /** Told about errors thrown by the observer's callbacks (they never reach the caller); e.g. to log them. */
  onObserverError?: (error: unknown) => void;
}

/** `options.run`, the way the wrappers call it. */
export type Run = ObserveOptions["run"];
