/**
 * A small SVG line chart for time series (one line per group), with axes and
 * a legend. The left margin grows with the widest axis label so none is
 * clipped; a lone point sits in the middle with its value written beside it.
 */

export interface Series {
  name: string;
  points: { t: number; value: number }[];
}

const COLORS = ["var(--c1)", "var(--c2)", "var(--c3)", "var(--c4)", "var(--c5)", "var(--c6)"];

/** The palette's i-th colour, for charts that keep one colour per series name across panels. */
export const seriesColor = (i: number): string => COLORS[i % COLORS.length]!;
const W = 560;
const H = 200;
const PAD = { r: 10, t: 10, b: 24 };
/** Width of one axis character (10 px font), generous so digits and "$" fit. */
const CHAR_W = 6.5;

export function LineChart({
  title,
  series,
  format,
  axisFormat = format,
  colorOf,
  legend = series.length > 1,
}: {
  title: string;
  series: Series[];
  /** A series' colour (default: by its place in `series`). */
  colorOf?: (name: string) => string;
  /** Show the legend (default: when there is more than one series). */
  legend?: boolean;
  /** Full value, for point titles. */
  format: (v: number) => string;
  /** Short value, for axis ticks. */
  axisFormat?: (v: number) => string;
}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <div className="state empty">No data in this range.</div>
      </figure>
    );
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const tMax = Math.max(...all.map((p) => p.t));
  const single = tMax === t0;
  const t1 = single ? t0 + 1 : tMax;
  const vMax = Math.max(...all.map((p) => p.value), 0) || 1;
  const ticks = [0, 0.5, 1].map((f) => f * vMax);
  const labels = ticks.map(axisFormat);
  const left = Math.ceil(Math.max(...labels.map((l) => l.length)) * CHAR_W) + 10;
  const x = (t: number) =>
    single ? (left + W - PAD.r) / 2 : left + ((t - t0) / (t1 - t0)) * (W - left - PAD.r);
  const y = (v: number) => H - PAD.b - (v / vMax) * (H - PAD.t - PAD.b);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="none">
        {ticks.map((v, i) => (
          <g key={v}>
            <line x1={left} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={left - 4} y={y(v) + 4} textAnchor="end" className="axis">
              {labels[i]}
            </text>
          </g>
        ))}
        {single ? (
          <text x={x(t0)} y={H - 6} textAnchor="middle" className="axis">
            {new Date(t0).toLocaleString("en-GB", { hour12: false })}
          </text>
        ) : (
          <>
            <text x={left} y={H - 6} className="axis">
              {new Date(t0).toLocaleString("en-GB", { hour12: false })}
            </text>
            <text x={W - PAD.r} y={H - 6} textAnchor="end" className="axis">
              {new Date(t1).toLocaleString("en-GB", { hour12: false })}
            </text>
          </>
        )}
        {series.map((s, i) => {
          const pts = [...s.points].sort((a, b) => a.t - b.t);
          const color = colorOf ? colorOf(s.name) : seriesColor(i);
          return (
            <g key={s.name}>
              <polyline
                fill="none"
                stroke={color}
                strokeWidth={2}
                points={pts.map((p) => `${x(p.t)},${y(p.value)}`).join(" ")}
              />
              {pts.map((p) => (
                <g key={p.t}>
                  <circle cx={x(p.t)} cy={y(p.value)} r={single ? 4 : 2.5} fill={color}>
                    <title>{`${s.name}: ${format(p.value)} at ${new Date(p.t).toISOString()}`}</title>
                  </circle>
                  {single && (
                    <text x={x(p.t) + 8} y={y(p.value) + 4} className="axis point-label">
                      {format(p.value)}
                    </text>
                  )}
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      {legend && (
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: colorOf ? colorOf(s.name) : seriesColor(i) }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
