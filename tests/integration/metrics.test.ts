// /api/metrics tells the truth: every family is exported from start-up (a counter that has not counted yet reads 0),
// in local and Shopify mode, and each metric moves on the real path where the thing it names happens — a shopper's
// turn, the launcher's config, an escalation and its email through the outbox, a rating, a webhook applied by the
// worker, a job left waiting, periodic tasks, a guarded rollout's stage and a breached gate.
// (Rate limits, store errors, client aborts, the kill switch gauge and language-model calls are asserted where those
// behaviours are tested: storefront.reliability, defects, storefront.isolation and languageModel.concierge.)

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { localAdmin } from "../support/adminClient";
import { parseExposition, type Sample } from "../support/prometheus";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { seedStageTraffic } from "../support/rolloutBreach";
import { shopifyEnv } from "../support/shopifyAdmin";
import { orderPayload } from "../support/shopifyPayloads";
import { DEMO_SHOP, eventually, execute, expectOk } from "../support/storefront";
import { deliver, startSmtpServer } from "../support/webhooks";

/** Families whose series are per shop: none until a shop is installed. */
const PER_SHOP = [
  "concierge_enabled",
  "concierge_rollout_percent",
  "concierge_rollout_stage",
  "concierge_rollout_paused",
];

async function scrape(app: RunningApp): Promise<{ types: Map<string, string>; samples: Sample[] }> {
  const res = await fetch(`${app.url}/api/metrics`);
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

/** The families declared (TYPE) that have no sample at all: what an alert could not read. */
function familiesWithoutSeries(types: Map<string, string>, samples: Sample[]): string[] {
  const family = (name: string) =>
    types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "").replace(/_created$/, "");
  const seen = new Set(samples.map((s) => family(s.name)));
  return [...types.keys()].filter((name) => !seen.has(name));
}

