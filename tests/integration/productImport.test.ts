// Importing Shopify's product CSV export (handle-grouped rows, variant rows, image rows, Option1/2 Name/Value, a
// metafield column, quoted multi-line HTML) through the service the admin upload calls and through the CLI.

import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parseCsv, productsFromCsv, CsvSyntaxError } from "~/concierge/productCsv";
import { importProductCsv } from "~/services/sync/productImport.server";
import { openSqliteStore } from "~/store/sqlite";
import type { Store } from "~/store/port";
import { shopValue } from "../store/fixtures/entities";

const run = promisify(execFile);
const SHOP = "aurora-csv.myshopify.com";
const FIXTURE = "tests/fixtures/shopify-products.csv";
const paths: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const p of paths.splice(0)) for (const suffix of ["", "-wal", "-shm"]) await rm(p + suffix, { force: true });
});

async function freshStore() {
  const path = join(tmpdir(), `aurora-csv-${randomUUID()}.sqlite`);
  paths.push(path);
  const store = openSqliteStore(path);
  stores.push(store);
  await store.shops.put(SHOP, shopValue());
  return { store, path };
}

describe("Shopify product CSV import", () => {
  it("imports grouped products with variants, images and the mapping, and reports each bad row by line", async () => {
    const { store } = await freshStore();
    const progress: number[] = [];
    const result = await importProductCsv(store, SHOP, readFileSync(FIXTURE, "utf8"), (done) => progress.push(done));

    expect(result).toMatchObject({ rows: 11, imported: 2, notJewelry: ["gift-card"] });
    expect(progress).toEqual([1, 2, 3]);
    expect(result.errors).toEqual([
      { line: 11, handle: "tennis-bracelet", message: 'Variant Price "twelve hundred" is not a price' },
      { line: 12, handle: "", message: "Handle is empty" },
      { line: 13, handle: "no-title-earrings", message: "Title is required on the first row of a product" },
    ]);

    const ring = (await store.products.getByHandle(SHOP, "celeste-solitaire-ring"))!;
    expect(ring).toMatchObject({
      id: "csv_celeste-solitaire-ring",
      title: "Celeste Solitaire Ring",
      description: "A 1 ct round brilliant, set in platinum.",
      category: "ring",
      metal: "platinum",
      price: 3200,
      compareAtPrice: 3500,
      featured: true,
      status: "active",
      inventory: 3,
      readyToShip: false,
      tags: ["bridal", "featured"],
    });
    expect(ring.variants.map((v) => [v.title, v.ringSize, v.price, v.inventory, v.available])).toEqual([
      ["Platinum / 5", 5, 3200, 2, true],
      ["Platinum / 6", 6, 3200, 0, false],
      ["Platinum / 6.5", 6.5, 3250, 1, true],
    ]);
    expect(ring.images).toEqual([
      { url: "https://cdn.shopify.com/s/files/1/celeste-1.jpg", alt: "Celeste ring, front" },
      { url: "https://cdn.shopify.com/s/files/1/celeste-2.jpg", alt: "Celeste ring, side" },
      { url: "https://cdn.shopify.com/s/files/1/celeste-3.jpg", alt: "Celeste ring, on hand" },
    ]);

    const luna = (await store.products.getByHandle(SHOP, "luna-pendant"))!;
    expect(luna).toMatchObject({
      title: "Luna Pendant, 14k",
      category: "necklace",
      metal: "yellow_gold",
      readyToShip: true,
      price: 680,
    });
    expect(luna.description).toBe('The "Luna" crescent, hand-finished, on an 18" chain.');
    // Nothing half-written: the bracelet with a bad row is not in the catalog at all.
    expect(await store.products.getByHandle(SHOP, "tennis-bracelet")).toBeNull();
    expect(await store.products.count(SHOP)).toBe(2);

    // Importing again updates the same products.
    await importProductCsv(store, SHOP, readFileSync(FIXTURE, "utf8"));
    expect(await store.products.count(SHOP)).toBe(2);
  });

  it("refuses a file that is not a product export, and a quote never closed", () => {
    expect(productsFromCsv("Name,Email\nAda,ada@example.com\n").errors).toEqual([
      { line: 1, handle: "", message: "not a Shopify product export: missing column(s) Handle, Title, Variant Price" },
    ]);
    expect(() => parseCsv('Handle,Title\n"open,quote\n')).toThrow(CsvSyntaxError);
    expect(parseCsv('\ufeffa,b\r\n1,"x\r\ny"\r\n\r\n2,3').map((r) => [r.line, r.cells])).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "x\r\ny"]],
      [5, ["2", "3"]],
    ]);
  });

  it("npm run concierge -- import-products FILE --shop X: a progress bar, per-row errors, exit code 1 when rows failed", async () => {
    const { path, store } = await freshStore();
    await store.close();
    stores.splice(0);
    const env = { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: `file:${path}` } as NodeJS.ProcessEnv;
    const failed = await run(
      "node_modules/.bin/tsx",
      ["scripts/concierge.ts", "import-products", FIXTURE, "--shop", SHOP],
      { env, timeout: 30_000 },
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain("100% 3/3 products");
    expect(failed?.stderr).toContain('line 11 (tennis-bracelet): Variant Price "twelve hundred" is not a price');
    expect(failed?.stderr).toContain("skipped, no jewelry category found: gift-card");
    expect(failed?.stdout).toContain('"imported":2');

    const after = openSqliteStore(path);
    stores.push(after);
    expect(await after.products.count(SHOP)).toBe(2);

    const missing = await run(
      "node_modules/.bin/tsx",
      ["scripts/concierge.ts", "import-products", "nope.csv", "--shop", SHOP],
      { env, timeout: 30_000 },
    ).catch((e) => e);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read nope.csv");
  });
});
