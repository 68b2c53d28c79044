/** Configurations: list, versions, diff between two versions, deploy a version to an environment. */
import { useState } from "react";
import { ApiError } from "../api/client.js";
import { DiffView } from "../components/diff-view.js";
import { Empty, Show, useAsync } from "../components/states.js";
import { fmtTime } from "../lib/format.js";
import { href } from "../router.js";
import { useAuth } from "../session.js";

const ENVS = ["dev", "staging", "prod"] as const;

export function ConfigurationsPage({ configId }: { configId?: string }) {
  const { api } = useAuth();
  const list = useAsync(() => api.configurations(), [api]);
  return (
    <section aria-labelledby="cfg-title">
      <header className="page-head">
        <h1 id="cfg-title">Configurations</h1>
      </header>
      <div className="split">
        <Show a={list}>
          {(configs) =>
            configs.length === 0 ? (
              <Empty>No configurations yet.</Empty>
            ) : (
              <ul className="side-list">
                {configs.map((c) => (
                  <li key={c.id}>
                    <a
                      href={href("configurations", c.id)}
                      aria-current={c.id === configId ? "page" : undefined}
                    >
                      {c.name} <span className="muted">v{c.latest_version}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
        {configId && <Versions id={configId} onDeployed={list.reload} />}
      </div>
    </section>
  );
}

function Versions({ id, onDeployed }: { id: string; onDeployed: () => void }) {
  const { api } = useAuth();
  const versions = useAsync(() => api.configVersions(id), [api, id]);
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const deploy = async (env: string, version: number) => {
    try {
      await api.deploy(id, env, version);
      setStatus(`Version ${version} deployed to ${env}.`);
      versions.reload();
      onDeployed();
    } catch (err) {
      setStatus(err instanceof ApiError ? `${err.message} ${err.hint}` : String(err));
    }
  };
  return (
    <Show a={versions}>
      {(vs) => {
        const last = vs[vs.length - 1]?.version ?? 1;
        const va = vs.find((v) => v.version === (a ?? Math.max(1, last - 1)));
        const vb = vs.find((v) => v.version === (b ?? last));
        return (
          <div className="grow">
            <table className="table">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Model</th>
                  <th>Deployed</th>
                  <th>Created</th>
                  <th>Deploy</th>
                </tr>
              </thead>
              <tbody>
                {vs.map((v) => (
                  <tr key={v.version}>
                    <td>v{v.version}</td>
                    <td>{v.parameters.model ?? "–"}</td>
                    <td>{v.env.join(", ") || "–"}</td>
                    <td>{fmtTime(v.created_at)}</td>
                    <td>
                      {ENVS.map((env) => (
                        <button
                          key={env}
                          type="button"
                          className="small"
                          onClick={() => void deploy(env, v.version)}
                          disabled={v.env.includes(env)}
                        >
                          {env}
                        </button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {status && <p role="status">{status}</p>}
            <div className="toolbar">
              <label>
                From
                <select value={va?.version} onChange={(e) => setA(Number(e.target.value))}>
                  {vs.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                To
                <select value={vb?.version} onChange={(e) => setB(Number(e.target.value))}>
                  {vs.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {va && vb && (
              <DiffView
                before={{ provider: va.provider, parameters: va.parameters }}
                after={{ provider: vb.provider, parameters: vb.parameters }}
              />
            )}
          </div>
        );
      }}
    </Show>
  );
}
