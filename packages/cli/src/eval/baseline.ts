import type { ExperimentResult, RunComparison } from "@honeyhive-ts/sdk";
import { type ComparedMetric, comparedMetrics } from "../cli/comparison.js";
import type { Remote } from "../remote.js";
import { checkRules, type GateCheck, type RegressionRule } from "./gate.js";

/** The comparison of an experiment with its baseline, and the gate's checks on it. */
export interface GateReport {
  /** The baseline run, or null when `last` found none. */
  baseline: string | null;
  /** Why there was nothing to compare with. */
  skipped?: string;
  comparison?: Omit<RunComparison, "metrics"> & { metrics: ComparedMetric[] };
  checks: GateCheck[];
  passed: boolean;
}

/**
 * `last` is the most recent completed run over the same dataset that this
 * invocation did not make; anything else is a run id.
 */
async function resolveBaseline(
  remote: Remote,
  spec: string,
  result: ExperimentResult,
  ours: readonly string[],
): Promise<string | null> {
  if (spec !== "last") return spec;
  const { evaluations } = await remote.call((c) =>
    c.runs.list({
      dataset_id: result.datasetId,
      status: "completed",
      sort_by: "created_at",
      sort_order: "desc",
      limit: String(ours.length + 1),
    }),
  );
  return evaluations.find((r) => !ours.includes(r.run_id))?.run_id ?? null;
}

/** Compares `result` with its baseline and checks the rules (none: just the comparison). */
export async function gate(
  remote: Remote,
  result: ExperimentResult,
  spec: { baseline: string; rules: readonly RegressionRule[]; query: Record<string, string | undefined> },
  ours: readonly string[],
): Promise<GateReport> {
  const baseline = await resolveBaseline(remote, spec.baseline, result, ours);
  if (baseline === null) {
    const skipped = `no earlier completed run over dataset ${result.datasetId}: nothing to compare with`;
    return { baseline, skipped, checks: [], passed: true };
  }
  const c = await remote.call((client) => client.runs.compare(result.runId, baseline, spec.query));
  const checks = checkRules(c, spec.rules);
  return {
    baseline,
    comparison: { ...c, metrics: comparedMetrics(c) },
    checks,
    passed: checks.every((k) => k.status === "ok"),
  };
}
