// Every webhook topic over real HTTP with real HMACs: verification (401 on a bad HMAC whatever the library says),
// redelivery applied once, the catalog / customer / order mirror, attribution, app/uninstalled and shop/redact.

import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_TOPICS, COMPLIANCE_TOPICS } from "~/services/webhooks/topics";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { count, eventually, expectError, expectOk, query, seedShop } from "../support/storefront";
import { customerPayload, deliveredFulfillment, orderPayload, productPayload } from "../support/shopifyPayloads";
import { deliver, findEverywhere, tableNames } from "../support/webhooks";

const SHOP = "aurora-demo.myshopify.com";
const OTHER = "aurora-webhooks-b.myshopify.com";
let app: RunningApp;
let secret: string;
let client: ProxyClient;

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000" });
  secret = localSecret(app.dataDir);
  client = proxyClient(app.url, { shop: SHOP, secret });
});
afterAll(async () => {
  await app?.stop();
});

const send = (topic: string, payload: unknown, o: Partial<Parameters<typeof deliver>[3]> = {}) =>
  deliver(app.url, topic, payload, { shop: SHOP, secret, ...o });

/** A minimal valid payload per topic (what Shopify's "send test notification" sends looks alike). */
function samplePayload(topic: string): Record<string, unknown> {
  if (topic.startsWith("products/")) return productPayload();
  if (topic === "inventory_levels/update") return { inventory_item_id: 1, location_id: 2, available: 3 };
  if (topic.startsWith("customers/") && !topic.includes("_") && topic !== "customers/redact") return customerPayload();
  if (topic.startsWith("orders/")) return orderPayload();
  if (topic === "customers/redact")
    return { shop_domain: SHOP, customer: { id: 1, email: "nobody@example.com", phone: null }, orders_to_redact: [] };
  if (topic === "customers/data_request")
    return {
      shop_domain: SHOP,
      customer: { id: 1, email: "nobody@example.com" },
      orders_requested: [],
      data_request: { id: 1 },
    };
  return { shop_domain: OTHER, shop_id: 1 };
}

const jobsDone = (shop: string) =>
  eventually(
    async () =>
      count(
        app.databasePath,
        "SELECT count(*) AS n FROM jobs WHERE shop = ? AND status IN ('pending', 'running')",
        shop,
      ) === 0,
    15_000,
    100,
  );

describe("shopify.app.toml", () => {
  const toml = parse(readFileSync("shopify.app.toml", "utf8")) as {
    app_proxy: { url: string; subpath: string; prefix: string };
    webhooks: {
      api_version: string;
      subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[];
    };
  };

  it("declares the app proxy at /proxy under /apps/concierge", () => {
    expect(new URL(toml.app_proxy.url).pathname).toBe("/proxy");
    expect(toml.app_proxy).toMatchObject({ prefix: "apps", subpath: "concierge" });
  });

  it("subscribes exactly the served topics, each at /webhooks/<topic>, the three compliance topics as such", () => {
    const subscriptions = toml.webhooks.subscriptions;
    const declared = subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect([...declared].sort()).toEqual([...WEBHOOK_TOPICS].sort());
    for (const s of subscriptions) {
      const topics = [...(s.topics ?? []), ...(s.compliance_topics ?? [])];
      expect(topics).toHaveLength(1);
      expect(s.uri).toBe(`/webhooks/${topics[0]}`);
    }
    const compliance = subscriptions.flatMap((s) => s.compliance_topics ?? []);
    expect(compliance.sort()).toEqual([...COMPLIANCE_TOPICS].sort());
    expect(toml.webhooks.api_version).toBe("2025-10");
  });

  it("every declared route answers a signed delivery, and a path outside the list is 404", async () => {
    for (const topic of WEBHOOK_TOPICS) {
      if (topic === "app/uninstalled" || topic === "shop/redact") continue; // they act on the shop; tested below
      const res = await send(topic, samplePayload(topic));
      const body = await expectOk<{ ok: boolean; topic: string }>(res, topic);
      expect(body).toMatchObject({ ok: true, topic, duplicate: false });
    }
    await expectError(await send("orders/paid", orderPayload()), 404, "route.not_found");
    await expectError(await send("products", productPayload()), 404, "route.not_found");
  });
});

