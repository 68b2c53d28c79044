/** The app shell: sign-in gate, left navigation, project switcher, theme toggle and the page for the route. */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { Api, ApiError } from "./api/client.js";
import type { Me } from "./api/types.js";
import { ErrorBox, Loading } from "./components/states.js";
import { ConfigurationsPage } from "./pages/configurations.js";
import { DashboardPage } from "./pages/dashboard.js";
import { DatasetsPage } from "./pages/datasets.js";
import { ExperimentsPage } from "./pages/experiments.js";
import { HealthPage } from "./pages/health.js";
import { LivePage } from "./pages/live.js";
import { SessionDetailPage } from "./pages/session-detail.js";
import { SessionsPage } from "./pages/sessions.js";
import { SignIn } from "./pages/sign-in.js";
import { href, type Route, useRoute } from "./router.js";
import { AuthContext, type SessionState, STORAGE, useAuth } from "./session.js";

const NAV = [
  ["sessions", "Sessions"],
  ["experiments", "Experiments"],
  ["datasets", "Datasets"],
  ["configurations", "Configurations"],
  ["dashboard", "Dashboard"],
  ["live", "Live"],
  ["health", "SDK health"],
] as const;

export function App() {
  const [key, setKey] = useState(() => localStorage.getItem(STORAGE.key));
  const [projectId, setProjectId] = useState(() => localStorage.getItem(STORAGE.project) ?? undefined);
  const [me, setMe] = useState<
    { state: "loading" } | { state: "ready"; me: Me | null } | { state: "error"; error: unknown }
  >({
    state: "loading",
  });
  const api = useMemo(
    () => (key ? new Api({ key, ...(projectId ? { projectId } : {}) }) : null),
    [key, projectId],
  );

  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE.key);
    localStorage.removeItem(STORAGE.project);
    setKey(null);
    setProjectId(undefined);
  }, []);

  useEffect(() => {
    if (!api) return;
    setMe({ state: "loading" });
    api.me().then(
      (m) => setMe({ state: "ready", me: m }),
      (error: unknown) => {
        if (error instanceof ApiError && error.missing) setMe({ state: "ready", me: null });
        else if (error instanceof ApiError && error.status === 401) signOut();
        else setMe({ state: "error", error });
      },
    );
  }, [api, signOut]);

  if (!api) {
    return (
      <SignIn
        onSignedIn={(k) => {
          localStorage.setItem(STORAGE.key, k);
          setKey(k);
        }}
      />
    );
  }
  if (me.state === "loading") return <Loading label="Signing in…" />;
  if (me.state === "error") return <ErrorBox error={me.error} onRetry={() => setProjectId(projectId)} />;
  const state: SessionState = {
    api,
    me: me.me,
    signOut,
    switchProject: (id) => {
      localStorage.setItem(STORAGE.project, id);
      setProjectId(id);
    },
  };
  return (
    <AuthContext.Provider value={state}>
      <Shell />
    </AuthContext.Provider>
  );
}

function Shell() {
  const route = useRoute();
  const page = route.parts[0] ?? "sessions";
  return (
    <div className="shell">
      <button type="button" className="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <nav className="nav" aria-label="Main">
        <div className="brand">HoneyHive TS</div>
        <ul>
          {NAV.map(([id, label]) => (
            <li key={id}>
              <a href={href(id)} aria-current={page === id ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <NavFooter />
      </nav>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}

function NavFooter() {
  const { me, signOut, switchProject } = useAuth();
  const [theme, setTheme] = useState(() => localStorage.getItem(STORAGE.theme) ?? "auto");
  useEffect(() => {
    if (theme === "auto") delete document.documentElement.dataset["theme"];
    else document.documentElement.dataset["theme"] = theme;
    localStorage.setItem(STORAGE.theme, theme);
  }, [theme]);
  return (
    <div className="nav-footer">
      {me && (
        <label>
          Project
          <select value={me.project.id} onChange={(e) => switchProject(e.target.value)} aria-label="Project">
            {me.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {me && <div className="muted small">key: {me.key.name}</div>}
      <label>
        Theme
        <select value={theme} onChange={(e) => setTheme(e.target.value)} aria-label="Theme">
          <option value="auto">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}

function Page({ route }: { route: Route }): ReactNode {
  const [page = "sessions", id, sub, other] = route.parts;
  switch (page) {
    case "sessions":
      return id ? <SessionDetailPage sessionId={id} /> : <SessionsPage route={route} />;
    case "experiments":
      return <ExperimentsPage runId={id} compareWith={sub === "compare" ? other : undefined} />;
    case "datasets":
      return <DatasetsPage datasetId={id} />;
    case "configurations":
      return <ConfigurationsPage configId={id} />;
    case "dashboard":
      return <DashboardPage />;
    case "live":
      return <LivePage sessionId={id} />;
    case "health":
      return <HealthPage />;
    default:
      return <ErrorBox error={new Error(`No page "${page}".`)} />;
  }
}
