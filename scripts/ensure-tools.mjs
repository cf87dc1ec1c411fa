// Finds the outside tools the tests need, installing Debian's package when one is missing (CI runs as root):
// Chromium for the browser tests (Playwright's own download cannot work offline), promtool for the alert rules and
// the sqlite3 shell the runbooks' commands use.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const TOOLS = {
  chromium: {
    env: "CHROMIUM_PATH",
    candidates: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"],
    packages: ["chromium"],
  },
  // The SQLite shell the runbooks use to look into the store (tests run those commands).
  sqlite3: {
    env: "SQLITE3_PATH",
    candidates: ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"],
    packages: ["sqlite3"],
  },
  promtool: {
    env: "PROMTOOL_PATH",
    candidates: ["/usr/bin/promtool", "/usr/local/bin/promtool"],
    packages: ["prometheus"],
  },
};

export function findTool(name) {
  const tool = TOOLS[name];
  return [process.env[tool.env], ...tool.candidates].find((p) => p && existsSync(p)) ?? null;
}

let updated = false;

/** The tool's path; installs its Debian package first when it is missing. Throws when that is not possible. */
export function ensureTool(name) {
  const found = findTool(name);
  if (found) return found;
  const tool = TOOLS[name];
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`${name} not found: install Debian's ${tool.packages.join(" ")} package or set ${tool.env}.`);
  }
  console.error(`${name} not found: installing Debian's ${tool.packages.join(" ")} package...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const steps = [...(updated ? [] : [["update"]]), ["install", "-y", "--no-install-recommends", ...tool.packages]];
  for (const args of steps) {
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
  updated = true;
  const installed = findTool(name);
  if (!installed) throw new Error(`${tool.packages.join(" ")} was installed but no ${name} executable was found`);
  return installed;
}

export const ensureChromium = () => ensureTool("chromium");
export const ensurePromtool = () => ensureTool("promtool");
export const ensureSqlite3 = () => ensureTool("sqlite3");

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TOOLS)) {
    const path = ensureTool(name);
    console.log(execFileSync(path, ["--version"], { encoding: "utf8" }).split("\n")[0].trim(), "at", path);
  }
}
