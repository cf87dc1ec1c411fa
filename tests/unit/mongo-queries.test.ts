// The MongoDB adapter's query documents, built without a server: tenant scoping, filter semantics, keyset
// pagination (checked by evaluating the filters over rows), ticket order, and NoSQL operator injection.

import { describe, expect, it } from "vitest";
import type { Document } from "mongodb";
import { encodeCursor, InvalidCursorError, type CursorKey } from "~/store/cursor";
import type { ProductQuery, ReturnStatus, Ticket } from "~/store/port";
import * as q from "~/store/mongo/queries";

const SHOP = "aurora-test.myshopify.com";
const HOSTILE_OBJECT = { $gt: "" } as unknown as string;
const WALL = new Date("2030-06-01T00:00:00.000Z"); // the real clock at write time, unlike the caller's `now`

// ---------- a tiny evaluator for the subset of the query language the builders emit ----------

type Row = Record<string, unknown>;

function valuesAt(row: unknown, path: string): unknown[] {
  let current: unknown[] = [row];
  for (const part of path.split(".")) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) => (v && typeof v === "object" ? (v as Row)[part] : undefined));
  }
  return current.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
}

const isOperators = (c: unknown): c is Document =>
  typeof c === "object" &&
  c !== null &&
  !Array.isArray(c) &&
  Object.keys(c).length > 0 &&
  Object.keys(c).every((k) => k.startsWith("$"));

function test(value: unknown, op: string, arg: unknown): boolean {
  const v = value as string | number;
  const a = arg as string | number;
  const comparable = typeof value === typeof arg && value !== undefined && value !== null;
  switch (op) {
    case "$gt":
      return comparable && v > a;
    case "$gte":
      return comparable && v >= a;
    case "$lt":
      return comparable && v < a;
    case "$lte":
      return comparable && v <= a;
    case "$in":
      return (arg as unknown[]).some((x) => x === value);
    case "$eq":
      return value === arg;
    default:
      throw new Error(`evaluator does not know ${op}`);
  }
}

function matches(row: Row, filter: Document): boolean {
  return Object.entries(filter).every(([key, cond]) => {
    if (key === "$or") return (cond as Document[]).some((c) => matches(row, c));
    if (key.startsWith("$")) throw new Error(`evaluator does not know ${key}`);
    const candidates = valuesAt(row, key);
    if (isOperators(cond)) {
      return Object.entries(cond).every(([op, arg]) =>
        // $nin holds when no value is in the list, a missing field included (MongoDB's semantics).
        op === "$nin"
          ? !candidates.some((v) => (arg as unknown[]).includes(v))
          : candidates.some((v) => test(v, op, arg)),
      );
    }
    return candidates.some((v) => v === cond || (cond === null && v === undefined));
  });
}

function sortRows<T extends Row>(rows: T[], sort: Document): T[] {
  const spec = Object.entries(sort) as [string, 1 | -1][];
  return [...rows].sort((x, y) => {
    for (const [field, dir] of spec) {
      const a = x[field] as string | number;
      const b = y[field] as string | number;
      if (a < b) return -dir;
      if (a > b) return dir;
    }
    return 0;
  });
}

/** Pages through `rows` the way the adapter does: filter(after) → sort → limit, cursor from the last item. */
function paginate<T extends Row>(
  rows: T[],
  order: q.Keyset<T>,
  build: (after: CursorKey | null) => Document,
  limit: number,
): T[][] {
  const pages: T[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const filter = build(q.afterKey(cursor, order as q.Keyset<never>));
    const found = sortRows(
      rows.filter((r) => matches(r, filter)),
      q.sortOf(order as q.Keyset<never>) as Document,
    );
    const items = found.slice(0, limit);
    pages.push(items);
    if (found.length <= limit) return pages;
    cursor = encodeCursor(order.key(items[items.length - 1]));
  }
  throw new Error("pagination did not terminate");
}

/** Every `$` key in a document, recursively: the operators a filter uses. */
function operatorKeys(doc: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) doc.forEach((d) => operatorKeys(d, out));
  else if (doc && typeof doc === "object" && !(doc instanceof Date) && !(doc instanceof RegExp)) {
    for (const [k, v] of Object.entries(doc)) {
      if (k.startsWith("$")) out.add(k);
      operatorKeys(v, out);
    }
  }
  return out;
}

/** The document's structure with every leaf replaced by its type: same shape = input changed no structure. */
function shape(doc: unknown): unknown {
  if (Array.isArray(doc)) return doc.map(shape);
  if (doc && typeof doc === "object") return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, shape(v)]));
  return typeof doc;
}

// ---------- tenant scoping ----------

