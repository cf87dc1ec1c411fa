// The privacy promises, proven by data: after customers/redact, and after the shopper's own "delete my chat", a
// search of every table of the store — FTS5 segments, queued and finished jobs (webhook payloads, the email
// outbox), idempotent answers, audit entries included — finds nothing of the shopper's email, name, phone or words.
// A redaction leaves only a record that it happened, by ids, and the admin (conversation search, transcript and
// ticket pages) no longer returns any of it. Also customers/data_request's report.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAdmin } from "../support/adminClient";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { conciergeCli, count, eventually, expectOk, query } from "../support/storefront";
import { customerPayload, deliveredFulfillment, orderPayload } from "../support/shopifyPayloads";
import { deliver, findEverywhere, startSmtpServer } from "../support/webhooks";

const SHOP = "aurora-demo.myshopify.com";
let app: RunningApp;
let secret: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startApp({
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
    SMTP_URL: smtp.url,
    MAIL_FROM: "concierge@aurora.example",
  });
  secret = localSecret(app.dataDir);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const send = (topic: string, payload: unknown) => deliver(app.url, topic, payload, { shop: SHOP, secret });
// Jobs done, and message text in the search index (indexed in batches within 250 ms: ADR 0008).
const settled = () =>
  eventually(
    async () =>
      count(app.databasePath, "SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'running')") === 0 &&
      count(
        app.databasePath,
        "SELECT count(*) AS n FROM messages WHERE seq > (SELECT upto FROM messages_fts_progress)",
      ) === 0,
    15_000,
    100,
  );

interface Shopper {
  name: string;
  email: string;
  phone: string;
  words: string;
}

/**
 * Leaves the shopper's traces everywhere the app keeps them: two conversations (one logged in, one as a guest typing
 * their email, idempotent), a stylist ticket (contact, notes, transcript copy, acknowledgement email), a resize
 * request with a reason, a CSAT comment, a shortlist, analytics events, an allowlist entry (audited).
 */
async function leaveTraces(client: ProxyClient, who: Shopper, customerId: string | null, visitor: string) {
  const opts = customerId ? { customerId } : {};
  const first = await expectOk<{ conversationId: string }>(
    await client.post(
      "messages",
      { visitorId: visitor, text: `the heirloom from great-aunt ${who.words} needs love` },
      opts,
    ),
  );
  const conversationId = first.conversationId;
  await expectOk(
    await client.post(
      "messages",
      { visitorId: visitor, conversationId, text: `you can email me at ${who.email} or call ${who.phone}` },
      { ...opts, headers: { "Idempotency-Key": `idem-${visitor}-0001` } },
    ),
  );
  await expectOk(
    await client.post("escalations", {
      visitorId: visitor,
      conversationId,
      contact: { name: who.name, email: who.email, phone: who.phone },
      topic: "care",
      notes: `${who.words} would want it polished`,
    }),
  );
  await expectOk(
    await client.post("csat", {
      visitorId: visitor,
      conversationId,
      rating: 2,
      comment: `${who.words} deserved better`,
    }),
  );
  await expectOk(await client.post("shortlist", { visitorId: visitor, conversationId, productIds: ["prod_1001"] }));
  await expectOk(
    await client.post("events", {
      visitorId: visitor,
      events: [{ name: "widget_open", at: new Date().toISOString(), props: { conversationId } }],
    }),
  );
  return conversationId;
}

async function orderFor(who: Shopper, customerId: number | null) {
  const order = orderPayload({
    email: who.email,
    customer: customerId ? { id: customerId } : null,
    fulfillments: [deliveredFulfillment(3)],
    line_items: [
      {
        id: 7_000_001 + Math.floor(Math.random() * 1e6),
        product_id: null,
        variant_id: null,
        title: "Opaline Ring",
        variant_title: "Size 6",
        quantity: 1,
        price: "900.00",
        properties: [],
      },
    ],
  });
  await expectOk(await send("orders/create", order));
  await settled();
  return order;
}

