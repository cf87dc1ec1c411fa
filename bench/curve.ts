// Latency against offered load: POST /proxy/messages on the real server, open loop (requests leave on a schedule,
// latency counted from when each was due), at rising rates past saturation; the bare node:http handler at the same
// rates from the same generator is the floor. The suite draws it (bench/chart.ts).
//   tsx bench/curve.ts [seconds per rate]

import { openLoopMessages, rssMb, startAppServer, startBareServer } from "./load";
import { openLoop, percentile, type OpenLoopRequest } from "./openLoop";
import { table } from "./table";

export interface CurvePoint {
  /** Offered load, requests per second. */
  rate: number;
  sent: number;
  failed: number;
  /** Answered requests per second over the step, its drain included. */
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Curve {
  messages: CurvePoint[];
  bare: CurvePoint[];
  peakRssMb: number;
}

export const FULL_RATES = [50, 100, 200, 400, 600, 800, 1000, 1200, 1500];
export const QUICK_RATES = [100, 200, 500, 1000];

async function step(url: string, rate: number, seconds: number, next: () => OpenLoopRequest): Promise<CurvePoint> {
  const started = performance.now();
  const r = await openLoop(url, rate, seconds, next);
  const elapsed = (performance.now() - started) / 1000;
  const ms = (p: number) => Number(percentile(r.latenciesMs, p).toFixed(2));
  return {
    rate,
    sent: r.sent,
    failed: r.failed,
    achieved: Math.round(r.ok / elapsed),
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
  };
}

export async function benchCurve(
  opts: { rates?: number[]; seconds?: number; bareSeconds?: number } = {},
): Promise<Curve> {
  const rates = opts.rates ?? FULL_RATES;
  const seconds = opts.seconds ?? 5;
  const bareSeconds = opts.bareSeconds ?? 2;
  const app = await startAppServer();
  const bare = await startBareServer();
  const curve: Curve = { messages: [], bare: [], peakRssMb: 0 };
  const sampler = setInterval(() => (curve.peakRssMb = Math.max(curve.peakRssMb, rssMb(app.pid))), 250);
  try {
    await openLoop(app.url, 200, Math.max(2, seconds), openLoopMessages(app.secret)); // warm-up
    for (const rate of rates) curve.messages.push(await step(app.url, rate, seconds, openLoopMessages(app.secret)));
    const barePost = (): OpenLoopRequest => ({
      method: "POST",
      path: "/proxy/messages",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: "v", text: "rose gold rings under $800" }),
    });
    for (const rate of rates) curve.bare.push(await step(bare.url, rate, bareSeconds, barePost));
  } finally {
    clearInterval(sampler);
    bare.close();
    await app.stop();
  }
  const rows = curve.messages.map((m, i) => ({
    "offered req/s": m.rate,
    "answered req/s": m.achieved,
    "non-2xx or errors": m.failed,
    "p50 ms": m.p50,
    "p95 ms": m.p95,
    "p99 ms": m.p99,
    "bare p99 ms": curve.bare[i]?.p99 ?? "-",
  }));
  table(
    `Latency against offered load: POST /proxy/messages, open loop, ${seconds} s per rate (bare node:http, ${bareSeconds} s per rate, same generator); server peak RSS ${curve.peakRssMb} MB`,
    rows,
  );
  return curve;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCurve({ seconds: Number(process.argv[2] ?? 5) });
}
