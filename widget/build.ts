// Builds the storefront widget into the theme app extension's assets and enforces the size budget
// (PRODUCT.md §5): launcher ≤ 3 KB gzip and ≤ 10,000 bytes raw; all widget JS together ≤ 15 KB gzip.
//   npx tsx widget/build.ts            build (fails when over budget)
//   buildWidget({ outdir }) from code  the same, for tests and benchmarks

import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ASSETS_DIR = join(ROOT, "extensions/concierge-widget/assets");

export const BUDGET = { launcherGzip: 3 * 1024, launcherRaw: 10_000, totalGzip: 15 * 1024 };

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizeOf(path: string): FileSize {
  const bytes = readFileSync(path);
  return {
    file: path.split("/").pop()!,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Problems with the budget, in words; empty when every limit holds. */
export function overBudget(sizes: FileSize[]): string[] {
  const launcher = sizes.find((s) => s.file === "concierge-launcher.js");
  const problems: string[] = [];
  if (!launcher) return ["concierge-launcher.js was not built"];
  if (launcher.gzip > BUDGET.launcherGzip)
    problems.push(`launcher is ${launcher.gzip} B gzip (limit ${BUDGET.launcherGzip})`);
  if (launcher.raw > BUDGET.launcherRaw)
    problems.push(`launcher is ${launcher.raw} B raw (limit ${BUDGET.launcherRaw})`);
  const total = sizes.filter((s) => s.file.endsWith(".js")).reduce((sum, s) => sum + s.gzip, 0);
  if (total > BUDGET.totalGzip) problems.push(`all widget JS is ${total} B gzip (limit ${BUDGET.totalGzip})`);
  return problems;
}

export async function buildWidget(outdir = ASSETS_DIR): Promise<FileSize[]> {
  // assets/ holds build output only: start clean so nothing stale ships.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: {
      "concierge-launcher": join(ROOT, "widget/launcher.ts"),
      "concierge-panel": join(ROOT, "widget/panel/index.ts"),
    },
    outdir,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020", "safari14"],
    legalComments: "none",
    logLevel: "warning",
  });
  return readdirSync(outdir)
    .sort()
    .map((file) => sizeOf(join(outdir, file)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await buildWidget();
  for (const s of sizes)
    console.log(
      `${s.file.padEnd(24)} ${String(s.raw).padStart(6)} B raw  ${String(s.gzip).padStart(5)} B gzip  ${String(s.brotli).padStart(5)} B brotli`,
    );
  const problems = overBudget(sizes);
  if (problems.length) {
    console.error(`Widget over budget:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}
