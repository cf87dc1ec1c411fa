// The bench report's writing, pure so a test can feed it a fixed sample: the summary against PRODUCT.md's goals
// (read from the tables the benches printed), Markdown tables, and the whole latest.md.

import type { Curve } from "./curve";
import type { PrintedTable } from "./table";

export interface SoakFigures {
  requests: number;
  minMb: number;
  peakMb: number;
  early: number;
  late: number;
  passed: boolean;
}

export interface ReportInput {
  quick: boolean;
  /** Every table printed in the run, in order. */
  tables: PrintedTable[];
  curve: Curve | null;
  soak: SoakFigures | null;
  /** One row per section run: its title, seconds, load average at its start. */
  timings: Record<string, string>[];
  /** Everything the benches printed, headings already one level down. */
  body: string[];
  meta: {
    date: string;
    commit: string;
    node: string;
    cpuModel: string;
    cores: number;
    seconds: number;
    loadBefore: string;
    loadAfter: string;
    /** The command that produced the report. */
    command: string;
  };
}

const num = (v: unknown) => (v === undefined || v === "-" || v === "—" ? NaN : Number(v));
const fmt = (v: number, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: digits }) : "n/a";
const met = (ok: boolean | null) => (ok === null ? "—" : ok ? "yes" : "**no**");

/** The summary's rows (measure, this run, goal, met); a measure whose bench did not run is left out. */
export function summary(
  tables: PrintedTable[],
  curve: Curve | null,
  soak: SoakFigures | null,
): Record<string, string>[] {
  const find = (prefix: string) => tables.find((t) => t.title.startsWith(prefix));
  const rows: Record<string, string>[] = [];
  const add = (measure: string, result: string, goal: string, ok: boolean | null) =>
    rows.push({ measure, "this run": result, goal, met: met(ok) });

  const rules = find("Understanding, rules only")?.rows.find((r) => r.step === "understand (rules)");
  const p99us = num(rules?.["p99 µs/msg"]);
  if (rules)
    add(
      "understanding, p99 per message (rules)",
      `${fmt(p99us, 1)} µs`,
      "< 200 µs",
      Number.isFinite(p99us) ? p99us < 200 : null,
    );
  const heldOut = find("Held-out phrasings")?.rows[0];
  if (heldOut)
    add(
      "understanding, held-out phrasings right",
      `${heldOut.right} of ${heldOut.cases} (${heldOut.accuracy})`,
      "—",
      null,
    );

  const open = find("POST /proxy/messages, open loop");
  for (const [rate, goal] of [
    [200, 10],
    [1000, 50],
  ]) {
    const row = open?.rows.find((r) => num(r["rate, req/s"]) === rate);
    if (!row) continue;
    const p99 = num(row["p99 ms"]);
    const errors = num(row["non-2xx or errors"]);
    add(
      `messages p99 at ${fmt(rate)} req/s (open loop)`,
      `${fmt(p99, 1)} ms, ${fmt(errors)} errors`,
      `≤ ${goal} ms, 0 errors`,
      p99 <= goal && errors === 0,
    );
  }

  const max = find("Max throughput");
  for (const [prefix, label, goal, method] of [
    ["POST /proxy/messages", "messages", 0.1, "POST"],
    ["GET /proxy/config", "config", 0.25, "GET"],
  ] as const) {
    const row = max?.rows.find((r) => String(r.server).startsWith(prefix));
    const base = max?.rows.find((r) => String(r.server).startsWith("bare") && String(r.server).includes(method));
    if (!row) continue;
    const ratio = num(row["ratio to bare"]);
    add(
      `${label} max throughput ÷ bare node:http`,
      `${fmt(num(row["req/s"]))} ÷ ${fmt(num(base?.["req/s"]))} = ${fmt(ratio, 3)}`,
      `≥ ${goal}`,
      Number.isFinite(ratio) ? ratio >= goal : null,
    );
  }

  if (curve) {
    const within = curve.messages.filter((p) => p.p99 <= 50 && p.failed === 0).map((p) => p.rate);
    const best = Math.max(0, ...curve.messages.map((p) => p.achieved));
    add(
      "highest offered load with messages p99 ≤ 50 ms (curve)",
      `${within.length ? `${fmt(Math.max(...within))} req/s` : "none"} (most answered: ${fmt(best)} req/s)`,
      "1,000 req/s",
      within.length ? Math.max(...within) >= 1000 : false,
    );
  }

  const admin = find("Admin lists");
  if (admin) {
    const queries = admin.rows.filter((r) => !String(r.query).startsWith("baseline"));
    const worst = (key: string) => queries.reduce((a, r) => (num(r[key]) > num(a[key]) ? r : a), queries[0]);
    const http = worst("HTTP p95 ms");
    const store = worst("store p95 ms");
    const conversations = /at ([\d,]+) conversations/.exec(admin.title)?.[1] ?? "?";
    add(
      `admin pages at ${conversations} conversations, worst p95 (whole data request)`,
      `${http["HTTP p95 ms"]} ms (${http.query})`,
      "≤ 50 ms",
      num(http["HTTP p95 ms"]) <= 50,
    );
    add(
      "admin store queries, worst p95",
      `${store["store p95 ms"]} ms (${store.query})`,
      "≤ 50 ms",
      num(store["store p95 ms"]) <= 50,
    );
  }

  const sizes = find("Widget bundles")?.rows;
  const launcher = sizes?.find((r) => String(r.file).includes("launcher"));
  const allJs = sizes?.find((r) => r.file === "all widget JS");
  if (launcher)
    add(
      "launcher (on every page), gzip / raw",
      `${fmt(num(launcher["gzip B"]))} B / ${fmt(num(launcher["raw B"]))} B`,
      "≤ 3,072 B / ≤ 10,000 B",
      num(launcher["gzip B"]) <= 3072 && num(launcher["raw B"]) <= 10_000,
    );
  if (allJs) add("all widget JS, gzip", `${fmt(num(allJs["gzip B"]))} B`, "≤ 15,360 B", num(allJs["gzip B"]) <= 15_360);
  const weighted = find("Shopify-weighted")?.rows[0];
  if (weighted)
    add(
      "Lighthouse, Shopify-weighted score with − without the concierge",
      `${weighted["with concierge"]} − ${weighted["without concierge"]} = ${weighted.delta}`,
      "≥ −1 point",
      num(weighted.delta) >= -1,
    );

  const peaks = tables.flatMap((t) => t.rows.map((r) => num(r["peak RSS, MB"]))).filter(Number.isFinite);
  if (curve) peaks.push(curve.peakRssMb);
  if (peaks.length)
    add(
      "server peak RSS under the HTTP benches' load",
      `${fmt(Math.max(...peaks))} MB`,
      "≤ 200 MB",
      Math.max(...peaks) <= 200,
    );
  if (soak)
    add(
      "server RSS under sustained mixed load (soak)",
      `${soak.minMb}–${soak.peakMb} MB, early ${soak.early} → late ${soak.late} MB, ${fmt(soak.requests)} requests`,
      "≤ 200 MB, flat, no 5xx",
      soak.passed,
    );
  return rows;
}

