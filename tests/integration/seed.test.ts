// The demo shop seed, checked line by line against the requirement, on a real SQLite file and through the real CLI.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES } from "~/concierge/understanding/types";
import { DEFAULT_ROLLOUT_STAGES, defaultRollout, defaultShopSettings } from "~/concierge/shopDefaults";
import { isDemoShopSeeded, seedDemoShop, shopNameFromDomain } from "~/services/demoShop.server";
import { openSqliteStore } from "~/store/sqlite";
import { ORDER_STATUSES, type Order, type Product, type ProductQuery, type Store } from "~/store/port";

const run = promisify(execFile);
const SHOP = "demo-jewelry.myshopify.com";
const OTHER = "second-store.myshopify.com";
const NOW = new Date("2025-06-02T15:30:00.000Z");
const DAY = 86_400_000;

async function allProducts(store: Store, shop: string, query: ProductQuery = {}): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.products.find(shop, { activeOnly: false, ...query }, { cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Every order from #1001 up to the first missing number. */
async function allOrders(store: Store, shop: string): Promise<Order[]> {
  const out: Order[] = [];
  for (let n = 1001; ; n++) {
    const order = await store.orders.getByNumber(shop, String(n));
    if (!order) break;
    out.push(order);
  }
  return out;
}

const daysSince = (iso: string, now = NOW) => (now.getTime() - Date.parse(iso)) / DAY;

describe("seedDemoShop on a fresh SQLite file", () => {
  let dir: string;
  let store: Store;
  let summary: Awaited<ReturnType<typeof seedDemoShop>>;
  let products: Product[];
  let orders: Order[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "aurora-seed-"));
    store = openSqliteStore(join(dir, "aurora.sqlite"));
    expect(await isDemoShopSeeded(store, SHOP)).toBe(false);
    summary = await seedDemoShop(store, SHOP, { now: NOW });
    products = await allProducts(store, SHOP);
    orders = await allOrders(store, SHOP);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports what it wrote, and the store holds exactly that", async () => {
    expect(summary.products).toBeGreaterThanOrEqual(60);
    expect(await store.products.count(SHOP)).toBe(summary.products);
    expect(products).toHaveLength(summary.products);
    expect(orders).toHaveLength(summary.orders);
    expect((await store.faq.list(SHOP)).length).toBe(summary.faq);
    expect(summary.customers).toBeGreaterThanOrEqual(12);
    for (let i = 1; i <= summary.customers; i++) {
      const c = await store.customers.get(SHOP, `cust_${i}`);
      expect(c?.email).toMatch(/^[a-z.]+@example\.com$/);
      expect(c?.firstName).toBeTruthy();
    }
    expect(await isDemoShopSeeded(store, SHOP)).toBe(true);
  });

  it("has at least 60 active products over all four categories and all five metal families", () => {
    expect(products.length).toBeGreaterThanOrEqual(60);
    expect(products.every((p) => p.status === "active")).toBe(true);
    for (const category of CATEGORIES) {
      expect(products.filter((p) => p.category === category).length, category).toBeGreaterThanOrEqual(12);
    }
    for (const metal of ["yellow_gold", "white_gold", "rose_gold", "platinum", "silver"] as const) {
      expect(products.filter((p) => p.metal === metal).length, metal).toBeGreaterThanOrEqual(8);
    }
    expect(new Set(products.map((p) => p.handle)).size).toBe(products.length);
  });

  it("spreads prices from about $80 to about $12,000, with some compare-at prices", () => {
    const prices = products.map((p) => p.price);
    expect(Math.min(...prices)).toBeLessThanOrEqual(100);
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(75);
    expect(Math.max(...prices)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...prices)).toBeLessThanOrEqual(12_500);
    const discounted = products.filter((p) => p.compareAtPrice !== null);
    expect(discounted.length).toBeGreaterThanOrEqual(3);
    for (const p of discounted) expect(p.compareAtPrice!).toBeGreaterThan(p.price);
    for (const p of products) expect(p.price).toBe(Math.min(...p.variants.map((v) => v.price)));
  });

  it("mixes ready-to-ship (about 60%) and made-to-order, each with its shipping promise, and a few sold out", () => {
    const ready = products.filter((p) => p.readyToShip);
    expect(ready.length / products.length).toBeGreaterThan(0.5);
    expect(ready.length / products.length).toBeLessThan(0.7);
    for (const p of ready) {
      expect(p.shippingPromise).toBe("Ships in 1–2 business days");
      expect(p.inventory).toBeGreaterThan(0);
    }
    const madeToOrder = products.filter((p) => !p.readyToShip && p.shippingPromise !== null);
    expect(madeToOrder.length).toBeGreaterThanOrEqual(15);
    for (const p of madeToOrder) expect(p.shippingPromise).toBe("Made to order — ships in 3–4 weeks");
    const soldOut = products.filter((p) => p.variants.every((v) => !v.available));
    expect(soldOut.length).toBeGreaterThanOrEqual(2);
    for (const p of soldOut) expect(p.inventory).toBe(0);
    expect(products.filter((p) => p.featured).length).toBeGreaterThanOrEqual(4);
  });

  it("offers every ring in sizes 4 to 9 with half sizes, and other pieces as one variant", () => {
    const sizes = [4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9];
    for (const p of products) {
      if (p.category === "ring") {
        expect(
          p.variants.map((v) => v.ringSize),
          p.handle,
        ).toEqual(sizes);
        expect(new Set(p.variants.map((v) => v.id)).size).toBe(sizes.length);
      } else {
        expect(p.variants, p.handle).toHaveLength(1);
      }
      for (const v of p.variants) expect(v.id).toMatch(/^var_/);
      expect(p.id).toMatch(/^prod_\d+$/);
      expect(p.inventory).toBe(p.variants.reduce((s, v) => s + v.inventory, 0));
    }
  });

  it("gives every product tags, a description naming its material, and an app-served image with alt text", () => {
    const metalWord: Record<string, RegExp> = {
      yellow_gold: /yellow gold/i,
      white_gold: /white gold/i,
      rose_gold: /rose gold/i,
      platinum: /platinum/i,
      silver: /sterling silver/i,
    };
    for (const p of products) {
      expect(p.tags.length, p.handle).toBeGreaterThan(0);
      expect(p.description.length, p.handle).toBeGreaterThan(60);
      expect(p.description, p.handle).toMatch(metalWord[p.metal!]);
      expect(p.images, p.handle).toEqual([{ url: `/demo-images/${p.handle}.svg`, alt: expect.any(String) }]);
      expect(p.images[0].alt.length).toBeGreaterThan(p.title.length);
    }
    const tags = new Set(products.flatMap((p) => p.tags));
    for (const tag of [
      "gift",
      "anniversary",
      "engagement",
      "bridal",
      "everyday",
      "lab-grown",
      "diamond",
      "pearl",
      "bestseller",
    ]) {
      expect(tags.has(tag), tag).toBe(true);
    }
  });

  it("answers the shopper queries of the spec through the store's own filters", async () => {
    const count = async (q: ProductQuery) => (await allProducts(store, SHOP, { activeOnly: true, ...q })).length;
    expect(await count({ category: "ring", metal: "rose_gold", priceMax: 800 })).toBeGreaterThanOrEqual(2);
    expect(await count({ category: "ring", metal: "platinum", priceMin: 2000 })).toBeGreaterThanOrEqual(2);
    expect(await count({ category: "bracelet", priceMin: 1200, priceMax: 1800 })).toBeGreaterThanOrEqual(2);
    expect(await count({ category: "earring", readyToShip: true, tag: "studs" })).toBeGreaterThanOrEqual(2);
    expect(await count({ category: "necklace", priceMax: 250 })).toBeGreaterThanOrEqual(2);
    expect(await count({ tag: "anniversary", priceMin: 1200, priceMax: 1800 })).toBeGreaterThanOrEqual(2);
    expect(await count({ category: "ring", ringSize: 6.5, readyToShip: true })).toBeGreaterThanOrEqual(3);
    expect(await count({ category: "ring", metal: "gold" })).toBeGreaterThanOrEqual(8);
  });

  it("has at least 30 orders named #1001, #1002, … with no gap", () => {
    expect(orders.length).toBeGreaterThanOrEqual(30);
    orders.forEach((o, i) => {
      expect(o.number).toBe(String(1001 + i));
      expect(o.name).toBe(`#${1001 + i}`);
      expect(o.currency).toBe("USD");
    });
    // Numbers follow placement time, as in a real shop.
    for (let i = 1; i < orders.length; i++) {
      expect(Date.parse(orders[i].placedAt)).toBeGreaterThan(Date.parse(orders[i - 1].placedAt));
    }
  });

  it("covers every order status", () => {
    const statuses = new Set(orders.map((o) => o.status));
    for (const status of ORDER_STATUSES) {
      if (status === "placed") continue; // optional in the requirement, present anyway
      expect(statuses.has(status), status).toBe(true);
    }
  });

  it("keeps each order's history consistent with its status and dates relative to now", () => {
    for (const o of orders) {
      const times = o.statusHistory.map((h) => Date.parse(h.at));
      expect(o.statusHistory.at(-1)?.status, o.name).toBe(o.status);
      expect(o.statusHistory[0]).toMatchObject({ status: "placed", at: o.placedAt });
      for (let i = 1; i < times.length; i++) expect(times[i], o.name).toBeGreaterThanOrEqual(times[i - 1]);
      expect(times.at(-1)!, o.name).toBeLessThanOrEqual(NOW.getTime());
      expect(o.updatedAt).toBe(o.statusHistory.at(-1)?.at);
      expect(o.deliveredAt !== null, o.name).toBe(o.status === "delivered");
      if (o.status !== "placed" && o.status !== "cancelled")
        expect(o.statusHistory.some((h) => h.status === "paid")).toBe(true);
      if (o.status === "exception" || o.status === "cancelled")
        expect(o.statusHistory.at(-1)?.note, o.name).toBeTruthy();
    }
  });

  it("has delivered orders inside the return window, between the return and resize windows, and outside both", () => {
    const { returnWindowDays, resizeWindowDays } = defaultShopSettings().returns;
    const ages = orders.filter((o) => o.status === "delivered").map((o) => daysSince(o.deliveredAt!));
    expect(ages.filter((d) => d < returnWindowDays).length).toBeGreaterThanOrEqual(3);
    expect(ages.filter((d) => d > returnWindowDays && d < resizeWindowDays).length).toBeGreaterThanOrEqual(1);
    expect(ages.filter((d) => d > resizeWindowDays).length).toBeGreaterThanOrEqual(2);
    // A clean return candidate: delivered inside the window with a plain, returnable ring.
    const returnable = orders.find(
      (o) =>
        o.status === "delivered" &&
        daysSince(o.deliveredAt!) < returnWindowDays &&
        o.lineItems.some((li) => li.ringSize && !li.custom && !li.engraved && !li.finalSale),
    );
    expect(returnable).toBeDefined();
  });

  it("gives shipped, out-for-delivery, delivered and exception orders a carrier, tracking link and estimate", () => {
    for (const o of orders) {
      const shipped = ["shipped", "out_for_delivery", "delivered", "exception"].includes(o.status);
      expect(o.fulfillments.length, o.name).toBe(shipped ? 1 : 0);
      if (!shipped) continue;
      const f = o.fulfillments[0];
      expect(["UPS", "FedEx", "USPS"]).toContain(f.carrier);
      expect(f.trackingNumber).toMatch(/^[0-9A-Z]{12,22}$/);
      expect(f.trackingUrl).toMatch(/^https:\/\/[^ ]+$/);
      expect(f.trackingUrl).toContain(f.trackingNumber!);
      expect(Date.parse(f.shippedAt!)).toBeGreaterThan(Date.parse(o.placedAt));
      expect(f.estimatedDelivery).toBeTruthy();
    }
    const carriers = new Set(orders.flatMap((o) => o.fulfillments.map((f) => f.carrier)));
    expect([...carriers].sort()).toEqual(["FedEx", "UPS", "USPS"]);
    const inTransit = orders.filter((o) => o.status === "shipped");
    expect(inTransit.some((o) => Date.parse(o.fulfillments[0].estimatedDelivery!) > NOW.getTime())).toBe(true);
  });

  it("has custom, engraved and final-sale items, ring sizes on ring lines, and orders with several lines", () => {
    const items = orders.flatMap((o) => o.lineItems);
    expect(items.some((li) => li.custom)).toBe(true);
    expect(items.some((li) => li.engraved)).toBe(true);
    expect(items.some((li) => li.finalSale)).toBe(true);
    // Each kind of exclusion is present on a delivered order inside the return window, where it matters.
    const recent = orders
      .filter((o) => o.status === "delivered" && daysSince(o.deliveredAt!) < 30)
      .flatMap((o) => o.lineItems);
    expect(recent.some((li) => li.custom)).toBe(true);
    expect(recent.some((li) => li.engraved)).toBe(true);
    expect(recent.some((li) => li.finalSale)).toBe(true);
    expect(orders.filter((o) => o.lineItems.length > 1).length).toBeGreaterThanOrEqual(2);
    const byId = new Map(products.map((p) => [p.id, p]));
    for (const li of items) {
      const product = li.productId ? byId.get(li.productId) : undefined;
      if (li.productId) expect(product, li.id).toBeDefined();
      if (product?.category === "ring") {
        expect(li.ringSize, li.id).toBeGreaterThanOrEqual(4);
        expect(product.variants.find((v) => v.id === li.variantId)?.ringSize).toBe(li.ringSize);
      }
    }
  });

  it("gives every order a customer email and a postal code (US, Canadian and UK), and totals that add up", () => {
    for (const o of orders) {
      expect(o.email, o.name).toMatch(/^[^@\s]+@example\.com$/);
      expect(o.postalCode, o.name).toMatch(/^(\d{5}(-\d{4})?|[A-Z]\d[A-Z] \d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/);
      const sum = o.lineItems.reduce((s, li) => s + li.price * li.quantity, 0);
      expect(o.total, o.name).toBeCloseTo(sum, 2);
    }
    expect(orders.some((o) => /^[A-Z]\d[A-Z] /.test(o.postalCode))).toBe(true);
    expect(orders.some((o) => /^[A-Z]{1,2}\d/.test(o.postalCode) && !/^[A-Z]\d[A-Z] /.test(o.postalCode))).toBe(true);
    const guests = orders.filter((o) => o.customerId === null);
    expect(guests.length).toBeGreaterThanOrEqual(2);
    expect(guests.length).toBeLessThan(orders.length / 2);
  });

  it("keeps the orders other journey tests name (numbers follow placement time, not the spec's order)", () => {
    const pick = (n: number) => orders[n - 1001];
    const expectations: [number, Partial<Order>, number | null][] = [
      [1001, { status: "delivered", email: "emma.thompson@example.com", postalCode: "10013" }, 120],
      [1005, { status: "delivered", email: "noah.patel@example.com", postalCode: "78704" }, 55],
      [1012, { status: "delivered", email: "emma.thompson@example.com", postalCode: "10013" }, 10],
      [1016, { status: "exception", email: "james.wilson@example.com", postalCode: "80205" }, null],
      [1024, { status: "shipped", email: "lucas.tremblay@example.com", postalCode: "H2X 1Y4" }, null],
      [1028, { status: "out_for_delivery", email: "emma.thompson@example.com", postalCode: "10013" }, null],
      [1031, { status: "paid", email: "olivia.nguyen@example.com", postalCode: "60614" }, null],
      [1034, { status: "placed", email: "henry.walker@example.com", postalCode: "85004" }, null],
    ];
    for (const [n, fields, deliveredDaysAgo] of expectations) {
      expect(pick(n), `#${n}`).toMatchObject(fields);
      if (deliveredDaysAgo !== null)
        expect(Math.floor(daysSince(pick(n).deliveredAt!)), `#${n}`).toBe(deliveredDaysAgo);
    }
  });

  it("links customers to their orders", async () => {
    const withCustomer = orders.filter((o) => o.customerId);
    for (const o of withCustomer) {
      const customer = await store.customers.get(SHOP, o.customerId!);
      expect(customer?.email, o.name).toBe(o.email);
    }
    const emma = await store.customers.findByEmail(SHOP, "emma.thompson@example.com");
    const page = await store.orders.listByCustomer(SHOP, emma!.id, { limit: 100 });
    expect(page.items.length).toBeGreaterThanOrEqual(2);
  });

  it("has FAQ entries for shipping, returns, materials, warranty and financing, with keywords", async () => {
    const faq = await store.faq.list(SHOP);
    const topics = new Set(faq.map((f) => f.topic));
    for (const topic of ["shipping", "returns", "materials", "warranty", "financing", "care", "sizing"]) {
      expect(topics.has(topic), topic).toBe(true);
    }
    for (const f of faq) {
      expect(f.keywords.length).toBeGreaterThan(2);
      expect(f.answer.length).toBeGreaterThan(80);
    }
    expect(faq.find((f) => f.topic === "financing")?.answer).toMatch(/Affirm/);
    expect(faq.find((f) => f.topic === "materials")?.answer).toMatch(/lab-grown/i);
    expect(faq.find((f) => f.topic === "returns")?.answer).toMatch(/30 days/);
  });

  it("leaves the shop enabled at 100% with USD, plain order names, default settings and idle guarded stages", async () => {
    const shop = await store.shops.get(SHOP);
    expect(shop).toMatchObject({
      shop: SHOP,
      name: shopNameFromDomain(SHOP),
      currency: "USD",
      orderPrefix: "",
      uninstalledAt: null,
      settings: defaultShopSettings(),
    });
    expect(shop!.name).toBe("Demo Jewelry");
    expect(shop!.rollout.enabled).toBe(true);
    expect(shop!.rollout.percent).toBe(100);
    expect(shop!.rollout.guarded?.active).toBe(false);
    expect(shop!.rollout.guarded?.stages).toEqual(DEFAULT_ROLLOUT_STAGES);
    const audit = await store.audit.list(SHOP);
    expect(audit.items.map((a) => a.action)).toEqual(["rollout.update"]);
  });

  it("is idempotent: a second run leaves the same counts and adds no audit entry", async () => {
    const before = await store.products.count(SHOP);
    const again = await seedDemoShop(store, SHOP, { now: new Date(NOW.getTime() + 60_000) });
    expect(again).toEqual(summary);
    expect(await store.products.count(SHOP)).toBe(before);
    expect(await allOrders(store, SHOP)).toHaveLength(orders.length);
    expect((await store.faq.list(SHOP)).length).toBe(summary.faq);
    expect((await store.audit.list(SHOP)).items).toHaveLength(1);
  });

  it("keeps an attributed conversion across a re-seed", async () => {
    expect(await store.orders.attribute(SHOP, "ord_1010", "conv_demo")).toBe(true);
    await seedDemoShop(store, SHOP, { now: NOW });
    expect((await store.orders.get(SHOP, "ord_1010"))?.conversationId).toBe("conv_demo");
  });

  it("seeds a second shop in the same store independently of the first", async () => {
    const other = await seedDemoShop(store, OTHER, { now: NOW, name: "Second Store" });
    expect(other).toEqual(summary);
    expect((await store.shops.get(OTHER))?.name).toBe("Second Store");
    expect((await store.shops.get(SHOP))?.name).toBe("Demo Jewelry");

    // Changing the second shop's rows leaves the first shop's untouched, and the reverse.
    expect(await store.products.remove(OTHER, "prod_1001")).toBe(true);
    expect(await store.products.count(OTHER)).toBe(summary.products - 1);
    expect(await store.products.count(SHOP)).toBe(summary.products);
    expect((await store.orders.get(OTHER, "ord_1010"))?.conversationId).toBeNull();
    expect((await store.orders.get(SHOP, "ord_1010"))?.conversationId).toBe("conv_demo");

    await store.shops.purge(OTHER);
    expect(await isDemoShopSeeded(store, OTHER)).toBe(false);
    expect(await store.products.count(SHOP)).toBe(summary.products);
    expect(await allOrders(store, SHOP)).toHaveLength(summary.orders);
  });

  it("switches an existing shop on at 100% but keeps its own name, settings, allowlist and install date", async () => {
    const shop = "existing-shop.myshopify.com";
    const settings = { ...defaultShopSettings("Europe/London"), sizeGuideUrl: "/pages/size-guide" };
    const rollout = { ...defaultRollout(NOW), allowlist: { customerIds: ["cust_1"], emails: ["vip@example.com"] } };
    await store.shops.put(shop, {
      name: "Existing Jewels",
      currency: "EUR",
      orderPrefix: "EJ",
      settings,
      rollout,
      installedAt: "2024-01-01T00:00:00.000Z",
      uninstalledAt: null,
      updatedAt: "2024-01-01T00:00:00.000Z",
    });
    await seedDemoShop(store, shop, { now: NOW });
    const row = await store.shops.get(shop);
    expect(row).toMatchObject({ name: "Existing Jewels", settings, installedAt: "2024-01-01T00:00:00.000Z" });
    expect(row!.rollout).toMatchObject({ enabled: true, percent: 100, allowlist: rollout.allowlist });
    // The demo orders are USD and named "#1001", so the shop must match them.
    expect(row).toMatchObject({ currency: "USD", orderPrefix: "" });
    const audit = await store.audit.list(shop);
    expect(audit.items[0]).toMatchObject({ actor: "seed", action: "rollout.update", before: rollout });
  });
});

