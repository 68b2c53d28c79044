/** Loading, empty and error states, and the hook that gives every page all three. */
import { type DependencyList, type ReactNode, useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client.js";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="state error" role="alert">
      <strong>{e?.missing ? "Needs server support" : "Something went wrong"}</strong>
      <p>
        {e?.missing ? "This server does not offer this feature yet; update the server to use it." : message}
      </p>
      {e && !e.missing && (
        <p className="muted">
          <code>{e.code}</code> {e.hint}
        </p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export type Async<T> =
  | { state: "loading"; reload: () => void }
  | { state: "error"; error: unknown; reload: () => void }
  | { state: "ready"; data: T; reload: () => void };

/** Runs `load` when `deps` change; the answer, the error or "loading", with a reload. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): Async<T> {
  const [tick, setTick] = useState(0);
  const [value, setValue] = useState<
    { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; data: T }
  >({
    state: "loading",
  });
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load.
  useEffect(() => {
    let live = true;
    setValue((v) => (v.state === "ready" ? v : { state: "loading" }));
    load().then(
      (data) => live && setValue({ state: "ready", data }),
      (error: unknown) => live && setValue({ state: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...value, reload } as Async<T>;
}

/** Renders the loading / error states of `a`, else `render(data)`. */
export function Show<T>({ a, children }: { a: Async<T>; children: (data: T) => ReactNode }) {
  if (a.state === "loading") return <Loading />;
  if (a.state === "error") return <ErrorBox error={a.error} onRetry={a.reload} />;
  return <>{children(a.data)}</>;
}
