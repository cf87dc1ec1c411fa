// Widget benchmark (not a test): the bundles' sizes, and Lighthouse with and without the concierge on the dev
// storefront's home, collection and product pages at a realistic theme weight (~100 KB of theme JS and a large
// hero image; a light page scores 100 either way). Mobile emulation, `simulate` throttling, Debian Chromium;
// runs alternate with/without and the median of each is reported, with Shopify's page weights (17/43/40).
//   npm run bench -- widget      (or npm run bench:widget)      RUNS=7 to change the number of runs per variant

import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { startApp } from "../tests/support/app";
import { ASSETS_DIR, buildWidget, overBudget, type FileSize } from "../widget/build";
import { table } from "./table";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = Math.max(5, Number(process.env.RUNS ?? 5));

/** Shopify's store speed score weighs the home, collection and product pages 17/43/40. */
const PAGES = [
  { name: "home", path: "/", weight: 0.17 },
  { name: "collection", path: "/collections/rings", weight: 0.43 },
  { name: "product", path: "/products/14k-rose-gold-stacking-ring", weight: 0.4 },
];

interface Sample {
  score: number;
  lcp: number;
  tbt: number;
  cls: number;
  fcp: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function sizeRows(sizes: FileSize[]): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = sizes.map((s) => ({
    file: s.file,
    "raw B": s.raw,
    "gzip B": s.gzip,
    "brotli B": s.brotli,
  }));
  rows.push({
    file: "all widget JS",
    "raw B": sizes.reduce((n, s) => n + s.raw, 0),
    "gzip B": sizes.reduce((n, s) => n + s.gzip, 0),
    "brotli B": sizes.reduce((n, s) => n + s.brotli, 0),
  });
  return rows;
}

async function lighthouseRun(url: string, port: number): Promise<Sample> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    formFactor: "mobile",
    throttlingMethod: "simulate",
  });
  const lhr = result!.lhr;
  const value = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcp: value("largest-contentful-paint"),
    tbt: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    fcp: value("first-contentful-paint"),
  };
}

/** `lighthouseRuns` per variant and page (0: the sizes only, the suite's --quick). */
export async function benchWidget(lighthouseRuns = RUNS): Promise<void> {
  const sizes = await buildWidget(ASSETS_DIR);
  table("Widget bundles (launcher on every page; panel on first intent)", sizeRows(sizes));
  const problems = overBudget(sizes);
  console.log(
    problems.length
      ? `\nOVER BUDGET: ${problems.join("; ")}`
      : "\nBudget: launcher ≤ 3 KB gzip and ≤ 10,000 B raw, all widget JS ≤ 15 KB gzip — met.",
  );

  if (lighthouseRuns === 0) return;
  const app = await startApp({
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
  });
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const rows: Record<string, string | number>[] = [];
    const weighted = { without: 0, with: 0 };
    for (const p of PAGES) {
      const base = `${app.url}${p.path}?theme=heavy`;
      // Warm the server and the demo images once so the first measured run is not a cold start.
      await lighthouseRun(`${base}&concierge=off`, chrome.port);
      const runs: Record<"without" | "with", Sample[]> = { without: [], with: [] };
      for (let i = 0; i < lighthouseRuns; i++) {
        // Alternate, and swap who goes first each round, so drift on a shared machine hits both alike.
        const order: ("without" | "with")[] = i % 2 ? ["with", "without"] : ["without", "with"];
        for (const variant of order) {
          runs[variant].push(await lighthouseRun(variant === "with" ? base : `${base}&concierge=off`, chrome.port));
        }
      }
      const m = (variant: "without" | "with", key: keyof Sample) => median(runs[variant].map((s) => s[key]));
      weighted.without += m("without", "score") * p.weight;
      weighted.with += m("with", "score") * p.weight;
      for (const variant of ["without", "with"] as const) {
        rows.push({
          page: p.name,
          concierge: variant,
          "score (median)": m(variant, "score"),
          "LCP ms": Math.round(m(variant, "lcp")),
          "TBT ms": Math.round(m(variant, "tbt")),
          CLS: m(variant, "cls").toFixed(3),
          "FCP ms": Math.round(m(variant, "fcp")),
        });
      }
      rows.push({
        page: p.name,
        concierge: "delta",
        "score (median)": m("with", "score") - m("without", "score"),
        "LCP ms": Math.round(m("with", "lcp") - m("without", "lcp")),
        "TBT ms": Math.round(m("with", "tbt") - m("without", "tbt")),
        CLS: (m("with", "cls") - m("without", "cls")).toFixed(3),
        "FCP ms": Math.round(m("with", "fcp") - m("without", "fcp")),
      });
    }
    table(
      `Lighthouse 12, mobile, simulate throttling, Debian Chromium; median of ${lighthouseRuns} alternating runs per variant, ` +
        "theme with ~100 KB JS and a ~590 KB hero (goals: ≤ 1 point lost, TBT Δ ≤ 10 ms, LCP Δ ≤ 50 ms, CLS Δ 0)",
      rows,
    );
    table("Shopify-weighted performance score (home 17%, collection 43%, product 40%)", [
      {
        "without concierge": weighted.without.toFixed(1),
        "with concierge": weighted.with.toFixed(1),
        delta: (weighted.with - weighted.without).toFixed(1),
      },
    ]);
  } finally {
    chrome.kill();
    await app.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchWidget();
}