describe("the seed CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "aurora-seed-cli-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const tsx = join(process.cwd(), "node_modules/.bin/tsx");
  const childEnv = (databaseUrl: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
  });

  it("creates the store, seeds the shop and prints a one-line summary", async () => {
    const file = join(dir, "cli.sqlite");
    const { stdout } = await run(tsx, ["scripts/seed.ts", "--shop", "x.myshopify.com"], {
      env: childEnv(`file:${file}`),
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe(
      `Seeded x.myshopify.com: 68 products, 34 orders, 14 customers, 8 FAQ entries (store: sqlite ${file})`,
    );

    const store = openSqliteStore(file);
    try {
      expect(await store.products.count("x.myshopify.com")).toBe(68);
      const shop = await store.shops.get("x.myshopify.com");
      expect(shop?.rollout).toMatchObject({ enabled: true, percent: 100 });
      expect(shop?.name).toBe("X");
    } finally {
      await store.close();
    }
  });

  it("accepts --shop=<domain> and a re-run against the same file", async () => {
    const file = join(dir, "cli.sqlite");
    const { stdout } = await run(tsx, ["scripts/seed.ts", "--shop=x.myshopify.com"], {
      env: childEnv(`file:${file}`),
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^Seeded x\.myshopify\.com: 68 products, 34 orders/);
  });

  it.each([["Bad_Shop.com"], ["shop.example.com"], ["UPPER.myshopify.com"], ["-lead.myshopify.com"]])(
    "refuses --shop %s with exit code 2 and a clear message",
    async (bad) => {
      const err = await run(tsx, ["scripts/seed.ts", "--shop", bad], {
        env: childEnv(`file:${join(dir, "bad.sqlite")}`),
        timeout: 60_000,
      }).then(
        () => null,
        (e: { code?: number; stderr?: string }) => e,
      );
      expect(err?.code).toBe(2);
      expect(err?.stderr).toContain(`invalid --shop "${bad}"`);
      expect(err?.stderr).toContain("<name>.myshopify.com");
    },
  );

  it("refuses a missing --shop with exit code 2, and prints usage for --help", async () => {
    const missing = await run(tsx, ["scripts/seed.ts"], {
      env: childEnv(`file:${join(dir, "bad.sqlite")}`),
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toContain("--shop is required");

    const help = await run(tsx, ["scripts/seed.ts", "--help"], {
      env: childEnv(`file:${join(dir, "bad.sqlite")}`),
      timeout: 60_000,
    });
    expect(help.stdout).toContain("Usage: npm run seed -- --shop <name>.myshopify.com");
  });
});
