// Journey 1, product discovery, end to end over real HTTP: typed requests and buttons, context across turns,
// paging, ranking, visible (never silent) relaxations, and the catalog endpoint with its cursor.

import { describe, expect, it } from "vitest";
import {
  answer,
  offersStylist,
  ofType,
  one,
  quickReplies,
  journeyApp,
  type Json,
  type Turn,
} from "../support/concierge";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let client: ProxyClient;
const chat = journeyApp("discovery", (started) => ({ client } = started));

function cardsOf(turn: Turn): Json[] {
  return one(turn, "product_cards").products;
}

/** Every product the catalog endpoint returns for a query, walking the cursor to the end. */
async function catalog(query: Record<string, string>): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | null = null;
  do {
    const { status, body } = await answer(
      await client.get("products", { ...query, limit: "50", ...(cursor ? { cursor } : {}) }),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    out.push(...body.products);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

function expectCard(card: Json): void {
  expect(card).toMatchObject({
    id: expect.stringMatching(/^prod_\d+$/),
    handle: expect.any(String),
    title: expect.any(String),
    price: expect.any(Number),
    currency: "USD",
    category: expect.stringMatching(/^(ring|necklace|earring|bracelet)$/),
    readyToShip: expect.any(Boolean),
    url: `/products/${card.handle}`,
    imageUrl: expect.stringMatching(/^https?:\/\//),
    imageAlt: expect.any(String),
    variantId: expect.any(String),
  });
}

describe("a typed product request", () => {
  it("answers 'rose gold rings under $800' with ranked cards that all match, and says what it understood", async () => {
    const c = chat();
    const turn = await c.say("rose gold rings under $800");
    expect(turn.intent).toBe("find_product");
    expect(turn.body.understanding.confidence).toBeGreaterThanOrEqual(0.7);
    expect(turn.entities).toEqual({ category: "ring", metal: "rose_gold", priceMax: 800 });

    const message = one(turn, "product_cards");
    expect(message.text).toContain("$800");
    const cards = message.products;
    expect(cards.length).toBe(3);
    for (const card of cards) {
      expectCard(card);
      expect(card.category).toBe("ring");
      expect(card.metal).toBe("rose_gold");
      expect(card.price).toBeLessThanOrEqual(800);
    }
    // Nothing that matches is left out: the catalog endpoint with the same filters finds the same pieces.
    const all = await catalog({ category: "ring", metal: "rose_gold", priceMax: "800" });
    expect(new Set(cards.map((p: Json) => p.id))).toEqual(new Set(all.map((p) => p.id)));
    // Always a next step and a way to a human.
    expect(offersStylist(turn)).toBe(true);
    expectResponseMatchesSpec("POST", "/proxy/messages", 200, turn.body);
  });

  it("treats a ceiling as inclusive: a piece priced exactly at the ceiling is shown", async () => {
    const turn = await chat().say("rose gold rings under $620");
    expect(turn.entities.priceMax).toBe(620);
    const cards = cardsOf(turn);
    expect(cards.map((p: Json) => p.price)).toContain(620);
    for (const card of cards) expect(card.price).toBeLessThanOrEqual(620);
  });

  it("ranks ready-to-ship before made-to-order among equally relevant pieces", async () => {
    // Every ring whose title names a ring is equally relevant to "rings"; ready-to-ship ones must come first.
    const c = chat();
    const ranked: Json[] = [...cardsOf(await c.say("show me rings"))];
    for (let i = 0; i < 10 && ofType(c.turns.at(-1)!, "product_cards").at(0)?.hasMore; i++) {
      ranked.push(...cardsOf(await c.act({ type: "more" })));
    }
    expect(ranked).toHaveLength(20);
    const named = ranked.filter((p) => /\brings?\b/i.test(p.title));
    const firstMadeToOrder = named.findIndex((p) => !p.readyToShip);
    const lastReady = named.map((p) => p.readyToShip).lastIndexOf(true);
    expect(firstMadeToOrder).toBeGreaterThan(0);
    expect(lastReady).toBeLessThan(firstMadeToOrder);
    // The catalog endpoint ranks the same way as the concierge.
    const viaEndpoint = await catalog({ category: "ring" });
    expect(viaEndpoint.map((p) => p.id)).toEqual(ranked.map((p) => p.id));
  });

  it("pages 'show me more' through the same search without repeating a piece", async () => {
    const c = chat();
    const first = await c.say("show me rings");
    expect(first.entities).toMatchObject({ category: "ring" });
    const seen: string[] = cardsOf(first).map((p: Json) => p.id);
    expect(one(first, "product_cards").hasMore).toBe(true);
    expect(quickReplies(first).some((r) => r.action.type === "more")).toBe(true);

    const phrasings = ["show me more", "more options", "next", "show me more", "another", "show me more"];
    let last: Turn = first;
    for (const phrase of phrasings) {
      last = await c.say(phrase);
      expect(last.intent).toBe("find_product");
      expect(last.entities).toEqual({ category: "ring" });
      const cards = ofType(last, "product_cards");
      if (cards.length === 0) break;
      for (const card of cards[0].products) {
        expect(card.category).toBe("ring");
        expect(seen).not.toContain(card.id);
        seen.push(card.id);
      }
      if (!cards[0].hasMore) {
        last = await c.say("show me more");
        break;
      }
    }
    expect(seen).toHaveLength(20);
    // Past the end: says so and offers a new search and a stylist instead of an empty carousel.
    expect(ofType(last, "product_cards")).toHaveLength(0);
    expect(one(last, "quick_replies").text).toMatch(/everything/i);
    expect(offersStylist(last)).toBe(true);
  });

  it("keeps category and price when the metal changes ('in platinum instead')", async () => {
    const c = chat();
    await c.say("rings under $2000");
    const turn = await c.say("in platinum instead");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toEqual({ category: "ring", metal: "platinum", priceMax: 2000 });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatchObject({ category: "ring", metal: "platinum" });
      expect(card.price).toBeLessThanOrEqual(2000);
    }
  });

  it("keeps category and price after 'rose gold rings under $800' too, and says plainly when that finds nothing", async () => {
    const c = chat();
    await c.say("rose gold rings under $800");
    const turn = await c.say("in platinum instead");
    expect(turn.entities).toEqual({ category: "ring", metal: "platinum", priceMax: 800 });
    const message = one(turn, "product_cards");
    expect(message.products).toEqual([]);
    expect(message.text).toMatch(/couldn.t find platinum rings up to \$800/i);
    expect(quickReplies(turn).some((r) => r.action.type === "search")).toBe(true);
  });

  it("reads 'under 400' after a search as a refinement of it", async () => {
    const c = chat();
    await c.say("rose gold rings under $800");
    const turn = await c.say("under 400");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toEqual({ category: "ring", metal: "rose_gold", priceMax: 400 });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatchObject({ category: "ring", metal: "rose_gold" });
      expect(card.price).toBeLessThanOrEqual(400);
    }
  });

  it("changes only the category for 'what about necklaces'", async () => {
    const c = chat();
    await c.say("rose gold rings under $800");
    const turn = await c.say("what about necklaces");
    expect(turn.entities).toEqual({ category: "necklace", metal: "rose_gold", priceMax: 800 });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatchObject({ category: "necklace", metal: "rose_gold" });
      expect(card.price).toBeLessThanOrEqual(800);
    }
  });

  it("applies a 'cheaper ones' follow-up with no price to move by ordering the same search by price", async () => {
    const c = chat();
    const before = cardsOf(await c.say("show me necklaces"));
    const turn = await c.say("cheaper ones");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toMatchObject({ category: "necklace" });
    const cards = cardsOf(turn);
    expect(cards.map((p: Json) => p.id)).not.toEqual(before.map((p: Json) => p.id));
    const prices = cards.map((p: Json) => p.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const cheapest = Math.min(...(await catalog({ category: "necklace" })).map((p) => p.price));
    expect(prices[0]).toBe(cheapest);
    // The next page continues in the same order.
    const more = cardsOf(await c.say("show me more"));
    expect(more[0].price).toBeGreaterThanOrEqual(prices.at(-1));
  });
});

describe("nothing matches", () => {
  it("says so, keeps the filters that were asked, and offers one-tap relaxations that find pieces", async () => {
    const c = chat();
    const turn = await c.say("platinum rings under $100");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toEqual({ category: "ring", metal: "platinum", priceMax: 100 });
    const message = one(turn, "product_cards");
    expect(message.products).toEqual([]);
    expect(message.text).toMatch(/couldn.t find platinum rings up to \$100/i);
    expect(offersStylist(turn)).toBe(true);

    // Never a silent relaxation: what the conversation remembers is what was asked.
    const { body } = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    expect(body.conversation.state.filters).toEqual({ category: "ring", metal: "platinum", priceMax: 100 });

    const relaxations = quickReplies(turn).filter((r) => r.action.type === "search");
    expect(relaxations.length).toBeGreaterThan(0);
    for (const relaxation of relaxations) {
      expect(relaxation.label).toEqual(expect.any(String));
      const filters = relaxation.action.filters;
      // Each changes one filter and keeps the rest.
      const changed = ["category", "metal", "priceMin", "priceMax", "readyToShip"].filter(
        (k) => JSON.stringify(filters[k]) !== JSON.stringify(turn.entities[k]),
      );
      expect(changed).toHaveLength(1);

      const tapped = await c.act(relaxation.action);
      expect(tapped.intent).toBe("find_product");
      expect(tapped.entities).toEqual(filters);
      const cards = cardsOf(tapped);
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) {
        if (filters.category) expect(card.category).toBe(filters.category);
        if (filters.metal) expect(card.metal).toBe(filters.metal);
        if (filters.priceMax !== undefined) expect(card.price).toBeLessThanOrEqual(filters.priceMax);
      }
    }
  });

  it("offers a price that reaches the metal asked for when the next round amount is not enough", async () => {
    const turn = await chat().say("platinum rings under $800");
    const message = one(turn, "product_cards");
    expect(message.products).toEqual([]);
    const raise = quickReplies(turn).find((r) => r.action.type === "search" && r.action.filters.metal === "platinum");
    expect(raise, JSON.stringify(quickReplies(turn))).toBeDefined();
    expect(raise!.label).toMatch(/^Show rings up to \$[\d,]+$/);
    const cheapest = Math.min(...(await catalog({ category: "ring", metal: "platinum" })).map((p) => p.price));
    expect(raise!.action.filters).toEqual({
      category: "ring",
      metal: "platinum",
      priceMax: raise!.action.filters.priceMax,
    });
    expect(raise!.action.filters.priceMax).toBeGreaterThanOrEqual(cheapest);
  });
});

