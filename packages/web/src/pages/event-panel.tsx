/**
 * The selected event: conversation, inputs / outputs as foldable JSON,
 * config, metadata, metrics, feedback, tokens, cost, the error with its
 * stack; forms to add feedback or a score and to add the event to a dataset.
 */
import { type FormEvent, useMemo, useState } from "react";
import { ApiError } from "../api/client.js";
import type { Event } from "../api/types.js";
import { Conversation } from "../components/conversation.js";
import { JsonView } from "../components/json-view.js";
import { useAsync } from "../components/states.js";
import { extractConversation } from "../lib/chat.js";
import { fmtCost, fmtDuration, fmtInt, fmtTime } from "../lib/format.js";
import { useAuth } from "../session.js";

export function EventPanel({ event, onChange }: { event: Event; onChange: () => void }) {
  const conversation = useMemo(() => extractConversation(event.inputs, event.outputs), [event]);
  const m = event.metadata as Record<string, number | undefined>;
  return (
    <article className="panel" aria-label={`Event ${event.event_name}`}>
      <h2>
        <span className={`type type-${event.event_type}`}>{event.event_type}</span> {event.event_name}
      </h2>
      <dl className="facts">
        <dt>Started</dt>
        <dd>{fmtTime(event.start_time)}</dd>
        <dt>Duration</dt>
        <dd>{fmtDuration(event.duration)}</dd>
        <dt>Tokens</dt>
        <dd>
          {fmtInt(m["total_tokens"])} ({fmtInt(m["prompt_tokens"])} in / {fmtInt(m["completion_tokens"])} out)
        </dd>
        <dt>Cost</dt>
        <dd>{fmtCost(m["cost"])}</dd>
        <dt>Source</dt>
        <dd>{event.source}</dd>
        <dt>Event id</dt>
        <dd>
          <code>{event.event_id}</code>
        </dd>
      </dl>
      {event.error && (
        <section className="error-block" aria-label="Error">
          <h3>Error</h3>
          <pre>{event.error}</pre>
          {typeof event.metadata["error_stack"] === "string" && (
            <pre>{String(event.metadata["error_stack"])}</pre>
          )}
        </section>
      )}
      {conversation.length > 0 && (
        <section>
          <h3>Conversation</h3>
          <Conversation messages={conversation} />
        </section>
      )}
      <Block title="Inputs" value={event.inputs} />
      <Block title="Outputs" value={event.outputs} />
      <Block title="Config" value={event.config} />
      <Block title="Metadata" value={event.metadata} />
      <Block title="Metrics" value={event.metrics} />
      <Block title="Feedback" value={event.feedback} />
      <FeedbackForm event={event} onDone={onChange} />
      <AddToDataset event={event} />
    </article>
  );
}

function Block({ title, value }: { title: string; value: Record<string, unknown> }) {
  if (!value || Object.keys(value).length === 0) return null;
  return (
    <details open={title === "Inputs" || title === "Outputs"}>
      <summary>{title}</summary>
      <JsonView value={value} label={title} />
    </details>
  );
}

function FeedbackForm({ event, onDone }: { event: Event; onDone: () => void }) {
  const { api } = useAuth();
  const [rating, setRating] = useState("");
  const [comment, setComment] = useState("");
  const [scoreName, setScoreName] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (rating !== "") body["rating"] = Number.isNaN(Number(rating)) ? rating : Number(rating);
    if (comment) body["comment"] = comment;
    if (scoreName && rating !== "") body[scoreName] = body["rating"];
    if (Object.keys(body).length === 0) return setStatus("Give a rating or a comment.");
    try {
      await api.feedback(event.event_id, body);
      setStatus("Feedback saved.");
      setRating("");
      setComment("");
      onDone();
    } catch (err) {
      setStatus(err instanceof ApiError ? `${err.message} ${err.hint}` : String(err));
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add feedback">
      <h3>Add feedback</h3>
      <label>
        Rating / score
        <input value={rating} onChange={(e) => setRating(e.target.value)} size={6} />
      </label>
      <label>
        As score named
        <input
          value={scoreName}
          onChange={(e) => setScoreName(e.target.value)}
          placeholder="optional"
          size={10}
        />
      </label>
      <label className="grow">
        Comment
        <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit">Save feedback</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}

function AddToDataset({ event }: { event: Event }) {
  const { api } = useAuth();
  const datasets = useAsync(() => api.datasets(), [api]);
  const [target, setTarget] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  if (datasets.state !== "ready" || datasets.data.datasets.length === 0) return null;
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const id = target || datasets.data.datasets[0]!.id;
    try {
      await api.datapointsFromEvents(id, [event.event_id]);
      setStatus("Added to the dataset.");
    } catch (err) {
      setStatus(err instanceof ApiError ? `${err.message} ${err.hint}` : String(err));
    }
  };
  return (
    <form className="inline-form" onSubmit={add} aria-label="Add to dataset">
      <h3>Add to a dataset</h3>
      <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Dataset">
        {datasets.data.datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <button type="submit">Add event</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}
