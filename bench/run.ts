// Benchmarks (not tests): each prints a table with a baseline measured in the same run.
//   npm run bench                 all
//   npm run bench -- understanding
//   npm run bench -- http
//   npm run bench -- admin        (seeds 100,000 conversations; also runnable alone: tsx bench/admin.ts)
//   npm run bench -- widget      bundle sizes and Lighthouse with/without the concierge (bench/widget.ts)
// The HTTP bench needs a build (`npm run build`); it starts the real server on a temporary SQLite file.

import autocannon from "autocannon";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { understand } from "../app/concierge/understanding";
import { normalise } from "../app/concierge/understanding/normalise";
import { proxySignature } from "../tests/support/proxy";
import { benchAdmin } from "./admin";
import { startAppServer } from "./appServer";
import { BENCH_MESSAGES } from "./messages";
import { openLoop, percentile } from "./openLoop";
import { table } from "./table";

const SHOP = "aurora-demo.myshopify.com";

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

function startBareServer(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const payload = JSON.stringify({ ok: true, received: body.length, requestId: "bare" });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(payload);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }),
    ),
  );
}

function signedMessagePath(secret: string): string {
  const params: [string, string][] = [
    ["shop", SHOP],
    ["logged_in_customer_id", ""],
    ["path_prefix", "/apps/concierge"],
    ["timestamp", String(Math.floor(Date.now() / 1000))],
  ];
  params.push(["signature", proxySignature(params, secret)]);
  return `/proxy/messages?${new URLSearchParams(params).toString()}`;
}

function messageRequests(secret: string): autocannon.Request[] {
  let i = 0;
  return [
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest: (req: autocannon.Request) => {
        const text = BENCH_MESSAGES[i++ % BENCH_MESSAGES.length];
        req.path = signedMessagePath(secret);
        req.body = JSON.stringify({ visitorId: `bench-${i % 500}`, text });
        return req;
      },
    },
  ];
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function benchHttp(): Promise<void> {
  const app = await startAppServer();
  const bare = await startBareServer();
  const secret = readFileSync(join(app.dataDir, "dev-app-secret"), "utf8").trim();
  try {
    // Warm-up: JIT, prepared statements, page cache.
    await run({ url: app.url, duration: 3, connections: 10, requests: messageRequests(secret) });

    let n = 0;
    const steady = await openLoop(app.url, 200, 20, () => ({
      method: "POST",
      path: signedMessagePath(secret),
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: `bench-${n % 500}`, text: BENCH_MESSAGES[n++ % BENCH_MESSAGES.length] }),
    }));
    const ms = (p: number) => percentile(steady.latenciesMs, p).toFixed(1);
    table("POST /proxy/messages at a steady 200 requests/s for 20 s, open loop (goal p95 ≤ 20 ms, p99 ≤ 50 ms)", [
      {
        requests: steady.sent,
        "non-2xx or errors": steady.failed,
        "p50 ms": ms(50),
        "p90 ms": ms(90),
        "p95 ms": ms(95),
        "p99 ms": ms(99),
        "max ms": ms(100),
        "RSS after, MB": rssMb(app.pid),
      },
    ]);

    const bareMax = await run({
      url: bare.url,
      duration: 10,
      connections: 50,
      method: "POST",
      body: JSON.stringify({ visitorId: "v", text: "rings" }),
    });
    const appMax = await run({ url: app.url, duration: 10, connections: 50, requests: messageRequests(secret) });
    table("Max throughput, 50 connections, 10 s each (same run)", [
      {
        server: "bare node:http JSON handler (baseline)",
        "req/s": Math.round(bareMax.requests.average),
        "p99 ms": bareMax.latency.p99,
        ratio: "1.000",
      },
      {
        server: "POST /proxy/messages (full stack)",
        "req/s": Math.round(appMax.requests.average),
        "p99 ms": appMax.latency.p99,
        ratio: (appMax.requests.average / bareMax.requests.average).toFixed(3),
      },
    ]);
    console.log(`\nServer RSS after the max-throughput run: ${rssMb(app.pid)} MB (goal ≤ 200 MB).`);
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