describe("other phrasings", () => {
  it("finds ready-to-ship studs", async () => {
    const turn = await chat().say("ready-to-ship studs");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toMatchObject({ category: "earring", readyToShip: true });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatchObject({
        category: "earring",
        readyToShip: true,
        shippingPromise: expect.stringMatching(/ships in 1/i),
      });
    }
    expect(cards[0].title).toMatch(/stud/i);
    // Already ready-to-ship: no "Ready to ship only" button.
    expect(quickReplies(turn).some((r) => r.label === "Ready to ship only")).toBe(false);
  });

  it("understands a gift for an anniversary with an approximate budget", async () => {
    const turn = await chat().say("something for my wife's anniversary around 1.5k");
    expect(turn.intent).toBe("find_product");
    expect(turn.entities).toMatchObject({ gift: true, priceMin: 1200, priceMax: 1800 });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.price).toBeGreaterThanOrEqual(1200);
      expect(card.price).toBeLessThanOrEqual(1800);
    }
    expect(cards[0].why).toMatch(/gift/i);
  });

  it("understands gift ideas under a budget", async () => {
    const turn = await chat().say("gift ideas under $300");
    expect(turn.entities).toMatchObject({ gift: true, priceMax: 300 });
    const cards = cardsOf(turn);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.price).toBeLessThanOrEqual(300);
  });

  it("works from buttons: start → category → ready to ship only", async () => {
    const c = chat();
    const start = await c.act({ type: "start", intent: "find_product" });
    const categories = quickReplies(start).filter((r) => r.action.type === "search");
    expect(categories.map((r) => r.action.filters.category)).toEqual(["ring", "necklace", "earring", "bracelet"]);
    const bracelets = await c.act(categories.find((r) => r.action.filters.category === "bracelet")!.action);
    for (const card of cardsOf(bracelets)) expect(card.category).toBe("bracelet");
    const readyOnly = quickReplies(bracelets).find((r) => r.label === "Ready to ship only");
    expect(readyOnly).toBeDefined();
    const ready = await c.act(readyOnly!.action);
    expect(ready.entities).toEqual({ category: "bracelet", readyToShip: true });
    for (const card of cardsOf(ready)) expect(card).toMatchObject({ category: "bracelet", readyToShip: true });
  });
});

