// `npm run bench`: the whole benchmark suite, then bench/results/latest.md (a summary against PRODUCT.md's goals,
// then every table the benches printed) and bench/results/latency-vs-load.svg. It runs the per-area benches
// (bench/run.ts: understanding, held-out, HTTP; bench/curve.ts; bench/admin.ts; bench/widget.ts; bench/soak.ts for
// RSS under sustained load), each still runnable alone. Needs a build (`npm run build`).
//   npm run bench                          everything (under 10 minutes on 2 cores)
//   npm run bench -- --quick               shorter runs, smaller data, no Lighthouse (under 2 minutes), same report
//   npm run bench -- <area>                one area, printed only
//   npm run bench -- --only a,b --out dir  some areas, with their report written to dir
// Areas: understanding heldout http curve admin widget rss.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchAdmin } from "./admin";
import { latencyChart } from "./chart";
import { benchCurve, FULL_RATES, QUICK_RATES, type Curve } from "./curve";
import { reportMarkdown, type SoakFigures } from "./report";
import { benchHttp, benchModelPath, benchUnderstanding, heldOutAccuracy } from "./run";
import { printedTables } from "./table";
import { benchWidget } from "./widget";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes("--quick");
const onlyList = option("--only")?.split(",");
const outDir = option("--out");
const area = args.find((a, i) => !a.startsWith("--") && !["--only", "--out"].includes(args[i - 1]));

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

interface Section {
  area: string;
  title: string;
  run: () => Promise<void>;
}

let curve: Curve | null = null;
let soak: SoakFigures | null = null;

/** `npm run soak` in its own process for `minutes`: its table goes to the report, its RSS figures to the summary. */
async function sustainedLoad(minutes: number): Promise<void> {
  const child = spawn("node_modules/.bin/tsx", ["bench/soak.ts", "--minutes", String(minutes)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d;
    process.stdout.write(d);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const summary = /(\d+) requests \((\d+) req\/s\), RSS (\d+)–(\d+) MB \(early (\d+), late (\d+)\)/.exec(out);
  if (summary) {
    soak = {
      requests: Number(summary[1]),
      minMb: Number(summary[3]),
      peakMb: Number(summary[4]),
      early: Number(summary[5]),
      late: Number(summary[6]),
      passed: code === 0,
    };
  }
  // Into the report: the soak's table and its verdict (its live lines and text chart stay on the terminal).
  const table = /## Soak[\s\S]*?\n\n(?=\s*\d+ MB \|)/.exec(out)?.[0] ?? "";
  report.push(
    "",
    table.trim().replace(/^## /, "### "),
    "",
    ...out.split("\n").filter((l) => /^\d+ requests|^SOAK (PASSED|FAILED)|problem:/.test(l.trim())),
  );
}

const SECTIONS: Section[] = [
  {
    area: "understanding",
    title: "Understanding time per message",
    run: async () => {
      await benchUnderstanding(quick ? 0.2 : 1);
      await benchModelPath();
    },
  },
  { area: "heldout", title: "Understanding accuracy on held-out phrasings", run: async () => heldOutAccuracy() },
  {
    area: "http",
    title: "Storefront endpoints: fixed rates, maximum throughput against a bare node:http handler",
    run: () => benchHttp(quick ? 0.25 : 1),
  },
  {
    area: "curve",
    title: "Latency against offered load",
    run: async () => {
      curve = await benchCurve(
        quick ? { rates: QUICK_RATES, seconds: 2, bareSeconds: 1 } : { rates: FULL_RATES, seconds: 5, bareSeconds: 2 },
      );
    },
  },
  {
    area: "admin",
    title: quick
      ? "Admin lists and search (quick: 20,000 conversations)"
      : "Admin lists and search at 100,000 conversations",
    run: () => (quick ? benchAdmin(20_000, 2_000, 30) : benchAdmin(100_000, 10_000, 60)),
  },
  {
    area: "widget",
    title: quick ? "Widget sizes (quick: no Lighthouse)" : "Widget sizes and Lighthouse impact",
    // Five alternating runs per variant: the widget issue's minimum for a median that one noisy run cannot move.
    run: () => benchWidget(quick ? 0 : 5),
  },
  {
    area: "rss",
    title: "Memory under sustained load (mixed traffic with abuse)",
    run: () => sustainedLoad(quick ? 0.34 : 1.5),
  },
];

// Everything the benches print goes to the terminal and, headings one level down, into the report.
const report: string[] = [];
const print = console.log.bind(console);
function capture(): void {
  console.log = (...parts: unknown[]) => {
    print(...parts);
    const text = parts.map(String).join(" ");
    report.push(...text.split("\n").map((l) => (l.startsWith("## ") ? `#${l}` : l)));
  };
}

function gitDescribe(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

async function main(): Promise<void> {
  const known = SECTIONS.map((s) => s.area);
  const unknown = [area, ...(onlyList ?? [])].filter((a) => a !== undefined && !known.includes(a));
  if (unknown.length) {
    console.error(`Unknown area ${unknown.map((a) => `"${a}"`).join(", ")}. Areas: ${known.join(", ")}`);
    process.exit(2);
  }
  if (area) {
    await SECTIONS.find((s) => s.area === area)!.run();
    return;
  }
  const sections = onlyList ? SECTIONS.filter((s) => onlyList.includes(s.area)) : SECTIONS;
  const dir = outDir ?? (onlyList ? null : "bench/results");
  const started = Date.now();
  const loadBefore = loadAverage();
  const timings: Record<string, string>[] = [];
  capture();
  for (const [i, section] of sections.entries()) {
    const load = loadAverage();
    const t0 = Date.now();
    report.push("", `## ${i + 1}. ${section.title}`, "", `Load average at the start: ${load}.`);
    print(`\n=== ${section.title} (load average ${load})`);
    await section.run();
    timings.push({
      section: section.title,
      seconds: ((Date.now() - t0) / 1000).toFixed(0),
      "load average at start": load,
    });
  }
  console.log = print;
  const seconds = (Date.now() - started) / 1000;
  if (!dir) return;
  const cpu = cpus();
  const markdown = reportMarkdown({
    quick,
    tables: printedTables,
    curve,
    soak,
    timings,
    body: report,
    meta: {
      command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
      date: new Date().toISOString().slice(0, 16).replace("T", " "),
      commit: gitDescribe(),
      node: process.version,
      cpuModel: cpu[0]?.model.trim() ?? "?",
      cores: cpu.length,
      seconds,
      loadBefore,
      loadAfter: loadAverage(),
    },
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/latest.md`, markdown);
  if (curve) {
    const subtitle = `${quick ? "quick run, " : ""}load average ${loadBefore} at the start, ${cpu.length} cores, generator on the same machine`;
    writeFileSync(`${dir}/latency-vs-load.svg`, latencyChart(curve, subtitle));
  }
  print(`\nWrote ${dir}/latest.md${curve ? ` and ${dir}/latency-vs-load.svg` : ""} in ${seconds.toFixed(0)} s.`);
}

await main();