/** A Shopify customer (customers/create) with a delivered order (orders/create), and a signed storefront client. */
async function customerWithOrder(who: Shopper) {
  const [firstName, lastName] = who.name.split(" ");
  const customer = customerPayload({ email: who.email, first_name: firstName, last_name: lastName });
  await expectOk(await send("customers/create", customer));
  const order = await orderFor(who, customer.id);
  return { client: proxyClient(app.url, { shop: SHOP, secret }), customer, order };
}

/** A resize request for the order, made from the conversation, with the shopper's own words as the reason. */
async function requestResize(
  client: ProxyClient,
  order: { name: string },
  who: Shopper,
  visitorId: string,
  conversationId: string,
) {
  await expectOk(
    await client.post("returns", {
      orderNumber: order.name,
      email: who.email,
      option: "resize",
      newSize: 7,
      reason: `${who.words} had tiny fingers`,
      visitorId,
      conversationId,
    }),
  );
}

/** How many conversations the admin's full-text search finds for a word. */
async function adminSearch(word: string): Promise<number> {
  const res = await localAdmin(app).load(
    `/app/conversations?q=${encodeURIComponent(word)}`,
    "routes/app.conversations._index",
  );
  expect(res.status).toBe(200);
  return (res.body.page.items as unknown[]).length;
}

/**
 * The needles the admin still shows for a conversation: its transcript page and the page of each of its tickets
 * (their loader data and their HTML documents).
 */
async function adminShows(conversationId: string, needles: string[]): Promise<string[]> {
  const admin = localAdmin(app);
  const tickets = query<{ id: string }>(
    app.databasePath,
    "SELECT id FROM tickets WHERE conversation_id = ?",
    conversationId,
  );
  const pages = [
    { path: `/app/conversations/${conversationId}`, route: "routes/app.conversations.$id" },
    ...tickets.map((t) => ({ path: `/app/tickets/${t.id}`, route: "routes/app.tickets.$id" })),
  ];
  let shown = "";
  for (const page of pages) {
    const data = await admin.load(page.path, page.route);
    shown += JSON.stringify(data.body) + (await (await admin.document(page.path)).text());
  }
  const lower = shown.toLowerCase();
  return needles.filter((n) => lower.includes(n.toLowerCase()));
}

function needlesOf(who: Shopper): string[] {
  return [who.email, who.name, who.name.split(" ")[1], who.words, who.phone, who.phone.replace(/\D/g, "").slice(-7)];
}

