// Importing a Shopify product CSV export into a shop's catalog (the admin's upload and the CLI): rows grouped and
// checked by the domain reader, then each product mapped with the shop's catalog mapping and stored through the
// store port. A product with a bad row is left out whole; every problem is reported with its line.

import { CsvSyntaxError, productsFromCsv, type RowError } from "~/concierge/productCsv";
import type { Store } from "~/store/port";
import { catalogMappingOf, upsertProduct } from "./mirror.server";

export interface ImportResult {
  rows: number;
  imported: number;
  /** Products the mapping found no jewelry category for (gift cards, packaging). */
  notJewelry: string[];
  errors: RowError[];
}

export async function importProductCsv(
  store: Store,
  shop: string,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  let read: ReturnType<typeof productsFromCsv>;
  try {
    read = productsFromCsv(text);
  } catch (error) {
    // A broken quote makes the rest of the file unreadable: one error at the line where it starts.
    if (!(error instanceof CsvSyntaxError)) throw error;
    const message = error.message.replace(/^line \d+: /, "");
    return { rows: 0, imported: 0, notJewelry: [], errors: [{ line: error.line, handle: "", message }] };
  }
  const { products, errors, rows } = read;
  const mapping = await catalogMappingOf(store, shop);
  let imported = 0;
  const notJewelry: string[] = [];
  for (const [i, { product }] of products.entries()) {
    if (await upsertProduct(store, shop, product, mapping)) imported += 1;
    else notJewelry.push(product.handle);
    onProgress?.(i + 1, products.length);
  }
  return { rows, imported, notJewelry, errors };
}