describe("every filter is shop-scoped", () => {
  const after2: CursorKey = ["2024-05-01T00:00:00.000Z", "c1"];
  const builders: [string, () => Document][] = [
    ["productFilter", () => q.productFilter(SHOP, { metal: "gold", priceMin: 1 }, ["p1"])],
    ["conversationFilter", () => q.conversationFilter(SHOP, { outcome: "open", q: "ring" }, after2, ["c1"])],
    ["ticketFilter", () => q.ticketFilter(SHOP, { status: "open" }, [0, "2024-05-01T00:00:00.000Z", "t1"])],
    ["returnFilter", () => q.returnFilter(SHOP, { status: "requested" }, after2)],
    ["csatFilter", () => q.csatFilter(SHOP, { maxRating: 2, from: "2024-01-01" }, after2)],
    ["customerOrdersFilter", () => q.customerOrdersFilter(SHOP, "cust1", after2)],
    ["auditFilter", () => q.auditFilter(SHOP, after2)],
    ["redactFilter", () => q.redactFilter(SHOP, "cust1", "A@B.com")!],
    ["openReturnFilter", () => q.openReturnFilter(SHOP, "o1", "li1")],
    ["messagesFilter", () => q.messagesFilter(SHOP, "c1")],
    ["byKey", () => q.byKey(SHOP, "id", "x")],
    ["shopFilter", () => q.shopFilter(SHOP)],
    ["idempotencyKey", () => q.idempotencyKey(SHOP, "POST /x", "k")],
    ["firstErasure", () => q.firstErasure(SHOP, "c1", "2024-01-01T00:00:00.000Z").filter],
    ["idempotencyTakeover", () => q.idempotencyTakeover(SHOP, "r", "k", "h", new Date(0), 1000, WALL).filter],
    ["rateLimitHit", () => q.rateLimitHit(SHOP, "api", "1.2.3.4", new Date(0), 60_000, WALL).filter],
    ["sequenceIncrement", () => q.sequenceIncrement(SHOP, "ticket").filter],
    ["analyticsCountsPipeline", () => q.analyticsCountsPipeline(SHOP, "a", "b")[0].$match as Document],
    ["messageSearchPipeline", () => q.messageSearchPipeline(SHOP, "ring")![0].$match as Document],
  ];

  it.each(builders)("%s puts { shop } first", (_name, build) => {
    const filter = build();
    expect(Object.keys(filter)[0]).toBe("shop");
    expect(filter.shop).toBe(SHOP);
  });

  it.each([undefined, null, 42, HOSTILE_OBJECT, ["a"]])("refuses a shop that is not a string: %j", (bad) => {
    expect(() => q.productFilter(bad as string, {})).toThrow(TypeError);
    expect(() => q.conversationFilter(bad as string, {})).toThrow(TypeError);
    expect(() => q.ticketFilter(bad as string, {})).toThrow(TypeError);
    expect(() => q.byKey(bad as string, "id", "x")).toThrow(TypeError);
    expect(() => q.shopDoc(bad as string, { id: "x" })).toThrow(TypeError);
  });

  it("a document's shop always wins over a stray shop property on the entity", () => {
    const doc = q.shopDoc(SHOP, { id: "p1", shop: "other.myshopify.com" });
    expect(doc.shop).toBe(SHOP);
  });

  it("filters keep other shops' rows out", () => {
    const rows = [
      { shop: SHOP, id: "a", status: "active" },
      { shop: "other.myshopify.com", id: "b", status: "active" },
    ];
    expect(rows.filter((r) => matches(r, q.productFilter(SHOP, {}))).map((r) => r.id)).toEqual(["a"]);
  });

  it("the projection hides Mongo's _id, the tenant key and the adapter's helper fields", () => {
    expect(q.ENTITY_PROJECTION).toEqual({ _id: 0, shop: 0, priorityRank: 0, open: 0, emailLower: 0, lastTurnId: 0 });
    expect(q.SHOP_PROJECTION).toEqual({ _id: 0 });
  });
});

// ---------- products ----------

describe("productFilter", () => {
  it("expands gold to every gold family and keeps other metals exact", () => {
    const gold = q.productFilter(SHOP, { metal: "gold" }).metal as { $in: string[] };
    expect([...gold.$in].sort()).toEqual(["gold", "rose_gold", "white_gold", "yellow_gold"]);
    expect(q.productFilter(SHOP, { metal: "white_gold" }).metal).toBe("white_gold");
    expect(q.productFilter(SHOP, { metal: "platinum" }).metal).toBe("platinum");

    const rows = ["yellow_gold", "white_gold", "rose_gold", "gold", "platinum", "silver", null].map((metal, i) => ({
      shop: SHOP,
      id: `p${i}`,
      status: "active",
      metal,
    }));
    const hit = (query: ProductQuery) =>
      rows.filter((r) => matches(r, q.productFilter(SHOP, query))).map((r) => r.metal);
    expect(hit({ metal: "gold" })).toEqual(["yellow_gold", "white_gold", "rose_gold", "gold"]);
    expect(hit({ metal: "rose_gold" })).toEqual(["rose_gold"]);
  });

  it("rules out excluded metals (a family with its members) and categories, keeping products without a metal", () => {
    const f = q.productFilter(SHOP, { excludeMetals: ["gold", "silver"], excludeCategories: ["ring"] });
    expect([...(f.metal as { $nin: string[] }).$nin].sort()).toEqual([
      "gold",
      "rose_gold",
      "silver",
      "white_gold",
      "yellow_gold",
    ]);
    expect(f.category).toEqual({ $nin: ["ring"] });
    expect(q.productFilter(SHOP, { metal: "platinum", excludeMetals: ["silver"] }).metal).toEqual({
      $eq: "platinum",
      $nin: ["silver"],
    });
    expect(q.productFilter(SHOP, { category: "ring", excludeCategories: ["earring"] }).category).toEqual({
      $eq: "ring",
      $nin: ["earring"],
    });
    expect(q.productFilter(SHOP, { excludeMetals: [], excludeCategories: [] })).toEqual(q.productFilter(SHOP, {}));

    const metals = ["yellow_gold", "white_gold", "rose_gold", "gold", "platinum", "silver", null];
    const rows = metals.flatMap((metal, i) =>
      (["ring", "necklace"] as const).map((category) => ({
        shop: SHOP,
        id: `p${i}${category}`,
        status: "active",
        metal,
        category,
      })),
    );
    const hit = (query: ProductQuery) =>
      rows.filter((r) => matches(r, q.productFilter(SHOP, query))).map((r) => `${r.metal}/${r.category}`);
    expect(hit({ excludeMetals: ["gold"], excludeCategories: ["ring"] })).toEqual([
      "platinum/necklace",
      "silver/necklace",
      "null/necklace",
    ]);
    expect(hit({ metal: "gold", excludeMetals: ["rose_gold", "white_gold"], category: "ring" })).toEqual([
      "yellow_gold/ring",
      "gold/ring",
    ]);
  });

  it("refuses exclusion lists that are not lists of strings", () => {
    expect(() => q.productFilter(SHOP, { excludeMetals: HOSTILE_OBJECT as never })).toThrow(TypeError);
    expect(() => q.productFilter(SHOP, { excludeCategories: [HOSTILE_OBJECT] as never })).toThrow(TypeError);
  });

  it("compares prices inclusively at both ends, and keeps a bound of 0", () => {
    expect(q.productFilter(SHOP, { priceMin: 100, priceMax: 500 }).price).toEqual({ $gte: 100, $lte: 500 });
    expect(q.productFilter(SHOP, { priceMin: 0 }).price).toEqual({ $gte: 0 });
    expect(q.productFilter(SHOP, { priceMax: 250 }).price).toEqual({ $lte: 250 });
    expect(q.productFilter(SHOP, {})).not.toHaveProperty("price");

    const rows = [99.99, 100, 300, 500, 500.01].map((price, i) => ({
      shop: SHOP,
      id: `p${i}`,
      status: "active",
      price,
    }));
    const prices = rows
      .filter((r) => matches(r, q.productFilter(SHOP, { priceMin: 100, priceMax: 500 })))
      .map((r) => r.price);
    expect(prices).toEqual([100, 300, 500]);
  });

  it("targets the variants' ring sizes", () => {
    const f = q.productFilter(SHOP, { ringSize: 7 });
    expect(f["variants.ringSize"]).toBe(7);
    const rows = [
      { shop: SHOP, id: "a", status: "active", variants: [{ ringSize: 6 }, { ringSize: 7 }] },
      { shop: SHOP, id: "b", status: "active", variants: [{ ringSize: 8 }] },
      { shop: SHOP, id: "c", status: "active", variants: [{ ringSize: null }] },
    ];
    expect(rows.filter((r) => matches(r, f)).map((r) => r.id)).toEqual(["a"]);
  });

  it("only active products unless activeOnly is false", () => {
    expect(q.productFilter(SHOP, {}).status).toBe("active");
    expect(q.productFilter(SHOP, { activeOnly: true }).status).toBe("active");
    expect(q.productFilter(SHOP, { activeOnly: false })).not.toHaveProperty("status");
  });

  it("maps category, readyToShip, tag and ids to literal conditions", () => {
    const f = q.productFilter(SHOP, { category: "ring", readyToShip: false, tag: "bridal", ids: ["p1", "p2"] });
    expect(f).toMatchObject({ category: "ring", readyToShip: false, tags: "bridal", id: { $in: ["p1", "p2"] } });
  });

  it("treats null like an absent filter", () => {
    const f = q.productFilter(SHOP, {
      category: null,
      metal: null,
      priceMin: null,
      tag: null,
    } as unknown as ProductQuery);
    expect(f).toEqual({ shop: SHOP, status: "active" });
  });
});

