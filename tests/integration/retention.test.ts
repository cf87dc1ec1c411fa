// Retention: idle conversations anonymised after RETENTION_CONVERSATION_DAYS (their ticket copies too), raw analytics
// events purged after RETENTION_ANALYTICS_DAYS, expired idempotency records, finished rate-limit windows and old
// finished jobs removed — and, with several workers, each periodic task runs once per interval (a lease in the store).

import { afterEach, describe, expect, it } from "vitest";
import pino from "pino";
import { createWorker } from "~/platform/worker.server";
import { anonymiseIdleConversations, purgeHousekeeping, purgeOldAnalytics } from "~/services/retention.server";
import { analyticsEvent, conversation, message, shopValue, ticket } from "../store/fixtures/entities";
import { testRuntime } from "../support/runtime";

const SHOP = "aurora-retention.myshopify.com";
const DAY = 86_400_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(env: Record<string, string> = {}) {
  const t = await testRuntime({ env });
  cleanups.push(t.close);
  await t.store.shops.put(SHOP, shopValue());
  return t;
}

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe("retention", () => {
  it("anonymises conversations idle longer than the configured days, with their ticket transcript copies", async () => {
    const { runtime, store } = await setup({ RETENTION_CONVERSATION_DAYS: "30" });
    await store.conversations.create(SHOP, conversation("old", { updatedAt: ago(31), startedAt: ago(40) }));
    await store.conversations.create(SHOP, conversation("recent", { updatedAt: ago(29), startedAt: ago(40) }));
    await store.conversations.appendMessages(SHOP, "old", [
      message("m-old", "old", { text: "my old secret", createdAt: ago(35) }),
    ]);
    await store.conversations.appendMessages(SHOP, "recent", [
      message("m-new", "recent", { text: "still talking", createdAt: ago(30) }),
    ]);
    await store.tickets.create(
      SHOP,
      ticket("t-old", { conversationId: "old", context: { transcript: [{ text: "my old secret" }] } }),
    );

    expect(await anonymiseIdleConversations(runtime)).toBe(1);
    expect((await store.conversations.get(SHOP, "old"))!.erasedAt).not.toBeNull();
    expect((await store.conversations.messages(SHOP, "old"))[0].text).toBe("");
    const kept = await store.tickets.get(SHOP, "t-old");
    expect(kept!.context.transcript).toEqual([]);
    expect(kept!.contact.email).toBe("grace@example.com"); // the ticket can still be worked
    expect((await store.conversations.get(SHOP, "recent"))!.erasedAt).toBeNull();
    expect(await anonymiseIdleConversations(runtime)).toBe(0);
  });

  it("defaults to 90 days for conversations and purges raw analytics after 180 days", async () => {
    const { runtime, store } = await setup();
    expect(runtime.env.retentionConversationDays).toBe(90);
    expect(runtime.env.retentionAnalyticsDays).toBe(180);
    await store.conversations.create(SHOP, conversation("c-89", { updatedAt: ago(89) }));
    expect(await anonymiseIdleConversations(runtime)).toBe(0);
    await store.analytics.record(SHOP, [
      analyticsEvent("e-old", "widget_open", ago(181)),
      analyticsEvent("e-new", "widget_open", ago(179)),
    ]);
    expect(await purgeOldAnalytics(runtime)).toBe(1);
    expect(await store.analytics.counts(SHOP, ago(400), ago(0))).toEqual({ widget_open: 1 });
  });

  it("removes expired idempotency records, finished rate-limit windows and week-old finished jobs", async () => {
    const { runtime, store } = await setup();
    const now = new Date();
    await store.idempotency.begin(
      SHOP,
      "/proxy/messages",
      "old-key",
      "h",
      new Date(now.getTime() - 25 * 3_600_000),
      24 * 3_600_000,
    );
    await store.idempotency.begin(SHOP, "/proxy/messages", "new-key", "h", now, 24 * 3_600_000);
    await store.rateLimits.hit(SHOP, "general", "10.0.0.1", new Date(now.getTime() - 120_000), 60_000);
    await store.jobs.enqueue(SHOP, {
      id: "j-old",
      kind: "webhook",
      key: null,
      payload: {},
      runAt: ago(9),
      createdAt: ago(9),
    });
    const claimed = await store.jobs.claim(["webhook"], "w", new Date(now.getTime() - 8 * DAY), 1000);
    await store.jobs.finish(SHOP, claimed!.id, "w", "done", null, new Date(now.getTime() - 8 * DAY));
    const result = await purgeHousekeeping(runtime, new Date(now.getTime() + 300_000));
    expect(result).toMatchObject({ idempotency: 1, jobs: 1 });
    expect(result.rateLimits).toBeGreaterThanOrEqual(1);
    expect((await store.idempotency.begin(SHOP, "/proxy/messages", "new-key", "h", now, 1000)).state).toBe(
      "in_progress",
    );
    expect(await store.jobs.get(SHOP, "j-old")).toBeNull();
  });

  it("with several workers, each periodic task runs once per interval", async () => {
    const { store } = await setup();
    const runs: string[] = [];
    const workers = ["p1", "p2", "p3"].map((name) =>
      createWorker({
        store,
        logger: pino({ level: "silent" }),
        handlers: {},
        lanes: [{ name: "all", kinds: ["none"] }],
        pollMs: 20,
        tasks: [
          { name: "retention-test", intervalMs: 60 * 60_000, run: async () => void runs.push(name) },
          { name: "second-test", intervalMs: 60 * 60_000, run: async () => void runs.push(`${name}:second`) },
        ],
      }),
    );
    workers.forEach((w) => w.start());
    cleanups.push(async () => {
      await Promise.all(workers.map((w) => w.stop()));
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(runs.filter((r) => !r.endsWith(":second"))).toHaveLength(1);
    expect(runs.filter((r) => r.endsWith(":second"))).toHaveLength(1);
  });
});
