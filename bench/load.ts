// The load every HTTP benchmark and the profiler share: the real server on a temporary SQLite file, a bare
// node:http baseline, and validly signed storefront requests (mixed messages, new and continuing conversations).

import type autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { proxySignature } from "../tests/support/proxy";
import { startAppServer as startAppServer_, type BenchServer } from "./appServer";
import { BENCH_MESSAGES } from "./messages";
import type { OpenLoopRequest } from "./openLoop";

export const SHOP = "aurora-demo.myshopify.com";
/** One new conversation per this many turns; the others continue a conversation the server answered. */
const TURNS_PER_CONVERSATION = 4;

export interface AppServer extends BenchServer {
  /** The local-mode app-proxy secret the server generated, to sign requests with. */
  secret: string;
}

/** The real server (see ./appServer) on a fresh data folder, with its signing secret. */
export async function startAppServer(flags: string[] = []): Promise<AppServer> {
  const server = await startAppServer_({ flags });
  return { ...server, secret: readFileSync(join(server.dataDir, "dev-app-secret"), "utf8").trim() };
}

// The baseline: the least a node:http JSON endpoint can do. Its own process, so its CPU per request is measured
// the same way as the app's (and the load generator's work is in neither).
const BARE_SOURCE = `
const { createServer } = require("node:http");
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const payload = JSON.stringify({ ok: true, received: body.length, requestId: "bare" });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(payload);
  });
});
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`;

