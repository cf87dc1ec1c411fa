// The theme app extension as Shopify's CLI and Theme Check judge it, and the widget's size budget (PRODUCT.md §5).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGET, buildWidget, overBudget, type FileSize } from "../../widget/build";

const EXTENSION = join(process.cwd(), "extensions/concierge-widget");
const CONFIG = join(process.cwd(), "node_modules/@shopify/theme-check-node/configs/theme-app-extension.yml");

// Shopify CLI's deploy validation for theme app extensions.
const ALLOWED: Record<string, string[]> = {
  assets: [".jpg", ".jpeg", ".js", ".css", ".png", ".svg"],
  blocks: [".liquid"],
  snippets: [".liquid"],
  locales: [".json"],
};
const KB = 1024;

describe("theme app extension", () => {
  let built: FileSize[];
  const out = mkdtempSync(join(tmpdir(), "aurora-assets-"));
  beforeAll(async () => {
    // assets/ is build output (`npm run build`, which `npm test` runs first); the names must be what a build makes.
    built = await buildWidget(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes Theme Check with the theme-app-extension config: no offense at all", async () => {
    const run = await themeCheckRun(EXTENSION, CONFIG, () => undefined);
    const offenses = run.offenses.map(
      (o) => `${o.severity} ${o.check} ${o.uri.split("/").slice(-2).join("/")}: ${o.message}`,
    );
    expect(offenses).toEqual([]);
  });

  it("keeps to the CLI's deploy rules: only the four folders, flat, allowed types and sizes", () => {
    let total = 0;
    let liquid = 0;
    const problems: string[] = [];
    for (const entry of readdirSync(EXTENSION)) {
      const path = join(EXTENSION, entry);
      if (statSync(path).isFile()) {
        if (entry !== "shopify.extension.toml") problems.push(`unexpected file ${entry}`);
        continue;
      }
      if (!ALLOWED[entry]) {
        problems.push(`unexpected folder ${entry}`);
        continue;
      }
      for (const file of readdirSync(path)) {
        const stat = statSync(join(path, file));
        if (stat.isDirectory()) problems.push(`sub-folder ${entry}/${file}`);
        else if (!ALLOWED[entry].includes(extname(file))) problems.push(`${entry}/${file}: type not allowed`);
        total += stat.size;
        if (entry === "blocks" || entry === "snippets") liquid += stat.size;
        if (entry === "locales" && stat.size > 15 * KB) problems.push(`${entry}/${file}: ${stat.size} B > 15 KB`);
      }
    }
    expect(problems).toEqual([]);
    expect(total).toBeLessThanOrEqual(10 * KB * KB);
    expect(liquid).toBeLessThanOrEqual(500 * KB);
    expect(readFileSync(join(EXTENSION, "shopify.extension.toml"), "utf8")).toMatch(/^type = "theme"$/m);
    expect(existsSync(join(EXTENSION, "assets")), "run npm run build first").toBe(true);
    expect(readdirSync(join(EXTENSION, "assets")).sort()).toEqual(built.map((b) => b.file).sort());
  });

  it("is an app embed block on body with the documented settings", () => {
    const source = readFileSync(join(EXTENSION, "blocks/concierge.liquid"), "utf8");
    const schema = JSON.parse(/{% schema %}([\s\S]*){% endschema %}/.exec(source)![1]);
    expect(schema.target).toBe("body");
    expect(schema.settings.map((s: { id: string }) => s.id)).toEqual([
      "position",
      "bottom_offset",
      "accent_color",
      "launcher_label",
      "greeting",
      "hidden_templates",
    ]);
    expect(source).toMatch(/<script src="{{ 'concierge-launcher\.js' \| asset_url }}" defer><\/script>/);
  });

  it("has every storefront string in English (default), French, Spanish and German, and the block asks for each", () => {
    const read = (name: string) => JSON.parse(readFileSync(join(EXTENSION, "locales", name), "utf8")).concierge;
    const en = read("en.default.json");
    for (const other of ["fr.json", "es.json", "de.json"]) {
      const strings = read(other);
      expect(Object.keys(strings).sort(), other).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(strings)) {
        expect(String(value).length, `${other} ${key}`).toBeGreaterThan(0);
        // Placeholders survive translation.
        expect(String(value).match(/\{\w+\}/g) ?? [], `${other} ${key}`).toEqual(
          String(en[key]).match(/\{\w+\}/g) ?? [],
        );
      }
    }
    const block = readFileSync(join(EXTENSION, "blocks/concierge.liquid"), "utf8");
    const keys = /assign keys = '([^']+)'/.exec(block)![1].split(",");
    expect(keys.sort()).toEqual(Object.keys(en).sort());
    expect(
      JSON.parse(readFileSync(join(EXTENSION, "locales/en.default.schema.json"), "utf8")).settings.position.label,
    ).toBeTruthy();
  });
});

describe("widget size budget", () => {
  const out = mkdtempSync(join(tmpdir(), "aurora-widget-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("keeps the launcher ≤ 3 KB gzip and ≤ 10,000 B raw, and all widget JS ≤ 15 KB gzip", async () => {
    const sizes = await buildWidget(out);
    expect(sizes.map((s) => s.file)).toEqual(["concierge-launcher.js", "concierge-panel.js"]);
    expect(overBudget(sizes)).toEqual([]);
    const launcher = sizes[0];
    expect(launcher.gzip).toBeLessThanOrEqual(BUDGET.launcherGzip);
    expect(launcher.raw).toBeLessThanOrEqual(BUDGET.launcherRaw);
  });

  it("names every limit that is exceeded", () => {
    const over = overBudget([
      { file: "concierge-launcher.js", raw: 12_000, gzip: 3_500, brotli: 3_000 },
      { file: "concierge-panel.js", raw: 60_000, gzip: 13_000, brotli: 11_000 },
    ]);
    expect(over).toEqual([
      "launcher is 3500 B gzip (limit 3072)",
      "launcher is 12000 B raw (limit 10000)",
      "all widget JS is 16500 B gzip (limit 15360)",
    ]);
  });
});
