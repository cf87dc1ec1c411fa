// The Overview's numbers from known data (local mode, the demo shop's owner, no storefront traffic but what is
// seeded): conversations with intents and escalations, CSAT ratings, hourly storefront request stats, and an order
// attributed to a conversation through the widget's cart attribute, delivered by the real orders/create webhook —
// so conversion reaches the admin end to end.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAdmin } from "../support/adminClient";
import { startApp, type RunningApp } from "../support/app";
import { localSecret } from "../support/proxy";
import { orderPayload } from "../support/shopifyPayloads";
import { count, DEMO_SHOP, eventually, execute, expectOk, query } from "../support/storefront";
import { deliver } from "../support/webhooks";

let app: RunningApp;
const DAY_MS = 86_400_000;
const now = new Date();
const today = now.toISOString().slice(0, 10);
const yesterdayAt = new Date(now.getTime() - DAY_MS);
const yesterday = yesterdayAt.toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await app?.stop();
});

function conversation(id: string, at: Date, intent: string, escalated: boolean) {
  execute(
    app.databasePath,
    "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
      "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, ?, NULL, '{}', ?, ?, ?, NULL, 2, 0, ?, ?, NULL)",
    DEMO_SHOP,
    id,
    `v-${id}`,
    intent,
    escalated ? "escalated" : "resolved",
    escalated ? 1 : 0,
    at.toISOString(),
    at.toISOString(),
  );
}

function rating(conversationId: string, stars: number, at: Date) {
  execute(
    app.databasePath,
    "INSERT INTO csat_ratings (shop, id, conversation_id, rating, comment, intent, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?)",
    DEMO_SHOP,
    `csat-${conversationId}`,
    conversationId,
    stars,
    at.toISOString(),
  );
}

function requestStats(at: Date, requests: number, errors: number) {
  const hour = new Date(at.getTime() - (at.getTime() % 3_600_000)).toISOString();
  execute(
    app.databasePath,
    "INSERT INTO request_stats (shop, hour, requests, errors, latency) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (shop, hour) DO UPDATE SET requests = requests + excluded.requests, errors = errors + excluded.errors",
    DEMO_SHOP,
    hour,
    requests,
    errors,
    JSON.stringify([requests, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  );
}

describe("Overview numbers", () => {
  it("deflection, CSAT, conversion (an order attributed by the cart attribute), error rate and intents", async () => {
    // Before: the demo shop has no conversations, ratings or attributed orders in range (else the numbers prove nothing).
    const before = await localAdmin(app).load("/app?days=7", "routes/app._index");
    expect(before.body.numbers.totals).toMatchObject({ conversations: 0, csatCount: 0, conversions: 0 });

    // Today: 8 conversations, 2 escalated; yesterday: 2, 1 escalated.
    const intents = [
      "find_product",
      "find_product",
      "find_product",
      "track_order",
      "track_order",
      "return",
      "faq",
      "faq",
    ];
    intents.forEach((intent, i) => conversation(`conv-ov-${i}`, now, intent, i < 2));
    conversation("conv-ov-y0", yesterdayAt, "find_product", true);
    conversation("conv-ov-y1", yesterdayAt, "track_order", false);
    rating("conv-ov-0", 5, now);
    rating("conv-ov-1", 4, now);
    rating("conv-ov-2", 2, now);
    rating("conv-ov-y1", 1, yesterdayAt);
    requestStats(now, 400, 6);
    requestStats(yesterdayAt, 100, 4);

    // The widget put the conversation's id on the cart; Shopify sends the order with it as a note attribute.
    const order = orderPayload({
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      total_price: "1450.00",
      note_attributes: [{ name: "_concierge_conversation_id", value: "conv-ov-3" }],
    });
    await expectOk(
      await deliver(app.url, "orders/create", order, { shop: DEMO_SHOP, secret: localSecret(app.dataDir) }),
    );
    await eventually(
      async () =>
        count(app.databasePath, "SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'running')") === 0,
      15_000,
      100,
    );
    expect(query(app.databasePath, "SELECT conversation_id FROM orders WHERE id = ?", String(order.id))).toEqual([
      { conversation_id: "conv-ov-3" },
    ]);

    const page = await localAdmin(app).load("/app?days=7", "routes/app._index");
    expect(page.status).toBe(200);
    const { totals, intents: byIntent, days } = page.body.numbers;
    expect(totals).toMatchObject({
      conversations: 10,
      escalated: 3,
      deflection: 0.7,
      csatCount: 4,
      csatAverage: 3,
      csatDistribution: [1, 1, 0, 1, 1],
      conversions: 1,
      conversionRate: 0.1,
      revenue: 1450,
      requests: 500,
      errorRate: 0.02,
    });
    expect(byIntent).toEqual([
      { intent: "find_product", count: 4 },
      { intent: "track_order", count: 3 },
      { intent: "faq", count: 2 },
      { intent: "return", count: 1 },
    ]);
    const dayOf = (d: string) => days.find((x: { day: string }) => x.day === d);
    expect(dayOf(today)).toMatchObject({
      conversations: 8,
      deflection: 0.75,
      csatAverage: 11 / 3,
      conversions: 1,
      errorRate: 0.015,
    });
    expect(dayOf(yesterday)).toMatchObject({
      conversations: 2,
      deflection: 0.5,
      csatAverage: 1,
      conversions: 0,
      errorRate: 0.04,
    });
  });
});
