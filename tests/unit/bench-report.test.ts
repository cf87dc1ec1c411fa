// The bench report's writers keep the bench honest without timing anything: from a fixed sample of tables and a
// latency curve, the summary compares each figure with its goal (and leaves out what did not run), latest.md's
// tables are well-formed Markdown, and the chart is a well-formed SVG whose points sit inside the plot.

import { describe, expect, it } from "vitest";
import { latencyChart } from "../../bench/chart";
import type { Curve } from "../../bench/curve";
import { markdownTable, reportMarkdown, summary, type ReportInput } from "../../bench/report";
import type { PrintedTable } from "../../bench/table";

const point = (rate: number, p50: number, p95: number, p99: number, failed = 0) => ({
  rate,
  sent: rate * 5,
  failed,
  achieved: rate,
  p50,
  p95,
  p99,
});

const CURVE: Curve = {
  messages: [point(50, 1.2, 2.5, 4), point(200, 1.5, 4, 8), point(1000, 9, 30, 45), point(1500, 400, 900, 1200, 3)],
  bare: [point(50, 0.3, 0.6, 1), point(200, 0.3, 0.7, 1.1), point(1000, 0.4, 1, 2), point(1500, 0.5, 1.5, 3)],
  peakRssMb: 150,
};

const TABLES: PrintedTable[] = [
  {
    title: "Understanding, rules only: 48 messages (en/fr/es/de mix) × 400 rounds, each timed (goal p99 < 200 µs)",
    rows: [
      { step: "first release (befa49b), baseline", "p99 µs/msg": "310.0" },
      { step: "understand (rules)", "p99 µs/msg": "150.5" },
    ],
  },
  {
    title: "Held-out phrasings (written before tuning, never tuned on)",
    rows: [{ cases: 112, right: 110, accuracy: "98.2 %" }],
  },
  {
    title: "POST /proxy/messages, open loop (new and continuing conversations)",
    rows: [
      { "rate, req/s": 200, "non-2xx or errors": 0, "p99 ms": "7.5", "peak RSS, MB": 120 },
      { "rate, req/s": 1000, "non-2xx or errors": 2, "p99 ms": "40.0", "peak RSS, MB": 180 },
    ],
  },
  {
    title: "Max throughput, 50 connections, 10 s each",
    rows: [
      { server: "bare node:http, POST JSON (baseline)", "req/s": 10000, "ratio to bare": "1.000" },
      { server: "POST /proxy/messages (goal ≥ 0.10)", "req/s": 960, "ratio to bare": "0.096" },
      { server: "bare node:http, GET (baseline)", "req/s": 20000, "ratio to bare": "1.000" },
      { server: "GET /proxy/config (goal ≥ 0.25)", "req/s": 6000, "ratio to bare": "0.300" },
    ],
  },
  {
    title: "Admin lists at 100,000 conversations / 1,000,000 messages / 10,000 tickets, 60 requests each",
    rows: [
      { query: "baseline: GET /api/health (same run)", "store p95 ms": "—", "HTTP p95 ms": "1.0" },
      { query: "conversation list | page 1", "store p95 ms": "3.0", "HTTP p95 ms": "12.0" },
      { query: "full-text search “sapphire”", "store p95 ms": "9.5", "HTTP p95 ms": "61.0" },
    ],
  },
];

const INPUT: ReportInput = {
  quick: false,
  tables: TABLES,
  curve: CURVE,
  soak: { requests: 90_000, minMb: 140, peakMb: 170, early: 160, late: 162, passed: true },
  timings: [{ section: "Latency against offered load", seconds: "80", "load average at start": "1.00 1.00 1.00" }],
  body: ["", "## 1. Latency against offered load", "", "### A table", "", ...markdownTable([{ a: 1, b: 2 }])],
  meta: {
    command: "npm run bench",
    date: "2026-01-01 00:00",
    commit: "abc1234",
    node: "v20.0.0",
    cpuModel: "Test CPU",
    cores: 2,
    seconds: 480,
    loadBefore: "1.00 1.00 1.00",
    loadAfter: "2.00 2.00 2.00",
  },
};

const verdict = (rows: Record<string, string>[], measure: string) => rows.find((r) => r.measure.startsWith(measure));

