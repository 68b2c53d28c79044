import type { Metric } from "../metrics/types.js";

/** A metric value found on an event: numbers, or booleans (which aggregate as 1 / 0). */
export type MetricValue = number | boolean;

/**
 * Metric definitions by name. A definition that names an event applies to
 * values found on that event; one without an event name applies everywhere.
 */
export class MetricRules {
  private readonly byName = new Map<string, Metric[]>();

  constructor(metrics: readonly Metric[]) {
    for (const m of metrics) {
      const list = this.byName.get(m.name) ?? [];
      list.push(m);
      this.byName.set(m.name, list);
    }
  }

  definition(metricName: string, eventName: string): Metric | undefined {
    const list = this.byName.get(metricName);
    if (!list) return undefined;
    return list.find((m) => m.event_name === eventName) ?? list.find((m) => !m.event_name);
  }

  /**
   * Whether a value passes its metric's rule: numbers against `threshold`
   * (min <= v <= max, either bound optional), else against `pass_when`;
   * booleans and categories against `pass_when` (a value or a list of values).
   * Null when there is no definition or no rule that applies: not judged.
   */
  judge(metricName: string, eventName: string, value: MetricValue): boolean | null {
    const def = this.definition(metricName, eventName);
    if (!def) return null;
    const t = def.threshold;
    if (typeof value === "number" && t && (typeof t.min === "number" || typeof t.max === "number")) {
      return (typeof t.min !== "number" || value >= t.min) && (typeof t.max !== "number" || value <= t.max);
    }
    const want = def.pass_when;
    if (want === null || want === undefined) return null;
    return Array.isArray(want) ? want.includes(value) : want === value;
  }

  /**
   * Lower is better when the caller says so, or when the definition bounds the
   * value only from above (a threshold with `max` and no `min`, as for latency
   * or cost). Otherwise higher is better.
   */
  lowerIsBetter(metricName: string, eventName: string, callerSays: ReadonlySet<string>): boolean {
    if (callerSays.has(metricName)) return true;
    const t = this.definition(metricName, eventName)?.threshold;
    return !!t && typeof t.max === "number" && typeof t.min !== "number";
  }

  /** The definition's return type, when there is one. */
  metricType(metricName: string, eventName: string): string | null {
    return this.definition(metricName, eventName)?.return_type ?? null;
  }
}