// ---------- keyset pagination ----------

describe("keyset pagination", () => {
  it("products: id > last id, merged with an ids filter on the same field", () => {
    expect(q.productFilter(SHOP, {}, ["p2"]).id).toEqual({ $gt: "p2" });
    expect(q.productFilter(SHOP, { ids: ["p1", "p3"] }, ["p2"]).id).toEqual({ $in: ["p1", "p3"], $gt: "p2" });
  });

  it("conversations (updatedAt desc, id desc): a bounded first field plus the tie-break on id", () => {
    const f = q.conversationFilter(SHOP, {}, ["2024-05-01T10:00:00.000Z", "c5"]);
    expect(f).toEqual({
      shop: SHOP,
      updatedAt: { $lte: "2024-05-01T10:00:00.000Z" },
      $or: [
        { updatedAt: { $lt: "2024-05-01T10:00:00.000Z" } },
        { updatedAt: "2024-05-01T10:00:00.000Z", id: { $lt: "c5" } },
      ],
    });
  });

  it("tickets (priorityRank, slaDueAt, id ascending): three-level condition", () => {
    const f = q.ticketFilter(SHOP, {}, [1, "2024-05-02T00:00:00.000Z", "t3"]);
    expect(f).toEqual({
      shop: SHOP,
      priorityRank: { $gte: 1 },
      $or: [
        { priorityRank: { $gt: 1 } },
        { priorityRank: 1, slaDueAt: { $gt: "2024-05-02T00:00:00.000Z" } },
        { priorityRank: 1, slaDueAt: "2024-05-02T00:00:00.000Z", id: { $gt: "t3" } },
      ],
    });
  });

  it("csat: the keyset bound merges with the `from` bound on createdAt", () => {
    const f = q.csatFilter(SHOP, { from: "2024-01-01T00:00:00.000Z" }, ["2024-03-01T00:00:00.000Z", "r9"]);
    expect(f.createdAt).toEqual({ $gte: "2024-01-01T00:00:00.000Z", $lte: "2024-03-01T00:00:00.000Z" });
  });

  it("sort documents follow the port's orders, field by field", () => {
    expect(Object.entries(q.sortOf(q.PRODUCT_ORDER as q.Keyset<never>) as Document)).toEqual([["id", 1]]);
    expect(Object.entries(q.sortOf(q.CONVERSATION_ORDER as q.Keyset<never>) as Document)).toEqual([
      ["updatedAt", -1],
      ["id", -1],
    ]);
    expect(Object.entries(q.sortOf(q.TICKET_ORDER as q.Keyset<never>) as Document)).toEqual([
      ["priorityRank", 1],
      ["slaDueAt", 1],
      ["id", 1],
    ]);
    for (const order of [q.RETURN_ORDER, q.CSAT_ORDER]) {
      expect(Object.entries(q.sortOf(order as q.Keyset<never>) as Document)).toEqual([
        ["createdAt", -1],
        ["id", -1],
      ]);
    }
    expect(Object.entries(q.sortOf(q.AUDIT_ORDER as q.Keyset<never>) as Document)).toEqual([
      ["at", -1],
      ["id", -1],
    ]);
    expect(Object.entries(q.sortOf(q.CUSTOMER_ORDERS_ORDER as q.Keyset<never>) as Document)).toEqual([
      ["placedAt", -1],
      ["id", -1],
    ]);
  });

  it("conversations: paging with ties on updatedAt visits every row once, newest first", () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      shop: SHOP,
      id: `c${String(i).padStart(2, "0")}`,
      updatedAt: `2024-05-0${(i % 4) + 1}T00:00:00.000Z`, // many ties
    }));
    const pages = paginate(
      rows,
      q.CONVERSATION_ORDER as unknown as q.Keyset<Row>,
      (after) => q.conversationFilter(SHOP, {}, after),
      5,
    );
    const seen = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(sortRows(rows, { updatedAt: -1, id: -1 }));
    expect(new Set(seen.map((r) => r.id)).size).toBe(rows.length);
  });

  it("tickets: paging visits high priority first, then SLA ascending, with ties, each row once", () => {
    const tickets = Array.from({ length: 17 }, (_, i) => ({
      id: `t${String(i).padStart(2, "0")}`,
      priority: (i % 3 === 0 ? "high" : "normal") as Ticket["priority"],
      slaDueAt: `2024-05-0${(i % 2) + 1}T00:00:00.000Z`,
    }));
    const rows = tickets.map((t) => q.ticketDoc(SHOP, t as unknown as Ticket) as Row);
    const pages = paginate(
      rows,
      q.TICKET_ORDER as unknown as q.Keyset<Row>,
      (after) => q.ticketFilter(SHOP, {}, after),
      4,
    );
    const seen = pages.flat();
    expect(seen).toHaveLength(17);
    expect(new Set(seen.map((r) => r.id)).size).toBe(17);
    const firstNormal = seen.findIndex((r) => r.priority === "normal");
    expect(seen.slice(0, firstNormal).every((r) => r.priority === "high")).toBe(true);
    expect(seen.slice(firstNormal).every((r) => r.priority === "normal")).toBe(true);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      if (a.priority === b.priority) expect(`${a.slaDueAt}|${a.id}` < `${b.slaDueAt}|${b.id}`).toBe(true);
    }
  });

  it("products: paging with a filter returns exactly the matching rows in id order", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      shop: SHOP,
      id: `p${String(i).padStart(2, "0")}`,
      status: i % 5 === 0 ? "draft" : "active",
      price: i * 10,
    }));
    const query: ProductQuery = { priceMin: 50, priceMax: 250 };
    const pages = paginate(
      rows,
      q.PRODUCT_ORDER as unknown as q.Keyset<Row>,
      (after) => q.productFilter(SHOP, query, after),
      4,
    );
    const expected = rows.filter((r) => r.status === "active" && r.price >= 50 && r.price <= 250);
    expect(pages.flat()).toEqual(expected);
  });

  it("refuses cursors of the wrong arity or types, and cursors carrying objects", () => {
    expect(q.afterKey(undefined, q.CONVERSATION_ORDER as q.Keyset<never>)).toBeNull();
    expect(q.afterKey(encodeCursor(["2024-01-01", "c1"]), q.CONVERSATION_ORDER as q.Keyset<never>)).toEqual([
      "2024-01-01",
      "c1",
    ]);
    expect(() => q.afterKey(encodeCursor(["c1"]), q.CONVERSATION_ORDER as q.Keyset<never>)).toThrow(InvalidCursorError);
    expect(() => q.afterKey(encodeCursor(["0", "2024", "t1"]), q.TICKET_ORDER as q.Keyset<never>)).toThrow(
      InvalidCursorError,
    );
    const forged = Buffer.from(JSON.stringify([{ $gt: "" }, "c1"])).toString("base64url");
    expect(() => q.afterKey(forged, q.CONVERSATION_ORDER as q.Keyset<never>)).toThrow(InvalidCursorError);
  });
});

