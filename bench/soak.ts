// `npm run soak [-- --minutes 10]`: mixed realistic storefront traffic with abuse mixed in, against the real
// server (production flags, temporary SQLite file). Every 10 s: throughput, answers by class, and the server's
// RSS, as a table and a small chart. Fails (exit 1) on any 5xx or unexpected network error, on RSS above 200 MB,
// or on RSS that keeps growing. Not part of CI: it takes ten minutes.

import { connect } from "node:net";
import { BENCH_MESSAGES } from "./messages";
import { rssMb, signedPath, startAppServer, type AppServer } from "./load";

const minutes = Number(process.argv[process.argv.indexOf("--minutes") + 1]) || 10;
const DURATION_MS = minutes * 60_000;
const INTERVAL_MS = 10_000;
const WORKERS = 24;
const RSS_LIMIT_MB = 200;

interface Row {
  at: number;
  requests: number;
  ok: number;
  refused4xx: number;
  server5xx: number;
  network: number;
  rssMb: number;
}

const counts = { requests: 0, ok: 0, refused4xx: 0, server5xx: 0, network: 0 };
const byCode = new Map<string, number>();
const problems: string[] = [];

function tally(status: number, code: string | undefined, what: string): void {
  counts.requests++;
  if (status >= 200 && status < 300) counts.ok++;
  else if (status >= 400 && status < 500) counts.refused4xx++;
  else {
    counts.server5xx++;
    if (problems.length < 20) problems.push(`${what} → ${status} ${code ?? ""}`);
  }
  const key = `${status} ${code ?? "ok"}`;
  byCode.set(key, (byCode.get(key) ?? 0) + 1);
}

