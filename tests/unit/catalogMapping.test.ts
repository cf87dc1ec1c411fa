// The catalog mapping (category, metal, ready-to-ship from options, tags, metafields, type, title), stock-driven
// ready-to-ship, the mapping's text form (Settings, CLI), and the order mapping (status, history, flags).

import { describe, expect, it } from "vitest";
import {
  applyInventoryLevel,
  categoryOf,
  DEFAULT_CATALOG_MAPPING,
  mapProduct,
  metalOf,
  type SourceProduct,
} from "~/concierge/catalogMapping";
import { parseSources, sourcesText } from "~/concierge/catalogMappingText";
import { mapOrder, type SourceOrder } from "~/concierge/orderMapping";
import { retryDelay } from "~/platform/worker.server";
import type { CatalogMapping } from "~/store/port";

function source(overrides: Partial<SourceProduct> = {}): SourceProduct {
  return {
    id: "1",
    handle: "p",
    title: "Piece",
    descriptionHtml: "<p>Fine &amp; rare</p>",
    productType: "",
    tags: [],
    status: "active",
    options: [],
    images: [],
    variants: [
      {
        id: "v1",
        title: "A",
        price: 900,
        compareAtPrice: 1000,
        sku: null,
        options: {},
        inventory: 1,
        tracked: true,
        inventoryItemId: "i1",
      },
      {
        id: "v2",
        title: "B",
        price: 800,
        compareAtPrice: null,
        sku: null,
        options: {},
        inventory: 0,
        tracked: true,
        inventoryItemId: "i2",
      },
    ],
    metafields: {},
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe("catalog mapping", () => {
  it.each([
    ["Rings", "ring"],
    ["Engagement Ring", "ring"],
    ["Pendant", "necklace"],
    ["Diamond Studs", "earring"],
    ["Hoops", "earring"],
    ["Bangle", "bracelet"],
    ["Gift Card", null],
  ])("category of %s is %s", (text, expected) => expect(categoryOf(text)).toBe(expected));

  it.each([
    ["18k Rose Gold", "rose_gold"],
    ["14K white gold", "white_gold"],
    ["Yellow-Gold", "yellow_gold"],
    ["Platinum 950", "platinum"],
    ["Sterling Silver", "silver"],
    ["925", "silver"],
    ["14k Gold", "gold"],
    ["Titanium", null],
  ])("metal of %s is %s", (text, expected) => expect(metalOf(text)).toBe(expected));

  it("reads each attribute from the first source that yields a value, in the mapping's order", () => {
    const p = source({
      productType: "Necklace",
      tags: ["category:ring", "metal:platinum", "ready-to-ship"],
      metafields: { "concierge.metal": "silver" },
      variants: source().variants.map((v) => ({ ...v, options: { Metal: "Rose Gold" } })),
    });
    expect(mapProduct(p)).toMatchObject({
      category: "necklace",
      metal: "silver",
      readyToShip: true,
      readyToShipMapped: true,
    });
    const mapping: CatalogMapping = {
      category: [{ from: "tag", prefix: "category:" }],
      metal: [{ from: "option", name: "metal" }],
      readyToShip: [{ from: "metafield", namespace: "custom", key: "rts" }],
    };
    expect(mapProduct(p, mapping)).toMatchObject({ category: "ring", metal: "rose_gold", readyToShip: false });
    expect(mapProduct(source({ title: "Gift Card" }), DEFAULT_CATALOG_MAPPING)).toBeNull();
  });

  it("derives price, stock and ready-to-ship from the variants, and follows stock changes", () => {
    const p = mapProduct(source({ title: "Halo Ring", tags: ["ready-to-ship"] }))!;
    expect(p).toMatchObject({
      price: 800,
      compareAtPrice: null,
      inventory: 1,
      readyToShip: true,
      description: "Fine & rare",
    });
    const soldOut = applyInventoryLevel(p, "i1", "loc-1", 0);
    expect(soldOut).toMatchObject({ inventory: 0, readyToShip: false });
    const restocked = applyInventoryLevel(applyInventoryLevel(soldOut, "i2", "loc-1", 2), "i2", "loc-2", 3);
    expect(restocked).toMatchObject({ inventory: 5, readyToShip: true });
    expect(restocked.variants[1]).toMatchObject({
      inventory: 5,
      available: true,
      inventoryByLocation: { "loc-1": 2, "loc-2": 3 },
    });
  });
});

function sourceOrder(overrides: Partial<SourceOrder> = {}): SourceOrder {
  return {
    id: "o1",
    name: "#GG-1042",
    email: "a@example.com",
    customerId: null,
    postalCode: "10013",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-02T00:00:00.000Z",
    cancelledAt: null,
    financialStatus: "pending",
    fulfillments: [],
    lineItems: [
      {
        id: "li1",
        productId: "p1",
        variantId: "v1",
        title: "Ring — Size 6.5",
        quantity: 1,
        price: 10,
        properties: { Engraving: "A & B" },
      },
    ],
    total: 10,
    currency: "USD",
    attributes: {},
    ...overrides,
  };
}

describe("order mapping", () => {
  it("normalises the number, flags engraved / custom / final-sale items, reads the ring size", () => {
    const order = mapOrder(sourceOrder(), null, () => ["Final-Sale", "custom"]);
    expect(order).toMatchObject({ number: "GG1042", status: "placed" });
    expect(order.lineItems[0]).toMatchObject({ engraved: true, custom: true, finalSale: true, ringSize: 6.5 });
  });

  it("moves the status forward and keeps the history growing", () => {
    const placed = mapOrder(sourceOrder(), null, () => []);
    const paid = mapOrder(sourceOrder({ financialStatus: "paid" }), placed, () => []);
    const shipped = mapOrder(
      sourceOrder({
        financialStatus: "paid",
        fulfillments: [
          {
            carrier: "UPS",
            trackingNumber: "1Z",
            trackingUrl: null,
            shippedAt: "2026-01-03T00:00:00.000Z",
            estimatedDelivery: null,
            status: "in_transit",
            deliveredAt: null,
          },
        ],
      }),
      paid,
      () => [],
    );
    const delivered = mapOrder(
      sourceOrder({
        fulfillments: [
          {
            carrier: "UPS",
            trackingNumber: "1Z",
            trackingUrl: null,
            shippedAt: null,
            estimatedDelivery: null,
            status: "delivered",
            deliveredAt: "2026-01-05T00:00:00.000Z",
          },
        ],
      }),
      { ...shipped, conversationId: "conv_1" },
      () => [],
    );
    expect(delivered.statusHistory.map((h) => h.status)).toEqual(["placed", "paid", "shipped", "delivered"]);
    expect(delivered).toMatchObject({ deliveredAt: "2026-01-05T00:00:00.000Z", conversationId: "conv_1" });
    expect(mapOrder(sourceOrder({ cancelledAt: "2026-01-06T00:00:00.000Z" }), delivered, () => []).status).toBe(
      "cancelled",
    );
  });
});

describe("retry backoff", () => {
  it("grows exponentially with jitter and stays under the cap", () => {
    expect(retryDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe("the mapping as staff write it (Settings, CLI)", () => {
  it("reads every source kind, one per line or comma, and writes them back the same way", () => {
    const parsed = parseSources(
      "metafield:custom.piece_kind\noption:Metal, tag:alloy=\ntag\nproduct_type\n\ntitle\ntag",
    );
    expect(parsed).toEqual({
      ok: true,
      sources: [
        { from: "metafield", namespace: "custom", key: "piece_kind" },
        { from: "option", name: "Metal" },
        { from: "tag", prefix: "alloy=" },
        { from: "tag" },
        { from: "product_type" },
        { from: "title" },
      ],
    });
    expect(sourcesText(parsed.ok ? parsed.sources : [])).toBe(
      "metafield:custom.piece_kind\noption:Metal\ntag:alloy=\ntag\nproduct_type\ntitle",
    );
  });

  it("names the line it cannot read, and refuses none or too many", () => {
    for (const bad of ["metafield:custom", "colour:red", "option:", "tag:<script>"]) {
      const parsed = parseSources(`title\n${bad}`);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toContain(bad);
    }
    expect(parseSources(" \n ")).toEqual({ ok: false, problem: "name at least one source" });
    expect(parseSources(Array.from({ length: 11 }, (_, i) => `option:O${i}`).join("\n")).ok).toBe(false);
  });
});