// ---------- operator injection ----------

describe("no NoSQL operator injection", () => {
  it.each([
    ["category", { category: HOSTILE_OBJECT }],
    ["metal", { metal: HOSTILE_OBJECT }],
    ["tag", { tag: HOSTILE_OBJECT }],
    ["priceMin as string", { priceMin: "100" }],
    ["priceMax as object", { priceMax: { $gt: 0 } }],
    ["ringSize NaN", { ringSize: Number.NaN }],
    ["readyToShip as string", { readyToShip: "true" }],
    ["ids with an object", { ids: ["p1", { $ne: null }] }],
    ["ids as object", { ids: { $exists: true } }],
  ])("productFilter refuses %s", (_name, query) => {
    expect(() => q.productFilter(SHOP, query as unknown as ProductQuery)).toThrow(TypeError);
  });

  it.each([
    ["intent", { intent: HOSTILE_OBJECT }],
    ["outcome", { outcome: { $ne: "open" } }],
    ["visitorId", { visitorId: { $regex: ".*" } }],
    ["from", { from: { $gt: "" } }],
    ["rating", { rating: "5" }],
    ["escalated", { escalated: 1 }],
    ["q", { q: { $where: "sleep(1000)" } }],
  ])("conversationFilter refuses %s", (_name, filter) => {
    expect(() => q.conversationFilter(SHOP, filter as never)).toThrow(TypeError);
  });

  it("refuses objects in every other builder's caller values", () => {
    expect(() => q.ticketFilter(SHOP, { assignee: HOSTILE_OBJECT })).toThrow(TypeError);
    expect(() => q.returnFilter(SHOP, { status: HOSTILE_OBJECT as ReturnStatus })).toThrow(TypeError);
    expect(() => q.csatFilter(SHOP, { maxRating: "3" as unknown as number })).toThrow(TypeError);
    expect(() => q.byKey(SHOP, "id", { $ne: null })).toThrow(TypeError);
    expect(() => q.byKey(SHOP, "id", undefined)).toThrow(TypeError);
    expect(() => q.openReturnFilter(SHOP, HOSTILE_OBJECT, "li")).toThrow(TypeError);
    expect(() => q.idempotencyKey(SHOP, "r", HOSTILE_OBJECT)).toThrow(TypeError);
    expect(() => q.rateLimitHit(SHOP, "api", HOSTILE_OBJECT, new Date(), 1000, WALL)).toThrow(TypeError);
    expect(() => q.sessionFilter(HOSTILE_OBJECT)).toThrow(TypeError);
    expect(() => q.sessionsFilter(["s1", HOSTILE_OBJECT])).toThrow(TypeError);
    expect(() => q.redactFilter(SHOP, null, HOSTILE_OBJECT)).toThrow(TypeError);
    expect(() => q.analyticsCountsPipeline(SHOP, HOSTILE_OBJECT, "b")).toThrow(TypeError);
    expect(() => q.conversationFilter(SHOP, {}, null, ["c1", HOSTILE_OBJECT])).toThrow(TypeError);
  });

  it("strings that look like operators or paths stay literal values: the filter's shape does not change", () => {
    const benign = { category: "ring", metal: "silver", tag: "bridal", ids: ["p1", "p2"] } as ProductQuery;
    const hostile = {
      category: "$where",
      metal: "$gt",
      tag: "a.b.$[]",
      ids: ["$ne", '{"$gt":""}'],
    } as unknown as ProductQuery;
    const good = q.productFilter(SHOP, benign);
    const bad = q.productFilter(SHOP, hostile);
    expect(shape(bad)).toEqual(shape(good));
    expect(operatorKeys(bad)).toEqual(operatorKeys(good));
    expect(bad).toMatchObject({
      category: "$where",
      metal: "$gt",
      tags: "a.b.$[]",
      id: { $in: ["$ne", '{"$gt":""}'] },
    });

    const conv = q.conversationFilter(SHOP, { intent: "$where", visitorId: "$ne", outcome: "open" as never });
    expect(conv).toEqual({ shop: SHOP, lastIntent: "$where", visitorId: "$ne", outcome: "open" });
    expect(operatorKeys(conv).size).toBe(0);
  });

  it("full-text q: every word becomes a quoted phrase; quotes, negation and regex syntax are not interpreted", () => {
    expect(q.textSearch("gold ring")).toBe('"gold" "ring"');
    expect(q.textSearch('  ring -gold "halo" OR .* (a|b)+ $where ')).toBe(
      '"ring" "-gold" "halo" "OR" "(a|b)+" "$where"',
    );
    expect(q.textSearch('say "hi there"')).toBe('"say" "hi" "there"');
    // Nothing searchable: null, and the adapter matches no conversation for it.
    expect(q.textSearch("   ")).toBeNull();
    expect(q.textSearch('.* "" -- ^$')).toBeNull();

    const search = q.textSearch('x" -y \\"z') ?? "";
    // Only complete quoted phrases separated by single spaces: no bare term, so no `-negation`.
    expect(search).toMatch(/^"[^"]+"( "[^"]+")*$/);
  });

  it("full-text q caps the number of words", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    expect(q.textSearch(many)!.split(" ")).toHaveLength(16);
  });

  it("the message search runs $text inside the shop and groups by conversation", () => {
    expect(q.messageSearchPipeline(SHOP, "Halo  ring")).toEqual([
      { $match: { shop: SHOP, $text: { $search: '"Halo" "ring"' } } },
      { $group: { _id: "$conversationId" } },
    ]);
    expect(q.messageSearchPipeline(SHOP, " ")).toBeNull();
    expect(q.wantsTextSearch({ q: "  " })).toBe(false);
    expect(q.wantsTextSearch({})).toBe(false);
    expect(q.wantsTextSearch({ q: "!!" })).toBe(true);
  });

  it("a conversation patch only sets known fields", () => {
    const patch = {
      $where: "1",
      id: "evil",
      visitorId: "v2",
      startedAt: "1999",
      shop: "other.myshopify.com",
      rating: 5,
      state: { step: "x" },
      lastIntent: undefined,
    } as never;
    expect(q.conversationPatch(patch)).toEqual({ $set: { state: { step: "x" }, rating: 5 } });
    expect(q.conversationPatch({})).toBeNull();
    expect(q.conversationPatch({ customerId: null, erasedAt: null })).toEqual({
      $set: { customerId: null, erasedAt: null },
    });
  });
});

