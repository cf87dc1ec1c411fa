// `npm start`: builds once when the build output is missing (a fresh clone), then runs the production server.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
process.env.NODE_ENV ??= "production";

if (!existsSync("build/server/index.js")) {
  console.log("No build found: building the app once (about a minute)...");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { startServer } = await import("../server.mjs");
await startServer();
