// Playwright reporter: ends with a plain "playwright: N passed, N failed, N skipped" line and writes the counts
// to test-results/playwright-counts.json for the total that `npm test` prints.

import { mkdirSync, writeFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class CountReporter implements Reporter {
  private outcomes = new Map<string, string>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    // The last attempt decides (retries replace earlier outcomes).
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const outcome of this.outcomes.values()) {
      if (outcome === "expected" || outcome === "flaky") passed++;
      else if (outcome === "skipped") skipped++;
      else failed++;
    }
    if (result.status !== "passed" && failed === 0) failed = 1; // a run that broke before any test ran
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/playwright-counts.json", JSON.stringify({ passed, failed, skipped }));
    process.stdout.write(`\nplaywright: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
