/**
 * Experiments: runs grouped by dataset, a run's aggregate metrics and
 * datapoints with pass/fail, and two runs side by side with per-datapoint
 * improved / degraded marks and output diffs.
 */
import { useState } from "react";
import type { Run, RunComparison, RunEventComparison, RunResult } from "../api/types.js";
import { DiffView } from "../components/diff-view.js";
import { Empty, Show, useAsync } from "../components/states.js";
import { compareValues } from "../lib/diff.js";
import { fmtNumber, fmtTime } from "../lib/format.js";
import { href, navigate } from "../router.js";
import { useAuth } from "../session.js";

export function ExperimentsPage({ runId, compareWith }: { runId?: string; compareWith?: string }) {
  if (runId && compareWith) return <Compare newId={runId} oldId={compareWith} />;
  if (runId) return <RunPage runId={runId} />;
  return <RunList />;
}

function RunList() {
  const { api } = useAuth();
  const runs = useAsync(() => api.runs(), [api]);
  return (
    <section aria-labelledby="exp-title">
      <header className="page-head">
        <h1 id="exp-title">Experiments</h1>
      </header>
      <Show a={runs}>
        {(data) => {
          if (data.evaluations.length === 0)
            return (
              <Empty>
                No runs yet. Run <code>evaluate()</code> or <code>honeyhive eval</code>.
              </Empty>
            );
          const groups = new Map<string, Run[]>();
          for (const r of data.evaluations)
            groups.set(r.dataset_id ?? "(no dataset)", [
              ...(groups.get(r.dataset_id ?? "(no dataset)") ?? []),
              r,
            ]);
          return [...groups].map(([dataset, runs]) => (
            <section key={dataset} className="card">
              <h2>Dataset {dataset}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>Run</th>
                    <th>Status</th>
                    <th className="num">Datapoints</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.run_id}>
                      <td>
                        <a href={href("experiments", r.run_id)}>{r.name}</a>
                      </td>
                      <td>
                        <span className={`badge status-${r.status}`}>{r.status}</span>
                      </td>
                      <td className="num">{r.datapoint_ids.length}</td>
                      <td>{fmtTime(r.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ));
        }}
      </Show>
    </section>
  );
}

function RunPage({ runId }: { runId: string }) {
  const { api } = useAuth();
  const result = useAsync(() => Promise.all([api.runResult(runId), api.runs()]), [api, runId]);
  const [other, setOther] = useState("");
  return (
    <section aria-labelledby="run-title">
      <header className="page-head">
        <a href={href("experiments")}>← Experiments</a>
        <h1 id="run-title">Run {runId}</h1>
      </header>
      <Show a={result}>
        {([res, runs]) => {
          const peers = runs.evaluations.filter((r) => r.run_id !== runId);
          return (
            <>
              <form
                className="toolbar"
                aria-label="Compare"
                onSubmit={(e) => {
                  e.preventDefault();
                  const base = other || peers[0]?.run_id;
                  if (base) navigate(href("experiments", runId, "compare", base));
                }}
              >
                <label>
                  Compare with
                  <select
                    value={other}
                    onChange={(e) => setOther(e.target.value)}
                    disabled={peers.length === 0}
                  >
                    {peers.map((r) => (
                      <option key={r.run_id} value={r.run_id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" disabled={peers.length === 0}>
                  Compare
                </button>
              </form>
              <RunSummary res={res} />
            </>
          );
        }}
      </Show>
    </section>
  );
}

function RunSummary({ res }: { res: RunResult }) {
  return (
    <>
      <p>
        <span className={`badge status-${res.status}`}>{res.status}</span> {res.passed.length} passed,{" "}
        {res.failed.length} failed
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Event</th>
            <th className="num">Aggregate</th>
            <th className="num">Passed</th>
            <th className="num">Failed</th>
          </tr>
        </thead>
        <tbody>
          {res.metrics.details.map((d) => (
            <tr key={`${d.event_name}/${d.metric_name}`}>
              <td>{d.metric_name}</td>
              <td>{d.event_name}</td>
              <td className="num">{fmtNumber(d.aggregate)}</td>
              <td className="num">{d.passed_count}</td>
              <td className="num">{d.failed_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Datapoints</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Datapoint</th>
            <th>Result</th>
            <th>Scores</th>
          </tr>
        </thead>
        <tbody>
          {res.datapoints.map((d) => (
            <tr key={d.datapoint_id}>
              <td>
                <a href={href("sessions", d.session_id)}>{d.datapoint_id}</a>
              </td>
              <td>
                <span className={`badge ${d.passed ? "pass" : "fail"}`}>{d.passed ? "pass" : "fail"}</span>
              </td>
              <td>{d.metrics.map((m) => `${m.name}=${String(m.value)}`).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Compare({ newId, oldId }: { newId: string; oldId: string }) {
  const { api } = useAuth();
  const data = useAsync(
    () =>
      Promise.all([
        api.compareRuns(newId, oldId),
        api.compareEvents(oldId, newId),
        api.runResult(oldId),
        api.runResult(newId),
      ]),
    [api, newId, oldId],
  );
  return (
    <section aria-labelledby="cmp-title">
      <header className="page-head">
        <a href={href("experiments", newId)}>← Run</a>
        <h1 id="cmp-title">Compare runs</h1>
      </header>
      <Show a={data}>
        {([cmp, events, oldRes, newRes]) => (
          <CompareBody cmp={cmp} events={events} oldRes={oldRes} newRes={newRes} />
        )}
      </Show>
    </section>
  );
}

function CompareBody({
  cmp,
  events,
  oldRes,
  newRes,
}: {
  cmp: RunComparison;
  events: RunEventComparison;
  oldRes: RunResult;
  newRes: RunResult;
}) {
  const metricOf = (res: RunResult) => new Map(res.datapoints.map((d) => [d.datapoint_id, d]));
  const olds = metricOf(oldRes);
  const news = metricOf(newRes);
  const lower = new Map(cmp.metrics.map((m) => [`${m.event_name}/${m.metric_name}`, m.lower_is_better]));
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Baseline</th>
            <th className="num">New</th>
            <th className="num">Improved</th>
            <th className="num">Degraded</th>
            <th className="num">Same</th>
          </tr>
        </thead>
        <tbody>
          {cmp.metrics.map((m) => (
            <tr key={`${m.event_name}/${m.metric_name}`}>
              <td>{m.metric_name}</td>
              <td className="num">{fmtNumber(m.old_aggregate)}</td>
              <td className="num">{fmtNumber(m.new_aggregate)}</td>
              <td className="num improved">{m.improved_count}</td>
              <td className="num degraded">{m.degraded_count}</td>
              <td className="num">{m.same_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Datapoints ({cmp.commonDatapoints.length} in common)</h2>
      {cmp.commonDatapoints.length === 0 && <Empty>The two runs share no datapoints.</Empty>}
      {cmp.commonDatapoints.map((dp) => {
        const a = olds.get(dp);
        const b = news.get(dp);
        const pair =
          events.events.find((e) => e.datapoint_id === dp && e.event_1.parent_id === null) ??
          events.events.find((e) => e.datapoint_id === dp);
        const verdicts = (b?.metrics ?? []).map((m) => {
          const before = a?.metrics.find((x) => x.name === m.name && x.event_name === m.event_name);
          return {
            name: m.name,
            old: before?.value,
            now: m.value,
            v: compareValues(before?.value, m.value, lower.get(`${m.event_name}/${m.name}`)),
          };
        });
        const overall = verdicts.some((v) => v.v === "degraded")
          ? "degraded"
          : verdicts.some((v) => v.v === "improved")
            ? "improved"
            : "same";
        return (
          <article key={dp} className={`card cmp-${overall}`} aria-label={`Datapoint ${dp}: ${overall}`}>
            <h3>
              {dp} <span className={`badge ${overall}`}>{overall}</span>
            </h3>
            <p>
              {verdicts.map((v) => (
                <span key={v.name} className={`chip ${v.v}`}>
                  {v.name}: {String(v.old ?? "–")} → {String(v.now ?? "–")}
                </span>
              ))}
            </p>
            {pair && <DiffView before={pair.event_1.outputs} after={pair.event_2.outputs} />}
          </article>
        );
      })}
    </>
  );
}