export async function startBareServer(): Promise<{ url: string; pid: number; close: () => void }> {
  const child = spawn(process.execPath, ["-e", BARE_SOURCE], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", () => reject(new Error(`bare server exited: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, close: () => void child.kill("SIGTERM") };
}

/** `/proxy/<route>?<query>&shop=…&timestamp=…&signature=…`, signed as Shopify's app proxy signs it. */
export function signedPath(route: string, secret: string, query: [string, string][] = []): string {
  const params: [string, string][] = [
    ...query,
    ["shop", SHOP],
    ["logged_in_customer_id", ""],
    ["path_prefix", "/apps/concierge"],
    ["timestamp", String(Math.floor(Date.now() / 1000))],
  ];
  params.push(["signature", proxySignature(params, secret)]);
  return `/proxy/${route}?${new URLSearchParams(params).toString()}`;
}

/** How long the generator reuses one signed path: well inside the server's 90-second timestamp tolerance. */
const SIGNATURE_REUSE_MS = 20_000;
const signedPaths = new Map<string, { path: string; at: number }>();

/**
 * A signed path as `signedPath` makes it, reused for SIGNATURE_REUSE_MS per (route, query): the server still checks
 * every request's signature in full, but the load generator, which shares the machine's two cores with the server,
 * no longer spends an HMAC and a URL encoding on each request (a shopper's browser does neither: Shopify signs).
 */
export function presignedPath(route: string, secret: string, query: [string, string][] = []): string {
  const key = `${secret}/${route}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
  const now = Date.now();
  const known = signedPaths.get(key);
  if (known && now - known.at < SIGNATURE_REUSE_MS) return known.path;
  const path = signedPath(route, secret, query);
  signedPaths.set(key, { path, at: now });
  return path;
}

const JSON_HEADERS = { "content-type": "application/json" };
/** The id a first turn's answer names, read without parsing the whole reply. */
const CONVERSATION_ID = /"conversationId":"([^"]+)"/;
let clients = 0;
/** A different shopper address per request (X-Forwarded-For from loopback is trusted): limits are per address. */
const shopperAddress = () => {
  clients++;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};
let sequence = 0;
const nextText = () => BENCH_MESSAGES[sequence++ % BENCH_MESSAGES.length];

interface ChatContext {
  visitorId?: string;
  conversationId?: string;
}

/**
 * Closed-loop message load for autocannon: each connection opens a conversation, then continues it for a few
 * turns with the id the server returned, then starts another.
 */
export function messageRequests(secret: string): autocannon.Request[] {
  let visitors = 0;
  const turn = (first: boolean): autocannon.Request => ({
    method: "POST",
    headers: JSON_HEADERS,
    setupRequest: (req: autocannon.Request, context: ChatContext) => {
      if (first) {
        context.visitorId = `bench-${visitors++}`;
        context.conversationId = undefined;
      }
      req.path = presignedPath("messages", secret);
      req.headers = { ...JSON_HEADERS, "x-forwarded-for": shopperAddress() };
      req.body = JSON.stringify({
        visitorId: context.visitorId,
        ...(context.conversationId ? { conversationId: context.conversationId } : {}),
        text: nextText(),
      });
      return req;
    },
    // Only a first turn's answer is read (autocannon skips collecting the body of the others).
    ...(first
      ? {
          onResponse: (status: number, body: string, context: ChatContext) => {
            if (status === 200) context.conversationId = CONVERSATION_ID.exec(body)?.[1];
          },
        }
      : {}),
  });
  return Array.from({ length: TURNS_PER_CONVERSATION }, (_, i) => turn(i === 0));
}

/** The launcher's question on every page view, from many visitors. */
export function configRequests(secret: string): autocannon.Request[] {
  let visitors = 0;
  return [
    {
      method: "GET",
      setupRequest: (req: autocannon.Request) => {
        req.path = presignedPath("config", secret, [["visitorId", `bench-v-${visitors++ % 5000}`]]);
        req.headers = { "x-forwarded-for": shopperAddress() };
        return req;
      },
    },
  ];
}

/**
 * Open-loop message load: a quarter of the turns open a conversation, the rest continue one the server answered
 * (a conversation is out of the pool while a turn of it is in flight, as a shopper waits for the reply).
 */
export function openLoopMessages(secret: string) {
  const idle: { visitorId: string; conversationId: string; turns: number }[] = [];
  let visitors = 0;
  let turns = 0;
  return (): OpenLoopRequest => {
    const continuing = turns++ % TURNS_PER_CONVERSATION !== 0 ? idle.shift() : undefined;
    const visitorId = continuing?.visitorId ?? `open-${visitors++}`;
    return {
      method: "POST",
      path: presignedPath("messages", secret),
      headers: { ...JSON_HEADERS, "x-forwarded-for": shopperAddress() },
      body: JSON.stringify({
        visitorId,
        ...(continuing ? { conversationId: continuing.conversationId } : {}),
        text: nextText(),
      }),
      onResponse: (status, body) => {
        if (status !== 200) return;
        const { conversationId } = JSON.parse(body) as { conversationId: string };
        const taken = (continuing?.turns ?? 0) + 1;
        if (taken < TURNS_PER_CONVERSATION) idle.push({ visitorId, conversationId, turns: taken });
      },
    };
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The process's CPU time so far (user + system), in µs, from /proc (clock ticks of 10 ms). */
export function cpuUs(pid: number): number {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * The server's CPU per answered request while `work` runs: robust to a shared machine (other processes slow the
 * run down, but barely change what one request costs), unlike requests per second.
 */
export async function cpuPerRequest<T>(
  pid: number,
  work: () => Promise<T>,
  answered: (result: T) => number,
): Promise<{ result: T; cpuUsPerRequest: number; mainThread: string }> {
  const before = cpuUs(pid);
  const scheduled = mainThreadSchedule(pid);
  const started = performance.now();
  const result = await work();
  const wallNs = (performance.now() - started) * 1e6;
  const [running, waiting] = mainThreadSchedule(pid).map((ns, i) => (100 * (ns - scheduled[i])) / wallNs);
  return {
    result,
    cpuUsPerRequest: (cpuUs(pid) - before) / Math.max(1, answered(result)),
    mainThread: `${running.toFixed(0)} / ${waiting.toFixed(0)} / ${Math.max(0, 100 - running - waiting).toFixed(0)}`,
  };
}

/**
 * The event loop thread's time on a CPU and time runnable but waiting for one (ns, /proc schedstat): the share
 * spent waiting tells how much the machine's other load, not the server, held the run back.
 */
function mainThreadSchedule(pid: number): [number, number] {
  const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
  return [running, waiting];
}

export function runAutocannon(run: typeof autocannon, opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    run(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}