describe("customers/redact", () => {
  it("erases the customer's data from every table within 15 s, leaving a record by ids only", async () => {
    const who: Shopper = {
      name: "Imogen Fairweather",
      email: "imogen.fairweather@example.com",
      phone: "+1 212 555 0199",
      words: "Zephyrine",
    };
    const { client, customer, order } = await customerWithOrder(who);

    const loggedIn = await leaveTraces(client, who, String(customer.id), "v-privacy-imogen-1");
    await requestResize(client, order, who, "v-privacy-imogen-1", loggedIn);
    // As a guest on another device, typing the email into the chat.
    const guest = await expectOk<{ conversationId: string }>(
      await client.post("messages", { visitorId: "v-privacy-imogen-2", text: `order ${order.name} for ${who.email}` }),
    );
    await conciergeCli(app.databasePath, ["rollout", "--shop", SHOP, "--allow-email", who.email]);
    await expectOk(
      await send("customers/data_request", {
        shop_domain: SHOP,
        customer: { id: customer.id, email: who.email, phone: who.phone },
        orders_requested: [order.id],
        data_request: { id: 991 },
      }),
    );
    await settled();
    // Someone else's data, which must survive.
    const other: Shopper = {
      name: "Bartholomew Quist",
      email: "bart.quist@example.com",
      phone: "+1 415 555 0123",
      words: "Marigoldia",
    };
    await leaveTraces(client, other, null, "v-privacy-bart");
    await settled();

    // Before: the traces really are there (the search below would otherwise prove nothing).
    const before = findEverywhere(app.databasePath, needlesOf(who));
    const tablesBefore = new Set(before.map((f) => f.table));
    for (const table of [
      "messages",
      "messages_fts_data",
      "tickets",
      "return_requests",
      "csat_ratings",
      "customers",
      "orders",
      "idempotency_records",
      "shops",
      "audit_log",
      "data_requests",
    ]) {
      expect(tablesBefore, `traces in ${table}`).toContain(table);
    }
    expect(smtp.received.some((m) => m.to.includes(who.email))).toBe(true);
    expect(await adminSearch(who.words)).toBe(1);
    expect(await adminShows(loggedIn, [who.email, who.name, who.words])).toEqual([who.email, who.name, who.words]);
    expect(
      count(app.databasePath, "SELECT count(*) AS n FROM shortlists WHERE visitor_id = 'v-privacy-imogen-1'"),
    ).toBe(1);

    const started = Date.now();
    await expectOk(
      await send("customers/redact", {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: customer.id, email: who.email, phone: who.phone },
        orders_to_redact: [order.id],
      }),
    );
    await eventually(async () => findEverywhere(app.databasePath, needlesOf(who)).length === 0, 15_000, 100);
    expect(Date.now() - started).toBeLessThan(15_000);
    await settled();
    expect(findEverywhere(app.databasePath, needlesOf(who))).toEqual([]);

    // The admin no longer finds or shows any of it: no search hit, no contact on the ticket, no words in a transcript.
    expect(await adminSearch(who.words)).toBe(0);
    expect(await adminShows(loggedIn, needlesOf(who))).toEqual([]);
    expect(await adminShows(guest.conversationId, needlesOf(who))).toEqual([]);

    // Nothing left to join back: the conversations are tombstones, their shortlists and analytics links are gone.
    for (const id of [loggedIn, guest.conversationId]) {
      expect(
        query(
          app.databasePath,
          "SELECT visitor_id, customer_id, state, erased_at IS NOT NULL AS erased FROM conversations WHERE id = ?",
          id,
        ),
      ).toEqual([{ visitor_id: "", customer_id: null, state: "{}", erased: 1 }]);
      expect(
        count(
          app.databasePath,
          "SELECT count(*) AS n FROM analytics_events WHERE conversation_id = ? OR props LIKE ?",
          id,
          `%${id}%`,
        ),
      ).toBe(0);
    }
    expect(
      count(app.databasePath, "SELECT count(*) AS n FROM shortlists WHERE visitor_id LIKE 'v-privacy-imogen%'"),
    ).toBe(0);
    expect(count(app.databasePath, "SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'zephyrine'")).toBe(
      0,
    );
    // The record that it happened, by ids only.
    const record = query<{ after: string }>(
      app.databasePath,
      "SELECT after FROM audit_log WHERE action = 'customer.redacted'",
    );
    expect(record).toHaveLength(1);
    expect(JSON.parse(record[0].after)).toMatchObject({ customerId: String(customer.id), conversations: 2 });

    // Someone else's traces are all still there.
    const kept = findEverywhere(app.databasePath, [other.email, other.words]);
    expect(kept.some((f) => f.table === "messages")).toBe(true);
    expect(kept.some((f) => f.table === "tickets")).toBe(true);
  });
});

