// A small chart over days, rendered on the server as SVG (no chart library, nothing to load): the picture is one
// labelled image with a summary for screen readers, and the numbers are always one click away as a real table.

import { useId } from "react";
import { formatDay } from "./format";

export interface ChartPoint {
  day: string;
  value: number | null;
}

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { top: 12, right: 8, bottom: 24, left: 44 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((s) => s * magnitude >= max) ?? 10) * magnitude;
}

export function TimeChart(props: {
  title: string;
  points: ChartPoint[];
  format: (value: number | null) => string;
  kind?: "bar" | "line";
  /** A fixed top for ratios (1 = 100%) or ratings (5). */
  max?: number;
}) {
  const id = useId();
  const { points, format } = props;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = props.max ?? niceMax(Math.max(0, ...values));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, points.length);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + innerH - (Math.min(v, top) / top) * innerH;
  const latest = [...points].reverse().find((p) => p.value !== null);
  const summary =
    values.length === 0
      ? "No data in this period."
      : `From ${formatDay(points[0].day)} to ${formatDay(points[points.length - 1].day)}: lowest ${format(Math.min(...values))}, highest ${format(Math.max(...values))}${latest ? `, latest ${format(latest.value)} on ${formatDay(latest.day)}` : ""}.`;
  const line = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  const labelEvery = Math.max(1, Math.ceil(points.length / 7));
  return (
    <figure className="aurora-chart" style={{ margin: 0 }}>
      <figcaption id={`${id}-title`} style={{ fontWeight: 650, marginBottom: 4 }}>
        {props.title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-summary`}
        focusable="false"
      >
        <desc id={`${id}-summary`}>{summary}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f} aria-hidden="true">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke="#e3e3e3" />
            <text x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end" fontSize="11" fill="#4a4a4a">
              {format(top * f)}
            </text>
          </g>
        ))}
        {props.kind === "line" ? (
          <polyline points={line} fill="none" stroke="#005bd3" strokeWidth="2" aria-hidden="true" />
        ) : (
          points.map((p, i) =>
            p.value === null || p.value === 0 ? null : (
              <rect
                key={p.day}
                x={x(i) - step * 0.35}
                width={step * 0.7}
                y={y(p.value)}
                height={PAD.top + innerH - y(p.value)}
                fill="#005bd3"
                aria-hidden="true"
              />
            ),
          )
        )}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text
              key={p.day}
              x={x(i)}
              y={HEIGHT - 6}
              textAnchor="middle"
              fontSize="11"
              fill="#4a4a4a"
              aria-hidden="true"
            >
              {formatDay(p.day)}
            </text>
          ) : null,
        )}
      </svg>
      <details>
        <summary>Show the numbers for {props.title.toLowerCase()}</summary>
        <table className="aurora-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                {props.title}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{formatDay(p.day)}</th>
                <td className="num">{format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
