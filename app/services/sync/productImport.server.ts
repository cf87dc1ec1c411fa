// Importing a Shopify product CSV export into a shop's catalog: rows grouped and checked by the domain reader (a
// product with a bad row is left out whole; every problem is reported with its line), then each product mapped with
// the shop's catalog mapping and stored through the store port. The CLI writes as it goes, with a progress bar; the
// admin's upload answers the file's problems at once and leaves the writing to the worker, in batches, because a
// large export takes longer to store than a request should last.

import { setImmediate as nextTurn } from "node:timers/promises";
import { mapProduct, type SourceProduct } from "~/concierge/catalogMapping";
import { csvRows, CsvSyntaxError, productCsvReader, type CsvProducts, type RowError } from "~/concierge/productCsv";
import type { Runtime } from "~/platform/runtime.server";
import { enqueueJob, PermanentJobError } from "~/platform/worker.server";
import type { Job, Store } from "~/store/port";
import { catalogMappingOf, upsertProduct } from "./mirror.server";

export const CSV_IMPORT_JOB = "csv_import";
/** Products per queued batch: a batch is stored in about a second, well within a job's lease. */
const BATCH_SIZE = 100;
/** Rows read between two turns of the event loop: reading a 5 MB export never holds the server for long. */
const ROWS_PER_TURN = 250;

export interface ImportResult {
  rows: number;
  imported: number;
  /** Products the mapping found no jewelry category for (gift cards, packaging). */
  notJewelry: string[];
  errors: RowError[];
}

interface ReadFile {
  rows: number;
  /** Every product whose rows were good (storing one that is not jewelry removes an earlier copy of it). */
  products: SourceProduct[];
  notJewelry: string[];
  errors: RowError[];
}

async function readCooperatively(text: string): Promise<CsvProducts> {
  const rows = csvRows(text);
  const header = rows.next();
  const reader = productCsvReader(header.done ? undefined : header.value);
  let read = 0;
  for (const row of rows) {
    reader.add(row);
    if (++read % ROWS_PER_TURN === 0) await nextTurn();
  }
  return reader.finish();
}

/** Reads and checks the file and names the products that are not jewelry; stores nothing. */
async function readProductFile(store: Store, shop: string, text: string): Promise<ReadFile> {
  let read: CsvProducts;
  try {
    read = await readCooperatively(text);
  } catch (error) {
    // A broken quote makes the rest of the file unreadable: one error at the line where it starts.
    if (!(error instanceof CsvSyntaxError)) throw error;
    const message = error.message.replace(/^line \d+: /, "");
    return { rows: 0, products: [], notJewelry: [], errors: [{ line: error.line, handle: "", message }] };
  }
  const mapping = await catalogMappingOf(store, shop);
  const products: SourceProduct[] = [];
  const notJewelry: string[] = [];
  for (const { product } of read.products) {
    products.push(product);
    if (!mapProduct(product, mapping)) notJewelry.push(product.handle);
    if (products.length % ROWS_PER_TURN === 0) await nextTurn();
  }
  return { rows: read.rows, products, notJewelry, errors: read.errors };
}

/** The CLI's import: reads the file, then stores each product, reporting progress. */
export async function importProductCsv(
  store: Store,
  shop: string,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const { rows, products, notJewelry, errors } = await readProductFile(store, shop, text);
  const mapping = await catalogMappingOf(store, shop);
  let imported = 0;
  for (const [i, product] of products.entries()) {
    if (await upsertProduct(store, shop, product, mapping)) imported += 1;
    onProgress?.(i + 1, products.length);
  }
  return { rows, imported, notJewelry, errors };
}

/**
 * The admin's upload: the file is read and checked now (its problems answered at once), and its products queued for
 * the worker in batches. `imported` counts the jewelry products queued; `importBatchesLeft` says when they are in.
 */
export async function queueProductImport(runtime: Runtime, shop: string, text: string): Promise<ImportResult> {
  const { rows, products, notJewelry, errors } = await readProductFile(runtime.store, shop, text);
  for (let at = 0; at < products.length; at += BATCH_SIZE) {
    await enqueueJob(runtime.store, shop, {
      kind: CSV_IMPORT_JOB,
      key: null,
      payload: { products: products.slice(at, at + BATCH_SIZE) as unknown as Record<string, unknown>[] },
    });
    // A store call resolves without letting timers or sockets in: give the event loop a turn between writes.
    await nextTurn();
  }
  if (products.length > 0) runtime.worker.nudge();
  return { rows, imported: products.length - notJewelry.length, notJewelry, errors };
}

/** Batches of uploaded products the worker has not stored yet. */
export async function importBatchesLeft(store: Store, shop: string): Promise<number> {
  const jobs = await store.jobs.counts(shop, CSV_IMPORT_JOB);
  return jobs.pending + jobs.running;
}

/** The worker's handler: stores one batch (upserts, so a retried batch writes the same rows again). */
export async function runProductImportBatch(runtime: Runtime, job: Job): Promise<void> {
  const products = job.payload.products;
  if (!Array.isArray(products)) throw new PermanentJobError("the import batch has no products");
  const mapping = await catalogMappingOf(runtime.store, job.shop);
  for (const product of products as SourceProduct[]) {
    await upsertProduct(runtime.store, job.shop, product, mapping);
    // Between products, the storefront's requests get their turn (each write waits on the disk).
    await nextTurn();
  }
}
