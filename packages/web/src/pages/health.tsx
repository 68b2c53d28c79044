/** SDK health: what each client reported exporting and dropping, so span loss is visible. */
import { Empty, Show, useAsync } from "../components/states.js";
import { fmtInt, fmtTime } from "../lib/format.js";
import { useAuth } from "../session.js";

export function HealthPage() {
  const { api } = useAuth();
  const health = useAsync(() => api.sdkHealth(), [api]);
  return (
    <section aria-labelledby="health-title">
      <header className="page-head">
        <h1 id="health-title">SDK health</h1>
      </header>
      <Show a={health}>
        {(data) =>
          data.clients.length === 0 ? (
            <Empty>No SDK has reported its counters yet.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Service</th>
                  <th>SDK</th>
                  <th>Instance</th>
                  <th>Last seen</th>
                  <th className="num">Exported</th>
                  <th className="num">Dropped</th>
                  <th>Drop reasons</th>
                  <th className="num">Buffer</th>
                </tr>
              </thead>
              <tbody>
                {data.clients.map((c) => (
                  <tr key={c.instance_id} className={c.spans_dropped > 0 ? "row-error" : undefined}>
                    <td>{c.service_name}</td>
                    <td>
                      {c.sdk_name} {c.sdk_version}
                    </td>
                    <td>
                      <code>{c.instance_id}</code>
                    </td>
                    <td>{fmtTime(c.last_seen)}</td>
                    <td className="num">{fmtInt(c.spans_exported)}</td>
                    <td className="num">{fmtInt(c.spans_dropped)}</td>
                    <td>
                      {Object.entries(c.dropped_by_reason)
                        .map(([r, n]) => `${r}: ${n}`)
                        .join(", ") || "–"}
                    </td>
                    <td className="num">{fmtInt(c.buffer_bytes)} B</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}
