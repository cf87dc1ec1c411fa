// Benchmarks (not tests): each prints a table with a baseline measured in the same run.
//   npm run bench                 all
//   npm run bench -- understanding
//   npm run bench -- http
//   npm run bench -- widget      bundle sizes and Lighthouse with/without the concierge (bench/widget.ts)
// The HTTP bench needs a build (`npm run build`); it starts the real server on a temporary SQLite file.

import autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { understand } from "../app/concierge/understanding";
import { normalise } from "../app/concierge/understanding/normalise";
import { benchAdmin } from "./admin";
import {
  configRequests,
  messageRequests,
  openLoopMessages,
  rssMb,
  runAutocannon,
  startAppServer,
  startBareServer,
} from "./load";
import { BENCH_MESSAGES } from "./messages";
import { openLoop, percentile } from "./openLoop";
import { table } from "./table";

// ---------- understanding ----------

function timePerMessage(fn: (text: string) => unknown, rounds: number): { meanUs: number; p99Us: number } {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const text of BENCH_MESSAGES) fn(text);
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / BENCH_MESSAGES.length);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { meanUs: mean, p99Us: samples[Math.floor(samples.length * 0.99)] };
}

function benchUnderstanding(): void {
  // Warm up the JIT on both paths before measuring.
  timePerMessage((t) => understand(t), 50);
  timePerMessage((t) => normalise(t), 50);
  const rounds = 400;
  const full = timePerMessage(
    (t) => understand(t, { lastIntent: "find_product", filters: { category: "ring" } }),
    rounds,
  );
  const baseline = timePerMessage((t) => normalise(t), rounds);
  table(`Understanding: ${BENCH_MESSAGES.length} messages × ${rounds} rounds (goal < 200 µs per message)`, [
    {
      step: "normalise only (baseline)",
      "mean µs/msg": baseline.meanUs.toFixed(2),
      "p99 µs/msg (per round)": baseline.p99Us.toFixed(2),
    },
    {
      step: "understand (full)",
      "mean µs/msg": full.meanUs.toFixed(2),
      "p99 µs/msg (per round)": full.p99Us.toFixed(2),
    },
  ]);
}

// ---------- HTTP ----------

/** Samples the server's RSS every 250 ms while `work` runs; returns the peak. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 250);
  try {
    return { result: await work(), peakMb };
  } finally {
    clearInterval(timer);
  }
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

async function benchHttp(): Promise<void> {
  const app = await startAppServer();
  const bare = await startBareServer();
  const cannon = (opts: autocannon.Options) => runAutocannon(autocannon, opts);
  try {
    console.log(
      `\nLoad average before the HTTP bench: ${loadAverage()} (2 cores; the numbers below are only comparable within this run)`,
    );
    // Warm-up: JIT, prepared statements, page cache, the catalog index.
    await cannon({ url: app.url, duration: 3, connections: 10, requests: messageRequests(app.secret) });
    await cannon({ url: app.url, duration: 2, connections: 10, requests: configRequests(app.secret) });

    const steady: Record<string, string | number>[] = [];
    for (const [rate, seconds] of [
      [200, 20],
      [1000, 20],
    ] as const) {
      const { result, peakMb } = await peakRss(app.pid, () =>
        openLoop(app.url, rate, seconds, openLoopMessages(app.secret)),
      );
      const ms = (p: number) => percentile(result.latenciesMs, p).toFixed(1);
      steady.push({
        "rate, req/s": rate,
        requests: result.sent,
        "non-2xx or errors": result.failed,
        "p50 ms": ms(50),
        "p95 ms": ms(95),
        "p99 ms": ms(99),
        "max ms": ms(100),
        "peak RSS, MB": peakMb,
      });
    }
    table(
      "POST /proxy/messages, open loop (new and continuing conversations; goals: p99 ≤ 10 ms at 200/s, ≤ 50 ms at 1,000/s, 0 errors)",
      steady,
    );

    const max = async (label: string, opts: autocannon.Options, base: autocannon.Result | null) => {
      const { result, peakMb } = await peakRss(app.pid, () => cannon({ duration: 10, connections: 50, ...opts }));
      return {
        row: {
          server: label,
          "req/s": Math.round(result.requests.average),
          "p99 ms": result.latency.p99,
          "non-2xx": result.non2xx,
          errors: result.errors,
          "ratio to bare": base ? (result.requests.average / base.requests.average).toFixed(3) : "1.000",
          "peak RSS, MB": base ? peakMb : "-",
        },
        result,
      };
    };
    const barePost = await max(
      "bare node:http, POST JSON (baseline)",
      {
        url: bare.url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ visitorId: "v", text: "rose gold rings under $800" }),
      },
      null,
    );
    const messages = await max(
      "POST /proxy/messages (goal ≥ 0.10)",
      { url: app.url, requests: messageRequests(app.secret) },
      barePost.result,
    );
    const bareGet = await max("bare node:http, GET (baseline)", { url: `${bare.url}/proxy/config?visitorId=v` }, null);
    const config = await max(
      "GET /proxy/config (goal ≥ 0.25)",
      { url: app.url, requests: configRequests(app.secret) },
      bareGet.result,
    );
    table("Max throughput, 50 connections, 10 s each (same run; RSS goal ≤ 200 MB)", [
      barePost.row,
      messages.row,
      bareGet.row,
      config.row,
    ]);
    console.log(`\nServer RSS after the runs: ${rssMb(app.pid)} MB. Load average after: ${loadAverage()}.`);
  } finally {
    bare.close();
    await app.stop();
  }
}

const which = process.argv[2] ?? "all";
if (which === "all" || which === "understanding") benchUnderstanding();
if (which === "all" || which === "http") await benchHttp();
if (which === "all" || which === "admin") await benchAdmin();
if (which === "all" || which === "widget") await (await import("./widget")).benchWidget();