describe("verification", () => {
  it("answers 401 for a bad, missing or foreign-secret HMAC on every topic, and applies nothing", async () => {
    for (const topic of WEBHOOK_TOPICS) {
      const payload = samplePayload(topic);
      await expectError(await send(topic, payload, { hmac: "AAAA" }), 401, "auth.invalid_signature", `${topic} bad`);
      await expectError(await send(topic, payload, { hmac: null }), 401, "auth.invalid_signature", `${topic} missing`);
      await expectError(
        await send(topic, payload, { secret: "someone-elses-secret-0123456789" }),
        401,
        "auth.invalid_signature",
        topic,
      );
    }
    // A body changed after signing fails too.
    const product = productPayload({ title: "Tampered" });
    const signedFor = JSON.stringify(productPayload());
    const res = await send("products/create", product, {
      hmac: (await import("../support/webhooks")).webhookHmac(signedFor, secret),
    });
    await expectError(res, 401, "auth.invalid_signature");
    expect(count(app.databasePath, "SELECT count(*) AS n FROM products WHERE title = 'Tampered'")).toBe(0);
  });

  it("answers 400 for a validly signed body that is not JSON, a topic posted to another path, missing headers; 405 for GET", async () => {
    await expectError(await send("products/update", null, { raw: "not json{" }), 400, "webhook.malformed");
    await expectError(
      await send("products/update", productPayload(), { topicHeader: "products/delete" }),
      400,
      "webhook.malformed",
    );
    await expectError(await send("orders/create", orderPayload(), { webhookId: "" }), 400, "webhook.malformed");
    await expectError(
      await send("customers/redact", { ...samplePayload("customers/redact"), shop_domain: OTHER }),
      400,
      "webhook.malformed",
    );
    await expectError(await send("products/update", null, { method: "GET" }), 405, "method.not_allowed");
  });
});

