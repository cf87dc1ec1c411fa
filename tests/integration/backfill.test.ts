// The initial backfill through the Admin GraphQL API, against a fake Admin API on loopback: a catalog, customers
// and recent orders synced page by page, with progress for the admin; an API failure is retried from the saved
// page; a worker that stalls mid-page is taken over after its lease and the backfill finishes without repeating work.

import { afterEach, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-app-remix/server";
import { backfillProgress, PAGE_SIZE, startBackfill } from "~/services/sync/backfill.server";
import { onInstalled } from "~/services/install.server";
import { startFakeAdminApi, gqlCustomer, gqlOrder, gqlProduct } from "../support/fakeAdminApi";
import { testRuntime } from "../support/runtime";
import { eventually } from "../support/storefront";

const SHOP = "aurora-sync.myshopify.com";
const TOKEN = "shpat_test_token_0123456789";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** The cursors a backfill asks for, page by page, to read `total` nodes `size` at a time (null: the first page). */
const pageCursors = (fake: { cursorAt: (offset: number) => string }, total: number, size: number) =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => (i === 0 ? null : fake.cursorAt(i * size)));

async function setup(
  worker: { leaseMs?: number } = {},
  /** null: the token lacks read_locales, so Shopify refuses the field. */
  shopLocales: { locale: string; primary: boolean }[] | null = [
    { locale: "de", primary: true },
    { locale: "en", primary: false },
  ],
) {
  const fake = await startFakeAdminApi({
    token: TOKEN,
    shopLocales: shopLocales ?? undefined,
    products: range(120).map(gqlProduct),
    customers: range(30).map(gqlCustomer),
    orders: range(70).map(gqlOrder),
  });
  cleanups.push(fake.close);
  const t = await testRuntime({ adminApiUrl: fake.url, worker });
  cleanups.push(t.close);
  const session = new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "s",
    isOnline: false,
    accessToken: TOKEN,
    scope: "read_products",
  });
  await t.store.sessions.store({ id: session.id, shop: SHOP, data: session.toPropertyArray(true) });
  return { ...t, fake };
}

