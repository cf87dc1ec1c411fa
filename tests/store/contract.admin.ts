// The store contract for what the embedded admin added: ticket versions, queue filters, audit prefixes, reports,
// hourly request stats and leases. Runs inside `storeContract`, so every adapter passes it too.

import { describe, expect, it } from "vitest";
import { ConflictError, LATENCY_BUCKETS_MS, type Store } from "~/store/port";
import {
  analyticsEvent,
  at,
  auditEntry,
  conversation,
  csatRating,
  order,
  shopValue,
  T0,
  ticket,
} from "./fixtures/entities";

const A = "aurora-a.myshopify.com";
const B = "aurora-b.myshopify.com";
const BUCKETS = LATENCY_BUCKETS_MS.length + 1;

async function conflictOf(call: Promise<unknown>): Promise<ConflictError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  return error as ConflictError;
}

export function adminStoreContract(current: () => Store): void {
  describe("shops: partial updates", () => {
    it("patches rollout and settings independently; a rollout guard refuses a stale write", async () => {
      const store = current();
      const value = shopValue();
      await store.shops.put(A, value);
      const rollout = { ...value.rollout, enabled: false, updatedAt: at(10) };
      const killed = await store.shops.patch(A, { rollout, updatedAt: at(10) }, { ifRolloutUpdatedAt: at(1) });
      expect(killed).toEqual({ shop: A, ...value, rollout, updatedAt: at(10) });

      const settings = { ...value.settings, sla: { standardHours: 8, priorityHours: 2 } };
      const tuned = await store.shops.patch(A, { settings, updatedAt: at(11) });
      expect(tuned!.rollout).toEqual(rollout); // the settings edit kept the kill switch
      expect(tuned!.settings.sla).toEqual({ standardHours: 8, priorityHours: 2 });

      const stale = { ...value.rollout, enabled: true, updatedAt: at(12) };
      const error = await store.shops
        .patch(A, { rollout: stale, updatedAt: at(12) }, { ifRolloutUpdatedAt: at(1) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((await store.shops.get(A))!.rollout.enabled).toBe(false);
      expect(await store.shops.patch(B, { name: "x", updatedAt: at(1) })).toBeNull();
      expect(await store.shops.patch(B, { name: "x", updatedAt: at(1) }, { ifRolloutUpdatedAt: at(1) })).toBeNull();
    });
  });

  describe("tickets: versions and the desk's filters", () => {
    const event = (minute: number, type = "status_changed") => ({ at: at(minute), actor: "maya", type });

    it("every write adds one to the version; an edit on a stale version is refused and changes nothing", async () => {
      const store = current();
      expect((await store.tickets.create(A, ticket("t-1"))).version).toBe(1);
      const moved = await store.tickets.update(A, "t-1", { status: "in_progress" }, event(1), 1);
      expect(moved).toMatchObject({ status: "in_progress", version: 2 });
      const noted = await store.tickets.addNote(A, "t-1", { id: "n-1", author: "lee", body: "Called", at: at(2) });
      expect(noted!.version).toBe(3);

      const stale = await conflictOf(store.tickets.update(A, "t-1", { status: "resolved" }, event(3), 2));
      expect(stale.entity).toBe("ticket");
      expect(stale.currentVersion).toBe(3);
      const after = await store.tickets.get(A, "t-1");
      expect(after).toMatchObject({ status: "in_progress", version: 3 });
      expect(after!.events).toHaveLength(2);

      // Without an expected version the write is unconditional (system events, replies).
      expect((await store.tickets.update(A, "t-1", {}, event(4, "replied")))!.version).toBe(4);
      expect(await store.tickets.update(A, "t-404", { status: "resolved" }, event(5), 1)).toBeNull();
    });

    it("two edits racing on one version: exactly one wins, the other gets a conflict", async () => {
      const store = current();
      await store.tickets.create(A, ticket("t-1"));
      const results = await Promise.allSettled([
        store.tickets.update(A, "t-1", { status: "waiting" }, event(1), 1),
        store.tickets.update(A, "t-1", { status: "resolved" }, event(1), 1),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect((await store.tickets.get(A, "t-1"))!.version).toBe(2);
    });

    it("addNote can record an event with the note", async () => {
      const store = current();
      await store.tickets.create(A, ticket("t-1"));
      const note = { id: "n-1", author: "maya", body: "Sized 6.5 per call", at: at(3) };
      const saved = await store.tickets.addNote(A, "t-1", note, { at: at(3), actor: "maya", type: "noted" });
      expect(saved!.internalNotes).toEqual([note]);
      expect(saved!.events.map((e) => e.type)).toEqual(["created", "noted"]);
    });

    it("filters by several statuses and by conversation, and counts what a filter matches", async () => {
      const store = current();
      await store.tickets.create(A, ticket("t-1", { status: "open", conversationId: "c-1", assignee: "maya" }));
      await store.tickets.create(A, ticket("t-2", { status: "waiting", conversationId: "c-2", slaDueAt: at(1) }));
      await store.tickets.create(A, ticket("t-3", { status: "resolved", conversationId: "c-1", slaDueAt: at(2) }));
      await store.tickets.create(B, ticket("t-9", { status: "open" }));
      const ids = async (filter: Parameters<Store["tickets"]["list"]>[1]) =>
        (await store.tickets.list(A, filter)).items.map((t) => t.id);
      expect(await ids({ statuses: ["open", "in_progress", "waiting"] })).toEqual(["t-2", "t-1"]);
      expect(await ids({ statuses: [] })).toEqual([]);
      expect(await ids({ conversationId: "c-1" })).toEqual(["t-3", "t-1"]);
      expect(await ids({ conversationId: "c-1", statuses: ["resolved"] })).toEqual(["t-3"]);
      expect(await ids({ assignee: null })).toEqual(["t-2", "t-3"]);
      expect(await ids({ assignee: null, statuses: ["open", "waiting"] })).toEqual(["t-2"]);
      expect(await store.tickets.count(A, { assignee: null })).toBe(2);
      expect(await store.tickets.count(A)).toBe(3);
      expect(await store.tickets.count(A, { statuses: ["open", "waiting"] })).toBe(2);
      expect(await store.tickets.count(A, { status: "resolved" })).toBe(1);
      expect(await store.tickets.count(B, { conversationId: "c-1" })).toBe(0);
    });
  });

  describe("audit: action prefixes", () => {
    it("keeps only actions starting with the prefix, newest first, prefix characters taken literally", async () => {
      const store = current();
      await store.audit.record(A, auditEntry("a-1", { action: "rollout.update", at: at(1) }));
      await store.audit.record(A, auditEntry("a-2", { action: "ticket.status", at: at(2) }));
      const paused = auditEntry("a-3", { action: "rollout.guarded.pause", at: at(3), reason: "error rate 5% > 2%" });
      await store.audit.record(A, paused);
      await store.audit.record(A, auditEntry("a-4", { action: "rolloutXupdate", at: at(4) }));
      await store.audit.record(B, auditEntry("b-1", { action: "rollout.update", at: at(5) }));
      const page = await store.audit.list(A, { limit: 10 }, { actionPrefix: "rollout." });
      expect(page.items.map((e) => e.id)).toEqual(["a-3", "a-1"]);
      expect(page.items[0]).toEqual(paused);
      const first = await store.audit.list(A, { limit: 1 }, { actionPrefix: "rollout." });
      const second = await store.audit.list(A, { limit: 1, cursor: first.nextCursor }, { actionPrefix: "rollout." });
      expect([...first.items, ...second.items].map((e) => e.id)).toEqual(["a-3", "a-1"]);
      expect((await store.audit.list(A, {}, { actionPrefix: ".*" })).items).toEqual([]);
      expect((await store.audit.list(A)).items).toHaveLength(4);
    });
  });

  describe("reports", () => {
    const DAY = 24 * 60;

    it("counts conversations per UTC day with escalations and resolutions, and intents", async () => {
      const store = current();
      const specs = [
        { id: "c-1", startedAt: at(10), outcome: "resolved", escalated: false, lastIntent: "find_product" },
        { id: "c-2", startedAt: at(20), outcome: "escalated", escalated: true, lastIntent: "track_order" },
        { id: "c-3", startedAt: at(DAY + 5), outcome: "open", escalated: false, lastIntent: null },
        { id: "c-4", startedAt: at(2 * DAY + 5), outcome: "resolved", escalated: false, lastIntent: "find_product" },
      ] as const;
      for (const s of specs) await store.conversations.create(A, conversation(s.id, { ...s, updatedAt: s.startedAt }));
      await store.conversations.create(B, conversation("c-1", { startedAt: at(10) }));
      expect(await store.reports.conversationsByDay(A, at(0), at(2 * DAY))).toEqual([
        { day: "2025-01-01", conversations: 2, escalated: 1, resolved: 1 },
        { day: "2025-01-02", conversations: 1, escalated: 0, resolved: 0 },
      ]);
      expect(await store.reports.intents(A, at(0), at(3 * DAY))).toEqual({
        find_product: 2,
        track_order: 1,
        unknown: 1,
      });
      expect(await store.reports.intents(A, at(DAY), at(DAY + 1))).toEqual({});
    });

    it("counts CSAT by day and rating, attributed orders with revenue, and events of one name", async () => {
      const store = current();
      await store.csat.create(A, csatRating("r-1", "c-1", { rating: 5, createdAt: at(1) }));
      await store.csat.create(A, csatRating("r-2", "c-2", { rating: 5, createdAt: at(2) }));
      await store.csat.create(A, csatRating("r-3", "c-3", { rating: 2, createdAt: at(3) }));
      await store.csat.create(A, csatRating("r-4", "c-4", { rating: 4, createdAt: at(DAY + 1) }));
      expect(await store.reports.csatByDay(A, at(0), at(2 * DAY))).toEqual([
        { day: "2025-01-01", rating: 2, count: 1 },
        { day: "2025-01-01", rating: 5, count: 2 },
        { day: "2025-01-02", rating: 4, count: 1 },
      ]);

      await store.orders.put(A, order("o-1", { placedAt: at(5), total: 100, conversationId: "c-1" }));
      await store.orders.put(A, order("o-2", { placedAt: at(6), total: 250.5, conversationId: "c-2" }));
      await store.orders.put(A, order("o-3", { placedAt: at(7), total: 999, conversationId: null }));
      await store.orders.put(A, order("o-4", { placedAt: at(DAY + 7), total: 10, conversationId: null }));
      await store.orders.attribute(A, "o-4", "c-3");
      expect(await store.reports.conversionsByDay(A, at(0), at(2 * DAY))).toEqual([
        { day: "2025-01-01", orders: 2, revenue: 350.5 },
        { day: "2025-01-02", orders: 1, revenue: 10 },
      ]);

      await store.analytics.record(A, [
        analyticsEvent("e-1", "widget_open", at(1)),
        analyticsEvent("e-2", "widget_open", at(DAY + 1)),
        analyticsEvent("e-3", "widget_open", at(DAY + 2)),
        analyticsEvent("e-4", "message_sent", at(DAY + 3)),
      ]);
      expect(await store.reports.eventsByDay(A, "widget_open", at(0), at(2 * DAY))).toEqual([
        { day: "2025-01-01", count: 1 },
        { day: "2025-01-02", count: 2 },
      ]);
      expect(await store.reports.eventsByDay(B, "widget_open", at(0), at(2 * DAY))).toEqual([]);
    });
  });

  describe("request stats", () => {
    const zeros = () => Array.from({ length: BUCKETS }, () => 0);
    const hist = (entries: Record<number, number>) => zeros().map((_, i) => entries[i] ?? 0);

    it("adds increments into their hour and lists hours in [from, to), oldest first", async () => {
      const store = current();
      await store.requestStats.add(A, [
        { hour: at(60), requests: 10, errors: 1, latency: hist({ 0: 8, 3: 2 }) },
        { hour: at(0), requests: 4, errors: 0, latency: hist({ 1: 4 }) },
      ]);
      await store.requestStats.add(A, [{ hour: at(60), requests: 5, errors: 2, latency: hist({ 3: 1, 10: 4 }) }]);
      await store.requestStats.add(A, []);
      await store.requestStats.add(B, [{ hour: at(60), requests: 99, errors: 99, latency: hist({ 0: 99 }) }]);
      expect(await store.requestStats.list(A, at(0), at(120))).toEqual([
        { hour: at(0), requests: 4, errors: 0, latency: hist({ 1: 4 }) },
        { hour: at(60), requests: 15, errors: 3, latency: hist({ 0: 8, 3: 3, 10: 4 }) },
      ]);
      expect(await store.requestStats.list(A, at(60), at(61))).toHaveLength(1);
      expect(await store.requestStats.list(A, at(61), at(120))).toEqual([]);
    });

    it("concurrent flushes into one hour lose nothing", async () => {
      const store = current();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.requestStats.add(A, [{ hour: at(0), requests: 1, errors: 0, latency: hist({ 2: 1 }) }]),
        ),
      );
      expect(await store.requestStats.list(A, at(0), at(1))).toEqual([
        { hour: at(0), requests: 10, errors: 0, latency: hist({ 2: 10 }) },
      ]);
    });
  });

  describe("leases", () => {
    const now = new Date(T0);
    const later = (ms: number) => new Date(T0 + ms);

    it("one holder at a time; renewals by the holder; free again when expired or released", async () => {
      const store = current();
      expect(await store.leases.acquire(A, "rollout", "p1", now, 60_000)).toBe(true);
      expect(await store.leases.acquire(A, "rollout", "p2", later(1_000), 60_000)).toBe(false);
      expect(await store.leases.acquire(A, "rollout", "p1", later(30_000), 60_000)).toBe(true); // renewal
      expect(await store.leases.acquire(A, "rollout", "p2", later(70_000), 60_000)).toBe(false); // renewed to 90 s
      expect(await store.leases.acquire(A, "rollout", "p2", later(90_000), 60_000)).toBe(true); // expired
      expect(await store.leases.acquire(A, "other", "p1", now, 60_000)).toBe(true); // another name
      expect(await store.leases.acquire(B, "rollout", "p1", now, 60_000)).toBe(true); // another shop
      await store.leases.release(A, "rollout", "p1"); // not the holder: nothing happens
      expect(await store.leases.acquire(A, "rollout", "p1", later(91_000), 60_000)).toBe(false);
      await store.leases.release(A, "rollout", "p2");
      expect(await store.leases.acquire(A, "rollout", "p1", later(91_000), 60_000)).toBe(true);
    });

    it("of several racing holders exactly one gets a free lease", async () => {
      const store = current();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.leases.acquire(A, "rollout", `p${i}`, now, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
