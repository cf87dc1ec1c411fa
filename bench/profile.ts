// CPU profile of the real server under the bench's load: `npm run bench:profile -- messages|config [seconds]`.
// Prints the top self-time frames and the share by package, the summary ADR 0008 records before and after.

import autocannon from "autocannon";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configRequests, cpuPerRequest, messageRequests, runAutocannon, startAppServer } from "./load";
import { table } from "./table";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: (ProfileNode & { children?: number[] })[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds on the monotonic clock V8 stamps profile samples with (the same on both sides of the pipe). */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Where a frame's code lives: a package, node itself, the app's build, or V8's own buckets ("(garbage collector)"). */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/build/server/")) return "app (build)";
  return url.replace(/^file:\/\/.*\//, "");
}

/** Top self-time frames, the share by owner, and the app's functions by inclusive time, over samples in `window`. */
export function summarise(profile: CpuProfile, window: [number, number] = [0, Infinity], top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  const inclusive = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < window[0] || at > window[1]) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
    // Inclusive time of the app's own functions: each counted once per sample, however deep it recurs.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const { functionName, url } = byId.get(n)!.callFrame;
      if (!url.includes("/build/server/") || !functionName) continue;
      if (!seen.has(functionName)) inclusive.set(functionName, (inclusive.get(functionName) ?? 0) + us);
      seen.add(functionName);
    }
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const frames = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = owner(url, functionName);
    const label = `${functionName || "(anonymous)"} — ${where}${url ? `:${lineNumber + 1}` : ""}`;
    frames.set(label, (frames.get(label) ?? 0) + us);
    owners.set(where, (owners.get(where) ?? 0) + us);
  }
  const pct = (us: number) => ((100 * us) / total).toFixed(1);
  const rank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    frames: rank(frames).map(([frame, us]) => ({ "self %": pct(us), frame })),
    owners: rank(owners).map(([where, us]) => ({ "self %": pct(us), where })),
    inclusive: rank(inclusive).map(([fn, us]) => ({ "total %": pct(us), "app function": fn })),
  };
}

/** Bytes the process has caused to be written to storage (log frames and checkpoints; /proc, page-cache level). */
const bytesWritten = (pid: number) =>
  Number(/write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1] ?? 0);

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

async function main() {
  const scenario = process.argv[2] === "config" ? "config" : "messages";
  const seconds = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 10);
  // `--cpu-only`: no profiler, just the server's CPU per request (the quick, load-robust figure to iterate on).
  const profiling = !process.argv.includes("--cpu-only");
  const dir = mkdtempSync(join(tmpdir(), "aurora-prof-"));
  // Only the measured run is summarised: start-up and the warm-up are left out.
  const window: [number, number] = [0, Infinity];
  const app = await startAppServer(profiling ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []);
  try {
    const requests = scenario === "config" ? configRequests(app.secret) : messageRequests(app.secret);
    await runAutocannon(autocannon, { url: app.url, duration: 3, connections: 10, requests });
    const writtenBefore = bytesWritten(app.pid);
    window[0] = monotonicUs();
    const { result, cpuUsPerRequest, mainThread } = await cpuPerRequest(
      app.pid,
      () => runAutocannon(autocannon, { url: app.url, duration: seconds, connections: 20, requests }),
      (r) => r.requests.total,
    );
    window[1] = monotonicUs();
    const diskKb = (bytesWritten(app.pid) - writtenBefore) / 1024 / Math.max(1, result.requests.total);
    console.log(
      `${scenario}: ${Math.round(result.requests.average)} req/s over ${seconds} s, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors${profiling ? " (profiled, so slower than the bench)" : ""}; ` +
        `server CPU ${Math.round(cpuUsPerRequest)} µs per request; ${diskKb.toFixed(1)} KB written to disk per request; main thread on CPU / waiting for one / idle ${mainThread} %; ` +
        `load average ${loadAverage()}`,
    );
  } finally {
    await app.stop();
  }
  if (!profiling) return rmSync(dir, { recursive: true, force: true });
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  // `--keep=FILE`: the raw profile is kept for DevTools (or a top-down read), not only the summary.
  const keep = process.argv.find((a) => a.startsWith("--keep="))?.slice("--keep=".length);
  if (keep) copyFileSync(join(dir, file), keep);
  const summary = summarise(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile, window);
  rmSync(dir, { recursive: true, force: true });
  table(`Top self-time frames, ${scenario} (${summary.totalMs.toFixed(0)} ms sampled)`, summary.frames);
  table(`Self time by owner, ${scenario}`, summary.owners);
  table(`The app's functions by inclusive time, ${scenario}`, summary.inclusive);
}

await main();
