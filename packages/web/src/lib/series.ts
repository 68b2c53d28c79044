/** Derived chart series: the error rate is errors over requests per group and bucket. */

export interface Point {
  t: number;
  value: number;
}

export interface NamedSeries {
  name: string;
  points: Point[];
}

/** errors / requests for each (series name, bucket) present in `requests`; a bucket without errors is 0. */
export function ratioSeries(errors: NamedSeries[], requests: NamedSeries[]): NamedSeries[] {
  const errs = new Map<string, number>();
  for (const s of errors) for (const p of s.points) errs.set(`${s.name}\u0000${p.t}`, p.value);
  return requests.map((s) => ({
    name: s.name,
    points: s.points.map((p) => ({
      t: p.t,
      value: p.value > 0 ? (errs.get(`${s.name}\u0000${p.t}`) ?? 0) / p.value : 0,
    })),
  }));
}