describe("the mirror", () => {
  it("a redelivered webhook (same X-Shopify-Webhook-Id) is acknowledged and applied once", async () => {
    const product = productPayload({ title: "First Title" });
    const first = await expectOk<{ duplicate: boolean }>(
      await send("products/create", product, { webhookId: "wh-dup-1" }),
    );
    expect(first.duplicate).toBe(false);
    await jobsDone(SHOP);
    const again = await expectOk<{ duplicate: boolean }>(
      await send("products/create", { ...product, title: "Changed On Replay" }, { webhookId: "wh-dup-1" }),
    );
    expect(again.duplicate).toBe(true);
    await jobsDone(SHOP);
    expect(
      query(app.databasePath, "SELECT title FROM products WHERE shop = ? AND id = ?", SHOP, String(product.id)),
    ).toEqual([{ title: "First Title" }]);
    expect(count(app.databasePath, "SELECT count(*) AS n FROM jobs WHERE key = 'webhook:wh-dup-1'")).toBe(1);
  });

  it("maps category, metal and ready-to-ship; stock changes keep ready-to-ship true; delete removes", async () => {
    const product = productPayload();
    const id = String(product.id);
    await expectOk(await send("products/create", product));
    await jobsDone(SHOP);
    const row = () =>
      query<Record<string, unknown>>(app.databasePath, "SELECT * FROM products WHERE shop = ? AND id = ?", SHOP, id)[0];
    expect(row()).toMatchObject({ category: "ring", metal: "rose_gold", ready_to_ship: 1, price: 1450, inventory: 2 });
    const variants = JSON.parse(row().variants as string);
    expect(variants.map((v: { ringSize: number }) => v.ringSize)).toEqual([6, 7]);

    // The shopper sees it: the storefront search finds the new ring.
    const found = await expectOk<{ products: { id: string; readyToShip: boolean }[] }>(
      await client.get("products", { category: "ring", metal: "rose_gold", readyToShip: "true", limit: "50" }),
    );
    expect(found.products.map((p) => p.id)).toContain(id);

    const sizeSix = product.variants[0].inventory_item_id;
    await expectOk(
      await send("inventory_levels/update", { inventory_item_id: sizeSix, location_id: 77, available: 0 }),
    );
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ inventory: 0, ready_to_ship: 0 });
    await expectOk(
      await send("inventory_levels/update", { inventory_item_id: sizeSix, location_id: 77, available: 4 }),
    );
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ inventory: 4, ready_to_ship: 1 });

    await expectOk(
      await send("products/update", {
        ...product,
        tags: "bridal",
        options: [{ name: "Metal", values: ["Platinum"] }],
        variants: product.variants.map((v) => ({ ...v, option1: "Platinum" })),
      }),
    );
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ metal: "platinum", ready_to_ship: 0 });

    await expectOk(await send("products/delete", { id: product.id }));
    await jobsDone(SHOP);
    expect(row()).toBeUndefined();
  });

  it("customers/create and customers/update keep the customer mirror current", async () => {
    const customer = customerPayload({ email: "june.m@example.com", first_name: "June" });
    await expectOk(await send("customers/create", customer));
    await expectOk(await send("customers/update", { ...customer, first_name: "Juniper" }));
    await jobsDone(SHOP);
    expect(
      query(
        app.databasePath,
        "SELECT first_name, email FROM customers WHERE shop = ? AND id = ?",
        SHOP,
        String(customer.id),
      ),
    ).toEqual([{ first_name: "Juniper", email: "june.m@example.com" }]);
  });

  it("orders: created, attributed to the widget's conversation, fulfilled, delivered, cancelled — and trackable", async () => {
    const chat = await expectOk<{ conversationId: string }>(
      await client.post("messages", { visitorId: "v-webhooks-1", text: "rose gold rings" }),
    );
    const order = orderPayload({
      email: "lena@example.com",
      note_attributes: [{ name: "_concierge_conversation_id", value: chat.conversationId }],
    });
    const id = String(order.id);
    await expectOk(await send("orders/create", order));
    await jobsDone(SHOP);
    const row = () =>
      query<Record<string, unknown>>(app.databasePath, "SELECT * FROM orders WHERE shop = ? AND id = ?", SHOP, id)[0];
    expect(row()).toMatchObject({ status: "paid", conversation_id: chat.conversationId, email: "lena@example.com" });

    const shipped = { ...order, fulfillments: [{ ...deliveredFulfillment(1), shipment_status: "in_transit" }] };
    await expectOk(await send("orders/fulfilled", shipped));
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ status: "shipped" });
    await expectOk(await send("orders/updated", { ...order, fulfillments: [deliveredFulfillment(0)] }));
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ status: "delivered" });
    expect(JSON.parse(row().status_history as string).map((h: { status: string }) => h.status)).toEqual([
      "placed",
      "paid",
      "shipped",
      "delivered",
    ]);

    const lookup = await expectOk<{ order: { status: string } }>(
      await client.post("orders/lookup", { orderNumber: order.name, email: "lena@example.com" }),
    );
    expect(lookup.order.status).toBe("delivered");

    await expectOk(await send("orders/cancelled", { ...order, cancelled_at: new Date().toISOString() }));
    await jobsDone(SHOP);
    expect(row()).toMatchObject({ status: "cancelled", conversation_id: chat.conversationId });

    // An attribute naming no conversation of this shop attributes nothing.
    const stray = orderPayload({ note_attributes: [{ name: "_concierge_conversation_id", value: "conv_not_ours" }] });
    await expectOk(await send("orders/create", stray));
    await jobsDone(SHOP);
    expect(query(app.databasePath, "SELECT conversation_id FROM orders WHERE id = ?", String(stray.id))).toEqual([
      { conversation_id: null },
    ]);
  });
});

