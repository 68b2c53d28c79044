/**
 * The live feed (`GET /v1/live`, server-sent events) read with fetch and a
 * stream reader so the Bearer header can be sent; reconnects with a growing
 * delay until the caller aborts.
 */
import { type SseMessage, SseParser } from "../lib/sse.js";
import { type Api, ApiError } from "./client.js";

export interface LiveHandlers {
  onMessage(msg: SseMessage): void;
  onStatus(status: "connecting" | "open" | "closed", error?: ApiError): void;
}

/** Follows the project's (or one session's) live feed until `signal` aborts. */
export async function followLive(
  api: Api,
  sessionId: string | undefined,
  signal: AbortSignal,
  h: LiveHandlers,
): Promise<void> {
  let delay = 500;
  while (!signal.aborted) {
    h.onStatus("connecting");
    try {
      const res = await api.raw(
        "GET",
        "/v1/live",
        { signal, headers: { accept: "text/event-stream" } },
        { session_id: sessionId },
      );
      if (!res.body) throw new ApiError(0, "HH_E_STREAM", "The live feed has no body.", "");
      h.onStatus("open");
      delay = 500;
      const parser = new SseParser(h.onMessage);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch (err) {
      if (signal.aborted) break;
      if (err instanceof ApiError && (err.missing || err.status === 401 || err.status === 403)) {
        h.onStatus("closed", err);
        return;
      }
    }
    if (signal.aborted) break;
    h.onStatus("connecting");
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10_000);
  }
  h.onStatus("closed");
}
