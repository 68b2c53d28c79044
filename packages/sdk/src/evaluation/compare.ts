import type { RunComparison } from "../client/api-types.js";
import { HoneyHive } from "../client/client.js";
import { type AggregateFunction, cell, formatTable } from "./summary.js";

export interface CompareRunsOptions {
  client?: HoneyHive;
  apiKey?: string;
  serverUrl?: string;
  /** How each run's values aggregate per metric (default "average"). */
  aggregateFunction?: AggregateFunction;
}

/**
 * The server's comparison of two runs (GET /v1/runs/{new}/compare-with/{old}):
 * per metric the old and new aggregate over the datapoints both runs share,
 * and which datapoints improved, degraded or stayed the same.
 */
export async function compareRuns(
  newRunId: string,
  oldRunId: string,
  options: CompareRunsOptions = {},
): Promise<RunComparison> {
  const own = options.client === undefined;
  const client = options.client ?? new HoneyHive({ apiKey: options.apiKey, serverUrl: options.serverUrl });
  try {
    return await client.runs.compare(
      newRunId,
      oldRunId,
      options.aggregateFunction ? { aggregate_function: options.aggregateFunction } : {},
    );
  } finally {
    if (own) client.close();
  }
}

const signed = (value: number): string => (value > 0 ? `+${cell(value)}` : cell(value));

/** A comparison as a plain-text table, one metric per row (for the CLI and scripts). */
export function formatComparison(comparison: RunComparison): string {
  const rows = comparison.metrics.map((m) => {
    const delta =
      m.old_aggregate !== null && m.new_aggregate !== null ? signed(m.new_aggregate - m.old_aggregate) : "-";
    return [
      m.metric_name,
      m.event_name,
      cell(m.old_aggregate),
      cell(m.new_aggregate),
      delta,
      String(m.improved_count),
      String(m.degraded_count),
      String(m.same_count),
    ];
  });
  return [
    `Run ${comparison.new_run_id} vs ${comparison.old_run_id} (${comparison.aggregate_function}, ` +
      `${comparison.commonDatapoints.length} common datapoints, ${comparison.only_in_new_count} only in new, ` +
      `${comparison.only_in_old_count} only in old)`,
    ...formatTable(["metric", "event", "old", "new", "delta", "improved", "degraded", "same"], rows),
  ].join("\n");
}
