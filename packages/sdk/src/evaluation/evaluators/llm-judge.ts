/** LLM-as-judge: a rubric filled with the call, scored by any OpenAI-compatible chat endpoint. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput, EvaluatorOptions } from "../types.js";
import { type ChatClientLike, chatCompletion, type ProviderOptions } from "./provider.js";
import { type BuiltinRubric, loadRubric, type Rubric, type RubricField } from "./rubrics.js";
import { asText, type FieldOptions, pickExpected, pickOutput, wrapperOptions } from "./shared.js";

export interface LlmJudgeOptions extends EvaluatorOptions, FieldOptions, ProviderOptions<ChatClientLike> {
  /** A shipped rubric by name, or a Rubric (e.g. from customRubric). */
  rubric: BuiltinRubric | Rubric;
  /** The judge model (default "gpt-4o-mini"). */
  model?: string;
  /** The grounding context for faithfulness (default: `input.context`, then `metadata.context`). */
  selectContext?: (input: EvaluatorInput) => unknown;
  /** Ask for `response_format: json_object` (default true; turn off for endpoints that refuse it). */
  jsonMode?: boolean;
  /** Sampling temperature (default 0). */
  temperature?: number;
}

/** What the judge answered: the score on the rubric's scale and its reasons. */
export interface JudgeVerdict {
  raw: number;
  explanation?: string;
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

/**
 * The score in a judge's reply, tolerating what models do: a JSON object
 * (possibly in a code fence or among prose, with the score as a number or a
 * numeric string), a bare number, "Score: 4/5" or "my score is 4". A fraction whose
 * denominator is not the rubric's maximum is refused rather than guessed.
 */
export function parseJudgeReply(reply: string, scale: Rubric["scale"]): JudgeVerdict {
  const text = reply.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/iu.exec(text)?.[1];
  for (const candidate of [fenced, text, /\{[\s\S]*\}/u.exec(text)?.[0]]) {
    if (!candidate) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    if (typeof parsed === "number") return { raw: parsed };
    if (typeof parsed === "object" && parsed !== null && "score" in parsed) {
      const obj = parsed as Record<string, unknown>;
      const raw = typeof obj.score === "string" ? Number(obj.score.trim()) : obj.score;
      if (typeof raw !== "number" || !Number.isFinite(raw))
        throw new Error(`the judge's score is not a number: ${JSON.stringify(obj.score)}`);
      const why = obj.explanation ?? obj.reason ?? obj.reasoning;
      return typeof why === "string" ? { raw, explanation: why } : { raw };
    }
  }
  const labelled =
    new RegExp(String.raw`score\b[^\d\n-]{0,12}(${NUMBER})(?:\s*(?:/|out of)\s*(${NUMBER}))?`, "iu").exec(
      text,
    ) ?? new RegExp(String.raw`^(${NUMBER})(?:\s*(?:/|out of)\s*(${NUMBER}))?\b`, "u").exec(text);
  if (!labelled) throw new Error(`the judge's reply has no score: ${JSON.stringify(text.slice(0, 200))}`);
  const raw = Number(labelled[1]);
  if (labelled[2] !== undefined && Number(labelled[2]) !== scale.max)
    throw new Error(
      `the judge scored ${labelled[1]}/${labelled[2]}, not on the rubric's ${scale.min}..${scale.max} scale`,
    );
  // A leading "Score: 4/5" is dropped from the explanation; a score inside a sentence keeps the sentence.
  const rest = labelled.index === 0 ? text.slice(labelled[0].length).replace(/^[\s.:,;-]+/u, "") : text;
  return rest ? { raw, explanation: rest } : { raw };
}

/** The reply contract the parser expects, appended to every rubric. */
function answerFormat(scale: Rubric["scale"]): string {
  return [
    "",
    `Answer with only a JSON object: {"score": <a number from ${scale.min} to ${scale.max}>, "explanation": "<one or two sentences>"}.`,
  ].join("\n");
}

/** The template with each placeholder replaced once (a value containing "{{output}}" stays as it is). */
export function fillTemplate(template: string, values: Partial<Record<RubricField, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (whole, key: string) =>
    key in values ? (values[key as RubricField] ?? "(none)") : whole,
  );
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/**
 * A judge by rubric. The score is the judge's answer normalised to 0..1 by the
 * rubric's scale; the pass rule defaults to the rubric's threshold. A provider
 * error, a reply without a score or a score off the scale is an evaluator
 * error (score null), never a throw.
 */
export function llmJudge(options: LlmJudgeOptions): Evaluator {
  const rubric = typeof options.rubric === "string" ? loadRubric(options.rubric) : options.rubric;
  const { min, max } = rubric.scale;
  return evaluator(
    async (ev: EvaluatorInput) => {
      const fields: Record<RubricField, unknown> = {
        input: ev.input,
        output: pickOutput(ev, options),
        expected: pickExpected(ev, options),
        context: options.selectContext
          ? options.selectContext(ev)
          : ((ev.input as Record<string, unknown> | undefined)?.context ?? ev.metadata?.context),
      };
      for (const field of rubric.requires)
        if (!present(fields[field]))
          throw new Error(`the ${rubric.name} rubric needs ${field} and there is none`);
      const values = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, present(v) ? asText(v) : "(none)"]),
      );
      const reply = await chatCompletion(
        options,
        {
          model: options.model ?? "gpt-4o-mini",
          messages: [
            { role: "system", content: "You are a careful, impartial evaluator of AI outputs." },
            { role: "user", content: fillTemplate(rubric.template, values) + answerFormat(rubric.scale) },
          ],
          temperature: options.temperature ?? 0,
          ...(options.jsonMode === false ? {} : { response_format: { type: "json_object" as const } }),
        },
        ev.signal,
      );
      const verdict = parseJudgeReply(reply, rubric.scale);
      if (verdict.raw < min || verdict.raw > max)
        throw new Error(`the judge scored ${verdict.raw}, outside the rubric's ${min}..${max} scale`);
      const score = (verdict.raw - min) / (max - min);
      const explanation = `${verdict.raw}/${max}${verdict.explanation ? `: ${verdict.explanation}` : ""}`;
      return { score, explanation };
    },
    wrapperOptions(options, {
      name: rubric.name,
      ...(rubric.threshold ? { threshold: rubric.threshold } : {}),
    }),
  );
}
