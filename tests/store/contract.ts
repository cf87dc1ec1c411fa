// The store contract: every adapter (SQLite always, MongoDB when MONGODB_URI is set) must pass all of it.
// Orders of lists are checked as the port documents them; ties are checked only as far as the port fixes them.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeCursor, InvalidCursorError } from "~/store/cursor";
import { DuplicateError, type Page, type PageRequest, type Store, type Ticket } from "~/store/port";
import {
  analyticsEvent,
  at,
  auditEntry,
  conversation,
  csatRating,
  customer,
  faqEntry,
  message,
  order,
  product,
  returnRequest,
  shopValue,
  shortlist,
  staffMember,
  T0,
  ticket,
} from "./fixtures/entities";
import { adminStoreContract } from "./contract.admin";
import { platformContract } from "./contract.platform";

export type StoreFactory = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

const A = "aurora-a.myshopify.com";
const B = "aurora-b.myshopify.com";

/** Follows nextCursor until the end; fails on a loop instead of hanging. */
async function walk<T>(
  fetch: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page<T> = await fetch({ cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error("pagination never ended");
  } while (cursor !== null);
  return { items, pages };
}

const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);
const sorted = (values: string[]): string[] => [...values].sort();

/** Cursors no adapter could have made: not base64 JSON, not an array, an empty key. */
const BAD_CURSORS = ["%%%not-a-cursor%%%", Buffer.from('{"a":1}').toString("base64url"), encodeCursor([])];

async function expectInvalidCursor(call: (cursor: string) => Promise<unknown>): Promise<void> {
  for (const cursor of BAD_CURSORS) {
    await expect(call(cursor)).rejects.toBeInstanceOf(InvalidCursorError);
  }
}

async function expectDuplicate(call: Promise<unknown>, entity: string): Promise<void> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DuplicateError);
  expect((error as DuplicateError).entity).toBe(entity);
}

const IDS = {
  staff: "user-1",
  product: "p-1",
  customer: "cust-1",
  order: "order-1",
  conversation: "conv-1",
  ticket: "ticket-1",
  returnRequest: "ret-1",
  csat: "csat-1",
  faq: "faq-1",
  shortlist: "sl-1",
  session: "offline_",
};

/** One row of every entity for `shop`, with the same ids in every shop (ids are only unique per shop). */
async function seedShop(store: Store, shop: string, marker: string): Promise<Ticket> {
  await store.shops.put(shop, shopValue({ name: `Shop ${marker}` }));
  await store.staff.put(shop, staffMember(IDS.staff, { name: `Staff ${marker}` }));
  await store.products.put(shop, product(IDS.product, { title: `Ring ${marker}` }));
  await store.customers.put(shop, customer(IDS.customer, { email: "ada@example.com", firstName: marker }));
  await store.orders.put(
    shop,
    order(IDS.order, { customerId: IDS.customer, email: "ada@example.com", name: `#1042 ${marker}` }),
  );
  await store.conversations.create(shop, conversation(IDS.conversation, { state: { marker } }));
  await store.conversations.appendMessages(shop, IDS.conversation, [
    message(`${marker}-m1`, IDS.conversation, { text: `sapphire ${marker}word` }),
  ]);
  const created = await store.tickets.create(shop, ticket(IDS.ticket, { topic: `Topic ${marker}` }));
  await store.returns.create(
    shop,
    returnRequest(IDS.returnRequest, { orderId: IDS.order, lineItemId: `${IDS.order}-li1` }),
  );
  await store.csat.create(shop, csatRating(IDS.csat, IDS.conversation, { comment: marker }));
  await store.faq.put(shop, faqEntry(IDS.faq, { answer: `Answer ${marker}` }));
  await store.shortlists.put(shop, shortlist(IDS.shortlist));
  await store.analytics.record(shop, [analyticsEvent(`${marker}-e1`, "widget_open", at(5))]);
  await store.audit.record(shop, auditEntry(`${marker}-a1`, { after: { marker } }));
  await store.requestStats.add(shop, [{ hour: at(0), requests: 3, errors: 1, latency: [1, 2] }]);
  await store.leases.acquire(shop, "rollout", `holder-${marker}`, new Date(T0), 60_000);
  await store.sessions.store({
    id: `${IDS.session}${shop}`,
    shop,
    data: [
      ["shop", shop],
      ["marker", marker],
    ],
  });
  return created;
}

/** Everything every read of the port returns for the seeded ids of `shop`. */
async function snapshot(store: Store, shop: string) {
  return {
    shop: await store.shops.get(shop),
    staff: await store.staff.list(shop),
    staffMember: await store.staff.get(shop, IDS.staff),
    product: await store.products.get(shop, IDS.product),
    productByHandle: await store.products.getByHandle(shop, `handle-${IDS.product}`),
    products: await store.products.find(shop, { activeOnly: false }),
    productCount: await store.products.count(shop),
    customer: await store.customers.get(shop, IDS.customer),
    customerByEmail: await store.customers.findByEmail(shop, "ada@example.com"),
    order: await store.orders.get(shop, IDS.order),
    orderByNumber: await store.orders.getByNumber(shop, "1042"),
    ordersOfCustomer: await store.orders.listByCustomer(shop, IDS.customer),
    conversation: await store.conversations.get(shop, IDS.conversation),
    conversations: await store.conversations.list(shop),
    search: await store.conversations.list(shop, { q: "sapphire" }),
    conversationCount: await store.conversations.count(shop),
    messages: await store.conversations.messages(shop, IDS.conversation),
    ticket: await store.tickets.get(shop, IDS.ticket),
    tickets: await store.tickets.list(shop),
    returnRequest: await store.returns.get(shop, IDS.returnRequest),
    openReturn: await store.returns.findOpenForItem(shop, IDS.order, `${IDS.order}-li1`),
    returns: await store.returns.list(shop),
    csat: await store.csat.getForConversation(shop, IDS.conversation),
    csatList: await store.csat.list(shop),
    faq: await store.faq.list(shop),
    shortlist: await store.shortlists.get(shop, IDS.shortlist),
    analytics: await store.analytics.counts(shop, at(0), at(60)),
    audit: await store.audit.list(shop),
    sessions: await store.sessions.findByShop(shop),
    requestStats: await store.requestStats.list(shop, at(-600), at(600)),
    conversationsByDay: await store.reports.conversationsByDay(shop, at(-600), at(6000)),
    intents: await store.reports.intents(shop, at(-600), at(6000)),
    csatByDay: await store.reports.csatByDay(shop, at(-600), at(6000)),
    eventsByDay: await store.reports.eventsByDay(shop, "widget_open", at(-600), at(6000)),
  };
}

