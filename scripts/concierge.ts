// Ops CLI: `npm run concierge -- rollout --shop X --enabled false --percent 25`, `... status --shop X`,
// `... import-products FILE --shop X` (a Shopify product CSV export), `... backfill --shop X` (queue a sync),
// `... catalog-mapping --shop X --metal "option:Metal,tag:metal:"` (where category, metal and ready-to-ship are read),
// `... backup --to DIR`, `... restore --from DIR`, `... queue` (the job queue's backlog, all shops).
// Writes go through the same services as the admin, so every change is in the audit log.

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { updateRollout, type RolloutPatch } from "../app/services/rollout.server";
import { openStore } from "../app/store/index.server";
import { importProductCsv } from "../app/services/sync/productImport.server";
import { startBackfill } from "../app/services/sync/backfill.server";
import { writeCatalogMapping } from "../app/services/shopSettings.server";
import { DEFAULT_CATALOG_MAPPING } from "../app/concierge/catalogMapping";
import { mappingText, parseSources } from "../app/concierge/catalogMappingText";
import type { CatalogMapping } from "../app/store/port";
import { sqlitePathFromUrl } from "../app/store/sqlite";
import { backupDatabase, restoreDatabase } from "../app/store/sqlite/backup";

const USAGE = `Usage:
  npm run concierge -- status  --shop <shop>.myshopify.com
  npm run concierge -- rollout --shop <shop>.myshopify.com [--enabled true|false] [--percent 0-100]
                               [--allow-customer <id>]... [--allow-email <email>]... [--clear-allowlist]
                               [--preview-token new|none]
  npm run concierge -- import-products <file.csv> --shop <shop>.myshopify.com
                               (a Shopify product CSV export: Products → Export in the Shopify admin)
  npm run concierge -- backfill --shop <shop>.myshopify.com
                               (queues a catalog/customer/order sync from the Admin API; the running app does it)
  npm run concierge -- catalog-mapping --shop <shop>.myshopify.com [--category <sources>] [--metal <sources>]
                               [--ready-to-ship <sources>] [--reset]
                               (sources, comma-separated, tried in order: metafield:namespace.key, option:Name,
                               tag:prefix, tag, product_type, title; without a flag: prints the mapping)
  npm run concierge -- backup  --to <empty folder>      online snapshot of the SQLite store (+ its secrets)
  npm run concierge -- restore --from <backup folder>   checks the backup, then replaces DATABASE_URL's data
  npm run concierge -- queue                             unfinished jobs per kind (all shops), oldest waiting

The storefront sees a change within 30 seconds, with no restart.`;

const shopDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must look like name.myshopify.com");

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      shop: { type: "string" },
      enabled: { type: "string" },
      percent: { type: "string" },
      "allow-customer": { type: "string", multiple: true },
      "allow-email": { type: "string", multiple: true },
      "clear-allowlist": { type: "boolean" },
      "preview-token": { type: "string" },
      category: { type: "string" },
      metal: { type: "string" },
      "ready-to-ship": { type: "string" },
      reset: { type: "boolean" },
      to: { type: "string" },
      from: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const env = z
    .object({ DATABASE_URL: z.string().default("file:./data/aurora.sqlite"), MONGODB_URI: z.string().optional() })
    .parse(process.env);
  if (command === "backup" || command === "restore") return backupOrRestore(command, values, env);
  if (command === "queue") return showQueue(env);
  if (!["status", "rollout", "import-products", "backfill", "catalog-mapping"].includes(command))
    fail(`Unknown command: ${command}`);
  const shop = shopDomain.safeParse(values.shop);
  if (!shop.success) fail(`--shop ${shop.error.issues[0].message}`);

  const patch: RolloutPatch = {};
  if (values.enabled !== undefined) {
    if (values.enabled !== "true" && values.enabled !== "false") fail("--enabled must be true or false");
    patch.enabled = values.enabled === "true";
  }
  if (values.percent !== undefined) {
    const percent = Number(values.percent);
    if (!/^\d{1,3}$/.test(values.percent) || percent > 100) fail("--percent must be a whole number from 0 to 100");
    patch.percent = percent;
  }
  const store = await openStore({ databaseUrl: env.DATABASE_URL, mongodbUri: env.MONGODB_URI || undefined });
  try {
    const current = await store.shops.get(shop.data);
    if (!current) fail(`No shop ${shop.data} in this store. Seed it with: npm run seed -- --shop ${shop.data}`);
    if (command === "import-products") {
      process.exitCode = await importProducts(store, shop.data, positionals[1]);
    } else if (command === "backfill") {
      const progress = await startBackfill(store, shop.data);
      console.log(JSON.stringify({ shop: shop.data, backfill: progress }, null, 2));
      console.log("Queued: the running app's worker syncs from the Admin API and shows progress in the admin.");
    } else if (command === "catalog-mapping") {
      const mapping = catalogMappingFrom(current.settings.catalogMapping ?? DEFAULT_CATALOG_MAPPING, values);
      const saved = mapping ? await writeCatalogMapping(store, shop.data, mapping, "cli") : null;
      console.log(
        JSON.stringify(
          {
            shop: shop.data,
            catalogMapping: mappingText(saved ?? mapping ?? current.settings.catalogMapping ?? DEFAULT_CATALOG_MAPPING),
          },
          null,
          2,
        ),
      );
      if (saved) console.log("Recorded in the audit log. Products use it as they sync; `backfill` remaps them all.");
    } else if (command === "rollout") {
      const allowlist = values["clear-allowlist"] ? { customerIds: [], emails: [] } : { ...current.rollout.allowlist };
      const customers = values["allow-customer"] ?? [];
      const emails = (values["allow-email"] ?? []).map((e) => e.trim().toLowerCase());
      if (customers.length || emails.length || values["clear-allowlist"]) {
        patch.allowlist = {
          customerIds: [...new Set([...allowlist.customerIds, ...customers])],
          emails: [...new Set([...allowlist.emails, ...emails])],
        };
      }
      if (values["preview-token"] === "new") patch.previewToken = randomBytes(18).toString("base64url");
      else if (values["preview-token"] === "none") patch.previewToken = null;
      else if (values["preview-token"] !== undefined) fail("--preview-token must be new or none");
      if (Object.keys(patch).length === 0) fail("Nothing to change.");
      const saved = await updateRollout(store, shop.data, patch, "cli");
      console.log(JSON.stringify({ shop: shop.data, rollout: saved.rollout }, null, 2));
      console.log("Recorded in the audit log. The storefront sees this within 30 seconds.");
    } else {
      console.log(JSON.stringify({ shop: shop.data, rollout: current.rollout }, null, 2));
    }
  } finally {
    await store.close();
  }
}

