// The platform in the admin, in Shopify mode over real HTTP: Settings → Catalog starts the Shopify sync against a fake
// Admin API on loopback (the only fake), shows its progress, says why it stopped and resumes it from the saved page;
// the overview's "catalog synced" follows it. A product CSV uploaded from Settings reports its bad rows by line.
// Settings → Email says that no email is sent without SMTP_URL and who would get staff alerts; customers/data_request
// reports are listed for owners and admins, with downloads behind the same role policy.

import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { shopifyAdmin, type AdminClient, type Json } from "../support/adminClient";
import { gqlCustomer, gqlOrder, gqlProduct, startFakeAdminApi } from "../support/fakeAdminApi";
import { signedUrl } from "../support/proxy";
import { BROWSER_UA, seedShopifyShop, sessionToken, SHOPIFY_TEST, shopifyEnv, userOf } from "../support/shopifyAdmin";
import { PAGE_SIZE } from "~/services/sync/backfill.server";
import { eventually, query } from "../support/storefront";
import { deliver } from "../support/webhooks";

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
let app: RunningApp;
let fake: Awaited<ReturnType<typeof startFakeAdminApi>>;
let owner: AdminClient;
let lead: AdminClient;
let demoProducts: number;

beforeAll(async () => {
  fake = await startFakeAdminApi({
    token: "shpat_seeded_offline_token", // the seeded offline session's
    products: range(120).map(gqlProduct),
    customers: range(30).map(gqlCustomer),
    orders: range(70).map(gqlOrder),
  });
  const dataDir = mkdtempSync(join(tmpdir(), "aurora-admin-platform-"));
  const databasePath = join(dataDir, "aurora.sqlite");
  await seedShopifyShop(databasePath);
  demoProducts = query<{ n: number }>(databasePath, "SELECT count(*) AS n FROM products")[0].n;
  app = await startApp({ ...shopifyEnv(), SHOPIFY_ADMIN_API_URL: fake.url }, { dataDir });
  owner = shopifyAdmin(app, userOf("owner"));
  lead = shopifyAdmin(app, userOf("support_lead"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const settings = async (client: AdminClient = owner) => {
  const res = await client.load("/app/settings", "routes/app.settings");
  expect(res.status).toBe(200);
  return res.body.platform;
};
const catalogItem = async () => {
  const res = await owner.load("/app", "routes/app._index");
  return res.body.checklist.find((i: Json) => i.id === "catalog");
};

describe("Settings → Catalog: the Shopify sync", () => {
  it("starts from Settings, stops on a refused token and says why, then resumes from the saved page", async () => {
    let platform = await settings();
    expect(platform.catalog).toMatchObject({ syncAvailable: true, products: demoProducts, sync: { status: "never" } });
    // The demo catalog counts as a catalog until a sync runs.
    expect(await catalogItem()).toMatchObject({ done: true });

    // Shopify refuses the token on the second page of products (the merchant must open the app again).
    const second = fake.cursorAt(PAGE_SIZE.products);
    fake.failOnce("products", second, { status: 401 });
    const started = await owner.act("/app/settings", { intent: "catalog_sync", seen: "" });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.message).toBe("Catalog sync started: products, then customers, then recent orders.");
    await eventually(async () => (await settings()).catalog.sync.status === "failed", 15_000, 25);
    platform = await settings();
    expect(platform.catalog.sync).toMatchObject({
      status: "failed",
      phase: "products",
      counts: { products: PAGE_SIZE.products, customers: 0, orders: 0 },
      lastError: expect.stringMatching(/refused the token/),
    });
    expect(await catalogItem()).toMatchObject({ done: false, help: expect.stringMatching(/stopped.*resume it/) });

    // A page that still shows "never" starts nothing.
    const stale = await owner.act("/app/settings", { intent: "catalog_sync", seen: "" });
    expect([stale.status, stale.body.error.code]).toEqual([409, "catalog.sync_changed"]);

    const resumed = await owner.act("/app/settings", { intent: "catalog_sync", seen: platform.catalog.sync.runId });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body.message).toBe("Catalog sync resumed from where it stopped.");
    await eventually(async () => (await settings()).catalog.sync.status === "done", 15_000, 25);
    platform = await settings();
    expect(platform.catalog).toMatchObject({
      products: demoProducts + 120,
      sync: {
        status: "done",
        runId: platform.catalog.sync.runId,
        counts: { products: 120, customers: 30, orders: 70 },
      },
    });
    // Resumed at the page that failed: the first page was never fetched again.
    const products = fake.requests.filter((r) => r.resource === "products").map((r) => r.cursor);
    expect(products.slice(0, 3)).toEqual([null, second, second]);
    expect(products.filter((c) => c === null)).toHaveLength(1);
    expect(products).toHaveLength(120 / PAGE_SIZE.products + 1);
    expect(await catalogItem()).toMatchObject({
      done: true,
      help: expect.stringContaining("Webhooks keep it current"),
    });
    const audit = query<{ action: string; actor: string }>(
      app.databasePath,
      "SELECT action, actor FROM audit_log WHERE action LIKE 'catalog.sync%' ORDER BY at, rowid",
    );
    expect(audit).toEqual([
      { action: "catalog.sync_started", actor: userOf("owner") },
      { action: "catalog.sync_resumed", actor: userOf("owner") },
    ]);
  });
});

describe("Settings → Catalog: a product CSV upload", () => {
  const upload = (client: AdminClient, file: Blob, name = "products_export.csv") => {
    const form = new FormData();
    form.set("intent", "catalog_import");
    form.set("file", file, name);
    return client.act("/app/settings", form);
  };

  it("imports Shopify's export and lists each bad row by line", async () => {
    const csv = await readFile("tests/fixtures/shopify-products.csv");
    const res = await upload(owner, new Blob([csv], { type: "text/csv" }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.message).toBe("Read 11 rows: 2 products go into the catalog; 3 rows need fixing.");
    expect(res.body.result).toMatchObject({ rows: 11, imported: 2, notJewelry: ["gift-card"], moreErrors: 0 });
    expect(res.body.result.errors).toEqual([
      { line: 11, handle: "tennis-bracelet", message: 'Variant Price "twelve hundred" is not a price' },
      { line: 12, handle: "", message: "Handle is empty" },
      { line: 13, handle: "no-title-earrings", message: "Title is required on the first row of a product" },
    ]);
    // The worker stores them within moments of the answer.
    await eventually(
      () => query(app.databasePath, "SELECT id FROM products WHERE id LIKE 'csv_%'").length === 2,
      15_000,
      25,
    );
    expect(query(app.databasePath, "SELECT id FROM products WHERE id = 'csv_celeste-solitaire-ring'")).toHaveLength(1);
    const [entry] = query<{ after: string }>(
      app.databasePath,
      "SELECT after FROM audit_log WHERE action = 'catalog.imported'",
    );
    expect(JSON.parse(entry.after)).toEqual({ rows: 11, imported: 2, skipped: 1, errors: 3 });
  });

  it("a large export is answered at once and stored by the worker in batches, which Settings counts down", async () => {
    const lines = ["Handle,Title,Type,Variant Price,Option1 Name,Option1 Value"];
    for (let i = 1; i <= 250; i++) lines.push(`bulk-band-${i},Bulk Band ${i},Ring,${100 + i},Size,${5 + (i % 4)}`);
    const res = await upload(owner, new Blob([lines.join("\n")], { type: "text/csv" }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toMatchObject({ rows: 250, imported: 250, errors: [] });
    const bands = () => query(app.databasePath, "SELECT id FROM products WHERE id LIKE 'csv_bulk-band-%'").length;
    await eventually(() => bands() === 250, 30_000, 25);
    await eventually(async () => (await settings()).catalog.importBatchesLeft === 0, 15_000, 25);
    // Three batches of up to 100 for this file (one more for the earlier upload), every one stored.
    expect(
      query(app.databasePath, "SELECT status, count(*) AS n FROM jobs WHERE kind = 'csv_import' GROUP BY status"),
    ).toEqual([{ status: "done", n: 4 }]);
  });

  it("answers a broken or foreign file with a clear 4xx, and support leads may not import", async () => {
    const broken = await upload(owner, new Blob(['Handle,Title,Variant Price\n"open,quote,1\n']));
    expect(broken.status).toBe(200);
    expect(broken.body.result.errors).toEqual([{ line: 2, handle: "", message: "a quoted field is never closed" }]);
    const binary = await upload(owner, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])]), "ring.png");
    expect([binary.status, binary.body.error.code]).toEqual([400, "catalog.csv_unreadable"]);
    const empty = await upload(owner, new Blob([]));
    expect([empty.status, empty.body.error.code]).toEqual([400, "catalog.csv_empty"]);
    const notAFile = await owner.act("/app/settings", { intent: "catalog_import", file: "Handle,Title" });
    expect([notAFile.status, notAFile.body.error.code]).toEqual([400, "validation.failed"]);
    const byLead = await upload(lead, new Blob(["Handle,Title,Variant Price\n"]));
    expect([byLead.status, byLead.body.error.code]).toEqual([403, "auth.forbidden"]);
  });

  it("refuses an upload larger than the limit before reading it", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${app.url}/app/settings.data`);
      const req = request(url, {
        method: "POST",
        headers: {
          "user-agent": BROWSER_UA,
          authorization: `Bearer ${sessionToken(userOf("owner"))}`,
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(50 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("request.too_large");
  });
});

describe("Settings → Email", () => {
  it("says that no email is sent without SMTP_URL, and who would get staff alerts", async () => {
    const { mail } = await settings();
    expect(mail).toMatchObject({ configured: false, from: null });
    expect(mail.message).toMatch(/^Emails are not sent: SMTP_URL is not set\./);
    expect(mail.alertRecipients).toEqual([
      { name: "Adam Admin", email: "adam@aurora.example", role: "admin" },
      { name: "Lena Lead", email: "lena@aurora.example", role: "support_lead" },
      { name: "Olivia Owner", email: "olivia@aurora.example", role: "owner" },
    ]);
  });
});

describe("customer data requests", () => {
  it("are listed for owners and admins with their report to download; other roles get neither", async () => {
    const delivered = await deliver(
      app.url,
      "customers/data_request",
      {
        shop_domain: SHOPIFY_TEST.shop,
        customer: { id: 501, email: "perpetua@example.com" },
        orders_requested: [7001],
        data_request: { id: 77 },
      },
      { shop: SHOPIFY_TEST.shop, secret: SHOPIFY_TEST.secret },
    );
    expect(delivered.status).toBe(200);
    const list = async () => (await owner.load("/app/data-requests", "routes/app.data-requests._index")).body;
    await eventually(async () => (await list()).page.items.length > 0, 15_000, 25);
    const row = (await list()).page.items[0];
    expect(row).toMatchObject({
      id: "dr_77",
      email: "perpetua@example.com",
      customerId: "501",
      ordersRequested: 1,
      downloadUrl: "/app/data-requests/dr_77",
    });
    expect((await settings()).dataRequests.items.map((r: Json) => r.id)).toEqual(["dr_77"]);
    // A support lead sees Settings, but not the list (it never leaves the server) nor the page.
    expect((await settings(lead)).dataRequests).toBeNull();
    const page = await lead.load("/app/data-requests", "routes/app.data-requests._index");
    expect([page.status, page.body.error.code]).toEqual([403, "auth.forbidden"]);

    const download = (userId: string) =>
      fetch(app.url + row.downloadUrl, {
        headers: { "user-agent": BROWSER_UA, authorization: `Bearer ${sessionToken(userId)}` },
      });
    const report = await download(userOf("admin"));
    expect(report.status).toBe(200);
    expect(((await report.json()) as { dataRequest: { id: string } }).dataRequest.id).toBe("dr_77");
    expect((await download(userOf("support_lead"))).status).toBe(403);
  });
});

describe("security headers over https (Shopify mode)", () => {
  it("every kind of response carries HSTS and the baseline, the lean storefront mount's included", async () => {
    const signed = signedUrl(
      app.url,
      "config",
      { visitorId: "v-hsts" },
      { shop: SHOPIFY_TEST.shop, secret: SHOPIFY_TEST.secret },
    );
    const answers: [string, Response][] = [
      ["storefront JSON", await fetch(signed)],
      ["storefront refusal", await fetch(`${app.url}/proxy/config?visitorId=v`)],
      ["liveness", await fetch(`${app.url}/api/health`)],
      ["readiness", await fetch(`${app.url}/api/ready`)],
      ["admin page", await fetch(`${app.url}/app`)],
      ["unknown api path", await fetch(`${app.url}/api/nope`)],
    ];
    expect(answers[0][1].status, "signed config").toBe(200);
    for (const [label, res] of answers) {
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security"), label).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("x-content-type-options"), label).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
    }
  });
});