// ---------- conversations ----------

describe("conversationFilter", () => {
  it("maps every field: intent → lastIntent, dates on startedAt as [from, to)", () => {
    const f = q.conversationFilter(SHOP, {
      intent: "track_order",
      outcome: "escalated",
      escalated: true,
      rating: 2,
      from: "2024-01-01T00:00:00.000Z",
      to: "2024-02-01T00:00:00.000Z",
      visitorId: "v1",
    });
    expect(f).toEqual({
      shop: SHOP,
      lastIntent: "track_order",
      outcome: "escalated",
      escalated: true,
      rating: 2,
      startedAt: { $gte: "2024-01-01T00:00:00.000Z", $lt: "2024-02-01T00:00:00.000Z" },
      visitorId: "v1",
    });
  });

  it("keeps escalated: false and rating 0 (falsy but given)", () => {
    expect(q.conversationFilter(SHOP, { escalated: false, rating: 0 })).toMatchObject({ escalated: false, rating: 0 });
  });

  it("restricts to the conversations whose messages matched q", () => {
    expect(q.conversationFilter(SHOP, { q: "ring" }, null, ["c1", "c2"]).id).toEqual({ $in: ["c1", "c2"] });
    // No match at all: an empty $in matches nothing (rather than dropping the condition).
    expect(q.conversationFilter(SHOP, { q: "zzz" }, null, []).id).toEqual({ $in: [] });
    expect(q.conversationFilter(SHOP, { q: "ring" })).not.toHaveProperty("id");
  });

  it("appendMessages bumps count, unread agent replies, and never moves updatedAt back", () => {
    const update = q.appendMessagesUpdate([
      { role: "shopper", createdAt: "2024-05-01T10:00:00.000Z" },
      { role: "agent", createdAt: "2024-05-01T10:02:00.000Z" },
      { role: "concierge", createdAt: "2024-05-01T10:01:00.000Z" },
    ]);
    expect(update).toEqual({ $inc: { messageCount: 3, unread: 1 }, $max: { updatedAt: "2024-05-01T10:02:00.000Z" } });
  });

  it("erase blanks the words and the contact link, and stamps erasedAt only once", () => {
    expect(q.eraseConversationUpdate()).toEqual({ $set: { state: {}, customerId: null, visitorId: "" } });
    expect(q.eraseMessagesUpdate()).toEqual({ $set: { text: "", payload: {} } });
    const first = q.firstErasure(SHOP, "c1", "2024-05-01T00:00:00.000Z");
    expect(first.filter).toEqual({ shop: SHOP, id: "c1", erasedAt: null });
    expect(first.update).toEqual({ $set: { erasedAt: "2024-05-01T00:00:00.000Z" } });
  });

  it("messages are read in insertion order within equal timestamps", () => {
    expect(Object.entries(q.MESSAGE_ORDER_ASC)).toEqual([
      ["createdAt", 1],
      ["_id", 1],
    ]);
    expect(Object.entries(q.MESSAGE_ORDER_DESC)).toEqual([
      ["createdAt", -1],
      ["_id", -1],
    ]);
  });
});

// ---------- tickets ----------