/** The mapping the flags ask for (each flag replaces that attribute's sources), or null when none is given. */
function catalogMappingFrom(
  current: CatalogMapping,
  values: { category?: string; metal?: string; "ready-to-ship"?: string; reset?: boolean },
): CatalogMapping | null {
  const base = values.reset ? DEFAULT_CATALOG_MAPPING : current;
  const flags = { category: values.category, metal: values.metal, readyToShip: values["ready-to-ship"] };
  if (!values.reset && Object.values(flags).every((v) => v === undefined)) return null;
  const next = { ...base };
  for (const [attribute, text] of Object.entries(flags) as [keyof CatalogMapping, string | undefined][]) {
    if (text === undefined) continue;
    const parsed = parseSources(text);
    if (!parsed.ok) fail(`--${attribute === "readyToShip" ? "ready-to-ship" : attribute}: ${parsed.problem}`);
    next[attribute] = parsed.sources;
  }
  return next;
}

/** A one-line bar on a terminal, a line per quarter otherwise (CI logs). */
function progressBar(label: string) {
  let lastQuarter = -1;
  return (done: number, total: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total} ${label}`,
      );
      if (done === total) process.stderr.write("\n");
    } else if (Math.floor(ratio * 4) > lastQuarter) {
      lastQuarter = Math.floor(ratio * 4);
      process.stderr.write(`${Math.round(ratio * 100)}% ${done}/${total} ${label}\n`);
    }
  };
}

async function importProducts(
  store: Awaited<ReturnType<typeof openStore>>,
  shop: string,
  file: string | undefined,
): Promise<number> {
  if (!file)
    fail("import-products needs the CSV file: npm run concierge -- import-products products_export.csv --shop ...");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    fail(`Cannot read ${file}`);
  }
  const result = await importProductCsv(store, shop, text, progressBar("products"));
  for (const error of result.errors)
    console.error(`  line ${error.line}${error.handle ? ` (${error.handle})` : ""}: ${error.message}`);
  if (result.notJewelry.length > 0) {
    console.error(`  skipped, no jewelry category found: ${result.notJewelry.join(", ")}`);
  }
  console.log(
    JSON.stringify({
      shop,
      rows: result.rows,
      imported: result.imported,
      skipped: result.notJewelry.length,
      errors: result.errors.length,
    }),
  );
  console.log(
    `Imported ${result.imported} products from ${result.rows} rows${result.errors.length ? `; ${result.errors.length} row error(s) above` : ""}.`,
  );
  return result.errors.length > 0 ? 1 : 0;
}

/** The queue as on-call reads it: what waits per kind, and for how long the oldest due job has waited. */
async function showQueue(env: { DATABASE_URL: string; MONGODB_URI?: string }): Promise<void> {
  const store = await openStore({ databaseUrl: env.DATABASE_URL, mongodbUri: env.MONGODB_URI || undefined });
  try {
    const now = new Date();
    const backlog = await store.jobs.backlog(now);
    const rows = backlog.map((b) => ({
      kind: b.kind,
      queued: b.queued,
      oldestDueSeconds: b.oldestDueAt ? Math.round((now.getTime() - Date.parse(b.oldestDueAt)) / 1000) : 0,
    }));
    console.log(JSON.stringify({ at: now.toISOString(), queue: rows }, null, 2));
    console.log(rows.length ? "kind=mail is the outbox." : "Nothing queued: every job is done.");
  } finally {
    await store.close();
  }
}

async function backupOrRestore(
  command: "backup" | "restore",
  values: { to?: string; from?: string },
  env: { DATABASE_URL: string; MONGODB_URI?: string },
): Promise<void> {
  if (env.MONGODB_URI) fail("MONGODB_URI is set: back up MongoDB with mongodump/mongorestore (see the ops runbook).");
  const database = sqlitePathFromUrl(env.DATABASE_URL);
  try {
    const report =
      command === "backup"
        ? await backupDatabase(database, values.to ?? fail("backup needs --to <empty folder>"))
        : await restoreDatabase(values.from ?? fail("restore needs --from <backup folder>"), database);
    console.log(JSON.stringify(report, null, 2));
    console.log(command === "backup" ? `Backed up to ${report.file}.` : `Restored into ${report.file}.`);
  } catch (error) {
    console.error(`${command} failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

await main();
