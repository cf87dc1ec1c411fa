// The latency-against-offered-load chart of the bench report, as a standalone SVG: offered requests per second
// across, latency down a log scale, the message endpoint's p50/p95/p99 and the bare handler's p99, and the
// product's goals (p99 ≤ 10 ms at 200/s, ≤ 50 ms at 1,000/s) as marks.

import type { Curve, CurvePoint } from "./curve";

const W = 760;
const H = 440;
const M = { left: 64, right: 170, top: 36, bottom: 66 };
const GOALS = [
  { rate: 200, ms: 10 },
  { rate: 1000, ms: 50 },
];

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function latencyChart(curve: Curve, subtitle: string): string {
  const all = [...curve.messages, ...curve.bare];
  const maxRate = Math.max(...all.map((p) => p.rate), ...GOALS.map((g) => g.rate));
  // The axis spans what is drawn: the message percentiles and the bare handler's p99.
  const values = [...curve.messages.flatMap((p) => [p.p50, p.p95, p.p99]), ...curve.bare.map((p) => p.p99)].filter(
    (v) => Number.isFinite(v) && v > 0,
  );
  const lo = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...values, 1))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 100)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (rate: number) => M.left + (rate / maxRate) * plotW;
  const y = (ms: number) =>
    M.top + plotH - ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="title desc">`,
    `<title id="title">Latency against offered load, POST /proxy/messages</title>`,
    `<desc id="desc">${escape(subtitle)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="20" font-size="14" font-weight="bold">Latency against offered load — POST /proxy/messages (open loop)</text>`,
    `<text x="${M.left}" y="${H - 8}" fill="#555">${escape(subtitle)}</text>`,
  ];
  // Grid and axes: a line per decade, rates in even steps.
  for (let d = lo; d <= hi * 1.001; d *= 10) {
    out.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${y(d)}" y2="${y(d)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(d) + 4}" text-anchor="end">${d >= 1 ? d : d.toFixed(2)} ms</text>`);
  }
  const step = maxRate > 1000 ? 250 : maxRate > 400 ? 100 : 50;
  for (let r = 0; r <= maxRate; r += step) {
    out.push(`<line x1="${x(r)}" x2="${x(r)}" y1="${M.top + plotH}" y2="${M.top + plotH + 4}" stroke="#333"/>`);
    if (r % (step * 2) === 0) out.push(`<text x="${x(r)}" y="${M.top + plotH + 18}" text-anchor="middle">${r}</text>`);
  }
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${M.left + plotW / 2}" y="${M.top + plotH + 36}" text-anchor="middle">offered load, requests per second</text>`,
  );
  const series: { name: string; points: CurvePoint[]; key: "p50" | "p95" | "p99"; color: string; dash?: string }[] = [
    { name: "messages p50", points: curve.messages, key: "p50", color: "#7fb3d5" },
    { name: "messages p95", points: curve.messages, key: "p95", color: "#2e86c1" },
    { name: "messages p99", points: curve.messages, key: "p99", color: "#1b4f72" },
    { name: "bare node:http p99", points: curve.bare, key: "p99", color: "#888", dash: "5 4" },
  ];
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => Number.isFinite(p[s.key]));
    const d = pts.map((p, j) => `${j ? "L" : "M"}${x(p.rate).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(" ");
    out.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
    );
    for (const p of pts) out.push(`<circle cx="${x(p.rate)}" cy="${y(p[s.key])}" r="2.5" fill="${s.color}"/>`);
    const ly = M.top + 10 + i * 18;
    out.push(
      `<line x1="${W - M.right + 14}" x2="${W - M.right + 38}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      `<text x="${W - M.right + 44}" y="${ly + 4}">${s.name}</text>`,
    );
  });
  for (const g of GOALS) {
    const gx = x(g.rate);
    const gy = y(g.ms);
    out.push(
      `<path d="M${gx - 5},${gy - 5} L${gx + 5},${gy + 5} M${gx - 5},${gy + 5} L${gx + 5},${gy - 5}" stroke="#c0392b" stroke-width="2"/>`,
    );
  }
  const ly = M.top + 10 + series.length * 18;
  out.push(
    `<path d="M${W - M.right + 21},${ly - 5} L${W - M.right + 31},${ly + 5} M${W - M.right + 21},${ly + 5} L${W - M.right + 31},${ly - 5}" stroke="#c0392b" stroke-width="2"/>`,
    `<text x="${W - M.right + 44}" y="${ly + 4}">p99 goal</text>`,
    "</svg>",
  );
  return out.join("\n") + "\n";
}