describe("bench summary", () => {
  const rows = summary(TABLES, CURVE, INPUT.soak);

  it("compares each figure with its goal", () => {
    expect(verdict(rows, "understanding, p99")).toMatchObject({ "this run": "150.5 µs", met: "yes" });
    expect(verdict(rows, "messages p99 at 200 req/s")).toMatchObject({ met: "yes" });
    // 40 ms is inside the goal, but errors are not.
    expect(verdict(rows, "messages p99 at 1,000 req/s")).toMatchObject({
      "this run": "40 ms, 2 errors",
      met: "**no**",
    });
    expect(verdict(rows, "messages max throughput")).toMatchObject({
      "this run": "960 ÷ 10,000 = 0.096",
      met: "**no**",
    });
    expect(verdict(rows, "config max throughput")).toMatchObject({ "this run": "6,000 ÷ 20,000 = 0.3", met: "yes" });
  });

  it("reads the curve: the highest offered load with p99 ≤ 50 ms and no errors", () => {
    expect(verdict(rows, "highest offered load")).toMatchObject({
      "this run": "1,000 req/s (most answered: 1,500 req/s)",
      met: "yes",
    });
  });

  it("takes the admin's worst query, names the scale, and skips the health-check baseline", () => {
    expect(verdict(rows, "admin pages at 100,000 conversations")).toMatchObject({
      "this run": "61.0 ms (full-text search “sapphire”)",
      met: "**no**",
    });
    expect(verdict(rows, "admin store queries")).toMatchObject({ "this run": "9.5 ms (full-text search “sapphire”)" });
  });

  it("takes the highest RSS any HTTP bench saw, and the soak's verdict", () => {
    expect(verdict(rows, "server peak RSS")).toMatchObject({ "this run": "180 MB", met: "yes" });
    expect(verdict(rows, "server RSS under sustained")).toMatchObject({ met: "yes" });
  });

  it("leaves out a measure whose bench did not run (no Lighthouse, no widget sizes here)", () => {
    expect(rows.map((r) => r.measure).filter((m) => /Lighthouse|launcher|widget/.test(m))).toEqual([]);
    expect(summary([], null, null)).toEqual([]);
  });
});

/** Every table in a Markdown text: header, separator, then rows, each with the header's number of cells. */
function tablesOf(markdown: string): string[][] {
  return markdown
    .split("\n\n")
    .filter((block) => block.startsWith("|"))
    .map((block) => block.trim().split("\n"));
}
const cells = (line: string) => line.replace(/\\\|/g, "").split("|").length;

describe("bench report (latest.md)", () => {
  const markdown = reportMarkdown(INPUT);

  it("says how and where it ran, and links the chart", () => {
    expect(markdown).toMatch(/^# Benchmark report\n/);
    expect(markdown).toContain(
      "`npm run bench` on 2026-01-01 00:00 UTC, commit abc1234, Node v20.0.0, Test CPU × 2 cores",
    );
    expect(markdown).toContain("Load average before: 1.00 1.00 1.00; after: 2.00 2.00 2.00.");
    expect(markdown).toContain("![Latency against offered load](latency-vs-load.svg)");
    expect(reportMarkdown({ ...INPUT, curve: null })).not.toContain("latency-vs-load.svg");
    expect(reportMarkdown({ ...INPUT, quick: true })).toMatch(/^# Benchmark report \(quick\)\n/);
  });

  it("writes well-formed tables: every row has the header's cells, a `|` in a cell is escaped", () => {
    const tables = tablesOf(markdown);
    expect(tables.length).toBe(3); // summary, sections, the body's table
    for (const lines of tables) {
      expect(lines[1]).toMatch(/^\|(---\|)+$/);
      for (const line of lines) expect(cells(line)).toBe(cells(lines[0]));
    }
    expect(markdownTable([{ query: "a | b" }])[2]).toBe("| a \\| b |");
    expect(markdown).not.toMatch(/\n{3,}/);
  });
});

/** Tags balance: every element opened is closed in order (the chart has no comments, CDATA or entities but &amp;/&lt;). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)\b[^<>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0 && !/&(?!amp;|lt;)/.test(svg);
}

describe("latency chart (latency-vs-load.svg)", () => {
  const svg = latencyChart(CURVE, "load average 1.00 & <busy>");

  it("is a well-formed, labelled SVG", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain('<title id="title">Latency against offered load, POST /proxy/messages</title>');
    expect(svg).toContain('<desc id="desc">load average 1.00 &amp; &lt;busy></desc>');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("draws the three message percentiles and the bare handler's p99, every point inside the plot", () => {
    for (const name of ["messages p50", "messages p95", "messages p99", "bare node:http p99", "p99 goal"])
      expect(svg).toContain(`>${name}</text>`);
    const lines = [...svg.matchAll(/<path d="(M[\d.]+,[\d.]+(?: L[\d.]+,[\d.]+)*)" fill="none"/g)];
    expect(lines).toHaveLength(4);
    for (const [, d] of lines) {
      const points = [...d.matchAll(/([\d.]+),([\d.]+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
      expect(points).toHaveLength(CURVE.messages.length);
      for (const [x, y] of points) {
        expect(x).toBeGreaterThanOrEqual(64);
        expect(x).toBeLessThanOrEqual(760 - 170);
        expect(y).toBeGreaterThanOrEqual(36);
        expect(y).toBeLessThanOrEqual(440 - 66);
      }
    }
  });

  it("puts higher latency higher up (log scale) and higher load further right", () => {
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="2.5" fill="#1b4f72"\/>/g)].map(
      ([, x, y]) => [Number(x), Number(y)],
    );
    expect(circles).toHaveLength(CURVE.messages.length);
    for (let i = 1; i < circles.length; i++) {
      expect(circles[i][0]).toBeGreaterThan(circles[i - 1][0]);
      expect(circles[i][1]).toBeLessThan(circles[i - 1][1]); // p99 rises along the sample
    }
  });
});
