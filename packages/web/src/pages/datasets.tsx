/** Datasets: list and create, browse and edit datapoints, import a JSONL / CSV file with progress, export. */
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.js";
import type { Datapoint, ImportResult } from "../api/types.js";
import { Empty, ErrorBox, Show, useAsync } from "../components/states.js";
import { brief, fmtTime } from "../lib/format.js";
import { href } from "../router.js";
import { useAuth } from "../session.js";

const PAGE = 50;

export function DatasetsPage({ datasetId }: { datasetId?: string }) {
  return datasetId ? <DatasetView id={datasetId} /> : <DatasetList />;
}

function DatasetList() {
  const { api } = useAuth();
  const list = useAsync(() => api.datasets(), [api]);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.createDataset(name, "");
      setName("");
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="ds-title">
      <header className="page-head">
        <h1 id="ds-title">Datasets</h1>
      </header>
      <form className="toolbar" onSubmit={create} aria-label="New dataset">
        <label>
          New dataset
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="name" required />
        </label>
        <button type="submit">Create</button>
      </form>
      {error !== null && <ErrorBox error={error} />}
      <Show a={list}>
        {(data) =>
          data.datasets.length === 0 ? (
            <Empty>No datasets yet. Create one, then import a JSONL or CSV file.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Datapoints</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {data.datasets.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={href("datasets", d.id)}>{d.name}</a>
                    </td>
                    <td className="num">{d.num_points}</td>
                    <td>{fmtTime(d.updated_at)}</td>
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

function DatasetView({ id }: { id: string }) {
  const { api } = useAuth();
  const [offset, setOffset] = useState(0);
  const points = useAsync(() => api.datapoints(id, PAGE, offset), [api, id, offset]);
  const [editing, setEditing] = useState<Datapoint | null>(null);
  const download = async (format: "jsonl" | "csv") => {
    const res = await api.raw("GET", api.exportUrl(id, format));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = `dataset-${id}.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="dsv-title">
      <header className="page-head">
        <a href={href("datasets")}>← Datasets</a>
        <h1 id="dsv-title">Dataset {id}</h1>
        <button type="button" onClick={() => void download("jsonl")}>
          Export JSONL
        </button>
        <button type="button" onClick={() => void download("csv")}>
          Export CSV
        </button>
      </header>
      <Importer datasetId={id} onDone={points.reload} />
      {editing && (
        <EditDatapoint
          point={editing}
          onClose={() => {
            setEditing(null);
            points.reload();
          }}
        />
      )}
      <Show a={points}>
        {(data) =>
          data.datapoints.length === 0 && offset === 0 ? (
            <Empty>This dataset is empty. Import a file above.</Empty>
          ) : (
            <>
              <table className="table">
                <thead>
                  <tr>
                    <th>Inputs</th>
                    <th>Ground truth</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.datapoints.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <code>{brief(d.inputs, 120)}</code>
                      </td>
                      <td>
                        <code>{brief(d.ground_truth, 120)}</code>
                      </td>
                      <td>
                        <button type="button" onClick={() => setEditing(d)}>
                          Edit
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav className="pager" aria-label="Pages">
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  ← Previous
                </button>
                <span className="muted">
                  {offset + 1}–{offset + data.datapoints.length}
                </span>
                <button
                  type="button"
                  disabled={data.datapoints.length < PAGE}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Next →
                </button>
              </nav>
            </>
          )
        }
      </Show>
    </section>
  );
}

function Importer({ datasetId, onDone }: { datasetId: string; onDone: () => void }) {
  const { api } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl";
      const r = await api.importDataset(datasetId, file, format, setProgress);
      setResult(r);
      onDone();
    } catch (err) {
      setError(err);
      setProgress(null);
    }
  };
  return (
    <form className="toolbar" onSubmit={submit} aria-label="Import">
      <label>
        Import JSONL or CSV
        <input
          type="file"
          accept=".jsonl,.ndjson,.csv,.json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" disabled={!file}>
        Import
      </button>
      {progress !== null && (
        <progress max={1} value={progress} aria-label="Import progress">
          {Math.round(progress * 100)}%
        </progress>
      )}
      {result && (
        <p role="status">
          Imported {result.imported} rows{result.failed ? `, ${result.failed} failed` : ""}.
          {result.errors.slice(0, 5).map((x) => (
            <span key={x.line} className="error-text">
              {" "}
              line {x.line}: {x.message}
            </span>
          ))}
        </p>
      )}
      {error !== null && (
        <p className="error-text">
          {error instanceof ApiError ? `${error.message} ${error.hint}` : String(error)}
        </p>
      )}
    </form>
  );
}

function EditDatapoint({ point, onClose }: { point: Datapoint; onClose: () => void }) {
  const { api } = useAuth();
  const [inputs, setInputs] = useState(JSON.stringify(point.inputs, null, 2));
  const [truth, setTruth] = useState(JSON.stringify(point.ground_truth, null, 2));
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.updateDatapoint(point.id, { inputs: JSON.parse(inputs), ground_truth: JSON.parse(truth) });
      onClose();
    } catch (err) {
      setError(
        err instanceof SyntaxError
          ? `Not valid JSON: ${err.message}`
          : err instanceof ApiError
            ? `${err.message} ${err.hint}`
            : String(err),
      );
    }
  };
  return (
    <form className="card" onSubmit={save} aria-label="Edit datapoint">
      <h2>Edit datapoint {point.id}</h2>
      <label>
        Inputs (JSON)
        <textarea rows={6} value={inputs} onChange={(e) => setInputs(e.target.value)} />
      </label>
      <label>
        Ground truth (JSON)
        <textarea rows={4} value={truth} onChange={(e) => setTruth(e.target.value)} />
      </label>
      {error && <p className="error-text">{error}</p>}
      <button type="submit" className="primary">
        Save
      </button>{" "}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
