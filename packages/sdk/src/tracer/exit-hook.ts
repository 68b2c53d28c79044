import { liveTracers } from "./registry.js";

let installed = false;
let flushing = false;
let gaveUp = false;

/**
 * On a normal exit (the event loop ran dry), flush every tracer that still has
 * work. A referenced timer keeps the process alive while the flush runs (export
 * sockets and timers are unreferenced so that the SDK alone never keeps an
 * application running). If work appeared meanwhile it runs again, unless a
 * flush already timed out (a dead server must not keep the process alive).
 */
export function installExitHook(): void {
  if (installed) return;
  installed = true;
  process.on("beforeExit", () => {
    if (flushing || gaveUp) return;
    const busy = liveTracers().filter((t) => t.flushOnExit && t.hasPendingWork());
    if (busy.length === 0) return;
    flushing = true;
    const timeout = Math.max(...busy.map((t) => t.flushTimeoutMs));
    const keepAlive = setTimeout(() => undefined, timeout + 1000);
    void Promise.allSettled(busy.map((t) => t.flush(timeout))).then((results) => {
      clearTimeout(keepAlive);
      flushing = false;
      if (results.some((r) => r.status === "rejected" || r.value === false)) gaveUp = true;
    });
  });
}
