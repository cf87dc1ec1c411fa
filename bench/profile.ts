// CPU profile of the real server under the bench's load: `npm run bench:profile -- messages|config [seconds]`.
// Prints the top self-time frames and the share by package, the summary ADR 0008 records before and after.

import autocannon from "autocannon";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configRequests, messageRequests, runAutocannon, startAppServer } from "./load";
import { table } from "./table";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, node itself, the app's build, or V8's own buckets ("(garbage collector)"). */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/build/server/")) return "app (build)";
  return url.replace(/^file:\/\/.*\//, "");
}

export function summarise(profile: CpuProfile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
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
  };
}

async function main() {
  const scenario = process.argv[2] === "config" ? "config" : "messages";
  const seconds = Number(process.argv[3] ?? 10);
  const dir = mkdtempSync(join(tmpdir(), "aurora-prof-"));
  const app = await startAppServer(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  try {
    const requests = scenario === "config" ? configRequests(app.secret) : messageRequests(app.secret);
    await runAutocannon(autocannon, { url: app.url, duration: 3, connections: 10, requests });
    const result = await runAutocannon(autocannon, { url: app.url, duration: seconds, connections: 20, requests });
    console.log(
      `${scenario}: ${Math.round(result.requests.average)} req/s over ${seconds} s, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors (profiled, so slower than the bench)`,
    );
  } finally {
    await app.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  const summary = summarise(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile);
  rmSync(dir, { recursive: true, force: true });
  table(`Top self-time frames, ${scenario} (${summary.totalMs.toFixed(0)} ms sampled)`, summary.frames);
  table(`Self time by owner, ${scenario}`, summary.owners);
}

await main();