describe("tickets", () => {
  it("ranks high before normal and stores the rank with the ticket", () => {
    expect(q.priorityRank("high")).toBeLessThan(q.priorityRank("normal"));
    expect(q.ticketDoc(SHOP, { id: "t1", priority: "high" } as Ticket)).toMatchObject({ shop: SHOP, priorityRank: 0 });
    expect(q.ticketDoc(SHOP, { id: "t2", priority: "normal" } as Ticket)).toMatchObject({
      shop: SHOP,
      priorityRank: 1,
    });
  });

  it("filters by status, assignee and priority as literals", () => {
    expect(q.ticketFilter(SHOP, { status: "waiting", assignee: "staff-1", priority: "high" })).toEqual({
      shop: SHOP,
      status: "waiting",
      assignee: "staff-1",
      priority: "high",
    });
  });

  it("an update changes only the patched fields, keeps the rank in step, appends the event", () => {
    const event = { at: "2024-05-01T00:00:00.000Z", actor: "staff-1", type: "status_changed" };
    expect(q.ticketUpdate({ priority: "high", assignee: null }, event)).toEqual({
      $set: { priority: "high", priorityRank: 0, assignee: null, updatedAt: event.at },
      $push: { events: event },
      $inc: { version: 1 },
    });
    const statusOnly = q.ticketUpdate({ status: "resolved" }, event);
    expect(statusOnly.$set).toEqual({ status: "resolved", updatedAt: event.at });
  });

  it("a note is appended and moves updatedAt", () => {
    const note = { id: "n1", author: "staff-1", body: "called back", at: "2024-05-02T00:00:00.000Z" };
    expect(q.ticketNoteUpdate(note)).toEqual({
      $set: { updatedAt: note.at },
      $push: { internalNotes: note },
      $inc: { version: 1 },
    });
    const event = { at: note.at, actor: "staff-1", type: "noted" };
    expect(q.ticketNoteUpdate(note, event).$push).toEqual({ internalNotes: note, events: event });
  });

  it("a versioned update is a compare-and-set on (shop, id, version); a forged version is refused", () => {
    expect(q.ticketAtVersion("s", "t-1", 3)).toEqual({ shop: "s", id: "t-1", version: 3 });
    expect(() => q.ticketAtVersion("s", "t-1", { $gt: 0 } as unknown as number)).toThrow(TypeError);
  });

  it("several statuses and a conversation narrow the queue; operator objects are refused", () => {
    expect(q.ticketFilter("s", { statuses: ["open", "waiting"], conversationId: "c-1" })).toEqual({
      shop: "s",
      status: { $in: ["open", "waiting"] },
      conversationId: "c-1",
    });
    expect(q.ticketFilter("s", { status: "open", statuses: ["open", "waiting"] }).status).toEqual({ $in: ["open"] });
    expect(() => q.ticketFilter("s", { statuses: [{ $ne: "" }] as unknown as ["open"] })).toThrow(TypeError);
  });
});

describe("admin records", () => {
  it("an audit prefix is an anchored, literal pattern", () => {
    expect(q.auditFilter("s", null, { actionPrefix: "rollout." })).toEqual({
      shop: "s",
      action: { $regex: "^rollout\\." },
    });
    expect(q.literalPattern("a.*(b)[c]")).toBe("a\\.\\*\\(b\\)\\[c\\]");
    expect(new RegExp(`^${q.literalPattern(".*")}`).test("rollout.update")).toBe(false);
    expect(q.auditFilter("s", null, { actionPrefix: "" })).toEqual({ shop: "s" });
  });

  it("request stats add by $inc per bucket and read back as a full array", () => {
    const { filter, update } = q.requestStatsIncrement("s", {
      hour: "2025-01-01T00:00:00.000Z",
      requests: 5,
      errors: 1,
      latency: [3, 0, 2],
    });
    expect(filter).toEqual({ shop: "s", hour: "2025-01-01T00:00:00.000Z" });
    expect(update).toEqual({ $inc: { requests: 5, errors: 1, "latency.0": 3, "latency.2": 2 } });
    expect(q.latencyArray({ "0": 3, "2": 2 }, 4)).toEqual([3, 0, 2, 0]);
    expect(q.latencyArray(undefined, 2)).toEqual([0, 0]);
  });

  it("report pipelines match the shop and the range first", () => {
    for (const pipeline of [
      q.conversationsByDayPipeline("s", "a", "b"),
      q.intentsPipeline("s", "a", "b"),
      q.csatByDayPipeline("s", "a", "b"),
      q.conversionsByDayPipeline("s", "a", "b"),
      q.eventsByDayPipeline("s", "widget_open", "a", "b"),
    ]) {
      expect(pipeline[0].$match.shop).toBe("s");
    }
    expect(q.conversionsByDayPipeline("s", "a", "b")[0].$match.conversationId).toEqual({ $type: "string" });
  });
});

// ---------- returns, csat, orders ----------

describe("returns, CSAT and orders", () => {
  it.each([
    ["requested", true],
    ["approved", true],
    ["declined", false],
    ["completed", false],
  ] as [ReturnStatus, boolean][])("a %s request has open = %s, on create and on decide", (status, open) => {
    expect(q.returnDoc(SHOP, { id: "r1", status } as never).open).toBe(open);
    expect(q.returnDecision({ status, note: null, at: "2024-05-01T00:00:00.000Z" }).$set).toEqual({
      status,
      decisionNote: null,
      decidedAt: "2024-05-01T00:00:00.000Z",
      open,
    });
  });

  it("finds the open request for a line item through the open flag", () => {
    expect(q.openReturnFilter(SHOP, "o1", "li1")).toEqual({ shop: SHOP, orderId: "o1", lineItemId: "li1", open: true });
  });

  it("csat: maxRating inclusive, from inclusive", () => {
    expect(q.csatFilter(SHOP, { maxRating: 3, from: "2024-01-01T00:00:00.000Z" })).toEqual({
      shop: SHOP,
      rating: { $lte: 3 },
      createdAt: { $gte: "2024-01-01T00:00:00.000Z" },
    });
  });

  it("customers/redact: by id or case-insensitive email; nothing when neither is given", () => {
    expect(q.redactFilter(SHOP, null, null)).toBeNull();
    expect(q.redactFilter(SHOP, "cust1", "  Ann@Example.COM ")).toEqual({
      shop: SHOP,
      $or: [{ customerId: "cust1" }, { emailLower: "ann@example.com" }],
    });
    expect(q.redactOrderUpdate()).toEqual({ $set: { customerId: null, email: "", emailLower: "", postalCode: "" } });
  });

  it("emails and order numbers are normalised like the SQLite adapter does", () => {
    expect(q.customerDoc(SHOP, { id: "c", email: " Ann@Example.com" } as never).emailLower).toBe("ann@example.com");
    expect(q.orderDoc(SHOP, { id: "o", email: "B@X.io" } as never).emailLower).toBe("b@x.io");
    expect(q.normalizeOrderNumber("#gg-1042 ")).toBe("GG1042");
  });

  it("analytics counts events in [from, to) per name", () => {
    expect(q.analyticsCountsPipeline(SHOP, "2024-05-01", "2024-05-02")).toEqual([
      { $match: { shop: SHOP, at: { $gte: "2024-05-01", $lt: "2024-05-02" } } },
      { $group: { _id: "$name", n: { $sum: 1 } } },
    ]);
  });
});

