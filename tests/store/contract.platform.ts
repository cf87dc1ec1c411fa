// The store contract for the platform groups (job queue, leases, sync progress, data requests) and the redaction
// and retention methods: every adapter runs it through `storeContract`.

import { describe, expect, it } from "vitest";
import type { NewJob, Store, SyncProgress } from "~/store/port";
import {
  analyticsEvent,
  at,
  auditEntry,
  conversation,
  csatRating,
  message,
  order,
  product,
  returnRequest,
  shortlist,
  T0,
  ticket,
} from "./fixtures/entities";

const A = "aurora-a.myshopify.com";
const B = "aurora-b.myshopify.com";

const job = (id: string, overrides: Partial<NewJob> = {}): NewJob => ({
  id,
  kind: "webhook",
  key: null,
  payload: { topic: "orders/create", email: "ada@example.com" },
  runAt: at(0),
  createdAt: at(0),
  ...overrides,
});
const now = (minutes: number) => new Date(T0 + minutes * 60_000);

export function platformContract(getStore: () => Store): void {
  describe("jobs", () => {
    it("refuses a second job with the same key in a shop, not in another shop", async () => {
      const store = getStore();
      expect(await store.jobs.enqueue(A, job("j-1", { key: "webhook-1" }))).toBe(true);
      expect(await store.jobs.enqueue(A, job("j-2", { key: "webhook-1" }))).toBe(false);
      expect(await store.jobs.enqueue(B, job("j-3", { key: "webhook-1" }))).toBe(true);
      expect(await store.jobs.enqueue(A, job("j-4"))).toBe(true);
      expect(await store.jobs.enqueue(A, job("j-5"))).toBe(true);
      expect((await store.jobs.counts(A, "webhook")).pending).toBe(3);
    });

    it("claims due work of the asked kinds once, leases it, and lets a dead worker's job be taken over", async () => {
      const store = getStore();
      await store.jobs.enqueue(A, job("later", { runAt: at(10) }));
      await store.jobs.enqueue(A, job("mail-1", { kind: "mail" }));
      await store.jobs.enqueue(A, job("hook-1"));

      const first = await store.jobs.claim(["webhook"], "w1", now(1), 60_000);
      expect(first).toMatchObject({ id: "hook-1", shop: A, status: "running", leaseOwner: "w1", attempts: 1 });
      expect(first!.payload).toEqual({ topic: "orders/create", email: "ada@example.com" });
      expect(await store.jobs.claim(["webhook"], "w2", now(1), 60_000)).toBeNull(); // "later" is not due
      expect((await store.jobs.claim(["mail"], "w2", now(1), 60_000))!.id).toBe("mail-1");

      // w1 dies: after its lease, w2 takes hook-1 over and w1 can no longer finish it.
      const taken = await store.jobs.claim(["webhook"], "w2", now(2), 60_000);
      expect(taken).toMatchObject({ id: "hook-1", leaseOwner: "w2", attempts: 2 });
      expect(await store.jobs.finish(A, "hook-1", "w1", "done", null, now(2))).toBe(false);
      expect(await store.jobs.finish(A, "hook-1", "w2", "done", null, now(2))).toBe(true);
      const done = await store.jobs.get(A, "hook-1");
      expect(done).toMatchObject({ status: "done", payload: {}, leaseOwner: null });
    });

    it("of concurrent claimers exactly one gets the job", async () => {
      const store = getStore();
      await store.jobs.enqueue(A, job("only"));
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.jobs.claim(["webhook"], `w${i}`, now(1), 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("reschedules with a new payload and reset attempts, and buries with the payload dropped", async () => {
      const store = getStore();
      await store.jobs.enqueue(A, job("j-1"));
      await store.jobs.claim(["webhook"], "w1", now(1), 60_000);
      expect(
        await store.jobs.reschedule(
          A,
          "j-1",
          "w1",
          { runAt: now(5), error: "smtp down", payload: { step: 2 } },
          now(1),
        ),
      ).toBe(true);
      expect(await store.jobs.get(A, "j-1")).toMatchObject({
        status: "pending",
        runAt: at(5),
        lastError: "smtp down",
        attempts: 1,
        payload: { step: 2 },
      });
      expect(await store.jobs.claim(["webhook"], "w1", now(4), 60_000)).toBeNull();
      await store.jobs.claim(["webhook"], "w1", now(5), 60_000);
      await store.jobs.reschedule(A, "j-1", "w1", { runAt: now(6), error: null, resetAttempts: true }, now(5));
      expect((await store.jobs.get(A, "j-1"))!.attempts).toBe(0);
      await store.jobs.claim(["webhook"], "w1", now(6), 60_000);
      expect(await store.jobs.finish(A, "j-1", "w1", "dead", "gave up", now(6))).toBe(true);
      expect(await store.jobs.get(A, "j-1")).toMatchObject({ status: "dead", payload: {}, lastError: "gave up" });
    });

    it("scrub drops payloads naming a person (pending ones die), never a running job's; purge drops old finished jobs", async () => {
      const store = getStore();
      await store.jobs.enqueue(A, job("pending-ada"));
      await store.jobs.enqueue(A, job("other", { payload: { email: "bob@example.com" } }));
      await store.jobs.enqueue(B, job("ada-in-b"));
      await store.jobs.enqueue(A, job("running-ada", { runAt: at(-1) }));
      await store.jobs.claim(["webhook"], "w1", now(0), 60_000);
      expect(await store.jobs.scrub(A, ["ADA@example.com"])).toBe(1);
      expect(await store.jobs.get(A, "pending-ada")).toMatchObject({ status: "dead", payload: {} });
      expect((await store.jobs.get(A, "running-ada"))!.payload).toEqual({
        topic: "orders/create",
        email: "ada@example.com",
      });
      expect((await store.jobs.get(A, "other"))!.payload).toEqual({ email: "bob@example.com" });
      expect((await store.jobs.get(B, "ada-in-b"))!.status).toBe("pending");

      await store.jobs.finish(A, "running-ada", "w1", "done", null, now(1));
      expect(await store.jobs.purgeFinished(now(1))).toBe(1); // pending-ada was last updated at 0
      expect(await store.jobs.get(A, "pending-ada")).toBeNull();
      expect(await store.jobs.get(A, "running-ada")).not.toBeNull();
    });
    it("backlog counts unfinished jobs per kind across shops, with the oldest due pending one", async () => {
      const store = getStore();
      expect(await store.jobs.backlog(now(0))).toEqual([]);
      await store.jobs.enqueue(A, job("hook-old", { runAt: at(1) }));
      await store.jobs.enqueue(B, job("hook-new", { runAt: at(2) }));
      await store.jobs.enqueue(A, job("hook-later", { runAt: at(30) })); // a retry waiting its turn: queued, not due
      await store.jobs.enqueue(A, job("mail-1", { kind: "mail", runAt: at(3) }));
      await store.jobs.enqueue(B, job("done-1", { kind: "backfill", runAt: at(0) }));
      await store.jobs.claim(["backfill"], "w1", now(0), 60_000);
      await store.jobs.finish(B, "done-1", "w1", "done", null, now(0));
      expect(await store.jobs.backlog(now(5))).toEqual([
        { kind: "mail", queued: 1, oldestDueAt: at(3) },
        { kind: "webhook", queued: 3, oldestDueAt: at(1) },
      ]);
      // A running job is still queued, but no longer waiting.
      await store.jobs.claim(["webhook"], "w1", now(5), 60_000);
      await store.jobs.claim(["mail"], "w1", now(5), 60_000);
      expect(await store.jobs.backlog(now(5))).toEqual([
        { kind: "mail", queued: 1, oldestDueAt: null },
        { kind: "webhook", queued: 3, oldestDueAt: at(2) },
      ]);
    });
  });

  describe("leases", () => {
    it("one holder per (shop, name) until it expires or is released; the holder may renew", async () => {
      const store = getStore();
      expect(await store.leases.acquire("*", "retention", "p1", now(0), 60_000)).toBe(true);
      expect(await store.leases.acquire("*", "retention", "p2", now(0), 60_000)).toBe(false);
      expect(await store.leases.acquire("*", "retention", "p1", now(0), 120_000)).toBe(true); // renewal
      expect(await store.leases.acquire(A, "retention", "p2", now(0), 60_000)).toBe(true); // another shop
      expect(await store.leases.acquire("*", "retention", "p2", now(1), 60_000)).toBe(false);
      expect(await store.leases.acquire("*", "retention", "p2", now(2), 60_000)).toBe(true); // expired
      await store.leases.release("*", "retention", "p1"); // not p1's any more: no effect
      expect(await store.leases.acquire("*", "retention", "p3", now(2), 60_000)).toBe(false);
      await store.leases.release("*", "retention", "p2");
      expect(await store.leases.acquire("*", "retention", "p3", now(2), 60_000)).toBe(true);
    });

    it("of concurrent takers exactly one gets a free lease", async () => {
      const store = getStore();
      const got = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.leases.acquire("*", "x", `p${i}`, now(0), 60_000)),
      );
      expect(got.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("sync progress and data requests", () => {
    it("round-trips progress per shop", async () => {
      const store = getStore();
      const progress: SyncProgress = {
        runId: "run-1",
        status: "running",
        phase: "customers",
        cursor: "eyJsYXN0X2lkIjo0Mn0=",
        counts: { products: 120, customers: 3, orders: 0 },
        ordersSince: at(-86_400),
        startedAt: at(0),
        finishedAt: null,
        updatedAt: at(1),
        lastError: null,
      };
      expect(await store.syncProgress.get(A)).toBeNull();
      expect(await store.syncProgress.put(A, progress)).toEqual(progress);
      expect(await store.syncProgress.get(A)).toEqual(progress);
      expect(await store.syncProgress.get(B)).toBeNull();
      await store.shops.purge(A);
      expect(await store.syncProgress.get(A)).toBeNull();
    });

    it("lists data requests newest first and removes a customer's by id or email", async () => {
      const store = getStore();
      const request = (id: string, minutes: number, customerId: string | null, email: string | null) => ({
        id,
        customerId,
        email,
        phone: null,
        ordersRequested: ["order-1"],
        requestedAt: at(minutes),
      });
      await store.dataRequests.put(A, request("dr-1", 1, "cust-1", "Ada@Example.com"));
      await store.dataRequests.put(A, request("dr-2", 2, null, "ada@example.com"));
      await store.dataRequests.put(A, request("dr-3", 3, "cust-2", "bob@example.com"));
      await store.dataRequests.put(B, request("dr-1", 1, "cust-1", "ada@example.com"));
      expect(await store.dataRequests.get(A, "dr-1")).toEqual(request("dr-1", 1, "cust-1", "Ada@Example.com"));
      const first = await store.dataRequests.list(A, { limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual(["dr-3", "dr-2"]);
      expect((await store.dataRequests.list(A, { cursor: first.nextCursor, limit: 2 })).items.map((r) => r.id)).toEqual(
        ["dr-1"],
      );
      expect(await store.dataRequests.removeFor(A, "cust-1", "ADA@example.com")).toBe(2);
      expect((await store.dataRequests.list(A)).items.map((r) => r.id)).toEqual(["dr-3"]);
      expect(await store.dataRequests.get(B, "dr-1")).not.toBeNull();
    });
  });

  describe("redaction", () => {
    it("finds conversations by a mention, by customer, by age; erase also drops the visitor id", async () => {
      const store = getStore();
      await store.conversations.create(A, conversation("c-1", { customerId: "cust-1", updatedAt: at(1) }));
      await store.conversations.create(A, conversation("c-2", { visitorId: "visitor-2", updatedAt: at(50) }));
      await store.conversations.create(B, conversation("c-3"));
      await store.conversations.appendMessages(A, "c-2", [
        message("m-1", "c-2", { text: "it's Ada.Lovelace@Example.com thanks" }),
      ]);
      await store.conversations.appendMessages(B, "c-3", [message("m-2", "c-3", { text: "ada.lovelace@example.com" })]);
      expect(await store.conversations.findMentioning(A, "ada.lovelace@example.com")).toEqual(["c-2"]);
      expect(await store.conversations.findMentioning(A, "lovelace@example.org")).toEqual([]);
      expect((await store.conversations.list(A, { customerId: "cust-1" })).items.map((c) => c.id)).toEqual(["c-1"]);
      expect(
        (await store.conversations.list(A, { updatedBefore: at(40), erased: false })).items.map((c) => c.id),
      ).toEqual(["c-1"]);
      await store.conversations.erase(A, "c-1");
      expect((await store.conversations.get(A, "c-1"))!.visitorId).toBe("");
      expect((await store.conversations.list(A, { updatedBefore: at(40), erased: false })).items).toEqual([]);
      expect((await store.conversations.list(A, { erased: true })).items.map((c) => c.id)).toEqual(["c-1"]);
    });

    it("redacts tickets found by conversation or contact email, transcript only or all of it", async () => {
      const store = getStore();
      const t1 = ticket("t-1", { conversationId: "c-1" });
      await store.tickets.create(A, t1);
      await store.tickets.create(
        A,
        ticket("t-2", { conversationId: null, contact: { name: "Ada L", email: "ADA@example.com", phone: "+1 555" } }),
      );
      await store.tickets.create(
        A,
        ticket("t-3", { conversationId: "c-9", contact: { name: "Bob", email: "bob@example.com", phone: null } }),
      );
      expect(await store.tickets.findForRedaction(A, { conversationIds: ["c-1"], email: "ada@example.com" })).toEqual([
        "t-1",
        "t-2",
      ]);
      expect(await store.tickets.findForRedaction(B, { conversationIds: ["c-1"], email: "ada@example.com" })).toEqual(
        [],
      );

      const event = { at: at(9), actor: "privacy", type: "redacted" };
      expect(await store.tickets.redact(A, "t-1", "transcript", event)).toBe(true);
      const partly = (await store.tickets.get(A, "t-1"))!;
      expect(partly.context.transcript).toEqual([]);
      expect(partly.contact).toEqual(t1.contact);
      expect(partly.events.at(-1)).toEqual(event);

      await store.tickets.addNote(A, "t-2", {
        id: "n-1",
        author: "agent",
        body: "Ada called about her ring",
        at: at(2),
      });
      expect(await store.tickets.redact(A, "t-2", "all", event)).toBe(true);
      const all = (await store.tickets.get(A, "t-2"))!;
      expect(all.contact).toEqual({ name: "", email: "", phone: null });
      expect(all.internalNotes.map((n) => n.body)).toEqual([""]);
      expect(JSON.stringify(all)).not.toMatch(/ada|555/i);
      expect(await store.tickets.redact(B, "t-3", "all", event)).toBe(false);
      expect(await store.tickets.redact(A, "t-404", "all", event)).toBe(false);
    });

    it("redacts return reasons and CSAT comments, removes shortlists, unlinks analytics", async () => {
      const store = getStore();
      await store.returns.create(
        A,
        returnRequest("r-1", {
          conversationId: "c-1",
          reason: "Ada's ring is too small",
          eligibility: { eligible: true, transcript: ["hi"] },
        }),
      );
      await store.returns.create(
        A,
        returnRequest("r-2", { orderId: "order-9", lineItemId: "li-9", conversationId: null }),
      );
      await store.returns.create(
        A,
        returnRequest("r-3", { orderId: "order-8", lineItemId: "li-8", conversationId: "c-8" }),
      );
      expect(await store.returns.findForRedaction(A, { conversationIds: ["c-1"], orderIds: ["order-9"] })).toEqual([
        "r-1",
        "r-2",
      ]);
      expect(await store.returns.redact(A, "r-1")).toBe(true);
      expect(await store.returns.get(A, "r-1")).toMatchObject({ reason: "", eligibility: { eligible: true } });
      expect((await store.returns.get(A, "r-1"))!.eligibility).not.toHaveProperty("transcript");
      expect(await store.returns.redact(B, "r-1")).toBe(false);

      await store.csat.create(A, csatRating("s-1", "c-1", { comment: "Ada says thanks" }));
      await store.csat.create(A, csatRating("s-2", "c-2", { comment: "keep me" }));
      expect(await store.csat.redactComments(A, ["c-1"])).toBe(1);
      expect((await store.csat.getForConversation(A, "c-1"))!.comment).toBeNull();
      expect((await store.csat.getForConversation(A, "c-2"))!.comment).toBe("keep me");

      await store.shortlists.put(A, shortlist("sl-1", { conversationId: "c-1" }));
      await store.shortlists.put(A, shortlist("sl-2", { conversationId: null, visitorId: "v-ada" }));
      await store.shortlists.put(A, shortlist("sl-3", { conversationId: null, visitorId: "v-bob", expiresAt: at(5) }));
      expect(await store.shortlists.removeFor(A, { conversationIds: ["c-1"], visitorIds: ["v-ada"] })).toBe(2);
      expect(await store.shortlists.get(A, "sl-2")).toBeNull();
      expect(await store.shortlists.purgeExpired(A, at(5))).toBe(1);

      await store.analytics.record(A, [
        analyticsEvent("e-1", "widget_open", at(1), { conversationId: "c-1", visitorHash: "h-ada" }),
        analyticsEvent("e-2", "product_view", at(2), { conversationId: null, visitorHash: "h-ada" }),
        analyticsEvent("e-3", "product_view", at(3), {
          conversationId: null,
          visitorHash: "h-bob",
          props: { conversationId: "c-1", n: 1 },
        }),
        analyticsEvent("e-4", "product_view", at(4), { conversationId: "c-2", visitorHash: "h-bob" }),
      ]);
      expect(await store.analytics.unlink(A, { conversationIds: ["c-1"], visitorHashes: ["h-ada"] }, "gone")).toBe(3);
      expect(await store.analytics.counts(A, at(0), at(10))).toEqual({ widget_open: 1, product_view: 3 });
      expect(await store.analytics.purgeBefore(A, at(3))).toBe(2);
      expect(await store.analytics.counts(A, at(0), at(10))).toEqual({ product_view: 2 });
    });

    it("scrubs audit entries and idempotent answers that name a person", async () => {
      const store = getStore();
      await store.audit.record(A, auditEntry("a-1", { before: null, after: { contact: "ada@example.com" } }));
      await store.audit.record(A, auditEntry("a-2", { after: { percent: 10 } }));
      expect(await store.audit.scrub(A, ["ADA@example.com"])).toBe(1);
      const entries = (await store.audit.list(A)).items;
      expect(entries.find((e) => e.id === "a-1")).toMatchObject({ before: null, after: null });
      expect(entries.find((e) => e.id === "a-2")!.after).toEqual({ percent: 10 });

      await store.idempotency.begin(A, "/proxy/messages", "key-1", "h", now(0), 60_000);
      await store.idempotency.complete(A, "/proxy/messages", "key-1", {
        status: 200,
        body: '{"email":"ada@example.com"}',
        headers: {},
      });
      await store.idempotency.begin(A, "/proxy/messages", "key-2", "h", now(0), 60_000);
      await store.idempotency.complete(A, "/proxy/messages", "key-2", { status: 200, body: "{}", headers: {} });
      expect(await store.idempotency.scrub(A, ["ada@example.com"])).toBe(1);
      expect(await store.idempotency.begin(A, "/proxy/messages", "key-1", "h2", now(0), 60_000)).toEqual({
        state: "new",
      });
      expect((await store.idempotency.begin(A, "/proxy/messages", "key-2", "h", now(0), 60_000)).state).toBe("replay");
    });

    it("finds a product by its variant's inventory item", async () => {
      const store = getStore();
      const p = product("p-1");
      await store.products.put(A, {
        ...p,
        variants: [{ ...p.variants[0], inventoryItemId: "inv-7", inventoryByLocation: { "loc-1": 3 } }],
      });
      expect((await store.products.findByInventoryItem(A, "inv-7"))!.id).toBe("p-1");
      expect((await store.products.findByInventoryItem(A, "inv-7"))!.variants[0].inventoryByLocation).toEqual({
        "loc-1": 3,
      });
      expect(await store.products.findByInventoryItem(B, "inv-7")).toBeNull();
      expect(await store.products.findByInventoryItem(A, "inv-8")).toBeNull();
      await store.orders.put(A, order("o-1"));
    });
  });

  describe("housekeeping", () => {
    it("purges expired idempotency records and finished rate-limit windows", async () => {
      const store = getStore();
      await store.idempotency.begin(A, "/r", "k-1", "h", now(0), 60_000);
      await store.idempotency.begin(B, "/r", "k-2", "h", now(0), 180_000);
      expect(await store.idempotency.purgeExpired(now(2))).toBe(1);
      expect((await store.idempotency.begin(B, "/r", "k-2", "h", now(2), 60_000)).state).toBe("in_progress");
      await store.rateLimits.hit(A, "general", "1.2.3.4", now(0), 60_000);
      expect(await store.rateLimits.purgeExpired(new Date(Date.now() + 3_600_000))).toBeGreaterThanOrEqual(1);
      expect((await store.rateLimits.hit(A, "general", "1.2.3.4", now(0), 60_000)).count).toBe(1);
    });
  });
}
