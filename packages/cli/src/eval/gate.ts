import type { RunComparison } from "@honeyhive-ts/sdk";
import { type ComparedMetric, comparedMetrics, num } from "../cli/comparison.js";
import type { Column } from "../cli/output.js";

/**
 * The regression gate: `--fail-on-regression <metric>[:tolerance]` rules
 * checked against the server's comparison of the new run with its baseline.
 * Pure functions, so the rules' arithmetic is tested without a server.
 */

/** Exit code of `eval` when a gated metric regressed (or could not be checked). */
export const EXIT_REGRESSION = 8;

export interface RegressionRule {
  metric: string;
  /** How much worse the aggregate may get: absolute, or a fraction of the baseline when `relative`. */
  tolerance: number;
  relative: boolean;
}

const TOLERANCE = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/;

/**
 * `accuracy`, `accuracy:0.05` (absolute) or `accuracy:5%` (relative to the
 * baseline's aggregate). A suffix that is not a tolerance stays part of the
 * name, so metric names may contain colons. Throws on a negative or empty rule.
 */
export function parseRule(spec: string): RegressionRule {
  const colon = spec.lastIndexOf(":");
  const suffix = colon >= 0 ? spec.slice(colon + 1) : "";
  const m = TOLERANCE.exec(suffix);
  const metric = (m ? spec.slice(0, colon) : spec).trim();
  if (metric === "") throw new Error(`'${spec}' names no metric: use <metric>[:tolerance]`);
  if (!m && /^-?[\d.]+%?$/.test(suffix)) {
    throw new Error(`'${spec}': the tolerance must be a number >= 0, or a percentage like 5%`);
  }
  if (!m) return { metric, tolerance: 0, relative: false };
  return { metric, tolerance: Number(m[1]), relative: m[2] === "%" };
}

export const ruleText = (r: RegressionRule): string => (r.relative ? `${r.tolerance}%` : num(r.tolerance));

export type GateStatus = "ok" | "regressed" | "missing";

/** One rule checked on one metric row (a metric found on several events is checked on each). */
export interface GateCheck {
  metric: string;
  event_name: string | null;
  lower_is_better: boolean;
  baseline: number | null;
  run: number | null;
  /** run minus baseline */
  change: number | null;
  tolerance: string;
  /** How much worse the aggregate was allowed to get, in the metric's unit. */
  allowed: number | null;
  status: GateStatus;
}

/** Floating-point noise is not a regression (0.1 + 0.2 vs 0.3). */
const EPSILON = 1e-9;

function check(rule: RegressionRule, m: ComparedMetric): GateCheck {
  const base = {
    metric: rule.metric,
    event_name: m.event_name,
    lower_is_better: m.lower_is_better,
    baseline: m.old_aggregate,
    run: m.new_aggregate,
    change: m.change,
    tolerance: ruleText(rule),
  };
  if (m.old_aggregate === null || m.change === null) return { ...base, allowed: null, status: "missing" };
  const allowed = rule.relative ? (Math.abs(m.old_aggregate) * rule.tolerance) / 100 : rule.tolerance;
  const worse = m.lower_is_better ? m.change : -m.change;
  const regressed = worse > allowed + EPSILON * Math.max(1, Math.abs(m.old_aggregate));
  return { ...base, allowed, status: regressed ? "regressed" : "ok" };
}

/** Every rule against the comparison; a metric absent from either run is "missing" (the gate cannot pass it). */
export function checkRules(c: RunComparison, rules: readonly RegressionRule[]): GateCheck[] {
  const metrics = comparedMetrics(c);
  return rules.flatMap((rule) => {
    const rows = metrics.filter((m) => m.metric_name === rule.metric);
    if (rows.length === 0) {
      const absent = {
        metric: rule.metric,
        event_name: null,
        lower_is_better: false,
        baseline: null,
        run: null,
        change: null,
        tolerance: ruleText(rule),
        allowed: null,
        status: "missing" as const,
      };
      return [absent];
    }
    return rows.map((m) => check(rule, m));
  });
}

/** The gate's columns after the shared comparison columns: the tolerance and the verdict of each gated row. */
export function gateColumns(checks: readonly GateCheck[]): Column<ComparedMetric>[] {
  const find = (m: ComparedMetric) =>
    checks.find((c) => c.metric === m.metric_name && c.event_name === m.event_name);
  return [
    { header: "tolerance", value: (m) => find(m)?.tolerance ?? "" },
    { header: "gate", value: (m) => find(m)?.status.toUpperCase() ?? "" },
  ];
}

/** One line per failed check, saying what regressed and by how much. */
export function failureLines(checks: readonly GateCheck[]): string[] {
  return checks
    .filter((c) => c.status !== "ok")
    .map((c) => {
      const where = c.event_name ? ` (${c.event_name})` : "";
      if (c.status === "missing") {
        return `${c.metric}${where}: not in both runs (baseline ${num(c.baseline)}, run ${num(c.run)}): cannot check it`;
      }
      const better = c.lower_is_better ? "lower" : "higher";
      return (
        `${c.metric}${where} regressed: ${num(c.baseline)} -> ${num(c.run)} ` +
        `(${better} is better; allowed ${num(c.allowed)} worse, tolerance ${c.tolerance})`
      );
    });
}