// ---------- idempotency, rate limits, sequences ----------

describe("idempotency", () => {
  const now = new Date("2024-05-01T12:00:00.000Z");

  it("a claim is live until now + ttl; the reaper dates it by the wall clock instead", () => {
    expect(q.idempotencyClaim(SHOP, "POST /tickets", "key-1", "hash", now, 86_400_000, WALL)).toEqual({
      shop: SHOP,
      route: "POST /tickets",
      key: "key-1",
      bodyHash: "hash",
      state: "in_progress",
      response: null,
      expiresAt: new Date("2024-05-02T12:00:00.000Z"),
      reapAt: new Date("2030-06-02T00:00:00.000Z"),
    });
  });

  it("an expired record is taken over only if it is still expired (compare-and-set)", () => {
    const { filter, update } = q.idempotencyTakeover(SHOP, "r", "k", "h2", now, 1000, WALL);
    expect(filter).toEqual({ shop: SHOP, route: "r", key: "k", expiresAt: { $lte: now } });
    expect(update).toEqual({
      $set: {
        bodyHash: "h2",
        state: "in_progress",
        response: null,
        expiresAt: new Date(now.getTime() + 1000),
        reapAt: new Date(WALL.getTime() + 1000),
      },
    });
  });

  it("a live record means conflict, in progress or replay", () => {
    const response = { status: 201, body: '{"ok":true}', headers: { "content-type": "application/json" } };
    const done = { bodyHash: "h", state: "done" as const, response: JSON.stringify(response), expiresAt: now };
    expect(q.idempotencyOutcome(done, "other")).toEqual({ state: "conflict" });
    expect(q.idempotencyOutcome({ ...done, state: "in_progress", response: null }, "h")).toEqual({
      state: "in_progress",
    });
    expect(q.idempotencyOutcome(done, "h")).toEqual({ state: "replay", response });
    expect(q.idempotencyComplete(response)).toEqual({ $set: { state: "done", response: JSON.stringify(response) } });
  });
});

describe("rate limits and sequences", () => {
  it("counts in fixed windows aligned to the epoch", () => {
    const hit = q.rateLimitHit(SHOP, "storefront", "1.2.3.4", new Date(125_000), 60_000, WALL);
    expect(hit.filter).toEqual({ shop: SHOP, bucket: "storefront", key: "1.2.3.4", windowStart: 120_000 });
    expect(hit.resetAt).toEqual(new Date(180_000));
    expect(hit.update).toEqual({ $inc: { count: 1 }, $setOnInsert: { reapAt: new Date(WALL.getTime() + 60_000) } });
    // The last millisecond of a window is still that window; the next one starts a new counter.
    expect(q.rateLimitHit(SHOP, "s", "k", new Date(179_999), 60_000, WALL).filter.windowStart).toBe(120_000);
    expect(q.rateLimitHit(SHOP, "s", "k", new Date(180_000), 60_000, WALL).filter.windowStart).toBe(180_000);
  });

  it("refuses a window that is not positive", () => {
    expect(() => q.rateLimitHit(SHOP, "s", "k", new Date(), 0, WALL)).toThrow(RangeError);
    expect(() => q.rateLimitHit(SHOP, "s", "k", new Date(), -5, WALL)).toThrow(RangeError);
  });

  it("sequences increment per (shop, name)", () => {
    expect(q.sequenceIncrement(SHOP, "ticket")).toEqual({
      filter: { shop: SHOP, name: "ticket" },
      update: { $inc: { value: 1 } },
    });
  });
});

// ---------- indexes ----------

describe("indexes", () => {
  const keysOf = (name: q.CollectionName) => q.INDEXES[name].map((i) => Object.entries(i.key as Document));

  it("every collection has indexes, and every index of shop data leads with shop (sessions are keyed by id, the job queue's claim indexes by status)", () => {
    expect(new Set(q.COLLECTIONS).size).toBe(q.COLLECTIONS.length);
    for (const name of q.COLLECTIONS) {
      expect(q.INDEXES[name].length).toBeGreaterThan(0);
      for (const index of q.INDEXES[name]) {
        const first = Object.keys(index.key as Document)[0];
        if (index.expireAfterSeconds !== undefined) expect(first).toBe("reapAt");
        else if (name === "sessions") expect(["id", "shop"]).toContain(first);
        // One worker claims across shops: its due/lease/housekeeping indexes lead with status.
        else if (name === "jobs" && first === "status") continue;
        else expect(first).toBe("shop");
      }
    }
  });

  it("entities are unique per shop", () => {
    for (const name of q.COLLECTIONS) {
      const notPerEntity = ["shops", "staff", "idempotencyRecords", "rateLimitCounters", "sessions", "sequences"];
      if ([...notPerEntity, "leases", "syncProgress", "requestStats", "catalogVersions"].includes(name)) continue;
      expect(q.INDEXES[name]).toContainEqual({ key: { shop: 1, id: 1 }, unique: true });
    }
  });

  it("serves the list orders", () => {
    expect(keysOf("conversations")).toContainEqual([
      ["shop", 1],
      ["updatedAt", -1],
      ["id", -1],
    ]);
    expect(keysOf("tickets")).toContainEqual([
      ["shop", 1],
      ["priorityRank", 1],
      ["slaDueAt", 1],
      ["id", 1],
    ]);
    expect(keysOf("returnRequests")).toContainEqual([
      ["shop", 1],
      ["createdAt", -1],
      ["id", -1],
    ]);
    expect(keysOf("auditLog")).toContainEqual([
      ["shop", 1],
      ["at", -1],
      ["id", -1],
    ]);
  });

  it("one open return per line item via a partial index on the open flag, without $in", () => {
    const partial = q.INDEXES.returnRequests.find((i) => i.partialFilterExpression);
    expect(partial).toEqual({
      key: { shop: 1, orderId: 1, lineItemId: 1 },
      unique: true,
      partialFilterExpression: { open: true },
    });
    expect(operatorKeys(q.INDEXES).has("$in")).toBe(false);
  });

  it("uniqueness rules and TTLs", () => {
    expect(q.INDEXES.csatRatings).toContainEqual({ key: { shop: 1, conversationId: 1 }, unique: true });
    expect(q.INDEXES.tickets).toContainEqual({ key: { shop: 1, number: 1 }, unique: true });
    expect(q.INDEXES.idempotencyRecords).toContainEqual({ key: { shop: 1, route: 1, key: 1 }, unique: true });
    expect(q.INDEXES.rateLimitCounters).toContainEqual({
      key: { shop: 1, bucket: 1, key: 1, windowStart: 1 },
      unique: true,
    });
    expect(q.INDEXES.sequences).toContainEqual({ key: { shop: 1, name: 1 }, unique: true });
    expect(q.INDEXES.sessions).toContainEqual({ key: { id: 1 }, unique: true });
    // Reaped by wall-clock write time plus slack, never by the caller's `now` (which may be far in the past).
    for (const name of ["idempotencyRecords", "rateLimitCounters"] as const) {
      expect(q.INDEXES[name]).toContainEqual({ key: { reapAt: 1 }, expireAfterSeconds: 3600 });
      expect(operatorKeys(q.INDEXES[name]).size).toBe(0);
      expect(q.INDEXES[name].some((i) => "expiresAt" in (i.key as Document))).toBe(false);
    }
  });

  it("the message text index is shop-prefixed and language-neutral", () => {
    const text = q.INDEXES.messages.find((i) => Object.values(i.key as Document).includes("text"));
    expect(text).toEqual({
      key: { shop: 1, text: "text" },
      default_language: "none",
      language_override: "textSearchLanguage",
    });
  });
});