const EMPTY_PAGE = { items: [], nextCursor: null };
const EMPTY_SNAPSHOT = {
  shop: null,
  staff: [],
  staffMember: null,
  product: null,
  productByHandle: null,
  products: EMPTY_PAGE,
  productCount: 0,
  customer: null,
  customerByEmail: null,
  order: null,
  orderByNumber: null,
  ordersOfCustomer: EMPTY_PAGE,
  conversation: null,
  conversations: EMPTY_PAGE,
  search: EMPTY_PAGE,
  conversationCount: 0,
  messages: [],
  ticket: null,
  tickets: EMPTY_PAGE,
  returnRequest: null,
  openReturn: null,
  returns: EMPTY_PAGE,
  csat: null,
  csatList: EMPTY_PAGE,
  faq: [],
  shortlist: null,
  analytics: {},
  audit: EMPTY_PAGE,
  sessions: [],
  requestStats: [],
  conversationsByDay: [],
  intents: {},
  csatByDay: [],
  eventsByDay: [],
};

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup();
    });

    adminStoreContract(() => store);
    describe("platform", () => platformContract(() => store));

    describe("lifecycle", () => {
      it("answers ping and names its kind", async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        expect(["sqlite", "mongo"]).toContain(store.kind);
      });

      it("close resolves, and closing twice is harmless", async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    describe("shops", () => {
      it("round-trips a shop with nested settings and rollout state", async () => {
        const value = shopValue();
        expect(await store.shops.put(A, value)).toEqual({ shop: A, ...value });
        expect(await store.shops.get(A)).toEqual({ shop: A, ...value });
        expect(await store.shops.get(B)).toBeNull();
      });

      it("put replaces the whole row, and list returns every shop", async () => {
        await store.shops.put(A, shopValue());
        const changed = shopValue({
          name: "Renamed",
          uninstalledAt: at(99),
          rollout: {
            enabled: false,
            percent: 0,
            allowlist: { customerIds: [], emails: [] },
            previewToken: null,
            updatedAt: at(99),
          },
        });
        await store.shops.put(A, changed);
        await store.shops.put(B, shopValue({ currency: "EUR" }));
        expect(await store.shops.get(A)).toEqual({ shop: A, ...changed });
        const list = await store.shops.list();
        expect(list.map((s) => s.shop).sort()).toEqual([A, B]);
        expect(list.find((s) => s.shop === B)).toEqual({ shop: B, ...shopValue({ currency: "EUR" }) });
      });

      it("purge deletes every row of that shop and nothing of another shop", async () => {
        await seedShop(store, A, "alpha");
        await seedShop(store, B, "beta");
        await store.nextSequence(A, "rma");
        await store.idempotency.begin(A, "/proxy/messages", "key-1", "hash", new Date(T0), 60_000);
        await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0), 60_000);
        await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0), 60_000);
        const before = await snapshot(store, B);

        await store.shops.purge(A);

        expect(await snapshot(store, A)).toEqual(EMPTY_SNAPSHOT);
        expect(await store.shops.list()).toEqual([before.shop]);
        expect(await snapshot(store, B)).toEqual(before);
        // Counters, claims and sequences belong to the shop too: they start over.
        expect(await store.nextSequence(A, "rma")).toBe(1);
        expect(await store.nextSequence(A, "ticket")).toBe(1);
        expect(await store.nextSequence(B, "ticket")).toBe(2);
        expect(await store.idempotency.begin(A, "/proxy/messages", "key-1", "other", new Date(T0), 60_000)).toEqual({
          state: "new",
        });
        expect((await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0), 60_000)).count).toBe(1);
        // A's lease went with it: another holder takes it at once.
        expect(await store.leases.acquire(A, "rollout", "someone-else", new Date(T0), 60_000)).toBe(true);
        expect(await store.leases.acquire(B, "rollout", "someone-else", new Date(T0), 60_000)).toBe(false);
      });
    });

    describe("staff", () => {
      it("puts, gets, lists, replaces and removes members", async () => {
        const owner = staffMember("u-1", { role: "owner" });
        const agent = staffMember("u-2");
        expect(await store.staff.put(A, owner)).toEqual(owner);
        await store.staff.put(A, agent);
        expect(await store.staff.get(A, "u-1")).toEqual(owner);
        expect(await store.staff.get(A, "u-3")).toBeNull();
        expect((await store.staff.list(A)).sort((x, y) => x.userId.localeCompare(y.userId))).toEqual([owner, agent]);

        const promoted = { ...agent, role: "support_lead" as const, updatedAt: at(5) };
        await store.staff.put(A, promoted);
        expect(await store.staff.get(A, "u-2")).toEqual(promoted);
        expect(await store.staff.list(A)).toHaveLength(2);

        expect(await store.staff.remove(A, "u-2")).toBe(true);
        expect(await store.staff.remove(A, "u-2")).toBe(false);
        expect(await store.staff.list(A)).toEqual([owner]);
      });
    });

    describe("products", () => {
      it("round-trips a product with variants, images and tags; get by id and by handle", async () => {
        const p = product("p-1");
        expect(await store.products.put(A, p)).toEqual(p);
        expect(await store.products.get(A, "p-1")).toEqual(p);
        expect(await store.products.getByHandle(A, "handle-p-1")).toEqual(p);
        expect(await store.products.get(A, "p-2")).toBeNull();
        expect(await store.products.getByHandle(A, "nope")).toBeNull();
      });

      it("put replaces, remove deletes, count counts every status", async () => {
        await store.products.put(A, product("p-1"));
        await store.products.put(A, product("p-2", { status: "draft" }));
        const changed = product("p-1", { price: 999, metal: null, tags: [], readyToShip: false, status: "archived" });
        await store.products.put(A, changed);
        expect(await store.products.get(A, "p-1")).toEqual(changed);
        expect(await store.products.count(A)).toBe(2);
        expect(await store.products.remove(A, "p-1")).toBe(true);
        expect(await store.products.remove(A, "p-1")).toBe(false);
        expect(await store.products.get(A, "p-1")).toBeNull();
        expect(await store.products.count(A)).toBe(1);
      });

      describe("filters", () => {
        const size = (id: string, ringSize: number) => ({
          id,
          title: `Size ${ringSize}`,
          price: 100,
          ringSize,
          inventory: 1,
          available: true,
        });
        const catalog = [
          product("p-01", {
            category: "ring",
            metal: "yellow_gold",
            price: 450,
            readyToShip: true,
            tags: ["engagement", "solitaire"],
            variants: [size("v1", 6), size("v2", 7)],
          }),
          product("p-02", {
            category: "ring",
            metal: "white_gold",
            price: 1200,
            readyToShip: false,
            tags: ["engagement"],
            variants: [size("v3", 7.5)],
          }),
          product("p-03", {
            category: "necklace",
            metal: "rose_gold",
            price: 300,
            readyToShip: true,
            tags: ["gift"],
            variants: [],
          }),
          product("p-04", {
            category: "necklace",
            metal: "platinum",
            price: 2500,
            readyToShip: true,
            tags: [],
            variants: [],
          }),
          product("p-05", {
            category: "earring",
            metal: "silver",
            price: 120,
            readyToShip: true,
            tags: ["gift"],
            variants: [],
          }),
          product("p-06", {
            category: "bracelet",
            metal: "gold",
            price: 800,
            readyToShip: false,
            tags: [],
            variants: [],
          }),
          product("p-07", {
            category: "ring",
            metal: "platinum",
            price: 3000,
            readyToShip: true,
            status: "draft",
            tags: ["gift"],
            variants: [size("v4", 6)],
          }),
          product("p-08", {
            category: "ring",
            metal: "silver",
            price: 99.5,
            readyToShip: true,
            status: "archived",
            tags: [],
            variants: [],
          }),
          product("p-09", { category: "bracelet", metal: null, price: 60, readyToShip: false, tags: [], variants: [] }),
        ];
        const find = async (query: Parameters<Store["products"]["find"]>[1]) =>
          ids((await store.products.find(A, query, { limit: 100 })).items);

        beforeEach(async () => {
          for (const p of catalog) await store.products.put(A, p);
        });

        it("active only unless activeOnly is false, in id order", async () => {
          expect(await find({})).toEqual(["p-01", "p-02", "p-03", "p-04", "p-05", "p-06", "p-09"]);
          expect(await find({ activeOnly: false })).toEqual(catalog.map((p) => p.id));
          expect(await find({ activeOnly: true, category: "ring" })).toEqual(["p-01", "p-02"]);
        });

        it("category", async () => {
          expect(await find({ category: "ring", activeOnly: false })).toEqual(["p-01", "p-02", "p-07", "p-08"]);
          expect(await find({ category: "necklace" })).toEqual(["p-03", "p-04"]);
        });

        it("metal, where gold matches every gold family", async () => {
          expect(await find({ metal: "gold" })).toEqual(["p-01", "p-02", "p-03", "p-06"]);
          expect(await find({ metal: "yellow_gold" })).toEqual(["p-01"]);
          expect(await find({ metal: "rose_gold" })).toEqual(["p-03"]);
          expect(await find({ metal: "platinum" })).toEqual(["p-04"]);
          expect(await find({ metal: "silver", activeOnly: false })).toEqual(["p-05", "p-08"]);
        });

        it("exclusions: a ruled-out family excludes its members, a product without a metal stays", async () => {
          expect(await find({ excludeMetals: ["gold"] })).toEqual(["p-04", "p-05", "p-09"]);
          expect(await find({ excludeMetals: ["silver", "platinum"] })).toEqual([
            "p-01",
            "p-02",
            "p-03",
            "p-06",
            "p-09",
          ]);
          expect(await find({ metal: "gold", excludeMetals: ["rose_gold"] })).toEqual(["p-01", "p-02", "p-06"]);
          expect(await find({ metal: "platinum", excludeMetals: ["platinum"] })).toEqual([]);
          expect(await find({ excludeCategories: ["ring", "necklace"] })).toEqual(["p-05", "p-06", "p-09"]);
          expect(await find({ category: "ring", excludeCategories: ["ring"] })).toEqual([]);
          expect(
            await find({ category: "ring", excludeMetals: ["white_gold"], excludeCategories: ["earring"] }),
          ).toEqual(["p-01"]);
          expect(await find({ excludeMetals: [], excludeCategories: [] })).toEqual(await find({}));
        });

        it("price bounds are inclusive", async () => {
          expect(await find({ priceMin: 300, priceMax: 1200 })).toEqual(["p-01", "p-02", "p-03", "p-06"]);
          expect(await find({ priceMin: 2500 })).toEqual(["p-04"]);
          expect(await find({ priceMax: 120 })).toEqual(["p-05", "p-09"]);
          expect(await find({ priceMin: 99.5, priceMax: 99.5, activeOnly: false })).toEqual(["p-08"]);
        });

        it("readyToShip, tag, ringSize and ids", async () => {
          expect(await find({ readyToShip: true })).toEqual(["p-01", "p-03", "p-04", "p-05"]);
          expect(await find({ readyToShip: false })).toEqual(["p-02", "p-06", "p-09"]);
          expect(await find({ tag: "gift" })).toEqual(["p-03", "p-05"]);
          expect(await find({ tag: "gift", activeOnly: false })).toEqual(["p-03", "p-05", "p-07"]);
          expect(await find({ tag: "engage" })).toEqual([]);
          expect(await find({ ringSize: 7 })).toEqual(["p-01"]);
          expect(await find({ ringSize: 7.5 })).toEqual(["p-02"]);
          expect(await find({ ringSize: 6, activeOnly: false })).toEqual(["p-01", "p-07"]);
          expect(await find({ ringSize: 9 })).toEqual([]);
          expect(await find({ ids: ["p-05", "p-01", "p-99", "p-07"] })).toEqual(["p-01", "p-05"]);
        });

        it("combines filters", async () => {
          expect(await find({ category: "ring", metal: "gold", priceMax: 500, readyToShip: true })).toEqual(["p-01"]);
          expect(await find({ metal: "gold", tag: "gift", priceMin: 301 })).toEqual([]);
          const page = await store.products.find(A, { category: "ring", metal: "gold", ringSize: 7 });
          expect(page).toEqual({ items: [catalog[0]], nextCursor: null });
        });
      });

      it("catalogVersion changes on every product write or removal, per shop, and only then", async () => {
        expect(await store.products.catalogVersion(A)).toBe("");
        await store.products.put(A, product("p-1"));
        const first = await store.products.catalogVersion(A);
        expect(first).not.toBe("");
        expect(await store.products.catalogVersion(A)).toBe(first);
        await store.products.put(B, product("p-1"));
        expect(await store.products.catalogVersion(A)).toBe(first);
        await store.products.put(A, product("p-1", { title: "Renamed" }));
        const second = await store.products.catalogVersion(A);
        expect(second).not.toBe(first);
        await store.products.remove(A, "p-1");
        expect(await store.products.catalogVersion(A)).not.toBe(second);
        await store.shops.purge(A);
        expect(await store.products.catalogVersion(A)).toBe("");
      });

      it("walks every page in id order with no duplicates or gaps, also under a filter", async () => {
        const all = Array.from({ length: 23 }, (_, i) => `p-${String(i).padStart(3, "0")}`);
        for (const id of [...all].reverse()) {
          await store.products.put(A, product(id, { readyToShip: Number(id.slice(2)) % 3 === 0 }));
        }
        const { items, pages } = await walk((page) => store.products.find(A, {}, page), 5);
        expect(ids(items)).toEqual(all);
        expect(pages).toBe(5);
        const ready = await walk((page) => store.products.find(A, { readyToShip: true }, page), 2);
        expect(ids(ready.items)).toEqual(all.filter((id) => Number(id.slice(2)) % 3 === 0));
      });

      it("defaults to 25 per page and never returns more than 100", async () => {
        for (let i = 0; i < 101; i++) await store.products.put(A, product(`p-${String(i).padStart(3, "0")}`));
        const first = await store.products.find(A, {});
        expect(first.items).toHaveLength(25);
        expect(first.nextCursor).not.toBeNull();
        const big = await store.products.find(A, {}, { limit: 1000 });
        expect(big.items).toHaveLength(100);
        const rest = await store.products.find(A, {}, { cursor: big.nextCursor, limit: 1000 });
        expect(ids(rest.items)).toEqual(["p-100"]);
        expect(rest.nextCursor).toBeNull();
      });

      it("refuses a cursor it did not make", async () => {
        await store.products.put(A, product("p-1"));
        await expectInvalidCursor((cursor) => store.products.find(A, {}, { cursor }));
      });
    });

    describe("customers", () => {
      it("round-trips, finds by email case-insensitively, and removes", async () => {
        const c = customer("cust-1", { email: "Ada.Lovelace@Example.com" });
        expect(await store.customers.put(A, c)).toEqual(c);
        expect(await store.customers.get(A, "cust-1")).toEqual(c);
        expect(await store.customers.findByEmail(A, "Ada.Lovelace@Example.com")).toEqual(c);
        expect(await store.customers.findByEmail(A, "ada.lovelace@example.COM")).toEqual(c);
        expect(await store.customers.findByEmail(A, "grace@example.com")).toBeNull();

        const renamed = { ...c, lastName: "King", updatedAt: at(3) };
        await store.customers.put(A, renamed);
        expect(await store.customers.get(A, "cust-1")).toEqual(renamed);

        expect(await store.customers.remove(A, "cust-1")).toBe(true);
        expect(await store.customers.remove(A, "cust-1")).toBe(false);
        expect(await store.customers.get(A, "cust-1")).toBeNull();
        expect(await store.customers.findByEmail(A, "ada.lovelace@example.com")).toBeNull();
      });
    });

    describe("orders", () => {
      it("round-trips an order with line items, fulfilments and status history", async () => {
        const o = order("order-1");
        expect(await store.orders.put(A, o)).toEqual(o);
        expect(await store.orders.get(A, "order-1")).toEqual(o);
        expect(await store.orders.get(A, "order-2")).toBeNull();
        const delivered = {
          ...o,
          status: "delivered" as const,
          deliveredAt: at(4000),
          statusHistory: [...o.statusHistory, { status: "delivered" as const, at: at(4000) }],
        };
        await store.orders.put(A, delivered);
        expect(await store.orders.get(A, "order-1")).toEqual(delivered);
      });

      it("finds an order by its normalised number", async () => {
        const o = order("order-1", { number: "AUR1042", name: "#AUR-1042" });
        await store.orders.put(A, o);
        await store.orders.put(A, order("order-2", { number: "1043", name: "#1043" }));
        expect(await store.orders.getByNumber(A, "AUR1042")).toEqual(o);
        expect(await store.orders.getByNumber(A, "#aur-1042")).toEqual(o);
        expect((await store.orders.getByNumber(A, "1043"))?.id).toBe("order-2");
        expect(await store.orders.getByNumber(A, "9999")).toBeNull();
      });

      it("lists a customer's orders newest first across pages", async () => {
        const mine = Array.from({ length: 7 }, (_, i) =>
          order(`order-${i}`, { customerId: "cust-1", placedAt: at(i % 3 === 0 ? 10 : i * 100) }),
        );
        for (const o of mine) await store.orders.put(A, o);
        await store.orders.put(A, order("order-x", { customerId: "cust-2" }));
        await store.orders.put(A, order("order-y", { customerId: null }));
        const { items } = await walk((page) => store.orders.listByCustomer(A, "cust-1", page), 3);
        expect(sorted(ids(items))).toEqual(sorted(ids(mine)));
        expect(new Set(ids(items)).size).toBe(7);
        for (let i = 1; i < items.length; i++) expect(items[i - 1].placedAt >= items[i].placedAt).toBe(true);
        expect(items.find((o) => o.id === "order-4")).toEqual(mine[4]);
        expect(await store.orders.listByCustomer(A, "cust-3")).toEqual(EMPTY_PAGE);
        await expectInvalidCursor((cursor) => store.orders.listByCustomer(A, "cust-1", { cursor }));
      });

      it("attributes an order to a conversation once", async () => {
        await store.orders.put(A, order("order-1"));
        expect(await store.orders.attribute(A, "order-1", "conv-1")).toBe(true);
        expect(await store.orders.attribute(A, "order-1", "conv-2")).toBe(false);
        expect((await store.orders.get(A, "order-1"))?.conversationId).toBe("conv-1");
        expect(await store.orders.attribute(A, "order-404", "conv-1")).toBe(false);
      });

      it("redacts a customer's contact details by customer id or by email, and nobody else's", async () => {
        await store.orders.put(
          A,
          order("o-1", { customerId: "cust-1", email: "ada@example.com", postalCode: "10001" }),
        );
        await store.orders.put(
          A,
          order("o-2", { customerId: "cust-1", email: "ada@example.com", postalCode: "10001" }),
        );
        await store.orders.put(A, order("o-3", { customerId: null, email: "guest@example.com", postalCode: "94110" }));
        const other = order("o-4", { customerId: "cust-2", email: "grace@example.com", postalCode: "02139" });
        await store.orders.put(A, other);

        expect(await store.orders.redactCustomer(A, "cust-1", null)).toBe(2);
        for (const id of ["o-1", "o-2"]) {
          const o = await store.orders.get(A, id);
          expect(o).not.toBeNull();
          expect(o!.email).not.toContain("ada");
          expect(o!.postalCode).not.toBe("10001");
          expect(o!.lineItems).toEqual(order(id).lineItems);
        }
        expect(await store.orders.redactCustomer(A, null, "guest@example.com")).toBe(1);
        const guest = await store.orders.get(A, "o-3");
        expect(guest!.email).not.toContain("guest");
        expect(guest!.postalCode).not.toBe("94110");
        expect(await store.orders.get(A, "o-4")).toEqual(other);
        expect(await store.orders.redactCustomer(A, "cust-404", "nobody@example.com")).toBe(0);
      });
    });

    describe("conversations", () => {
      it("creates and reads back a conversation; a second create with the same id is refused", async () => {
        const c = conversation("conv-1");
        expect(await store.conversations.create(A, c)).toEqual(c);
        expect(await store.conversations.get(A, "conv-1")).toEqual(c);
        expect(await store.conversations.get(A, "conv-2")).toBeNull();
        await expect(
          store.conversations.create(A, conversation("conv-1", { visitorId: "intruder" })),
        ).rejects.toThrow();
        expect(await store.conversations.get(A, "conv-1")).toEqual(c);
      });

      it("update applies a patch and keeps the rest; unknown id → null", async () => {
        const c = conversation("conv-1");
        await store.conversations.create(A, c);
        const patch = {
          state: { step: "awaiting_email", filters: { metal: "platinum" } },
          lastIntent: "stylist_contact",
          outcome: "escalated" as const,
          escalated: true,
          rating: 4,
          unread: 2,
          customerId: "cust-1",
          updatedAt: at(30),
        };
        const expected = { ...c, ...patch };
        expect(await store.conversations.update(A, "conv-1", patch)).toEqual(expected);
        expect(await store.conversations.get(A, "conv-1")).toEqual(expected);
        expect(await store.conversations.update(A, "conv-1", { unread: 0 })).toEqual({ ...expected, unread: 0 });
        expect(await store.conversations.update(A, "conv-404", { unread: 0 })).toBeNull();
        expect(await store.conversations.get(A, "conv-404")).toBeNull();
      });

      it("appends messages, returns them oldest first, and bumps count, unread and updatedAt", async () => {
        await store.conversations.create(A, conversation("conv-1"));
        const m1 = message("m-1", "conv-1", { createdAt: at(1) });
        const m2 = message("m-2", "conv-1", {
          role: "concierge",
          type: "product_cards",
          text: "Here are three gold rings",
          payload: { type: "product_cards", products: [{ id: "p-1", price: 450 }], relaxations: null },
          intent: null,
          createdAt: at(2),
        });
        // Same timestamp as m2: a reply batch must come back in the order it was appended.
        const m3 = message("m-3", "conv-1", { role: "concierge", type: "quick_replies", text: "", createdAt: at(2) });
        const m4 = message("m-4", "conv-1", {
          role: "agent",
          text: "Hi, this is Maya from the studio",
          createdAt: at(9),
        });
        await store.conversations.appendMessages(A, "conv-1", [m1, m2, m3]);
        await store.conversations.appendMessages(A, "conv-1", [m4]);

        expect(await store.conversations.messages(A, "conv-1")).toEqual([m1, m2, m3, m4]);
        expect(await store.conversations.messages(A, "conv-1", 2)).toEqual([m3, m4]);
        const c = await store.conversations.get(A, "conv-1");
        expect(c).toMatchObject({ messageCount: 4, unread: 1, updatedAt: at(9) });
        expect(await store.conversations.messages(A, "conv-404")).toEqual([]);
      });

      describe("recordTurn", () => {
        const answer = (key: string, body: string) => ({
          route: "messages",
          key,
          bodyHash: `hash-${key}`,
          response: { status: 200, body, headers: {} },
          expiresAt: new Date(T0 + 86_400_000),
        });

        it("starts a conversation with its messages and stores the idempotent answer, all in one write", async () => {
          const now = new Date(T0);
          expect(await store.idempotency.begin(A, "messages", "turn-key-1", "hash-turn-key-1", now, 60_000)).toEqual({
            state: "new",
          });
          const m1 = message("t1-m1", "conv-t1", { createdAt: at(5) });
          const m2 = message("t1-m2", "conv-t1", { role: "concierge", text: "Here you are", createdAt: at(5) });
          await store.conversations.recordTurn(A, {
            conversationId: "conv-t1",
            start: conversation("conv-t1", { startedAt: at(5), updatedAt: at(5) }),
            patch: { state: { step: 1 }, lastIntent: "greeting", updatedAt: at(5) },
            messages: [m1, m2],
            idempotency: answer("turn-key-1", '{"conversationId":"conv-t1"}'),
          });
          expect(await store.conversations.get(A, "conv-t1")).toEqual(
            conversation("conv-t1", {
              startedAt: at(5),
              updatedAt: at(5),
              state: { step: 1 },
              lastIntent: "greeting",
              messageCount: 2,
            }),
          );
          expect(await store.conversations.messages(A, "conv-t1")).toEqual([m1, m2]);
          expect(await store.idempotency.begin(A, "messages", "turn-key-1", "hash-turn-key-1", now, 60_000)).toEqual({
            state: "replay",
            response: { status: 200, body: '{"conversationId":"conv-t1"}', headers: {} },
          });
        });

        it("continues a conversation: patch, counters and updatedAt as update + appendMessages would leave them", async () => {
          await store.conversations.create(A, conversation("conv-t2", { updatedAt: at(1), unread: 1 }));
          await store.conversations.recordTurn(A, {
            conversationId: "conv-t2",
            patch: { outcome: "resolved", updatedAt: at(7) },
            messages: [
              message("t2-m1", "conv-t2", { createdAt: at(7) }),
              message("t2-m2", "conv-t2", { role: "agent", createdAt: at(8) }),
            ],
          });
          expect(await store.conversations.get(A, "conv-t2")).toMatchObject({
            outcome: "resolved",
            messageCount: 2,
            unread: 2,
            updatedAt: at(8),
          });
          // No idempotency key: the same turn stored again is a second turn, as the port promises nothing else.
          expect(await store.idempotency.begin(A, "messages", "absent", "h", new Date(T0), 60_000)).toEqual({
            state: "new",
          });
        });

        it("writes nothing when any part is refused (a duplicate start, an unknown conversation)", async () => {
          await store.conversations.create(A, conversation("conv-t3"));
          await expect(
            store.conversations.recordTurn(A, {
              conversationId: "conv-t3",
              start: conversation("conv-t3", { visitorId: "someone-else" }),
              patch: {},
              messages: [message("t3-m1", "conv-t3")],
              idempotency: answer("turn-key-3", "{}"),
            }),
          ).rejects.toThrow();
          await expect(
            store.conversations.recordTurn(A, {
              conversationId: "conv-404",
              patch: { lastIntent: "faq" },
              messages: [message("t4-m1", "conv-404")],
            }),
          ).rejects.toThrow();
          expect(await store.conversations.get(A, "conv-t3")).toEqual(conversation("conv-t3"));
          expect(await store.conversations.messages(A, "conv-t3")).toEqual([]);
          expect(await store.conversations.messages(A, "conv-404")).toEqual([]);
          expect(await store.conversations.get(A, "conv-404")).toBeNull();
          expect(
            await store.idempotency.begin(A, "messages", "turn-key-3", "hash-turn-key-3", new Date(T0), 1000),
          ).toEqual({
            state: "new",
          });
        });

        it("concurrent turns of different conversations are each stored once, whole", async () => {
          await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              store.conversations.recordTurn(A, {
                conversationId: `conv-c${i}`,
                start: conversation(`conv-c${i}`),
                patch: { updatedAt: at(2) },
                messages: [message(`c${i}-m1`, `conv-c${i}`), message(`c${i}-m2`, `conv-c${i}`, { role: "concierge" })],
              }),
            ),
          );
          for (let i = 0; i < 30; i++) {
            expect(await store.conversations.get(A, `conv-c${i}`)).toMatchObject({ messageCount: 2 });
            expect((await store.conversations.messages(A, `conv-c${i}`)).map((m) => m.id)).toEqual([
              `c${i}-m1`,
              `c${i}-m2`,
            ]);
          }
        });
      });

      it("an append older than updatedAt does not move updatedAt back", async () => {
        await store.conversations.create(A, conversation("conv-1", { updatedAt: at(50) }));
        await store.conversations.appendMessages(A, "conv-1", [message("m-1", "conv-1", { createdAt: at(10) })]);
        expect(await store.conversations.get(A, "conv-1")).toMatchObject({ updatedAt: at(50), messageCount: 1 });
      });

      it("lists newest first (updatedAt desc, id desc) across pages, ties included", async () => {
        const all = Array.from({ length: 23 }, (_, i) =>
          conversation(`conv-${String(i).padStart(2, "0")}`, { updatedAt: at(i % 4 === 0 ? 100 : i) }),
        );
        for (const c of all) await store.conversations.create(A, c);
        const expected = [...all].sort((x, y) =>
          x.updatedAt === y.updatedAt ? (x.id < y.id ? 1 : -1) : x.updatedAt < y.updatedAt ? 1 : -1,
        );
        const { items, pages } = await walk((page) => store.conversations.list(A, {}, page), 4);
        expect(ids(items)).toEqual(ids(expected));
        expect(items[5]).toEqual(expected[5]);
        expect(pages).toBe(6);
        expect(await store.conversations.count(A)).toBe(23);
        await expectInvalidCursor((cursor) => store.conversations.list(A, {}, { cursor }));
      });

      describe("filters", () => {
        const seed = async () => {
          const rows = [
            conversation("c-1", {
              lastIntent: "find_product",
              outcome: "resolved",
              rating: 5,
              visitorId: "v-1",
              startedAt: at(0),
              updatedAt: at(10),
            }),
            conversation("c-2", {
              lastIntent: "track_order",
              outcome: "open",
              visitorId: "v-2",
              startedAt: at(60),
              updatedAt: at(70),
            }),
            conversation("c-3", {
              lastIntent: "stylist_contact",
              outcome: "escalated",
              escalated: true,
              rating: 2,
              visitorId: "v-1",
              startedAt: at(120),
              updatedAt: at(130),
            }),
            conversation("c-4", {
              lastIntent: "find_product",
              outcome: "abandoned",
              visitorId: "v-3",
              startedAt: at(180),
              updatedAt: at(181),
            }),
            conversation("c-5", {
              lastIntent: "find_product",
              outcome: "escalated",
              escalated: true,
              rating: 5,
              visitorId: "v-2",
              startedAt: at(240),
              updatedAt: at(300),
            }),
          ];
          for (const c of rows) await store.conversations.create(A, c);
          const say = (id: string, conv: string, text: string, minute: number) =>
            message(id, conv, { text, createdAt: at(minute), payload: { type: "text", text } });
          await store.conversations.appendMessages(A, "c-1", [
            say("m-1", "c-1", "I'm looking for a sapphire engagement ring in platinum", 1),
          ]);
          await store.conversations.appendMessages(A, "c-2", [
            say("m-2", "c-2", "Where is my order? It was a gold necklace.", 61),
          ]);
          await store.conversations.appendMessages(A, "c-4", [
            say("m-4a", "c-4", "Show me a gold ring with a Sapphire halo", 181),
            say("m-4b", "c-4", "never mind", 181),
          ]);
          await store.conversations.appendMessages(A, "c-5", [
            say("m-5", "c-5", "Talk to a human about emeralds", 241),
          ]);
        };
        const list = async (filter: Parameters<Store["conversations"]["list"]>[1]) => {
          const found = ids((await walk((page) => store.conversations.list(A, filter, page), 2)).items);
          expect(await store.conversations.count(A, filter)).toBe(found.length);
          return found;
        };

        beforeEach(seed);

        it("intent, outcome, escalated, rating, visitor", async () => {
          expect(await list({ intent: "find_product" })).toEqual(["c-5", "c-4", "c-1"]);
          expect(await list({ outcome: "escalated" })).toEqual(["c-5", "c-3"]);
          expect(await list({ escalated: true })).toEqual(["c-5", "c-3"]);
          expect(await list({ escalated: false })).toEqual(["c-4", "c-2", "c-1"]);
          expect(await list({ rating: 5 })).toEqual(["c-5", "c-1"]);
          expect(await list({ visitorId: "v-1" })).toEqual(["c-3", "c-1"]);
          expect(await list({ intent: "find_product", escalated: true, rating: 5, visitorId: "v-2" })).toEqual(["c-5"]);
          expect(await list({ intent: "faq" })).toEqual([]);
        });

        it("date range on startedAt: from inclusive, to exclusive", async () => {
          expect(await list({ from: at(60), to: at(180) })).toEqual(["c-3", "c-2"]);
          expect(await list({ from: at(180) })).toEqual(["c-5", "c-4"]);
          expect(await list({ to: at(60) })).toEqual(["c-1"]);
        });

        it("full-text q: every word, any case, within the shop; operators in the text are only text", async () => {
          expect(await list({ q: "sapphire" })).toEqual(["c-4", "c-1"]);
          expect(await list({ q: "SAPPHIRE" })).toEqual(["c-4", "c-1"]);
          expect(await list({ q: "gold sapphire" })).toEqual(["c-4"]);
          expect(await list({ q: "  necklace  " })).toEqual(["c-2"]);
          expect(await list({ q: "emeralds" })).toEqual(["c-5"]);
          expect(await list({ q: "diamond" })).toEqual([]);
          expect(await list({ q: "sapphire", outcome: "resolved" })).toEqual(["c-1"]);
          for (const hostile of [
            'sapphire" OR "gold',
            "NEAR(gold ring)",
            "gold*",
            "-gold",
            "text:gold",
            '"',
            "(",
            "AND",
            "{$ne: 1}",
          ]) {
            await expect(store.conversations.list(A, { q: hostile })).resolves.toBeDefined();
            await expect(store.conversations.count(A, { q: hostile })).resolves.toBeGreaterThanOrEqual(0);
          }
        });
      });

      it("erase blanks text, payloads and contact details, drops it from search, and keeps a tombstone", async () => {
        await store.conversations.create(
          A,
          conversation("conv-1", { customerId: "cust-1", state: { email: "ada@example.com", phone: "+1 555 0100" } }),
        );
        await store.conversations.create(A, conversation("conv-2"));
        const secret = "my address is 12 Sapphire Lane";
        await store.conversations.appendMessages(A, "conv-1", [
          message("m-1", "conv-1", { text: secret, payload: { type: "text", text: secret } }),
          message("m-2", "conv-1", {
            role: "concierge",
            text: "Thanks Ada",
            payload: { type: "text", text: "Thanks Ada" },
          }),
        ]);
        await store.conversations.appendMessages(A, "conv-2", [
          message("m-3", "conv-2", { text: "sapphire earrings" }),
        ]);

        expect(await store.conversations.erase(A, "conv-1")).toBe(true);

        const tombstone = await store.conversations.get(A, "conv-1");
        expect(tombstone).not.toBeNull();
        expect(tombstone!.erasedAt).not.toBeNull();
        expect(JSON.stringify(tombstone)).not.toMatch(/ada@example\.com|555 0100/);
        const messages = await store.conversations.messages(A, "conv-1");
        for (const m of messages) {
          expect(m.text).toBe("");
          expect(JSON.stringify(m.payload)).not.toMatch(/Sapphire|Ada/);
        }
        expect(ids((await store.conversations.list(A, { q: "sapphire" })).items)).toEqual(["conv-2"]);
        expect(ids((await store.conversations.list(A, { q: "lane" })).items)).toEqual([]);
        expect(ids((await store.conversations.list(A)).items).sort()).toEqual(["conv-1", "conv-2"]);
        expect(await store.conversations.messages(A, "conv-2")).toHaveLength(1);
        expect(await store.conversations.erase(A, "conv-404")).toBe(false);
      });
    });

    describe("tickets", () => {
      it("creates with the next per-shop number and reads back the whole ticket", async () => {
        const input = ticket("t-1");
        const created = await store.tickets.create(A, input);
        expect(created).toEqual({ ...input, number: 1, version: 1 });
        expect(await store.tickets.get(A, "t-1")).toEqual(created);
        expect(await store.tickets.get(A, "t-404")).toBeNull();
      });

      it("numbers are sequential per shop and independent across shops", async () => {
        const numbers: number[] = [];
        for (const id of ["t-1", "t-2", "t-3"]) numbers.push((await store.tickets.create(A, ticket(id))).number);
        expect(numbers).toEqual([1, 2, 3]);
        expect((await store.tickets.create(B, ticket("t-1"))).number).toBe(1);
        expect((await store.tickets.create(A, ticket("t-4"))).number).toBe(4);
        expect((await store.tickets.create(B, ticket("t-2"))).number).toBe(2);
      });

      it("concurrent creates get distinct, gap-free numbers", async () => {
        const created = await Promise.all(
          Array.from({ length: 15 }, (_, i) => store.tickets.create(A, ticket(`t-${i}`))),
        );
        expect(created.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
        for (const t of created) expect((await store.tickets.get(A, t.id))?.number).toBe(t.number);
      });

      it("lists high priority first, then by SLA deadline, across pages", async () => {
        const specs: [Ticket["priority"], number][] = [
          ["normal", 300],
          ["high", 200],
          ["normal", 100],
          ["high", 100],
          ["normal", 100],
          ["high", 400],
          ["normal", 50],
          ["high", 200],
          ["normal", 600],
          ["normal", 300],
          ["high", 10],
          ["normal", 700],
        ];
        for (const [i, [priority, minutes]] of specs.entries()) {
          await store.tickets.create(A, ticket(`t-${String(i).padStart(2, "0")}`, { priority, slaDueAt: at(minutes) }));
        }
        const { items } = await walk((page) => store.tickets.list(A, {}, page), 5);
        expect(sorted(ids(items))).toEqual(sorted(specs.map((_, i) => `t-${String(i).padStart(2, "0")}`)));
        const rank = (t: Ticket) => (t.priority === "high" ? 0 : 1);
        for (let i = 1; i < items.length; i++) {
          const [prev, next] = [items[i - 1], items[i]];
          expect(rank(prev) < rank(next) || (rank(prev) === rank(next) && prev.slaDueAt <= next.slaDueAt)).toBe(true);
        }
        expect(items.slice(0, 5).every((t) => t.priority === "high")).toBe(true);
        expect(items[0].slaDueAt).toBe(at(10));
        await expectInvalidCursor((cursor) => store.tickets.list(A, {}, { cursor }));
      });

      it("filters by status, assignee and priority", async () => {
        await store.tickets.create(A, ticket("t-1", { status: "open", priority: "high", assignee: "maya" }));
        await store.tickets.create(A, ticket("t-2", { status: "waiting", assignee: "maya", slaDueAt: at(1) }));
        await store.tickets.create(A, ticket("t-3", { status: "open", assignee: null, slaDueAt: at(2) }));
        const list = async (filter: Parameters<Store["tickets"]["list"]>[1]) =>
          ids((await walk((page) => store.tickets.list(A, filter, page), 1)).items);
        expect(await list({ status: "open" })).toEqual(["t-1", "t-3"]);
        expect(await list({ assignee: "maya" })).toEqual(["t-1", "t-2"]);
        expect(await list({ priority: "normal" })).toEqual(["t-2", "t-3"]);
        expect(await list({ status: "open", assignee: "maya", priority: "high" })).toEqual(["t-1"]);
        expect(await list({ status: "resolved" })).toEqual([]);
      });

      it("update applies the patch and appends the event; a priority change moves it in the queue", async () => {
        await store.tickets.create(A, ticket("t-1", { slaDueAt: at(100) }));
        const before = await store.tickets.create(A, ticket("t-2", { slaDueAt: at(200) }));
        const event = {
          at: at(20),
          actor: "maya@aurora.example",
          type: "status_changed",
          data: { from: "open", to: "in_progress" },
        };
        const updated = await store.tickets.update(
          A,
          "t-2",
          { status: "in_progress", assignee: "maya@aurora.example", priority: "high", slaDueAt: at(150) },
          event,
        );
        expect(updated).toMatchObject({
          id: "t-2",
          number: before.number,
          status: "in_progress",
          assignee: "maya@aurora.example",
          priority: "high",
          slaDueAt: at(150),
          topic: before.topic,
          contact: before.contact,
          context: before.context,
        });
        expect(updated!.events).toEqual([...before.events, event]);
        expect(await store.tickets.get(A, "t-2")).toEqual(updated);
        expect(ids((await store.tickets.list(A)).items)).toEqual(["t-2", "t-1"]);

        const unassigned = await store.tickets.update(
          A,
          "t-2",
          { assignee: null },
          { at: at(30), actor: "maya", type: "assigned" },
        );
        expect(unassigned!.assignee).toBeNull();
        expect(unassigned!.status).toBe("in_progress");
        expect(unassigned!.events).toHaveLength(3);
        expect(await store.tickets.update(A, "t-404", { status: "resolved" }, event)).toBeNull();
      });

      it("addNote appends internal notes in order; unknown id → null", async () => {
        await store.tickets.create(A, ticket("t-1"));
        const n1 = { id: "n-1", author: "maya", body: "Called the customer — no answer", at: at(5) };
        const n2 = { id: "n-2", author: "lee", body: "Left a voicemail", at: at(6) };
        await store.tickets.addNote(A, "t-1", n1);
        const noted = await store.tickets.addNote(A, "t-1", n2);
        expect(noted!.internalNotes).toEqual([n1, n2]);
        expect((await store.tickets.get(A, "t-1"))!.internalNotes).toEqual([n1, n2]);
        expect(await store.tickets.addNote(A, "t-404", n1)).toBeNull();
      });
    });

    describe("returns", () => {
      it("round-trips a request and finds the open one for a line item", async () => {
        const r = returnRequest("ret-1");
        expect(await store.returns.create(A, r)).toEqual(r);
        expect(await store.returns.get(A, "ret-1")).toEqual(r);
        expect(await store.returns.findOpenForItem(A, r.orderId, r.lineItemId)).toEqual(r);
        expect(await store.returns.findOpenForItem(A, r.orderId, "other-li")).toBeNull();
        expect(await store.returns.get(A, "ret-404")).toBeNull();
      });

      it("one open request per line item: requested and approved block, declined and completed free it", async () => {
        await store.returns.create(A, returnRequest("ret-1"));
        await expectDuplicate(store.returns.create(A, returnRequest("ret-2", { option: "return" })), "return_request");
        await store.returns.create(A, returnRequest("ret-3", { lineItemId: "order-1-li2" }));

        const approved = await store.returns.decide(A, "ret-1", {
          status: "approved",
          note: "Resize booked",
          at: at(10),
        });
        expect(approved).toEqual({
          ...returnRequest("ret-1"),
          status: "approved",
          decisionNote: "Resize booked",
          decidedAt: at(10),
        });
        expect(await store.returns.get(A, "ret-1")).toEqual(approved);
        await expectDuplicate(store.returns.create(A, returnRequest("ret-2")), "return_request");

        await store.returns.decide(A, "ret-1", { status: "declined", note: "Engraved item", at: at(11) });
        expect(await store.returns.findOpenForItem(A, "order-1", "order-1-li1")).toBeNull();
        const again = returnRequest("ret-2", { option: "exchange", createdAt: at(12) });
        expect(await store.returns.create(A, again)).toEqual(again);
        expect(await store.returns.findOpenForItem(A, "order-1", "order-1-li1")).toEqual(again);

        await store.returns.decide(A, "ret-2", { status: "completed", note: null, at: at(13) });
        await store.returns.create(A, returnRequest("ret-4", { createdAt: at(14) }));
        expect((await store.returns.findOpenForItem(A, "order-1", "order-1-li1"))?.id).toBe("ret-4");
        expect(await store.returns.decide(A, "ret-404", { status: "approved", note: null, at: at(15) })).toBeNull();
      });

      it("lists newest first across pages, optionally by status", async () => {
        const all = Array.from({ length: 11 }, (_, i) =>
          returnRequest(`ret-${String(i).padStart(2, "0")}`, {
            lineItemId: `li-${i}`,
            createdAt: at(i % 2 === 0 ? 5 : i),
            status: i % 3 === 0 ? "declined" : "requested",
          }),
        );
        for (const r of all) await store.returns.create(A, r);
        const { items } = await walk((page) => store.returns.list(A, {}, page), 4);
        expect(sorted(ids(items))).toEqual(ids(all));
        for (let i = 1; i < items.length; i++) expect(items[i - 1].createdAt >= items[i].createdAt).toBe(true);
        const declined = await walk((page) => store.returns.list(A, { status: "declined" }, page), 2);
        expect(sorted(ids(declined.items))).toEqual(ids(all.filter((r) => r.status === "declined")));
        await expectInvalidCursor((cursor) => store.returns.list(A, {}, { cursor }));
      });
    });

    describe("csat", () => {
      it("round-trips a rating; a second rating for the conversation is a duplicate", async () => {
        const r = csatRating("csat-1", "conv-1");
        expect(await store.csat.create(A, r)).toEqual(r);
        expect(await store.csat.getForConversation(A, "conv-1")).toEqual(r);
        expect(await store.csat.getForConversation(A, "conv-2")).toBeNull();
        await expectDuplicate(store.csat.create(A, csatRating("csat-2", "conv-1", { rating: 1 })), "csat");
        expect(await store.csat.getForConversation(A, "conv-1")).toEqual(r);
      });

      it("lists newest first across pages, filtered by max rating and from (both inclusive)", async () => {
        const all = Array.from({ length: 10 }, (_, i) =>
          csatRating(`csat-${i}`, `conv-${i}`, { rating: (i % 5) + 1, createdAt: at(i < 4 ? 7 : i * 10) }),
        );
        for (const r of all) await store.csat.create(A, r);
        const { items } = await walk((page) => store.csat.list(A, {}, page), 3);
        expect(sorted(ids(items))).toEqual(sorted(ids(all)));
        for (let i = 1; i < items.length; i++) expect(items[i - 1].createdAt >= items[i].createdAt).toBe(true);
        const low = await walk((page) => store.csat.list(A, { maxRating: 2 }, page), 1);
        expect(sorted(ids(low.items))).toEqual(["csat-0", "csat-1", "csat-5", "csat-6"]);
        const recent = await walk((page) => store.csat.list(A, { from: at(60) }, page), 2);
        expect(sorted(ids(recent.items))).toEqual(["csat-6", "csat-7", "csat-8", "csat-9"]);
        const both = await store.csat.list(A, { maxRating: 2, from: at(60) });
        expect(ids(both.items)).toEqual(["csat-6"]);
        await expectInvalidCursor((cursor) => store.csat.list(A, {}, { cursor }));
      });
    });

    describe("faq", () => {
      it("puts, lists, replaces and removes entries", async () => {
        const shipping = faqEntry("faq-1");
        const care = faqEntry("faq-2", { topic: "care", question: "How do I clean silver?", keywords: [] });
        expect(await store.faq.put(A, shipping)).toEqual(shipping);
        await store.faq.put(A, care);
        const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
        expect(byId(await store.faq.list(A))).toEqual([shipping, care]);
        const edited = { ...shipping, answer: "Two business days.", updatedAt: at(9) };
        await store.faq.put(A, edited);
        expect(byId(await store.faq.list(A))).toEqual([edited, care]);
        expect(await store.faq.remove(A, "faq-2")).toBe(true);
        expect(await store.faq.remove(A, "faq-2")).toBe(false);
        expect(await store.faq.list(A)).toEqual([edited]);
      });
    });

    describe("shortlists", () => {
      it("puts, gets and replaces a shortlist, keeping product order", async () => {
        const s = shortlist("sl-1");
        expect(await store.shortlists.put(A, s)).toEqual(s);
        expect(await store.shortlists.get(A, "sl-1")).toEqual(s);
        const grown = { ...s, productIds: [...s.productIds, "p-9"], conversationId: null };
        await store.shortlists.put(A, grown);
        expect(await store.shortlists.get(A, "sl-1")).toEqual(grown);
        expect(await store.shortlists.get(A, "sl-2")).toBeNull();
      });
    });

    describe("analytics", () => {
      it("counts events by name in [from, to)", async () => {
        await store.analytics.record(A, [
          analyticsEvent("e-1", "widget_open", at(0)),
          analyticsEvent("e-2", "widget_open", at(10)),
          analyticsEvent("e-3", "message_sent", at(10)),
          analyticsEvent("e-4", "widget_open", at(20)),
        ]);
        await store.analytics.record(A, [analyticsEvent("e-5", "ticket_created", at(19))]);
        await store.analytics.record(A, []);
        expect(await store.analytics.counts(A, at(0), at(20))).toEqual({
          widget_open: 2,
          message_sent: 1,
          ticket_created: 1,
        });
        expect(await store.analytics.counts(A, at(10), at(21))).toEqual({
          widget_open: 2,
          message_sent: 1,
          ticket_created: 1,
        });
        expect(await store.analytics.counts(A, at(11), at(19))).toEqual({});
        expect(await store.analytics.counts(A, at(-60), at(0))).toEqual({});
      });
    });

    describe("audit", () => {
      it("lists entries newest first across pages with before/after intact", async () => {
        const all = Array.from({ length: 8 }, (_, i) =>
          auditEntry(`a-${i}`, {
            at: at(i % 3 === 0 ? 50 : i),
            before: i === 0 ? null : { percent: i, nested: [i, { ok: true }] },
            after: i === 1 ? "kill switch" : { percent: i + 1 },
          }),
        );
        for (const e of all) await store.audit.record(A, e);
        const { items } = await walk((page) => store.audit.list(A, page), 3);
        expect(sorted(ids(items))).toEqual(ids(all));
        for (let i = 1; i < items.length; i++) expect(items[i - 1].at >= items[i].at).toBe(true);
        for (const e of all) expect(items.find((x) => x.id === e.id)).toEqual(e);
        expect(await store.audit.list(B)).toEqual(EMPTY_PAGE);
        await expectInvalidCursor((cursor) => store.audit.list(A, { cursor }));
      });
    });

    describe("idempotency", () => {
      const route = "/proxy/escalations";
      const now = new Date(T0);
      const ttl = 24 * 60 * 60 * 1000;
      const response = {
        status: 201,
        body: '{"ticket":{"number":1}}',
        headers: { "content-type": "application/json" },
      };

      it("new → in_progress → complete → replay; another body is a conflict", async () => {
        expect(await store.idempotency.begin(A, route, "k-1", "h-1", now, ttl)).toEqual({ state: "new" });
        expect(await store.idempotency.begin(A, route, "k-1", "h-1", now, ttl)).toEqual({ state: "in_progress" });
        expect(await store.idempotency.begin(A, route, "k-1", "h-2", now, ttl)).toEqual({ state: "conflict" });
        await store.idempotency.complete(A, route, "k-1", response);
        const later = new Date(T0 + 60_000);
        expect(await store.idempotency.begin(A, route, "k-1", "h-1", later, ttl)).toEqual({
          state: "replay",
          response,
        });
        expect(await store.idempotency.begin(A, route, "k-1", "h-2", later, ttl)).toEqual({ state: "conflict" });
      });

      it("keys are scoped by route and shop", async () => {
        await store.idempotency.begin(A, route, "k-1", "h-1", now, ttl);
        expect(await store.idempotency.begin(A, "/proxy/returns", "k-1", "h-1", now, ttl)).toEqual({ state: "new" });
        expect(await store.idempotency.begin(B, route, "k-1", "h-1", now, ttl)).toEqual({ state: "new" });
      });

      it("an expired record counts as absent, whatever its state", async () => {
        await store.idempotency.begin(A, route, "k-1", "h-1", now, 1_000);
        await store.idempotency.complete(A, route, "k-1", response);
        expect(await store.idempotency.begin(A, route, "k-1", "h-1", new Date(T0 + 999), 1_000)).toEqual({
          state: "replay",
          response,
        });
        expect(await store.idempotency.begin(A, route, "k-1", "h-2", new Date(T0 + 1_000), 1_000)).toEqual({
          state: "new",
        });
        expect(await store.idempotency.begin(A, route, "k-1", "h-2", new Date(T0 + 1_500), 1_000)).toEqual({
          state: "in_progress",
        });
        await store.idempotency.begin(A, route, "k-2", "h-1", now, 1_000);
        expect(await store.idempotency.begin(A, route, "k-2", "h-1", new Date(T0 + 5_000), 1_000)).toEqual({
          state: "new",
        });
      });

      it("a claim lives for its short lease while in progress, and until the given expiry once complete", async () => {
        await store.idempotency.begin(A, route, "k-lease", "h-1", now, 1_000);
        expect(await store.idempotency.begin(A, route, "k-lease", "h-1", new Date(T0 + 500), 1_000)).toEqual({
          state: "in_progress",
        });
        await store.idempotency.complete(A, route, "k-lease", response, new Date(T0 + 60_000));
        // Past the lease, still inside the replay window: the finished answer is replayed.
        expect(await store.idempotency.begin(A, route, "k-lease", "h-1", new Date(T0 + 30_000), 1_000)).toEqual({
          state: "replay",
          response,
        });
        expect(await store.idempotency.begin(A, route, "k-lease", "h-1", new Date(T0 + 60_000), 1_000)).toEqual({
          state: "new",
        });
        // A claim abandoned by a crashed process frees its key once the lease lapses.
        await store.idempotency.begin(A, route, "k-crash", "h-1", now, 1_000);
        expect(await store.idempotency.begin(A, route, "k-crash", "h-1", new Date(T0 + 1_000), 1_000)).toEqual({
          state: "new",
        });
      });

      it("release frees a failed claim so the same key may retry", async () => {
        await store.idempotency.begin(A, route, "k-1", "h-1", now, ttl);
        await store.idempotency.release(A, route, "k-1");
        expect(await store.idempotency.begin(A, route, "k-1", "h-1", now, ttl)).toEqual({ state: "new" });
        await store.idempotency.release(A, route, "k-never-claimed");
      });

      it("20 concurrent begins with one key: exactly one is new", async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.idempotency.begin(A, route, "k-race", "h-1", now, ttl)),
        );
        expect(results.filter((r) => r.state === "new")).toHaveLength(1);
        expect(results.filter((r) => r.state === "in_progress")).toHaveLength(19);
      });
    });

    describe("rate limits", () => {
      const minute = 60_000;

      it("counts hits in a fixed window and starts over in the next one", async () => {
        const end = new Date(T0 + minute);
        expect(await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0 + 5_000), minute)).toEqual({
          count: 1,
          resetAt: end,
        });
        expect(await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0 + 30_000), minute)).toEqual({
          count: 2,
          resetAt: end,
        });
        expect(await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0 + 59_999), minute)).toEqual({
          count: 3,
          resetAt: end,
        });
        expect(await store.rateLimits.hit(A, "general", "1.2.3.4", new Date(T0 + minute), minute)).toEqual({
          count: 1,
          resetAt: new Date(T0 + 2 * minute),
        });
      });

      it("keys, buckets and shops count independently", async () => {
        const t = new Date(T0 + 1_000);
        await store.rateLimits.hit(A, "general", "1.2.3.4", t, minute);
        await store.rateLimits.hit(A, "general", "1.2.3.4", t, minute);
        expect((await store.rateLimits.hit(A, "general", "5.6.7.8", t, minute)).count).toBe(1);
        expect((await store.rateLimits.hit(A, "lookup", "1.2.3.4", t, minute)).count).toBe(1);
        expect((await store.rateLimits.hit(B, "general", "1.2.3.4", t, minute)).count).toBe(1);
        expect((await store.rateLimits.hit(A, "general", "1.2.3.4", t, minute)).count).toBe(3);
      });

      it("concurrent hits are each counted once", async () => {
        const t = new Date(T0 + 1_000);
        const results = await Promise.all(
          Array.from({ length: 25 }, () => store.rateLimits.hit(A, "lookup", "ip", t, minute)),
        );
        expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      });
    });

    describe("sessions", () => {
      const data = (id: string, token: string) => [
        ["id", id],
        ["shop", A],
        ["isOnline", false],
        ["accessToken", token],
        ["scope", "read_products"],
      ];

      it("store, load, replace, findByShop, delete and deleteMany", async () => {
        const s1 = { id: "offline_a", shop: A, data: data("offline_a", "tok-1") };
        const s2 = { id: "online_a_1", shop: A, data: data("online_a_1", "tok-2") };
        const s3 = { id: "offline_b", shop: B, data: [["id", "offline_b"]] };
        for (const s of [s1, s2, s3]) await store.sessions.store(s);
        expect(await store.sessions.load("offline_a")).toEqual(s1);
        expect(await store.sessions.load("missing")).toBeNull();

        const refreshed = { ...s1, data: data("offline_a", "tok-3") };
        await store.sessions.store(refreshed);
        expect(await store.sessions.load("offline_a")).toEqual(refreshed);
        const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
        expect(byId(await store.sessions.findByShop(A))).toEqual([refreshed, s2]);

        await store.sessions.delete("online_a_1");
        await store.sessions.delete("missing");
        expect(await store.sessions.load("online_a_1")).toBeNull();
        await store.sessions.store(s2);
        await store.sessions.deleteMany(["offline_a", "online_a_1", "missing"]);
        await store.sessions.deleteMany([]);
        expect(await store.sessions.findByShop(A)).toEqual([]);
        expect(await store.sessions.findByShop(B)).toEqual([s3]);
      });
    });

    describe("sequences", () => {
      it("counts from 1 per (shop, name), also under concurrency", async () => {
        expect(await store.nextSequence(A, "rma")).toBe(1);
        expect(await store.nextSequence(A, "rma")).toBe(2);
        expect(await store.nextSequence(A, "other")).toBe(1);
        expect(await store.nextSequence(B, "rma")).toBe(1);
        const values = await Promise.all(Array.from({ length: 20 }, () => store.nextSequence(A, "rma")));
        expect(values.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
      });
    });

    describe("tenant isolation", () => {
      it("shop B reads nothing of shop A through any read", async () => {
        await seedShop(store, A, "alpha");
        expect(await snapshot(store, B)).toEqual(EMPTY_SNAPSHOT);
        expect(await store.conversations.count(B, { q: "sapphire" })).toBe(0);
        expect(await store.conversations.list(B, { visitorId: "visitor-1" })).toEqual(EMPTY_PAGE);
        expect(await store.products.find(B, { ids: [IDS.product] })).toEqual(EMPTY_PAGE);
        expect(await store.sessions.findByShop(B)).toEqual([]);
      });

      it("shop B's writes on shop A's ids change nothing of A", async () => {
        await seedShop(store, A, "alpha");
        await store.idempotency.begin(A, "/proxy/returns", "k-1", "h-1", new Date(T0), 60_000);
        const before = await snapshot(store, A);

        expect(await store.staff.remove(B, IDS.staff)).toBe(false);
        expect(await store.products.remove(B, IDS.product)).toBe(false);
        expect(await store.customers.remove(B, IDS.customer)).toBe(false);
        expect(await store.orders.attribute(B, IDS.order, "conv-evil")).toBe(false);
        expect(await store.orders.redactCustomer(B, IDS.customer, "ada@example.com")).toBe(0);
        expect(await store.conversations.update(B, IDS.conversation, { outcome: "resolved", state: {} })).toBeNull();
        expect(await store.conversations.erase(B, IDS.conversation)).toBe(false);
        await store.conversations
          .appendMessages(B, IDS.conversation, [message("evil-m", IDS.conversation)])
          .catch(() => undefined);
        const event = { at: at(9), actor: "evil", type: "status_changed" };
        expect(await store.tickets.update(B, IDS.ticket, { status: "resolved" }, event)).toBeNull();
        expect(
          await store.tickets.addNote(B, IDS.ticket, { id: "n", author: "evil", body: "x", at: at(9) }),
        ).toBeNull();
        expect(
          await store.returns.decide(B, IDS.returnRequest, { status: "declined", note: "x", at: at(9) }),
        ).toBeNull();
        expect(await store.faq.remove(B, IDS.faq)).toBe(false);
        await store.idempotency.complete(B, "/proxy/returns", "k-1", { status: 200, body: "evil", headers: {} });
        await store.idempotency.release(B, "/proxy/returns", "k-1");
        await store.shops.purge(B);

        expect(await snapshot(store, A)).toEqual(before);
        expect(await store.idempotency.begin(A, "/proxy/returns", "k-1", "h-1", new Date(T0), 60_000)).toEqual({
          state: "in_progress",
        });
      });

      it("the same ids in shop B are B's own rows: no collisions, no duplicates across shops", async () => {
        const ticketA = await seedShop(store, A, "alpha");
        const before = await snapshot(store, A);
        const ticketB = await seedShop(store, B, "beta");

        expect(ticketA.number).toBe(1);
        expect(ticketB.number).toBe(1);
        expect(await snapshot(store, A)).toEqual(before);
        const b = await snapshot(store, B);
        expect(b.shop?.name).toBe("Shop beta");
        expect(b.product?.title).toBe("Ring beta");
        expect(b.conversation?.state).toEqual({ marker: "beta" });
        expect(b.messages.map((m) => m.text)).toEqual(["sapphire betaword"]);
        expect(b.csat?.comment).toBe("beta");
        expect(ids((await store.conversations.list(A, { q: "betaword" })).items)).toEqual([]);
        expect(ids((await store.conversations.list(B, { q: "betaword" })).items)).toEqual([IDS.conversation]);
        expect(await store.analytics.counts(A, at(0), at(60))).toEqual({ widget_open: 1 });

        await store.conversations.erase(B, IDS.conversation);
        expect(await store.conversations.messages(A, IDS.conversation)).toEqual(before.messages);
        expect(ids((await store.conversations.list(A, { q: "alphaword" })).items)).toEqual([IDS.conversation]);
      });
    });
  });
}
