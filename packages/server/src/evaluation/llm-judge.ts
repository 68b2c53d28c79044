import type { StoredEvent } from "@honeyhive-ts/semconv";
import type { Metric } from "../resources/metrics/index.js";
import { EvaluationError, type Scored, toScored } from "./outcome.js";

export interface ProviderSettings {
  url: string | undefined;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
}

const SYSTEM_PROMPT =
  'You are an evaluator. Judge the event below by the rubric. Answer with JSON only: {"score": <the score the rubric asks for>, "explanation": "<one or two sentences>"}.';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

function lookup(event: StoredEvent, path: string): unknown {
  if (path === "event") return event;
  let value: unknown = event;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const show = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

/**
 * The rubric with `{{inputs}}`, `{{outputs.content}}`, `{{metadata.x}}`,
 * `{{feedback.ground_truth}}`, `{{event}}` ... filled from the event; a rubric
 * without placeholders gets the event's inputs and outputs appended.
 */
export function renderRubric(criteria: string, event: StoredEvent): string {
  if (!criteria.match(PLACEHOLDER)) {
    return `${criteria}\n\nInputs: ${show(event.inputs)}\nOutputs: ${show(event.outputs)}`;
  }
  return criteria.replace(PLACEHOLDER, (_m, path: string) => show(lookup(event, path)));
}

/** The judge's answer: JSON {score, explanation} (possibly fenced), a bare JSON value, or text starting with a number. */
export function parseVerdict(content: string): Scored {
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/```$/, "")
    .trim();
  try {
    return toScored(JSON.parse(text), "the judge");
  } catch {
    const number = /^-?\d+(?:\.\d+)?/.exec(text);
    if (number) return { score: Number(number[0]), explanation: text };
    throw new EvaluationError(`the judge's answer is not a score: ${text.slice(0, 200)}`);
  }
}

/**
 * Runs an LLM-judge metric through the configured OpenAI-compatible provider
 * (chat completions over fetch). Provider errors that may pass (network,
 * timeout, 408/429/5xx) are transient; a refused request or an unreadable
 * answer is not.
 */
export async function judgeEvent(
  provider: ProviderSettings,
  metric: Metric,
  event: StoredEvent,
): Promise<Scored> {
  if (!provider.url) {
    throw new EvaluationError(
      "no LLM provider is configured for server-side LLM evaluators (set HH_EVAL_PROVIDER_URL)",
    );
  }
  if (!metric.criteria)
    throw new EvaluationError(`metric '${metric.name}' has no criteria (the rubric prompt)`);
  let res: Response;
  try {
    res = await fetch(`${provider.url.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: metric.model_name || provider.model,
        temperature: 0,
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: renderRubric(metric.criteria, event) },
        ],
      }),
      signal: AbortSignal.timeout(provider.timeoutMs),
    });
  } catch (err) {
    throw new EvaluationError(`the LLM provider could not be reached: ${(err as Error).message}`, true);
  }
  if (!res.ok) {
    const detail = (await res.text().catch(() => "")).slice(0, 300);
    const transient = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new EvaluationError(`the LLM provider answered ${res.status}: ${detail}`, transient);
  }
  const body = (await res.json().catch(() => null)) as {
    choices?: { message?: { content?: unknown } }[];
  } | null;
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== "string")
    throw new EvaluationError("the LLM provider's answer holds no message content");
  return parseVerdict(content);
}