function networkError(what: string, error: unknown): void {
  counts.requests++;
  counts.network++;
  if (problems.length < 20) problems.push(`${what} → ${(error as Error).message}`);
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
let visitors = 0;

async function call(app: AppServer, what: string, path: string, init: RequestInit = {}): Promise<unknown> {
  try {
    const res = await fetch(`${app.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    const json = (await res.json()) as { error?: { code: string } };
    tally(res.status, json.error?.code, what);
    return json;
  } catch (error) {
    networkError(what, error);
    return null;
  }
}

const post = (app: AppServer, what: string, route: string, body: unknown, headers: Record<string, string> = {}) =>
  call(app, what, signedPath(route, app.secret), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** A raw request for the abuse that fetch cannot send (oversized chunked bodies, aborts). */
function raw(app: AppServer, head: string, body: Buffer, abort: boolean): Promise<void> {
  const { port } = new URL(app.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(head);
      socket.write(body);
      if (abort) {
        counts.requests++;
        setTimeout(() => socket.destroy(), 20);
      }
    });
    let answer = "";
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("close", () => {
      if (!abort) {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        if (status === 0) networkError("oversized", new Error("no answer"));
        else tally(status, status === 413 ? "request.too_large" : undefined, "oversized");
      }
      resolve();
    });
    socket.on("error", () => undefined);
  });
}

/** A signed POST /proxy/messages written byte for byte, with the given framing header. */
const rawPost = (app: AppServer, framing: string, body: string, abort = false) =>
  raw(
    app,
    `POST ${signedPath("messages", app.secret)} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`,
    Buffer.from(body),
    abort,
  );

async function shopper(app: AppServer): Promise<void> {
  const visitorId = `soak-${visitors++}`;
  const ip = { "x-forwarded-for": `10.${visitors % 200}.${(visitors >> 8) % 200}.1` };
  const first = (await post(app, "message", "messages", { visitorId, text: pick(BENCH_MESSAGES) }, ip)) as {
    conversationId?: string;
  } | null;
  const conversationId = first?.conversationId;
  if (!conversationId) return;
  for (let turn = 0; turn < 3; turn++) {
    const keyed: Record<string, string> = Math.random() < 0.2 ? { "idempotency-key": `soak-${visitorId}-${turn}` } : {};
    await post(
      app,
      "message",
      "messages",
      { visitorId, conversationId, text: pick(BENCH_MESSAGES) },
      { ...ip, ...keyed },
    );
  }
  if (Math.random() < 0.2)
    await post(app, "csat", "csat", { visitorId, conversationId, rating: 1 + Math.floor(Math.random() * 5) }, ip);
  if (Math.random() < 0.1) {
    await post(
      app,
      "shortlist",
      "shortlist",
      { visitorId, conversationId, productIds: ["prod_1001", "prod_1004"] },
      ip,
    );
  }
}

const ABUSE = [
  (app: AppServer) => call(app, "unsigned", "/proxy/messages", { method: "POST", body: "{}" }),
  (app: AppServer) => call(app, "tampered", `${signedPath("config", app.secret, [["visitorId", "a"]])}&visitorId=b`),
  (app: AppServer) =>
    call(app, "malformed json", signedPath("messages", app.secret), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"visitorId":',
    }),
  // Two chunks of 1 MiB, a declared 300 KB, and 1 KB of a declared 5 KB before the client vanishes.
  (app: AppServer) =>
    rawPost(app, "transfer-encoding: chunked", `100000\r\n${"a".repeat(0x100000)}\r\n`.repeat(2) + "0\r\n\r\n"),
  (app: AppServer) => rawPost(app, "content-length: 300000", "a".repeat(300_000)),
  (app: AppServer) => rawPost(app, "content-length: 5000", "a".repeat(1_000), true),
  (app: AppServer) => call(app, "path trick", "/proxy/%2e%2e%2f%2e%2e%2fapp"),
];

async function worker(app: AppServer, until: number): Promise<void> {
  while (Date.now() < until) {
    const dice = Math.random();
    if (dice < 0.35) await shopper(app);
    else if (dice < 0.6)
      await call(app, "config", signedPath("config", app.secret, [["visitorId", `soak-v-${visitors++ % 5000}`]]));
    else if (dice < 0.72) {
      const q = pick([
        [["q", "gold"]],
        [
          ["category", "ring"],
          ["priceMax", "1500"],
        ],
        [["metal", "platinum"]],
      ] as [string, string][][]);
      await call(app, "products", signedPath("products", app.secret, q));
    } else if (dice < 0.82) {
      await post(app, "events", "events", {
        visitorId: `soak-e-${visitors++}`,
        events: [{ name: "widget_open", at: new Date().toISOString() }],
      });
    } else if (dice < 0.86) {
      await post(
        app,
        "order lookup",
        "orders/lookup",
        { orderNumber: "#1012", email: "emma.thompson@example.com" },
        {
          "x-forwarded-for": `10.99.${visitors % 250}.${visitors++ % 250}`,
        },
      );
    } else if (dice < 0.88) {
      await post(app, "escalation", "escalations", {
        contact: { name: "Soak", email: "soak@example.com" },
        topic: "sizing",
      });
    } else await pick(ABUSE)(app);
  }
}

function chart(rows: Row[]): string {
  // From a little under the lowest sample up to the limit (or the peak), so a drift of a few MB shows.
  const top = Math.max(RSS_LIMIT_MB, ...rows.map((r) => r.rssMb));
  const bottom = Math.max(0, Math.floor((Math.min(...rows.map((r) => r.rssMb)) - 10) / 10) * 10);
  const height = 10;
  const step = (top - bottom) / height;
  const lines: string[] = [];
  for (let level = height; level >= 1; level--) {
    const threshold = bottom + step * level;
    const label = `${Math.round(threshold)}`.padStart(4);
    lines.push(`${label} MB |${rows.map((r) => (r.rssMb > threshold - step ? "█" : " ")).join("")}`);
  }
  lines.push(`        +${"-".repeat(rows.length)}`);
  lines.push(`         RSS every 10 s over ${minutes} min, axis from ${bottom} MB (limit ${RSS_LIMIT_MB} MB)`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const app = await startAppServer();
  const rows: Row[] = [];
  const started = Date.now();
  let last = { ...counts };
  const sampler = setInterval(() => {
    const row: Row = {
      at: Math.round((Date.now() - started) / 1000),
      requests: counts.requests - last.requests,
      ok: counts.ok - last.ok,
      refused4xx: counts.refused4xx - last.refused4xx,
      server5xx: counts.server5xx - last.server5xx,
      network: counts.network - last.network,
      rssMb: rssMb(app.pid),
    };
    last = { ...counts };
    rows.push(row);
    console.log(
      `${String(row.at).padStart(4)} s  ${String(Math.round(row.requests / 10)).padStart(5)} req/s  ` +
        `2xx ${row.ok}  4xx ${row.refused4xx}  5xx ${row.server5xx}  network ${row.network}  RSS ${row.rssMb} MB`,
    );
  }, INTERVAL_MS);
  try {
    await Promise.all(Array.from({ length: WORKERS }, () => worker(app, started + DURATION_MS)));
  } finally {
    clearInterval(sampler);
    await app.stop();
  }

  console.log(`\n## Soak: ${minutes} min, ${WORKERS} concurrent clients, mixed traffic with abuse\n`);
  console.log("| at, s | req/s | 2xx | 4xx | 5xx | network errors | RSS, MB |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.at} | ${Math.round(r.requests / 10)} | ${r.ok} | ${r.refused4xx} | ${r.server5xx} | ${r.network} | ${r.rssMb} |`,
    );
  }
  console.log(`\n${chart(rows)}\n`);
  console.log("Answers by status and code:");
  for (const [key, n] of [...byCode.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${key}: ${n}`);

  const rss = rows.map((r) => r.rssMb);
  const quarter = Math.max(1, Math.floor(rows.length / 4));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Flat: the last quarter's mean within 15% (+10 MB) of the second quarter's, after warm-up.
  const early = mean(rss.slice(quarter, 2 * quarter));
  const late = mean(rss.slice(-quarter));
  const failures: string[] = [];
  if (counts.server5xx > 0) failures.push(`${counts.server5xx} server errors (5xx)`);
  if (counts.network > 0) failures.push(`${counts.network} unexpected network errors`);
  if (Math.max(...rss) > RSS_LIMIT_MB) failures.push(`RSS peaked at ${Math.max(...rss)} MB (limit ${RSS_LIMIT_MB})`);
  if (rows.length >= 4 && late > early * 1.15 + 10)
    failures.push(`RSS grew from ${early.toFixed(0)} to ${late.toFixed(0)} MB`);
  const total = counts.requests;
  console.log(
    `\n${total} requests (${Math.round(total / (DURATION_MS / 1000))} req/s), RSS ${Math.min(...rss)}–${Math.max(...rss)} MB ` +
      `(early ${early.toFixed(0)}, late ${late.toFixed(0)}).`,
  );
  for (const p of problems) console.log(`  problem: ${p}`);
  if (failures.length > 0) {
    console.log(`SOAK FAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
  console.log("SOAK PASSED: no 5xx, no unexpected network errors, RSS flat and under the limit.");
}

await main();