describe("backfill", () => {
  it("after install, syncs the catalog, customers and recent orders with progress for the admin", async () => {
    const { runtime, store, fake } = await setup();
    expect((await backfillProgress(runtime, SHOP)).status).toBe("never");
    await onInstalled(runtime, SHOP);
    expect(await store.shops.get(SHOP)).toMatchObject({ uninstalledAt: null, rollout: { enabled: false } });
    expect(await backfillProgress(runtime, SHOP)).toMatchObject({ status: "running", phase: "products" });
    runtime.worker.start();
    await eventually(async () => (await backfillProgress(runtime, SHOP)).status === "done", 15_000, 25);

    expect(await backfillProgress(runtime, SHOP)).toMatchObject({
      status: "done",
      phase: "done",
      counts: { products: 120, customers: 30, orders: 70 },
      lastError: null,
      finishedAt: expect.any(String),
    });
    expect(await store.products.count(SHOP)).toBe(120);
    const ring = (await store.products.get(SHOP, "1001"))!;
    expect(ring).toMatchObject({ category: "ring", metal: "platinum", price: 501, readyToShip: false });
    expect(ring.variants[0]).toMatchObject({ id: "5001", inventoryItemId: "9001", available: true });
    expect((await store.products.get(SHOP, "1004"))!).toMatchObject({
      category: "necklace",
      metal: "platinum",
      readyToShip: true,
    });
    expect((await store.products.get(SHOP, "1005"))!).toMatchObject({ readyToShip: true }); // from the metafield
    expect(await store.customers.get(SHOP, "201")).toMatchObject({ email: "c1@example.com", firstName: "First1" });
    const order = (await store.orders.getByNumber(SHOP, "#2001"))!;
    expect(order).toMatchObject({ id: "7001", status: "shipped", customerId: "201", postalCode: "10013", total: 501 });
    expect(order.lineItems[0]).toMatchObject({ productId: "1001", engraved: true });
    expect(order.fulfillments[0]).toMatchObject({ carrier: "UPS", trackingNumber: "1Z1" });
    // Only recent orders were asked for, and each page once.
    expect(
      fake.requests.filter((r) => r.resource === "orders").every((r) => /^created_at:>='\d{4}-/.test(r.query ?? "")),
    ).toBe(true);
    const pages = (resource: keyof typeof PAGE_SIZE, total: number) =>
      pageCursors(fake, total, PAGE_SIZE[resource]).map((c) => `${resource}:${c ?? "-"}`);
    expect(fake.requests.map((r) => `${r.resource}:${r.cursor ?? "-"}`)).toEqual([
      "shopLocales:-",
      ...pages("products", 120),
      ...pages("customers", 30),
      ...pages("orders", 70),
    ]);
    // Every page was within Shopify's cost limit for one query.
    expect(fake.requests.filter((r) => r.refused)).toEqual([]);
    // The shop's primary language came from Shopify: replies fall back to German.
    expect((await store.shops.get(SHOP))!.settings.locale).toBe("de");
    // Installing again does not start another backfill.
    await onInstalled(runtime, SHOP);
    expect(fake.requests).toHaveLength(1 + 120 / 3 + 1 + Math.ceil(70 / 3));
  });

  it("an Admin API failure mid-way is retried from the saved page, not from the start", async () => {
    const { runtime, store, fake } = await setup();
    const failing = fake.cursorAt(20 * PAGE_SIZE.products);
    fake.failOnce("products", failing, { status: 503 });
    await startBackfill(store, SHOP);
    runtime.worker.start();
    await eventually(async () => (await backfillProgress(runtime, SHOP)).status === "done", 15_000, 25);
    const products = fake.requests.filter((r) => r.resource === "products").map((r) => r.cursor);
    const cursors = pageCursors(fake, 120, PAGE_SIZE.products);
    // Each page once, except the failed one, asked again; never from the start.
    expect(products).toEqual([...cursors.slice(0, 21), failing, ...cursors.slice(21)]);
    expect(await store.products.count(SHOP)).toBe(120);
    expect((await backfillProgress(runtime, SHOP)).counts).toEqual({ products: 120, customers: 30, orders: 70 });
  });

  it("survives a worker that dies mid-page: another takes over after the lease and resumes from the saved page", async () => {
    const { runtime, store, fake, makeWorker } = await setup({ leaseMs: 400 });
    // The first worker's request for the customers page hangs long past its lease, as if the process froze.
    fake.failOnce("customers", null, { delayMs: 2_500 });
    await startBackfill(store, SHOP);
    const first = runtime.worker;
    first.start();
    await eventually(async () => fake.requests.some((r) => r.resource === "customers"), 15_000, 25);
    expect((await backfillProgress(runtime, SHOP)).counts.products).toBe(120);

    const second = makeWorker();
    cleanups.push(() => second.stop());
    second.start();
    await eventually(async () => (await backfillProgress(runtime, SHOP)).status === "done", 15_000, 25);
    // The frozen worker wakes up later: it no longer holds the job and writes nothing.
    await new Promise((r) => setTimeout(r, 2_600));
    const progress = await backfillProgress(runtime, SHOP);
    expect(progress).toMatchObject({ status: "done", counts: { products: 120, customers: 30, orders: 70 } });
    // Products were fetched once: the takeover started at the saved phase and cursor.
    expect(fake.requests.filter((r) => r.resource === "products")).toHaveLength(120 / PAGE_SIZE.products);
    expect(await store.customers.get(SHOP, "230")).not.toBeNull();
  });

  it("keeps a language staff chose, and without the read_locales scope still syncs the catalog", async () => {
    for (const [shopLocales, chosen] of [
      [[{ locale: "fr-CA", primary: true }], true],
      [null, false],
    ] as const) {
      const { runtime, store, fake } = await setup({}, shopLocales ? [...shopLocales] : null);
      await onInstalled(runtime, SHOP);
      const shop = (await store.shops.get(SHOP))!;
      const settings = chosen
        ? { ...shop.settings, locale: "es", localeChosenAt: new Date().toISOString() }
        : shop.settings;
      await store.shops.patch(SHOP, { settings, updatedAt: new Date().toISOString() });
      runtime.worker.start();
      await eventually(async () => (await backfillProgress(runtime, SHOP)).status === "done", 15_000, 25);
      expect(fake.requests[0].resource).toBe("shopLocales");
      expect((await store.shops.get(SHOP))!.settings.locale).toBe(chosen ? "es" : "en");
      expect(await store.products.count(SHOP)).toBe(120);
      await runtime.worker.stop();
    }
  });

  it("stops and says why when the shop has no offline session", async () => {
    const { runtime, store } = await setup();
    await store.sessions.delete(`offline_${SHOP}`);
    await startBackfill(store, SHOP);
    runtime.worker.start();
    await eventually(async () => (await backfillProgress(runtime, SHOP)).status === "failed", 15_000, 25);
    expect((await backfillProgress(runtime, SHOP)).lastError).toMatch(/no offline session/);
  });
});
