// `npm run bench` runs end to end without timing anything: the suite runs two small sections in quick mode and
// writes its report (summary, sections, every table) to a folder of its own, never over bench/results.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const out = mkdtempSync(join(tmpdir(), "aurora-bench-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const suite = (...args: string[]) =>
  spawnSync("node_modules/.bin/tsx", ["bench/suite.ts", ...args], { encoding: "utf8", timeout: 60_000 });

describe("npm run bench -- --quick --only understanding,heldout", () => {
  it("runs both sections and writes their report", { timeout: 90_000 }, () => {
    const run = suite("--quick", "--only", "understanding,heldout", "--out", out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote ${out}/latest.md`);
    const report = readFileSync(join(out, "latest.md"), "utf8");
    expect(report).toMatch(/^# Benchmark report \(quick\)\n/);
    expect(report).toContain("`npm run bench -- --quick --only understanding,heldout --out");
    expect(report).toMatch(
      /\| understanding, p99 per message \(rules\) \| [\d.,]+ µs \| < 200 µs \| (yes|\*\*no\*\*) \|/,
    );
    expect(report).toMatch(/\| understanding, held-out phrasings right \| \d+ of \d+ \([\d.]+ %\) \|/);
    expect(report).toContain("## 1. Understanding time per message");
    expect(report).toContain("## 2. Understanding accuracy on held-out phrasings");
    expect(report).toContain("### Understanding, rules only: ");
    expect(report).toContain("| understand (rules) |");
    // No curve ran, so no chart and no link to one.
    expect(existsSync(join(out, "latency-vs-load.svg"))).toBe(false);
    expect(report).not.toContain("latency-vs-load.svg");
  });

  it("refuses an area it does not know, naming the ones it does", () => {
    const run = suite("--only", "understanding,nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown area "nope". Areas: understanding, heldout, http, curve, admin, widget, rss');
  });
});