describe("GET /proxy/products", () => {
  it("filters by category, metal and ready-to-ship", async () => {
    const { status, body } = await answer(
      await client.get("products", { category: "necklace", metal: "silver", readyToShip: "true" }),
    );
    expect(status).toBe(200);
    expectResponseMatchesSpec("GET", "/proxy/products", 200, body);
    expect(body.products.length).toBeGreaterThan(0);
    for (const card of body.products) {
      expectCard(card);
      expect(card).toMatchObject({ category: "necklace", metal: "silver", readyToShip: true });
    }
  });

  it("treats priceMin and priceMax as inclusive", async () => {
    const exact = await catalog({ priceMin: "620", priceMax: "620" });
    expect(exact.map((p) => p.id)).toContain("prod_1010");
    for (const card of exact) expect(card.price).toBe(620);

    const range = await catalog({ category: "ring", priceMin: "480", priceMax: "1150" });
    const prices = range.map((p) => p.price);
    expect(prices).toContain(480);
    expect(prices).toContain(1150);
    for (const price of prices) {
      expect(price).toBeGreaterThanOrEqual(480);
      expect(price).toBeLessThanOrEqual(1150);
    }
  });

  it("walks every page with the cursor, without duplicates, until nextCursor is null", async () => {
    const all = await catalog({});
    expect(all).toHaveLength(68);
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await answer(
        await client.get("products", { limit: "7", ...(cursor ? { cursor } : {}) }),
      );
      expect(status).toBe(200);
      expect(body.products.length).toBeLessThanOrEqual(7);
      ids.push(...body.products.map((p: Json) => p.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBe(Math.ceil(68 / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(all.map((p) => p.id));
  });

  it("ranks a search word: 'pearl' puts pearl pieces first", async () => {
    const { body } = await answer(await client.get("products", { q: "pearl", limit: "5" }));
    expect(body.products[0].title).toMatch(/pearl/i);
  });

  it("leaves out excluded metals (a family with its members) and categories, given comma-separated", async () => {
    const all = await catalog({});
    const kept = await catalog({ excludeMetals: "gold,silver", excludeCategories: "ring" });
    expect(kept.length).toBeGreaterThan(0);
    for (const card of kept) {
      expect(card.category).not.toBe("ring");
      expect(["gold", "yellow_gold", "white_gold", "rose_gold", "silver"]).not.toContain(card.metal);
    }
    const expected = all.filter((p) => p.category !== "ring" && !(p.metal && /gold|silver/.test(p.metal)));
    expect(kept.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    const bad = await answer(await client.get("products", { excludeMetals: "gold,bronze" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
  });

  it("keeps an exclusion through the conversation: 'rings but not gold', then 'under 2000'", async () => {
    const c = chat();
    const first = await c.say("rings but not gold");
    expect(first.entities).toMatchObject({ category: "ring", excludeMetals: ["gold"] });
    const refined = await c.say("under 2000");
    expect(refined.entities).toMatchObject({ category: "ring", excludeMetals: ["gold"], priceMax: 2000 });
    for (const card of cardsOf(refined)) expect(card.metal ?? "").not.toMatch(/gold/);
  });

  it("answers 400 when priceMin is greater than priceMax, and for a bad cursor", async () => {
    const inverted = await answer(await client.get("products", { priceMin: "900", priceMax: "100" }));
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.code).toBe("validation.failed");
    expectResponseMatchesSpec("GET", "/proxy/products", 400, inverted.body);

    const badCursor = await answer(await client.get("products", { cursor: "not-a-cursor" }));
    expect(badCursor.status).toBe(400);
  });
});