describe("every metric exists from start-up", () => {
  it("local mode: every family the app declares has a series before anything happened", async () => {
    const app = await startApp();
    try {
      const { types, samples } = await scrape(app);
      expect(familiesWithoutSeries(types, samples)).toEqual([]);
      const concierge = [...types.keys()].filter((n) => n.startsWith("concierge_"));
      expect(concierge.length).toBeGreaterThanOrEqual(27);
      const value = (name: string, labels: Record<string, string> = {}) =>
        samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
      // Counters start at 0 for every label an alert reads.
      expect(value("concierge_messages_total", { intent: "find_product" })).toBe(0);
      expect(value("concierge_conversations_total", { outcome: "escalated" })).toBe(0);
      expect(value("concierge_csat_ratings_total", { rating: "1" })).toBe(0);
      expect(value("concierge_csat_points_total")).toBe(0);
      expect(value("concierge_webhooks_total", { topic: "orders/create", outcome: "queued" })).toBe(0);
      expect(value("concierge_jobs_total", { kind: "mail", outcome: "retry" })).toBe(0);
      expect(value("concierge_emails_total", { kind: "agent_reply", outcome: "failed" })).toBe(0);
      expect(value("concierge_rollout_gate_breaches_total", { gate: "csat", action: "pause" })).toBe(0);
      expect(value("concierge_task_runs_total", { task: "rollout.guard", outcome: "failed" })).toBe(0);
      expect(value("concierge_widget_config_total", { reason: "killed" })).toBe(0);
      expect(value("concierge_client_aborts_total", { route: "proxy.messages" })).toBe(0);
      expect(value("concierge_http_request_duration_seconds_count", { route: "proxy.messages" })).toBe(0);
      expect(value("concierge_jobs_queued", { kind: "mail" })).toBe(0);
      expect(value("concierge_jobs_oldest_due_seconds", { kind: "webhook" })).toBe(0);
      expect(value("concierge_webhook_lag_seconds_count")).toBe(0);
      expect(value("concierge_rollout_stage", { shop: DEMO_SHOP })).toBe(0);
      expect(value("concierge_rollout_paused", { shop: DEMO_SHOP })).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it("Shopify mode: the same families, each with a series, but the per-shop gauges until a shop installs", async () => {
    const app = await startApp(shopifyEnv());
    try {
      const { types, samples } = await scrape(app);
      expect(familiesWithoutSeries(types, samples).sort()).toEqual([...PER_SHOP].sort());
      for (const name of PER_SHOP) expect(types.get(name)).toBe("gauge");
    } finally {
      await app.stop();
    }
  });
});

describe("each metric counts where it happens", () => {
  let app: RunningApp;
  let shopper: ProxyClient;
  let secret: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let refuseMail = false;

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: () => refuseMail });
    app = await startApp({
      RATE_LIMIT_PER_MINUTE: "100000",
      RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
      ROLLOUT_CHECK_SECONDS: "1",
      SMTP_URL: smtp.url,
      MAIL_FROM: "concierge@aurora.example",
    });
    secret = localSecret(app.dataDir);
    shopper = proxyClient(app.url, { shop: DEMO_SHOP, secret });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const value = async (name: string, labels: Record<string, string> = {}) => {
    const { samples } = await scrape(app);
    const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    return found.reduce((n, s) => n + s.value, 0);
  };
  const readings = async (names: [string, Record<string, string>?][]) =>
    Promise.all(names.map(([name, labels]) => value(name, labels)));

  async function conversation(visitorId: string, text: string) {
    return expectOk<{ conversationId: string; understanding: { intent: string } }>(
      await shopper.post("messages", { visitorId, text }),
    );
  }

  it("a shopper's turns: messages by intent, conversations started and resolved, the message route's latency", async () => {
    const names: [string, Record<string, string>?][] = [
      ["concierge_messages_total", { intent: "find_product" }],
      ["concierge_messages_total", { intent: "care_warranty" }],
      ["concierge_messages_total", { intent: "greeting" }],
      ["concierge_conversations_total", { outcome: "started" }],
      ["concierge_conversations_total", { outcome: "resolved" }],
      ["concierge_http_request_duration_seconds_count", { route: "proxy.messages" }],
      ["concierge_http_requests_total", { route: "proxy.messages", status: "200" }],
    ];
    const before = await readings(names);
    const first = await conversation("v-metrics-1", "rose gold rings under $800");
    expect(first.understanding.intent).toBe("find_product");
    // The shop's FAQ answers the care question: the conversation is resolved.
    const care = await expectOk<{ understanding: { intent: string } }>(
      await shopper.post("messages", {
        visitorId: "v-metrics-1",
        conversationId: first.conversationId,
        text: "how do I clean my silver jewelry?",
      }),
    );
    expect(care.understanding.intent).toBe("care_warranty");
    await expectOk(await shopper.post("messages", { visitorId: "v-metrics-2", text: "hello" }));
    const after = await readings(names);
    expect(after.map((v, i) => v - before[i])).toEqual([1, 1, 1, 2, 1, 3, 3]);
  });

  it("the launcher's config counts each answer by rollout decision; a consented widget_open event counts an open", async () => {
    const before = await readings([
      ["concierge_widget_config_total", { reason: "in_rollout" }],
      ["concierge_widget_opens_total"],
    ]);
    await expectOk(await shopper.get("config", { visitorId: "v-metrics-config" }));
    await expectOk(
      await shopper.post("events", {
        visitorId: "v-metrics-config",
        events: [
          { name: "widget_open", at: new Date().toISOString() },
          { name: "widget_close", at: new Date().toISOString() },
        ],
      }),
    );
    const after = await readings([
      ["concierge_widget_config_total", { reason: "in_rollout" }],
      ["concierge_widget_opens_total"],
    ]);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([1, 1]);
  });

  it("an escalation: a ticket, an escalated conversation, and its email through the outbox (a refusal retried)", async () => {
    const names: [string, Record<string, string>?][] = [
      ["concierge_tickets_created_total"],
      ["concierge_conversations_total", { outcome: "escalated" }],
      ["concierge_emails_total", { kind: "ticket_acknowledged", outcome: "queued" }],
      ["concierge_emails_total", { kind: "ticket_acknowledged", outcome: "failed" }],
      ["concierge_emails_total", { kind: "ticket_acknowledged", outcome: "sent" }],
      ["concierge_jobs_total", { kind: "mail", outcome: "retry" }],
      ["concierge_jobs_total", { kind: "mail", outcome: "done" }],
    ];
    const before = await readings(names);
    refuseMail = true;
    const chat = await conversation("v-metrics-escalate", "I want to talk to a stylist");
    await expectOk(
      await shopper.post("escalations", {
        visitorId: "v-metrics-escalate",
        conversationId: chat.conversationId,
        contact: { name: "Ada Lovelace", email: "ada@example.com" },
        topic: "sizing",
      }),
    );
    // The server refuses: the mail stays in the outbox, counted as queued there, and is retried.
    await eventually(
      async () => (await value("concierge_jobs_total", { kind: "mail", outcome: "retry" })) > before[5],
      15_000,
      100,
    );
    expect(await value("concierge_jobs_queued", { kind: "mail" })).toBeGreaterThanOrEqual(1);
    refuseMail = false;
    await eventually(async () => (await value("concierge_jobs_queued", { kind: "mail" })) === 0, 20_000, 200);
    const after = await readings(names);
    const delta = after.map((v, i) => v - before[i]);
    expect(delta.slice(0, 3)).toEqual([1, 1, 1]);
    expect(delta[3]).toBeGreaterThanOrEqual(1); // failed attempts
    expect(delta[4]).toBe(1); // sent once
    expect(delta[5]).toBe(delta[3]); // each failure is a retry
    expect(delta[6]).toBeGreaterThanOrEqual(1);
    expect(smtp.received.some((m) => m.to.includes("ada@example.com"))).toBe(true);
  });

  it("a CSAT rating counts its value and adds its points (the average's numerator)", async () => {
    const before = await readings([["concierge_csat_ratings_total", { rating: "4" }], ["concierge_csat_points_total"]]);
    const chat = await conversation("v-metrics-csat", "gold hoops");
    await expectOk(
      await shopper.post("csat", { visitorId: "v-metrics-csat", conversationId: chat.conversationId, rating: 4 }),
    );
    const after = await readings([["concierge_csat_ratings_total", { rating: "4" }], ["concierge_csat_points_total"]]);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([1, 4]);
  });

  it("a webhook: received, applied by the worker with its lag observed; an attributed order is a conversion", async () => {
    const names: [string, Record<string, string>?][] = [
      ["concierge_webhooks_total", { topic: "orders/create", outcome: "queued" }],
      ["concierge_webhooks_total", { topic: "orders/create", outcome: "duplicate" }],
      ["concierge_jobs_total", { kind: "webhook", outcome: "done" }],
      ["concierge_webhook_lag_seconds_count"],
      ["concierge_conversions_total"],
    ];
    const before = await readings(names);
    const chat = await conversation("v-metrics-order", "white gold necklace");
    const order = orderPayload({
      note_attributes: [{ name: "_concierge_conversation_id", value: chat.conversationId }],
    });
    const webhookId = `metrics-${Date.now()}`;
    await expectOk(await deliver(app.url, "orders/create", order, { shop: DEMO_SHOP, secret, webhookId }));
    await expectOk(await deliver(app.url, "orders/create", order, { shop: DEMO_SHOP, secret, webhookId }));
    await eventually(async () => (await value("concierge_webhook_lag_seconds_count")) > before[3], 15_000, 100);
    const after = await readings(names);
    expect(after.map((v, i) => v - before[i])).toEqual([1, 1, 1, 1, 1]);
    // Applied within a second or so on an idle worker: the observation sits in the low buckets.
    expect(await value("concierge_webhook_lag_seconds_bucket", { le: "10" })).toBeGreaterThan(before[3]);
  });

  it("a job no worker takes shows as queued and waiting, its age growing, and leaves the gauges when it goes", async () => {
    const due = new Date(Date.now() - 90_000).toISOString();
    execute(
      app.databasePath,
      "INSERT INTO jobs (shop, id, kind, key, payload, status, attempts, run_at, lease_owner, lease_expires_at, " +
        "last_error, created_at, updated_at) VALUES (?, 'job-metrics-stuck', 'reindex', NULL, '{}', 'pending', 0, ?, " +
        "NULL, NULL, NULL, ?, ?)",
      DEMO_SHOP,
      due,
      due,
      due,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await value("concierge_jobs_queued", { kind: "reindex" })).toBe(1);
    const age = await value("concierge_jobs_oldest_due_seconds", { kind: "reindex" });
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(120);
    execute(app.databasePath, "DELETE FROM jobs WHERE id = 'job-metrics-stuck'");
    await new Promise((r) => setTimeout(r, 300)); // past the reading one scrape shares
    const { samples } = await scrape(app);
    expect(samples.some((s) => s.name === "concierge_jobs_queued" && s.labels.kind === "reindex")).toBe(false);
    expect(samples.find((s) => s.name === "concierge_jobs_queued" && s.labels.kind === "webhook")?.value).toBe(0);
  });

  it("periodic tasks count the runs this process made", async () => {
    // The rollout check runs every second here; the SLA sweep and retention ran once at start-up.
    await eventually(
      async () => (await value("concierge_task_runs_total", { task: "rollout.guard", outcome: "done" })) >= 2,
    );
    expect(await value("concierge_task_runs_total", { task: "sla-sweep", outcome: "done" })).toBeGreaterThanOrEqual(1);
    expect(await value("concierge_task_runs_total", { outcome: "failed" })).toBe(0);
  });

  it("a guarded rollout shows its stage; a breached gate is counted by gate and action, and shows as paused", async () => {
    const admin = localAdmin(app);
    const seen = async () => (await admin.load("/app/rollout", "routes/app.rollout")).body.rollout.updatedAt as string;
    const before = await value("concierge_rollout_gate_breaches_total", { gate: "error_rate", action: "pause" });
    expect((await admin.act("/app/rollout", { intent: "guarded", seen: await seen(), step: "start" })).status).toBe(
      200,
    );
    await eventually(async () => (await value("concierge_rollout_stage", { shop: DEMO_SHOP })) === 1, 5_000, 200);
    expect(await value("concierge_rollout_percent", { shop: DEMO_SHOP })).toBe(0);
    expect(await value("concierge_rollout_paused", { shop: DEMO_SHOP })).toBe(0);

    seedStageTraffic(app.databasePath, DEMO_SHOP, {
      conversations: 110,
      requests: 1000,
      errors: 30,
      prefix: "metrics",
    });
    await eventually(
      async () =>
        (await value("concierge_rollout_gate_breaches_total", { gate: "error_rate", action: "pause" })) > before,
      20_000,
      250,
    );
    expect(await value("concierge_rollout_gate_breaches_total", { gate: "p95_latency" })).toBe(0);
    await eventually(async () => (await value("concierge_rollout_paused", { shop: DEMO_SHOP })) === 1, 5_000, 200);

    // Stopped and back to everyone, as the other tests of this file expect.
    expect((await admin.act("/app/rollout", { intent: "guarded", seen: await seen(), step: "stop" })).status).toBe(200);
    expect((await admin.act("/app/rollout", { intent: "percent", seen: await seen(), percent: "100" })).status).toBe(
      200,
    );
    await eventually(async () => (await value("concierge_rollout_stage", { shop: DEMO_SHOP })) === 0, 5_000, 200);
    expect(await value("concierge_rollout_paused", { shop: DEMO_SHOP })).toBe(0);
  });
});