describe("delete my chat", () => {
  it("reaches every copy of the conversation — ticket, return request, rating, shortlist, stored answers — within 15 s", async () => {
    const who: Shopper = {
      name: "Octavia Brightwater",
      email: "octavia.b@example.com",
      phone: "+1 646 555 0147",
      words: "Quillanthe",
    };
    const client = proxyClient(app.url, { shop: SHOP, secret });
    const order = await orderFor(who, null);
    const conversationId = await leaveTraces(client, who, null, "v-privacy-octavia");
    await requestResize(client, order, who, "v-privacy-octavia", conversationId);
    await settled();
    const traces = findEverywhere(app.databasePath, [who.words, who.name]);
    const tables = new Set(traces.map((f) => f.table));
    for (const table of ["messages", "messages_fts_data", "tickets", "return_requests", "csat_ratings"]) {
      expect(tables, `traces in ${table}`).toContain(table);
    }
    expect(await adminSearch(who.words)).toBe(1);
    expect(await adminShows(conversationId, [who.name, who.words])).toEqual([who.name, who.words]);

    const started = Date.now();
    const res = await client.del(`conversations/${conversationId}`, { visitorId: "v-privacy-octavia" });
    expect(await expectOk(res)).toMatchObject({ deleted: true });
    await settled();
    expect(Date.now() - started).toBeLessThan(15_000);
    // The chat's words and the contact given in it are gone everywhere; the order itself (not part of the chat) stays.
    const left = findEverywhere(app.databasePath, [who.words, who.name, who.phone]);
    expect(left).toEqual([]);
    expect(
      count(
        app.databasePath,
        "SELECT count(*) AS n FROM tickets WHERE conversation_id = ? AND contact LIKE ?",
        conversationId,
        "%octavia%",
      ),
    ).toBe(0);
    expect(new Set(findEverywhere(app.databasePath, [who.email]).map((f) => f.table))).toEqual(new Set(["orders"]));
    const gone = await client.get(`conversations/${conversationId}`, { visitorId: "v-privacy-octavia" });
    expect(gone.status).toBe(404);
    // Nor does the admin: no search hit, no contact on the ticket, no words in the transcript.
    expect(await adminSearch(who.words)).toBe(0);
    expect(await adminShows(conversationId, [who.words, who.name, who.phone, who.email])).toEqual([]);
  });
});

describe("customers/data_request", () => {
  it("records the request and serves a downloadable report of the customer's conversations, tickets, return requests and ratings", async () => {
    const who: Shopper = {
      name: "Perpetua Lindqvist",
      email: "perpetua.l@example.com",
      phone: "+1 303 555 0111",
      words: "Vandelore",
    };
    const { client, customer, order } = await customerWithOrder(who);
    const conversationId = await leaveTraces(client, who, String(customer.id), "v-privacy-perpetua");
    await requestResize(client, order, who, "v-privacy-perpetua", conversationId);
    await expectOk(
      await send("customers/data_request", {
        shop_domain: SHOP,
        customer: { id: customer.id, email: who.email, phone: who.phone },
        orders_requested: [order.id],
        data_request: { id: 4242 },
      }),
    );
    await settled();
    expect(query(app.databasePath, "SELECT id, customer_id FROM data_requests WHERE shop = ?", SHOP)).toContainEqual({
      id: "dr_4242",
      customer_id: String(customer.id),
    });

    const res = await fetch(`${app.url}/app/data-requests/dr_4242`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="data-request-dr_4242.json"');
    const report = (await res.json()) as {
      customer: { email: string };
      orders: { id: string }[];
      conversations: { id: string; messages: { text: string }[] }[];
      tickets: { contact: { email: string }; transcript: unknown[] }[];
      ratings: { comment: string }[];
      returnRequests: { orderNumber: string; option: string; reason: string; status: string }[];
    };
    expect(report.customer.email).toBe(who.email);
    expect(report.orders.map((o) => o.id)).toEqual([String(order.id)]);
    expect(report.conversations.map((c) => c.id)).toEqual([conversationId]);
    expect(report.conversations[0].messages.some((m) => m.text.includes(who.words))).toBe(true);
    expect(report.tickets).toHaveLength(1);
    expect(report.tickets[0].contact.email).toBe(who.email);
    expect(report.ratings[0].comment).toContain(who.words);
    expect(report.returnRequests).toEqual([
      expect.objectContaining({
        orderNumber: order.name.replace(/^#/, ""),
        option: "resize",
        reason: `${who.words} had tiny fingers`,
      }),
    ]);

    const missing = await fetch(`${app.url}/app/data-requests/dr_nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("data_request.not_found");
  });
});
