// Starts the real production server (`node server.mjs`, the V8 flags `npm start` uses) on a free port in local
// mode, on a given or fresh data folder, and tells when it listens.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The V8 flags `npm start` runs the server with (package.json), so the bench measures the production setup. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((part) => part.startsWith("--"));
}

export interface BenchServer {
  url: string;
  dataDir: string;
  pid: number;
  stop: () => Promise<void>;
}

/** With `dataDir`, the server opens that folder's aurora.sqlite (kept on stop); else a fresh folder (removed). */
export async function startAppServer(
  opts: { dataDir?: string; env?: Record<string, string>; flags?: string[] } = {},
): Promise<BenchServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "aurora-bench-"));
  // `flags`: more V8 or Node flags for this run (the profiler's --cpu-prof).
  const child = spawn(process.execPath, [...startFlags(), ...(opts.flags ?? []), "server.mjs"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: `file:${join(dataDir, "aurora.sqlite")}`,
      // The load comes from one address: lift the per-IP limits so the bench measures the handler, not 429s.
      RATE_LIMIT_PER_MINUTE: "100000",
      RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const poll = setInterval(() => {
      const m = out.match(/Aurora Concierge \(local demo\) is running at (http:\/\/[^/\s]+)/);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 50);
  });
  return {
    url,
    dataDir,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
