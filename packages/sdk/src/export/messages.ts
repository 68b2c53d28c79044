/**
 * Everything the export pipeline tells the user (through logger.warnOnce):
 * what happened, what it means for their spans, and what to do.
 */
import { MASK_FAILED } from "./encode-state.js";

export const messages = {
  unreachable: (origin: string, error: string) =>
    `Cannot deliver spans to ${origin} (${error}). They are kept in memory (up to maxBufferBytes) ` +
    "and retried; check that the server is running and the URL is right.",
  bufferFull: (maxBytes: number, lastError: string | undefined) =>
    `The export buffer is full (${maxBytes} bytes not yet delivered): new spans are dropped until the ` +
    `server catches up${lastError ? ` (last error: ${lastError})` : ""}. ` +
    "Raise maxBufferBytes if this happens while the server is healthy.",
  rejected: (rejected: number, total: number, reason: string) =>
    `the server rejected ${rejected} of ${total} spans: ${reason || "no reason given"}`,
  tooLarge: (bytes: number, error: string) =>
    `A span of ${bytes} bytes is larger than the server accepts (${error}); it was dropped. ` +
    "Record less content on one span, or raise HH_MAX_BODY_BYTES on the server.",
  encodeError: (count: number) => `${count} span(s) could not be encoded and were dropped.`,
  maskFailed: (error: string) =>
    `The mask function threw (${error}); the value was replaced by "${MASK_FAILED}".`,
  shutdownDropped: (count: number) =>
    `${count} span(s) could not be delivered before shutdown and were dropped.`,
};

/** What to tell the user when the server refuses a batch for good. */
export function refusalHint(status: number, error: string, endpoint: string): string {
  const what = `HoneyHive refused spans (${error}); they are dropped.`;
  switch (status) {
    case 401:
      return `${what} Check the API key (the apiKey option or HH_API_KEY): it is missing, mistyped or revoked.`;
    case 403:
      return `${what} The API key is not allowed to write here: check that it belongs to the project you send to.`;
    case 404:
      return `${what} There is no OTLP endpoint at ${endpoint}: check the server URL.`;
    case 415:
      return `${what} The server does not accept protobuf or this Content-Encoding: check the server URL and compression.`;
    case 0:
      return `${what} The request could not be made: check the endpoint and headers.`;
    default:
      return `${what} This is likely a bug: please report it with the message above.`;
  }
}