/** A Markdown table; a `|` inside a cell is escaped so it cannot split the row. */
export function markdownTable(rows: Record<string, string | number>[]): string[] {
  if (rows.length === 0) return [];
  const headers = Object.keys(rows[0]);
  const cell = (v: unknown) => String(v ?? "").replace(/\|/g, "\\|");
  return [
    `| ${headers.map(cell).join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${headers.map((h) => cell(r[h])).join(" | ")} |`),
  ];
}

/** latest.md: the header and machine, the summary, the chart, the sections' timings, then every bench's output. */
export function reportMarkdown(input: ReportInput): string {
  const { meta } = input;
  const lines = [
    `# Benchmark report${input.quick ? " (quick)" : ""}`,
    "",
    `\`${meta.command}\` on ${meta.date} UTC, commit ${meta.commit}, Node ${meta.node}, ${meta.cpuModel} × ${meta.cores} ` +
      `cores; ${fmt(meta.seconds)} s in all.`,
    "",
    `Load average before: ${meta.loadBefore}; after: ${meta.loadAfter}. The machine is shared with other work, so ` +
      "absolute figures move from run to run; every comparison below (baseline, bare handler, with/without) is " +
      "measured in the same run, by the same load generator, on the same machine.",
    "",
    "## Summary against PRODUCT.md's goals",
    "",
    ...markdownTable(summary(input.tables, input.curve, input.soak)),
    "",
    ...(input.curve ? ["![Latency against offered load](latency-vs-load.svg)", ""] : []),
    "## Sections",
    "",
    ...markdownTable(input.timings),
    ...input.body,
  ];
  return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}
