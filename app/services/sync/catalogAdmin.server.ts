// The catalog as the admin runs it (Settings → Catalog): where the Shopify sync stands, starting or resuming it, and
// importing a Shopify product CSV export — the same services the install hook and the CLI use, audited.

import type { AdminContext } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import { recordAudit } from "../audit.server";
import { backfillProgress, startBackfill, type BackfillView } from "./backfill.server";
import { importBatchesLeft, queueProductImport, type ImportResult } from "./productImport.server";

/** Larger than any jewelry store's export we expect (a few thousand products); bounds the parse on the request. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** Per-row errors answered to the page (the rest are counted). */
const MAX_ROW_ERRORS = 200;

export interface CatalogStatus {
  sync: BackfillView;
  products: number;
  /** The sync reads Shopify's Admin API: only an installed app (Shopify mode) has one. */
  syncAvailable: boolean;
  /** Batches of an uploaded CSV the worker is still storing (up to 100 products each). */
  importBatchesLeft: number;
}

export async function catalogStatus(runtime: Runtime, shop: string): Promise<CatalogStatus> {
  const [sync, products, batches] = await Promise.all([
    backfillProgress(runtime, shop),
    runtime.store.products.count(shop),
    importBatchesLeft(runtime.store, shop),
  ]);
  return { sync, products, syncAvailable: runtime.env.mode === "shopify", importBatchesLeft: batches };
}

/**
 * Starts the sync, or resumes a stopped one from where it stopped. `seenRunId` is the run the page showed ("" for
 * none): if another admin started one since, the page is out of date and nothing happens.
 */
export async function syncCatalog(ctx: AdminContext, seenRunId: string) {
  const { runtime, shop } = ctx;
  if (ctx.mode !== "shopify") {
    throw new AppError(
      "catalog.sync_unavailable",
      409,
      "The catalog sync reads from Shopify, so it runs once the app is installed on a shop. Here, import a product CSV.",
    );
  }
  const current = await backfillProgress(runtime, shop.shop);
  if ((current.runId ?? "") !== seenRunId) {
    throw new AppError("catalog.sync_changed", 409, "Someone else started the catalog sync: reload to see it.");
  }
  if (current.status === "running") {
    throw new AppError("catalog.sync_running", 409, "The catalog sync is already running.");
  }
  const resumed = current.status === "failed";
  const progress = await startBackfill(runtime.store, shop.shop, ctx.now);
  runtime.worker.nudge();
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: resumed ? "catalog.sync_resumed" : "catalog.sync_started",
    before: current.runId ? { run: current.runId, status: current.status, phase: current.phase } : null,
    after: { run: progress.runId, phase: progress.phase },
    at: ctx.now,
  });
  return { resumed, progress };
}

export interface CsvImportOutcome extends ImportResult {
  /** Errors beyond those listed. */
  moreErrors: number;
}

/**
 * Imports an uploaded Shopify product export: its problems are answered now (a product with a bad row is left out
 * whole), its products are stored by the worker within seconds.
 */
export async function importCatalogCsv(ctx: AdminContext, file: File): Promise<CsvImportOutcome> {
  const { runtime, shop } = ctx;
  if (file.size === 0) throw new AppError("catalog.csv_empty", 400, "The file is empty: choose a product export.");
  if (file.size > MAX_CSV_BYTES) {
    throw new AppError("request.too_large", 413, `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
  if (text.includes("\u0000")) {
    throw new AppError("catalog.csv_unreadable", 400, "That is not a CSV file: export products from Shopify as CSV.");
  }
  const result = await queueProductImport(runtime, shop.shop, text);
  // Counts only: product handles and row messages stay on the page.
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "catalog.imported",
    before: null,
    after: {
      rows: result.rows,
      imported: result.imported,
      skipped: result.notJewelry.length,
      errors: result.errors.length,
    },
    at: ctx.now,
  });
  return {
    ...result,
    errors: result.errors.slice(0, MAX_ROW_ERRORS),
    moreErrors: Math.max(0, result.errors.length - MAX_ROW_ERRORS),
  };
}