describe("dbNameFromUri", () => {
  it.each([
    ["mongodb://localhost:27017/aurora_prod", "aurora_prod"],
    ["mongodb://u:p%40ss@h1:27017,h2:27017/shopdb?replicaSet=rs0", "shopdb"],
    ["mongodb+srv://cluster0.example.net/concierge?retryWrites=true", "concierge"],
    ["mongodb://localhost:27017", undefined],
    ["mongodb://localhost:27017/", undefined],
    ["mongodb://localhost:27017/?directConnection=true", undefined],
  ])("%s → %s", (uri, name) => {
    expect(q.dbNameFromUri(uri)).toBe(name);
  });
});

// ---------- turns (recordTurn without transactions) ----------

describe("turn writes", () => {
  const message = (id: string, role: "shopper" | "concierge" | "agent", createdAt: string) => ({
    id,
    conversationId: "conv-1",
    role,
    type: "text",
    payload: { type: "text", text: "hi" },
    text: "hi",
    intent: null,
    createdAt,
  });
  const turn = {
    conversationId: "conv-1",
    patch: { state: { step: 2 }, lastIntent: "greeting", updatedAt: "2030-01-01T00:00:05.000Z" },
    messages: [
      message("m-1", "shopper", "2030-01-01T00:00:05.000Z"),
      message("m-2", "agent", "2030-01-01T00:00:06.000Z"),
    ],
    idempotency: {
      route: "messages",
      key: "key-1",
      bodyHash: "h",
      response: { status: 200, body: "{}", headers: {} },
      expiresAt: new Date("2030-01-02T00:00:00.000Z"),
    },
  };

  it("counts a turn's messages in once: the update is guarded by the turn's id", () => {
    const { filter, update } = q.turnConversationUpdate(SHOP, turn);
    expect(filter).toEqual({ shop: SHOP, id: "conv-1", lastTurnId: { $ne: "m-1" } });
    expect(update.$inc).toEqual({ messageCount: 2, unread: 1 });
    // updatedAt ends as the later of the patch's and the newest message's, as appendMessages would leave it.
    expect(update.$set).toMatchObject({
      lastTurnId: "m-1",
      lastIntent: "greeting",
      updatedAt: "2030-01-01T00:00:06.000Z",
    });
    expect(update.$max).toBeUndefined();
    const noDate = q.turnConversationUpdate(SHOP, { ...turn, patch: { lastIntent: "faq" } });
    expect(noDate.update.$max).toEqual({ updatedAt: "2030-01-01T00:00:06.000Z" });
    // Stray patch keys never reach the document.
    const hostile = q.turnConversationUpdate(SHOP, { ...turn, patch: { $where: "1" } as never });
    expect(Object.keys(hostile.update.$set as Document)).toEqual(["lastTurnId"]);
  });

  it("stores messages by id under the conversation and the shop, and starts a conversation without counters", () => {
    const docs = q.turnMessageDocs(SHOP, turn);
    expect(docs.map((d) => [d.shop, d.conversationId, d.id])).toEqual([
      [SHOP, "conv-1", "m-1"],
      [SHOP, "conv-1", "m-2"],
    ]);
    const start = q.turnStartDoc(SHOP, {
      ...turn,
      start: {
        id: "conv-1",
        visitorId: "v",
        customerId: null,
        state: {},
        lastIntent: null,
        outcome: "open",
        escalated: false,
        rating: null,
        messageCount: 0,
        unread: 0,
        startedAt: "2030-01-01T00:00:05.000Z",
        updatedAt: "2030-01-01T00:00:05.000Z",
        erasedAt: null,
      },
    });
    expect(start).toMatchObject({ shop: SHOP, id: "conv-1", messageCount: 0, lastTurnId: null });
  });

  it("records the whole turn in the claim before writing it, and drops it once settled", () => {
    const { filter, update } = q.idempotencyCommitting(SHOP, turn, WALL);
    expect(filter).toEqual({ shop: SHOP, route: "messages", key: "key-1", bodyHash: "h" });
    expect(update.$set).toMatchObject({ state: "committing", response: JSON.stringify(turn.idempotency.response) });
    const carried = q.committingTurn({ turn: (update.$set as { turn: string }).turn });
    expect(carried).toEqual(turn);
    expect(carried?.idempotency?.expiresAt).toBeInstanceOf(Date);
    expect(q.committingTurn({ turn: null })).toBeNull();
    const settled = q.idempotencySettled(turn, WALL);
    expect(settled.$set).toMatchObject({ state: "done" });
    expect(settled.$unset).toEqual({ turn: "" });
    // A claim caught mid-commit is "in progress" to anyone who is not finishing it.
    const committing = { bodyHash: "h", state: "committing" as const, response: "{}", expiresAt: WALL };
    expect(q.idempotencyOutcome(committing, "h")).toEqual({ state: "in_progress" });
  });

  it("bumps the catalog version per shop", () => {
    expect(q.catalogVersionBump(SHOP, "abc")).toEqual({ filter: { shop: SHOP }, update: { $set: { version: "abc" } } });
    expect(() => q.catalogVersionBump(HOSTILE_OBJECT, "abc")).toThrow();
  });
});
