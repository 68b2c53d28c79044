/**
 * A batch: consecutive buffered spans sent in one request, kept (with its
 * encoded body) until the server acknowledges it or it is given up.
 */
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { encodeTraceRequest } from "./encode-request.js";
import type { MaskFunction } from "./encode-state.js";
import { messages } from "./messages.js";
import type { ResolvedOptions } from "./options.js";
import type { Entry } from "./span-queue.js";
import { describeError } from "./transport.js";

const gzipAsync = promisify(gzip);

export interface Batch {
  entries: Entry[];
  /** Sum of the entries' estimated bytes (counted in the buffer until the batch settles). */
  bytes: number;
  /** Sequence numbers of the first and last entry. */
  first: number;
  last: number;
  /** Requests sent so far. */
  attempts: number;
  state: "ready" | "sending" | "waiting";
  /** Encoded (and compressed) request, kept for retries; encodedBytes is before compression. */
  body?: Buffer;
  encodedBytes: number;
  timer?: NodeJS.Timeout;
}

export function newBatch(entries: Entry[]): Batch {
  let bytes = 0;
  for (const e of entries) bytes += e.bytes;
  return {
    entries,
    bytes,
    first: entries[0]?.seq ?? 0,
    last: entries[entries.length - 1]?.seq ?? 0,
    attempts: 0,
    state: "ready",
    encodedBytes: 0,
  };
}

/** The two halves of a batch the server found too large. */
export function splitBatch(batch: Batch): [Batch, Batch] {
  const middle = Math.ceil(batch.entries.length / 2);
  return [newBatch(batch.entries.slice(0, middle)), newBatch(batch.entries.slice(middle))];
}

export interface EncodedSpans {
  body: Buffer;
  /** Indexes of spans that could not be encoded (left out of body). */
  failed: number[];
}

/**
 * Encodes a batch. Should one span make encoding fail, each span is encoded
 * alone and the good ones concatenated (repeated resource_spans merge), so
 * one bad span never costs the others.
 */
export function encodeSpans(
  spans: readonly ReadableSpan[],
  mask: MaskFunction | undefined,
  onMaskError: (err: unknown) => void,
): EncodedSpans {
  try {
    return { body: encodeTraceRequest(spans, mask, onMaskError), failed: [] };
  } catch {
    // isolate the span at fault below
  }
  const parts: Buffer[] = [];
  const failed: number[] = [];
  spans.forEach((span, i) => {
    try {
      parts.push(encodeTraceRequest([span], mask, onMaskError));
    } catch {
      failed.push(i);
    }
  });
  return { body: Buffer.concat(parts), failed };
}

/** Waits (bounded) for resources whose detectors are still running, as the OTel batch processor does. */
export async function settleResources(spans: readonly ReadableSpan[], timeoutMs: number): Promise<void> {
  const pending = new Set<Resource>();
  for (const span of spans) if (span.resource?.asyncAttributesPending) pending.add(span.resource);
  if (pending.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  const waits = [...pending].map(async (resource) => {
    try {
      await resource.waitForAsyncAttributes?.();
    } catch {
      // a failed detector leaves the attributes it has
    }
  });
  await Promise.race([Promise.all(waits), timeout]);
  clearTimeout(timer);
}

/**
 * Encodes (and compresses) a batch once; its body is kept for retries, so
 * the mask runs once per span. Spans that cannot be encoded leave the batch
 * through `drop`.
 */
export async function prepareBatch(
  batch: Batch,
  opts: Pick<ResolvedOptions, "mask" | "gzip" | "exportTimeoutMs" | "logger">,
  drop: (dropped: Entry[]) => void,
): Promise<void> {
  const spans = batch.entries.map((e) => e.span);
  await settleResources(spans, opts.exportTimeoutMs);
  const onMaskError = (err: unknown) =>
    opts.logger.warnOnce("export-mask-failed", messages.maskFailed(describeError(err)));
  const { body, failed } = encodeSpans(spans, opts.mask, onMaskError);
  if (failed.length > 0) {
    const bad = new Set(failed);
    const dropped = batch.entries.filter((_, i) => bad.has(i));
    batch.entries = batch.entries.filter((_, i) => !bad.has(i));
    for (const e of dropped) batch.bytes -= e.bytes;
    drop(dropped);
  }
  batch.encodedBytes = body.length;
  batch.body = opts.gzip ? await gzipAsync(body) : body;
}
