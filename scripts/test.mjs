// `npm test`: typecheck, lint, build, unit + integration (vitest), browser (Playwright + axe), then one closing
// line totalling every suite: "total: N passed, N failed, N skipped". Exit code 1 if anything failed.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensurePromtool } from "./ensure-tools.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

/** A check that is not a test runner (typecheck, lint, build) counts as one test. */
function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? "passed" : "failed"]++;
  return ok;
}

function suite(label, command, args, countsFile, env) {
  rmSync(countsFile, { force: true });
  const ok = run(label, command, args, env);
  if (!existsSync(countsFile)) {
    totals.failed++;
    return;
  }
  const counts = JSON.parse(readFileSync(countsFile, "utf8"));
  totals.passed += counts.passed;
  totals.failed += counts.failed + (ok || counts.failed > 0 ? 0 : 1);
  totals.skipped += counts.skipped;
}

check("typecheck", bin("tsc"), ["--noEmit"]);
check("lint", bin("eslint"), [".", "--max-warnings", "0"]);
const built =
  check("build: widget", bin("tsx"), ["widget/build.ts"]) &&
  check("build", process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"]);
// promtool (Debian's prometheus package) checks the alert rules and dashboard: found or installed before the suite,
// so an installation is not timed as a test; the monitoring test reports it if this failed.
try {
  process.env.PROMTOOL_PATH ??= ensurePromtool();
} catch (error) {
  console.error(String(error));
}
suite("unit + integration", bin("vitest"), ["run"], "test-results/vitest-counts.json");
if (built) {
  let chromium = null;
  try {
    chromium = ensureChromium();
  } catch (error) {
    console.error(String(error));
    totals.failed++;
  }
  if (chromium) {
    suite("browser", bin("playwright"), ["test"], "test-results/playwright-counts.json", { CHROMIUM_PATH: chromium });
  }
} else {
  totals.failed++; // the browser suite cannot run without a build
}

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
