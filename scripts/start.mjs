// `npm start`: builds when the build output is missing (a fresh clone) or older than app/, then runs the server.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
process.env.NODE_ENV ??= "production";

/** Newest modification time among the sources the build is made from. */
function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

// The widget bundles (theme app extension assets) are build output too: rebuilt when missing or older than widget/.
const LAUNCHER = "extensions/concierge-widget/assets/concierge-launcher.js";
if (!existsSync(LAUNCHER) || newestSource("widget") > statSync(LAUNCHER).mtimeMs) {
  const widget = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "widget/build.ts"], { stdio: "inherit" });
  if (widget.status !== 0) process.exit(widget.status ?? 1);
}

const BUILD = "build/server/index.js";
const stale = existsSync(BUILD) && newestSource("app") > statSync(BUILD).mtimeMs;
if (!existsSync(BUILD) || stale) {
  console.log(
    stale
      ? "The sources changed since the last build: rebuilding..."
      : "No build found: building the app once (about a minute)...",
  );
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { startServer } = await import("../server.mjs");
await startServer();
