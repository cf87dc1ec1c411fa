// Tenant isolation on every storefront endpoint (PRODUCT.md §5): two shops in one store, both with the demo data
// (so ids collide on purpose). Whatever shop A creates — conversations, shortlists, idempotency keys, rate-limit
// counts, its kill switch — is invisible to, and untouchable by, requests signed for shop B.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import {
  conciergeCli,
  count,
  DEMO_SHOP,
  EMMA,
  eventually,
  execute,
  expectError,
  expectOk,
  freshRateWindow,
  metric,
  newClientIp,
  query,
  seedShop,
} from "../support/storefront";

const SHOP_A = DEMO_SHOP;
const SHOP_B = "other-shop.myshopify.com";

type Message = { type: string; [k: string]: unknown };

describe("tenant isolation between two shops", () => {
  let app: RunningApp;
  let secret: string;

  /** A client for one shop and one client address (each test its own address: rate limits stay out of the way). */
  function clientFor(shop: string, ip = newClientIp()): ProxyClient {
    const c = proxyClient(app.url, { shop, secret });
    return {
      get: (path, q, o = {}) => c.get(path, q, { ...o, headers: { ...ip, ...o.headers } }),
      post: (path, body, o = {}) => c.post(path, body, { ...o, headers: { ...ip, ...o.headers } }),
      del: (path, q, o = {}) => c.del(path, q, { ...o, headers: { ...ip, ...o.headers } }),
    };
  }
  const rows = (table: string, shop: string) =>
    count(app.databasePath, `SELECT COUNT(*) AS n FROM ${table} WHERE shop = ?`, shop);

  async function conversationInA(visitorId: string): Promise<string> {
    const res = await clientFor(SHOP_A).post("messages", {
      visitorId,
      text: "I'm looking for a rose gold ring under $2000",
    });
    return (await expectOk<{ conversationId: string }>(res, "conversation in A")).conversationId;
  }

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: "10", RATE_LIMIT_LOOKUPS_PER_MINUTE: "3" });
    secret = localSecret(app.dataDir);
    await seedShop(app.databasePath, SHOP_B);
    // Both shops hold the same demo orders: take #1012 out of B, so only A has it.
    expect(execute(app.databasePath, "DELETE FROM orders WHERE shop = ? AND number = '1012'", SHOP_B)).toBe(1);
    expect(count(app.databasePath, "SELECT COUNT(*) AS n FROM orders WHERE shop = ? AND number = '1012'", SHOP_A)).toBe(
      1,
    ); // And give B a catalog of its own: prod_1001 exists only in A, prod_1002 is renamed in B.
    expect(execute(app.databasePath, "DELETE FROM products WHERE shop = ? AND id = 'prod_1001'", SHOP_B)).toBe(1);
    expect(
      execute(
        app.databasePath,
        "UPDATE products SET title = 'B Only Piece' WHERE shop = ? AND id = 'prod_1002'",
        SHOP_B,
      ),
    ).toBe(1);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("B's catalog, shortlists and analytics are B's own", async () => {
    const a = clientFor(SHOP_A);
    const b = clientFor(SHOP_B);
    const listAll = async (client: ProxyClient) => {
      const res = await client.get("products", { limit: "50" });
      const body = await expectOk<{ products: { id: string; title: string }[]; nextCursor: string | null }>(
        res,
        "products",
      );
      let cards = body.products;
      let cursor = body.nextCursor;
      while (cursor) {
        const next = await expectOk<{ products: { id: string; title: string }[]; nextCursor: string | null }>(
          await client.get("products", { limit: "50", cursor }),
          "products page",
        );
        cards = cards.concat(next.products);
        cursor = next.nextCursor;
      }
      return cards;
    };
    const inA = await listAll(a);
    const inB = await listAll(b);
    expect(inA.map((p) => p.id)).toContain("prod_1001");
    expect(inB.map((p) => p.id)).not.toContain("prod_1001");
    expect(inB.find((p) => p.id === "prod_1002")?.title).toBe("B Only Piece");
    expect(inA.find((p) => p.id === "prod_1002")?.title).not.toBe("B Only Piece");

    // A shortlist in B cannot name A's product.
    await expectError(
      await b.post("shortlist", { visitorId: "v-iso", productIds: ["prod_1001"] }),
      400,
      "validation.failed",
    );

    // Events posted through B are stored under B only.
    const beforeA = rows("analytics_events", SHOP_A);
    const beforeB = rows("analytics_events", SHOP_B);
    await expectOk(
      await b.post("events", { visitorId: "v-iso", events: [{ name: "widget_open", at: new Date().toISOString() }] }),
      "events via B",
    );
    expect(rows("analytics_events", SHOP_B)).toBe(beforeB + 1);
    expect(rows("analytics_events", SHOP_A)).toBe(beforeA);
  });

  it("B cannot read, continue or delete A's conversation, even with the same visitor id", async () => {
    const id = await conversationInA("v-shared");
    const b = clientFor(SHOP_B);
    await expectError(
      await b.get(`conversations/${id}`, { visitorId: "v-shared" }),
      404,
      "conversation.not_found",
      "read via B",
    );
    await expectError(
      await b.del(`conversations/${id}`, { visitorId: "v-shared" }),
      404,
      "conversation.not_found",
      "delete via B",
    );
    await expectError(
      await b.post("messages", { visitorId: "v-shared", conversationId: id, text: "hello" }),
      404,
      "conversation.not_found",
      "continue via B",
    );
    expect(rows("conversations", SHOP_B)).toBe(0);

    // A's conversation is intact: not erased, its messages all there.
    const a = clientFor(SHOP_A);
    const transcript = await expectOk<{ conversation: { id: string; messages: Message[] } }>(
      await a.get(`conversations/${id}`, { visitorId: "v-shared" }),
    );
    expect(transcript.conversation.id).toBe(id);
    expect(transcript.conversation.messages.length).toBeGreaterThan(1);
    expect(
      query(app.databasePath, "SELECT erased_at FROM conversations WHERE shop = ? AND id = ?", SHOP_A, id),
    ).toEqual([{ erased_at: null }]);
  });

  it("B cannot rate or escalate into A's conversation", async () => {
    const id = await conversationInA("v-rate");
    const b = clientFor(SHOP_B);
    await expectError(
      await b.post("csat", { conversationId: id, rating: 1, comment: "from B" }),
      404,
      "conversation.not_found",
      "csat via B",
    );
    await expectError(
      await b.post("csat", { conversationId: id, visitorId: "v-rate", rating: 1 }),
      404,
      "conversation.not_found",
      "csat via B with visitor",
    );
    expect(rows("csat_ratings", SHOP_A) + rows("csat_ratings", SHOP_B)).toBe(0);

    // An escalation through B naming A's conversation makes B's ticket only, with none of A's context.
    const ticketsA = rows("tickets", SHOP_A);
    const esc = await b.post("escalations", {
      conversationId: id,
      contact: { name: "Eve", email: "eve@example.com" },
      topic: "sizing",
    });
    if (esc.status === 200) {
      const [ticket] = query<{ conversation_id: string | null; context: string }>(
        app.databasePath,
        "SELECT conversation_id, context FROM tickets WHERE shop = ? ORDER BY created_at DESC LIMIT 1",
        SHOP_B,
      );
      expect(ticket.conversation_id).toBeNull();
      const context = JSON.parse(ticket.context) as { transcript: unknown[]; originIntent: string | null };
      expect(context.transcript).toEqual([]);
      expect(context.originIntent).toBeNull();
    } else {
      await expectError(esc, 404, "conversation.not_found", "escalation via B");
    }
    expect(rows("tickets", SHOP_A)).toBe(ticketsA);
    expect(
      query(
        app.databasePath,
        "SELECT escalated, outcome, rating FROM conversations WHERE shop = ? AND id = ?",
        SHOP_A,
        id,
      ),
    ).toEqual([{ escalated: 0, outcome: "open", rating: null }]);
    // A's own rating still works: nothing was recorded against the conversation by B.
    await expectOk(
      await clientFor(SHOP_A).post("csat", { conversationId: id, visitorId: "v-rate", rating: 5 }),
      "csat via A",
    );
  });

  it("B does not find A's orders: lookup, returns and a lookup typed into a message", async () => {
    const b = clientFor(SHOP_B);
    await expectError(
      await b.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }),
      404,
      "order.not_found",
      "lookup via B",
    );
    // Signed as A's customer who owns #1012: still not B's order.
    await expectError(
      await b.post("orders/lookup", { orderNumber: EMMA.orderNumber }, { customerId: EMMA.customerId }),
      404,
      "order.not_found",
      "owner via B",
    );
    const ret = {
      orderNumber: EMMA.orderNumber,
      email: EMMA.email,
      option: "resize",
      reason: "too small",
      lineItemId: "li_1012_1",
      newSize: 6.5,
    };
    await expectError(await clientFor(SHOP_B).post("returns", ret), 404, "order.not_found", "return via B");
    expect(rows("return_requests", SHOP_A) + rows("return_requests", SHOP_B)).toBe(0);
    expect(query(app.databasePath, "SELECT * FROM sequences WHERE name = 'rma'")).toEqual([]);

    const message = await expectOk<{ messages: Message[] }>(
      await clientFor(SHOP_B).post("messages", {
        visitorId: "v-order",
        text: `where is my order ${EMMA.orderNumber} ${EMMA.email}`,
      }),
    );
    expect(message.messages.some((m) => m.type === "order_status")).toBe(false);

    // The same lookups through A find A's order.
    const a = clientFor(SHOP_A);
    const found = await expectOk<{ order: { number: string } }>(
      await a.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }),
    );
    expect(found.order.number).toBe("1012");
    const viaMessage = await expectOk<{ messages: Message[] }>(
      await a.post("messages", { visitorId: "v-order", text: `where is my order ${EMMA.orderNumber} ${EMMA.email}` }),
    );
    expect(viaMessage.messages.some((m) => m.type === "order_status")).toBe(true);
  });

  it("B cannot open A's shortlist", async () => {
    const a = clientFor(SHOP_A);
    const saved = await expectOk<{ shortlist: { id: string; shareUrl: string } }>(
      await a.post("shortlist", { visitorId: "v-sl", productIds: ["prod_1001", "prod_1002"] }),
    );
    expect(saved.shortlist.shareUrl).toContain(SHOP_A);
    await expectError(
      await clientFor(SHOP_B).get(`shortlist/${saved.shortlist.id}`),
      404,
      "shortlist.not_found",
      "shortlist via B",
    );
    const own = await expectOk<{ shortlist: { products: unknown[] } }>(await a.get(`shortlist/${saved.shortlist.id}`));
    expect(own.shortlist.products).toHaveLength(2);
  });

  it("does not replay A's idempotency keys in B", async () => {
    const key = "isolation-key-000001";
    const body = { contact: { name: "Ivy", email: "ivy@example.com" }, topic: "sizing" };
    const before = { a: rows("tickets", SHOP_A), b: rows("tickets", SHOP_B) };
    const inA = await clientFor(SHOP_A).post("escalations", body, { headers: { "idempotency-key": key } });
    const ticketA = (await expectOk<{ ticket: { id: string } }>(inA)).ticket.id;
    const inB = await clientFor(SHOP_B).post("escalations", body, { headers: { "idempotency-key": key } });
    expect(inB.headers.get("idempotent-replay")).toBeNull();
    const ticketB = (await expectOk<{ ticket: { id: string } }>(inB)).ticket.id;
    expect(ticketB).not.toBe(ticketA);
    // A different body under the same key in B is no conflict either: the key is B's own.
    const otherBody = await clientFor(SHOP_B).post(
      "escalations",
      { ...body, topic: "care" },
      { headers: { "idempotency-key": `${key}-b` } },
    );
    await expectOk(otherBody);
    expect(query(app.databasePath, "SELECT shop FROM idempotency_records WHERE key = ? ORDER BY shop", key)).toEqual([
      { shop: SHOP_A },
      { shop: SHOP_B },
    ]);
    expect({ a: rows("tickets", SHOP_A), b: rows("tickets", SHOP_B) }).toEqual({ a: before.a + 1, b: before.b + 2 });
    // And the replay in A is A's own answer.
    const replay = await clientFor(SHOP_A).post("escalations", body, { headers: { "idempotency-key": key } });
    expect(replay.headers.get("idempotent-replay")).toBe("true");
    expect((await expectOk<{ ticket: { id: string } }>(replay)).ticket.id).toBe(ticketA);
  });

  it("does not let A's rate-limit counts limit B (same client address)", async () => {
    const ip = newClientIp();
    const a = clientFor(SHOP_A, ip);
    const b = clientFor(SHOP_B, ip);
    await freshRateWindow();
    for (let i = 0; i < 10; i++) expect((await a.get("products", { limit: "1" })).status).toBe(200);
    await expectError(await a.get("products", { limit: "1" }), 429, "rate.limited", "A over its limit");
    const inB = await b.get("products", { limit: "1" });
    expect(inB.status).toBe(200);
    expect(inB.headers.get("ratelimit-remaining")).toBe("9");
    // The lookup bucket too.
    for (let i = 0; i < 3; i++)
      await clientFor(SHOP_A, { "x-forwarded-for": "10.66.0.1" }).post("orders/lookup", {
        orderNumber: EMMA.orderNumber,
        email: EMMA.email,
      });
    await expectError(
      await clientFor(SHOP_A, { "x-forwarded-for": "10.66.0.1" }).post("orders/lookup", {
        orderNumber: EMMA.orderNumber,
        email: EMMA.email,
      }),
      429,
      "rate.limited",
    );
    await expectOk(
      await clientFor(SHOP_B, { "x-forwarded-for": "10.66.0.1" }).post("orders/lookup", {
        orderNumber: "#1024",
        email: "lucas.tremblay@example.com",
      }),
      "B lookup",
    );
  });

  it("does not switch B off with A's kill switch", async () => {
    await conciergeCli(app.databasePath, ["rollout", "--shop", SHOP_A, "--enabled", "false"]);
    await eventually(
      async () => (await clientFor(SHOP_A).post("messages", { visitorId: "v-k", text: "hello" })).status === 503,
    );
    await expectOk(await clientFor(SHOP_B).post("messages", { visitorId: "v-k", text: "hello" }), "B messages");
    await expectOk(await clientFor(SHOP_B).get("products", { limit: "1" }), "B products");
    const configB = await expectOk<{ enabled: boolean; reason: string }>(
      await clientFor(SHOP_B).get("config", { visitorId: "v-k" }),
    );
    expect(configB.enabled).toBe(true);
    const configA = await expectOk<{ enabled: boolean; reason: string }>(
      await clientFor(SHOP_A).get("config", { visitorId: "v-k" }),
    );
    expect(configA).toMatchObject({ enabled: false, reason: "killed" });
    expect(await metric(app.url, "concierge_enabled", { shop: SHOP_A })).toBe(0);
    expect(await metric(app.url, "concierge_enabled", { shop: SHOP_B })).toBe(1);
    expect(
      count(app.databasePath, "SELECT COUNT(*) AS n FROM audit_log WHERE shop = ? AND actor = 'cli'", SHOP_B),
    ).toBe(0);
    await conciergeCli(app.databasePath, ["rollout", "--shop", SHOP_A, "--enabled", "true"]);
  });
});
