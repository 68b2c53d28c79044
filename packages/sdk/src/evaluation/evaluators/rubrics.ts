/**
 * Rubric templates, stored as data files in the package's `rubrics/` folder
 * (the format is described in rubrics/README.md) so they can be read and
 * changed without touching code.
 */
import { readFileSync } from "node:fs";

export type RubricField = "input" | "output" | "expected" | "context";

export interface Rubric {
  name: string;
  description?: string;
  /** The judge's score range; normalised to 0..1 as (score - min) / (max - min). */
  scale: { min: number; max: number };
  /** The default pass rule on the normalised score. */
  threshold?: { min?: number; max?: number };
  /** Placeholders that must have a value. */
  requires: RubricField[];
  /** The prompt; `{{input}}`, `{{output}}`, `{{expected}}`, `{{context}}`, `{{criteria}}` are filled in. */
  template: string;
}

/** The rubrics that ship with the SDK. */
export type BuiltinRubric = "factuality" | "relevance" | "faithfulness" | "toxicity";

export const BUILTIN_RUBRICS: readonly BuiltinRubric[] = [
  "factuality",
  "relevance",
  "faithfulness",
  "toxicity",
];

const FIELDS = new Set<string>(["input", "output", "expected", "context"]);

/** The same relative path from src/ (tests) and dist/ (the package). */
const RUBRICS_DIR = new URL("../../../rubrics/", import.meta.url);

/** A rubric from its JSON form, checked so that a broken file fails loudly and names itself. */
export function parseRubric(json: unknown, source: string): Rubric {
  const bad = (why: string) => new Error(`rubric ${source}: ${why}`);
  if (typeof json !== "object" || json === null) throw bad("not a JSON object");
  const r = json as Record<string, unknown>;
  if (typeof r.name !== "string" || r.name === "") throw bad("name is missing");
  const scale = r.scale as Rubric["scale"] | undefined;
  if (!scale || typeof scale.min !== "number" || typeof scale.max !== "number" || scale.max <= scale.min)
    throw bad("scale needs numbers min < max");
  const template = Array.isArray(r.template) ? r.template.join("\n") : r.template;
  if (typeof template !== "string" || template.trim() === "") throw bad("template is missing");
  const requires = (r.requires ?? ["output"]) as string[];
  if (!Array.isArray(requires) || requires.some((f) => !FIELDS.has(f)))
    throw bad(`requires may list only ${[...FIELDS].join(", ")}`);
  const rubric: Rubric = { name: r.name, scale, requires: requires as RubricField[], template };
  if (typeof r.description === "string") rubric.description = r.description;
  if (r.threshold !== undefined) rubric.threshold = r.threshold as Rubric["threshold"] & object;
  return rubric;
}

const cache = new Map<string, Rubric>();

/** A rubric shipped in rubrics/ by name (read once). */
export function loadRubric(name: BuiltinRubric | "custom"): Rubric {
  let rubric = cache.get(name);
  if (!rubric) {
    if (!/^[a-z_]+$/u.test(name)) throw new TypeError(`no rubric named ${JSON.stringify(name)}`);
    const url = new URL(`${name}.json`, RUBRICS_DIR);
    let text: string;
    try {
      text = readFileSync(url, "utf8");
    } catch {
      throw new TypeError(
        `no rubric named ${JSON.stringify(name)} (${BUILTIN_RUBRICS.join(", ")} ship with the SDK)`,
      );
    }
    rubric = parseRubric(JSON.parse(text), `${name}.json`);
    cache.set(name, rubric);
  }
  return rubric;
}

export interface CustomRubricOptions {
  /** The metric name (default "custom_rubric"). */
  name?: string;
  /** The judge's score range (default 1..5). */
  scale?: { min: number; max: number };
  /** The pass rule on the normalised score (default: at least 0.75). */
  threshold?: { min?: number; max?: number };
  /** Placeholders that must have a value (default: output). */
  requires?: RubricField[];
}

/** A rubric from your own criteria, in the shipped custom template. */
export function customRubric(criteria: string, options: CustomRubricOptions = {}): Rubric {
  if (criteria.trim() === "") throw new TypeError("customRubric needs the criteria text");
  const base = loadRubric("custom");
  return parseRubric(
    {
      ...base,
      name: options.name ?? base.name,
      scale: options.scale ?? base.scale,
      threshold: options.threshold ?? base.threshold,
      requires: options.requires ?? base.requires,
      template: base.template.replaceAll("{{criteria}}", () => criteria.trim()),
    },
    `customRubric(${options.name ?? base.name})`,
  );
}