describe("app/uninstalled and shop/redact", () => {
  it("uninstall removes the sessions and marks the shop, keeping its data; shop/redact then erases all of it, its chats, tickets and search index included", async () => {
    await seedShop(app.databasePath, OTHER);
    const { execute } = await import("../support/storefront");
    execute(
      app.databasePath,
      "INSERT INTO sessions (id, shop, data) VALUES (?, ?, ?)",
      `offline_${OTHER}`,
      OTHER,
      "[]",
    );
    const products = count(app.databasePath, "SELECT count(*) AS n FROM products WHERE shop = ?", OTHER);
    expect(products).toBeGreaterThan(0);
    // A shopper's chat and stylist ticket on that shop: messages, a ticket with contact, full-text index entries.
    const shopper = proxyClient(app.url, { shop: OTHER, secret });
    const chat = await expectOk<{ conversationId: string }>(
      await shopper.post("messages", { visitorId: "v-redact-shop", text: "my grandmother's Xanthorine brooch" }),
    );
    await expectOk(
      await shopper.post("escalations", {
        visitorId: "v-redact-shop",
        conversationId: chat.conversationId,
        contact: { name: "Ottoline Vexworth", email: "ottoline.vexworth@example.com" },
        topic: "care",
        notes: "Xanthorine clasp is loose",
      }),
    );
    await jobsDone(OTHER);
    // Message text reaches the search index in batches, within 250 ms of the turn (ADR 0008).
    await eventually(
      () =>
        count(
          app.databasePath,
          "SELECT count(*) AS n FROM messages WHERE seq > (SELECT upto FROM messages_fts_progress)",
        ) === 0,
      5_000,
      50,
    );
    const needles = ["Xanthorine", "Ottoline", "ottoline.vexworth@example.com"];
    const traces = new Set(findEverywhere(app.databasePath, needles).map((f) => f.table));
    for (const table of ["messages", "messages_fts_data", "tickets"]) expect(traces, table).toContain(table);
    expect(
      count(app.databasePath, "SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'xanthorine'"),
    ).toBe(1);

    await expectOk(await send("app/uninstalled", { id: 1, domain: OTHER }, { shop: OTHER }));
    await jobsDone(OTHER);
    expect(count(app.databasePath, "SELECT count(*) AS n FROM sessions WHERE shop = ?", OTHER)).toBe(0);
    expect(query(app.databasePath, "SELECT uninstalled_at FROM shops WHERE shop = ?", OTHER)[0]).toMatchObject({
      uninstalled_at: expect.any(String),
    });
    expect(count(app.databasePath, "SELECT count(*) AS n FROM products WHERE shop = ?", OTHER)).toBe(products);
    // The storefront of an uninstalled shop is off.
    const other = proxyClient(app.url, { shop: OTHER, secret });
    await expectError(await other.post("messages", { visitorId: "v-1", text: "hello" }), 503, "concierge.disabled");

    await expectOk(await send("shop/redact", { shop_id: 1, shop_domain: OTHER }, { shop: OTHER }));
    await jobsDone(OTHER);
    for (const table of tableNames(app.databasePath)) {
      const columns = query<{ name: string }>(app.databasePath, `SELECT name FROM pragma_table_info('${table}')`).map(
        (c) => c.name,
      );
      if (!columns.includes("shop")) continue;
      const left = query<Record<string, unknown>>(app.databasePath, `SELECT * FROM "${table}" WHERE shop = ?`, OTHER);
      if (table === "jobs") {
        // The record that the redaction happened: ids only.
        expect(left.map((j) => ({ kind: j.kind, status: j.status, payload: j.payload }))).toEqual([
          { kind: "webhook", status: "done", payload: "{}" },
        ]);
      } else {
        expect(left, table).toEqual([]);
      }
    }
    // The shopper's words and contact are nowhere, the full-text index's segments included.
    expect(findEverywhere(app.databasePath, needles)).toEqual([]);
    expect(
      count(app.databasePath, "SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'xanthorine'"),
    ).toBe(0);
    // The demo shop is untouched.
    expect(count(app.databasePath, "SELECT count(*) AS n FROM products WHERE shop = ?", SHOP)).toBeGreaterThan(0);
  });
});
