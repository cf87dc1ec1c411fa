import { describe, expect, it } from "vitest";
import {
  deliveryDate,
  exclusionOf,
  itemsEligibility,
  returnEligibility,
  windowDaysFor,
  type EligibilityInput,
  type EligibilityLineItem,
  type EligibilityOrder,
  type ReturnOptionKind,
} from "~/concierge/eligibility";

const DAY = 86_400_000;
const PLACED = "2025-01-02T10:00:00.000Z";
const DELIVERED = "2025-02-01T15:00:00.000Z"; // a month after the order: windows must count from here
const deliveredMs = Date.parse(DELIVERED);
const daysAfterDelivery = (days: number) => new Date(deliveredMs + days * DAY);

function item(id: string, overrides: Partial<EligibilityLineItem> = {}): EligibilityLineItem {
  return { id, title: `Piece ${id}`, custom: false, engraved: false, finalSale: false, ...overrides };
}

function order(overrides: Partial<EligibilityOrder> = {}): EligibilityOrder {
  return {
    status: "delivered",
    deliveredAt: DELIVERED,
    lineItems: [item("li1", { title: "Solitaire Ring" })],
    ...overrides,
  };
}

const WINDOWS = { returnWindowDays: 30, resizeWindowDays: 60, exchangeWindowDays: 45 };

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    order: order(),
    option: "return",
    windows: WINDOWS,
    now: daysAfterDelivery(10),
    openRequestItemIds: [],
    ...overrides,
  };
}

describe("windowDaysFor", () => {
  const cases: [ReturnOptionKind, Parameters<typeof windowDaysFor>[1], number | null][] = [
    ["return", WINDOWS, 30],
    ["resize", WINDOWS, 60],
    ["exchange", WINDOWS, 45],
    ["care", WINDOWS, null],
    ["return", {}, 30],
    ["resize", {}, 60],
    ["exchange", {}, 30],
    ["return", { returnWindowDays: 14 }, 14],
    ["return", { returnWindowDays: 0 }, 0],
    ["return", { returnWindowDays: Number.NaN }, 30],
    ["resize", { resizeWindowDays: -5 }, 60],
    ["exchange", { exchangeWindowDays: Number.POSITIVE_INFINITY }, 30],
  ];
  it.each(cases)("%s with %j → %s", (option, windows, expected) => {
    expect(windowDaysFor(option, windows)).toBe(expected);
  });
});

describe("exclusionOf", () => {
  const flags = {
    plain: item("p"),
    custom: item("c", { custom: true }),
    engraved: item("e", { engraved: true }),
    finalSale: item("f", { finalSale: true }),
    customFinal: item("cf", { custom: true, finalSale: true }),
  };
  const cases: [keyof typeof flags, ReturnOptionKind, ReturnType<typeof exclusionOf>][] = [
    ["plain", "return", null],
    ["plain", "exchange", null],
    ["plain", "resize", null],
    ["plain", "care", null],
    ["custom", "return", "custom"],
    ["custom", "exchange", "custom"],
    ["custom", "resize", "custom"],
    ["custom", "care", null],
    ["engraved", "return", "engraved"],
    ["engraved", "exchange", "engraved"],
    ["engraved", "resize", "engraved"],
    ["engraved", "care", null],
    ["finalSale", "return", "final_sale"],
    ["finalSale", "exchange", "final_sale"],
    ["finalSale", "resize", "final_sale"],
    ["finalSale", "care", null],
    ["customFinal", "resize", "final_sale"],
    ["customFinal", "return", "final_sale"],
  ];
  it.each(cases)("%s item, %s → %s", (which, option, expected) => {
    expect(exclusionOf(flags[which], option)).toBe(expected);
  });
});

describe("deliveryDate", () => {
  it("uses deliveredAt, else the delivered history entry, else null", () => {
    expect(deliveryDate(order())?.toISOString()).toBe(DELIVERED);
    expect(
      deliveryDate(
        order({
          deliveredAt: null,
          statusHistory: [
            { status: "shipped", at: PLACED },
            { status: "delivered", at: "2025-02-03T00:00:00.000Z" },
          ],
        }),
      )?.toISOString(),
    ).toBe("2025-02-03T00:00:00.000Z");
    expect(deliveryDate(order({ deliveredAt: null }))).toBeNull();
    expect(deliveryDate(order({ deliveredAt: "not a date" }))).toBeNull();
  });
});

describe("returnEligibility", () => {
  type Row = [
    name: string,
    overrides: Partial<EligibilityInput>,
    expected: { eligible: boolean; reason?: string; daysLeft?: number; windowDays?: number },
  ];
  const rows: Row[] = [
    ["return inside the window", {}, { eligible: true, daysLeft: 20, windowDays: 30 }],
    ["return on the first day", { now: daysAfterDelivery(0) }, { eligible: true, daysLeft: 30 }],
    ["return with half a day left", { now: new Date(deliveredMs + 29.5 * DAY) }, { eligible: true, daysLeft: 1 }],
    ["return at the deadline instant (inclusive)", { now: daysAfterDelivery(30) }, { eligible: true, daysLeft: 0 }],
    [
      "return one second late",
      { now: new Date(deliveredMs + 30 * DAY + 1000) },
      { eligible: false, reason: "window_expired", daysLeft: 0 },
    ],
    ["return 31 days after delivery", { now: daysAfterDelivery(31) }, { eligible: false, reason: "window_expired" }],
    // Ordered 2 Jan, delivered 1 Feb, asked 1 Mar: 58 days after the order, 28 after delivery. Counting from the
    // order date (the old system's mistake) would refuse it.
    [
      "window counts from delivery, not the order date",
      { now: new Date("2025-03-01T12:00:00.000Z") },
      { eligible: true, daysLeft: 3 },
    ],
    [
      "resize at day 45 (60-day window)",
      { option: "resize", now: daysAfterDelivery(45) },
      { eligible: true, daysLeft: 15, windowDays: 60 },
    ],
    [
      "resize at day 61",
      { option: "resize", now: daysAfterDelivery(61) },
      { eligible: false, reason: "window_expired", windowDays: 60 },
    ],
    [
      "exchange uses its own window (45)",
      { option: "exchange", now: daysAfterDelivery(40) },
      { eligible: true, daysLeft: 5, windowDays: 45 },
    ],
    [
      "exchange after its window",
      { option: "exchange", now: daysAfterDelivery(46) },
      { eligible: false, reason: "window_expired" },
    ],
    ["care has no window", { option: "care", now: daysAfterDelivery(900) }, { eligible: true }],
    [
      "default windows when the shop has none",
      { windows: {}, option: "resize", now: daysAfterDelivery(59) },
      { eligible: true, windowDays: 60 },
    ],
    [
      "a zero-day window refuses after delivery",
      { windows: { returnWindowDays: 0 } },
      { eligible: false, reason: "window_expired", windowDays: 0 },
    ],
    ["cancelled order", { order: order({ status: "cancelled" }) }, { eligible: false, reason: "order_cancelled" }],
    [
      "cancelled beats everything, care too",
      { option: "care", order: order({ status: "cancelled", lineItems: [] }) },
      { eligible: false, reason: "order_cancelled" },
    ],
    [
      "not delivered yet",
      { order: order({ status: "shipped", deliveredAt: null }) },
      { eligible: false, reason: "order_not_delivered", windowDays: 30 },
    ],
    [
      "care needs a delivered order",
      { option: "care", order: order({ status: "in_production", deliveredAt: null }) },
      { eligible: false, reason: "order_not_delivered" },
    ],
    [
      "marked delivered without a date",
      { order: order({ status: "delivered", deliveredAt: null }) },
      { eligible: false, reason: "order_not_delivered" },
    ],
    [
      "delivered date from the history",
      { order: order({ deliveredAt: null, statusHistory: [{ status: "delivered", at: DELIVERED }] }) },
      { eligible: true, daysLeft: 20 },
    ],
    [
      "an exception after delivery still counts from delivery",
      { order: order({ status: "exception" }) },
      { eligible: true },
    ],
    [
      "engraved return",
      { order: order({ lineItems: [item("e", { engraved: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "custom exchange",
      { option: "exchange", order: order({ lineItems: [item("c", { custom: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "final-sale return",
      { order: order({ lineItems: [item("f", { finalSale: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "final-sale resize",
      { option: "resize", order: order({ lineItems: [item("f", { finalSale: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "engraved resize is excluded (PRODUCT.md §2.3)",
      { option: "resize", order: order({ lineItems: [item("e", { engraved: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "custom resize is excluded (PRODUCT.md §2.3)",
      { option: "resize", order: order({ lineItems: [item("c", { custom: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    [
      "final-sale care is fine",
      { option: "care", order: order({ lineItems: [item("f", { finalSale: true })] }) },
      { eligible: true },
    ],
    [
      "excluded even inside the window and before the window check",
      { now: daysAfterDelivery(90), order: order({ lineItems: [item("e", { engraved: true })] }) },
      { eligible: false, reason: "excluded_item" },
    ],
    ["open request on the item", { openRequestItemIds: ["li1"] }, { eligible: false, reason: "already_requested" }],
    [
      "open request blocks care too",
      { option: "care", openRequestItemIds: ["li1"] },
      { eligible: false, reason: "already_requested" },
    ],
    ["open request on another item does not", { openRequestItemIds: ["other"] }, { eligible: true }],
    ["unknown item", { lineItemId: "nope" }, { eligible: false, reason: "item_not_found" }],
    ["explicit item", { lineItemId: "li1" }, { eligible: true }],
    [
      "several items and none chosen",
      { order: order({ lineItems: [item("a"), item("b")] }) },
      { eligible: false, reason: "item_required" },
    ],
    [
      "several items and one chosen",
      { lineItemId: "b", order: order({ lineItems: [item("a", { engraved: true }), item("b")] }) },
      { eligible: true },
    ],
    ["empty line item id is like none", { lineItemId: "" }, { eligible: true }],
    ["order without line items", { order: order({ lineItems: [] }) }, { eligible: false, reason: "item_not_found" }],
  ];
  it.each(rows)("%s", (_name, overrides, expected) => {
    const result = returnEligibility(input(overrides));
    expect(result).toMatchObject(expected);
    if (expected.eligible) expect(result.reason).toBeUndefined();
    expect(result.message.length).toBeGreaterThan(10);
    expect(result.message).toMatch(/[.?]$/);
  });

  it("gives the deadline as delivery + window and names the item", () => {
    const result = returnEligibility(input());
    expect(result).toEqual({
      eligible: true,
      item: { id: "li1", title: "Solitaire Ring" },
      windowDays: 30,
      deadline: "2025-03-03T15:00:00.000Z",
      daysLeft: 20,
      message: "Solitaire Ring can be returned until March 3, 2025 (20 days left).",
    });
  });

  const messages: [name: string, overrides: Partial<EligibilityInput>, message: string][] = [
    ["expired", { now: daysAfterDelivery(40) }, "The 30-day return window for Solitaire Ring ended on March 3, 2025."],
    ["resize ok", { option: "resize" }, "Solitaire Ring can be resized until April 2, 2025 (50 days left)."],
    [
      "exchange, last day",
      { option: "exchange", now: daysAfterDelivery(45) },
      "Solitaire Ring can be exchanged until March 18, 2025 (today is the last day).",
    ],
    [
      "one day left",
      { now: daysAfterDelivery(29) },
      "Solitaire Ring can be returned until March 3, 2025 (1 day left).",
    ],
    ["care", { option: "care" }, "Solitaire Ring is eligible for a complimentary care refresh."],
    [
      "engraved",
      { order: order({ lineItems: [item("e", { title: "Signet", engraved: true })] }) },
      "Signet is engraved, so it can't be returned.",
    ],
    [
      "custom",
      { option: "exchange", order: order({ lineItems: [item("c", { title: "Bespoke Band", custom: true })] }) },
      "Bespoke Band is custom-made, so it can't be exchanged.",
    ],
    [
      "final sale",
      { option: "resize", order: order({ lineItems: [item("f", { title: "Sample Ring", finalSale: true })] }) },
      "Sample Ring is a final-sale piece, so it can't be resized.",
    ],
    [
      "duplicate",
      { openRequestItemIds: ["li1"] },
      "There's already an open request for Solitaire Ring. We'll be in touch about it soon.",
    ],
    [
      "cancelled",
      { order: order({ status: "cancelled" }) },
      "This order was cancelled, so we can't start a return for it.",
    ],
    [
      "not delivered",
      { order: order({ status: "shipped", deliveredAt: null }) },
      "This order hasn't been delivered yet. Once it arrives, you'll have 30 days from delivery to request a return.",
    ],
    [
      "not delivered, care",
      { option: "care", order: order({ status: "paid", deliveredAt: null }) },
      "This order hasn't been delivered yet. Once it arrives, you can book a care refresh for any piece in it.",
    ],
    [
      "no delivery date",
      { order: order({ deliveredAt: null }) },
      "We don't have a delivery date for this order yet, so we can't check it for a return online. A stylist can help.",
    ],
    ["unknown item", { lineItemId: "x" }, "We couldn't find that piece in this order."],
    [
      "choose",
      { order: order({ lineItems: [item("a"), item("b")] }) },
      "Which piece would you like to return? Choose one from your order.",
    ],
    [
      "choose, care",
      { option: "care", order: order({ lineItems: [item("a"), item("b")] }) },
      "Which piece would you like to send for a care refresh? Choose one from your order.",
    ],
    [
      "choose, but none can",
      { now: daysAfterDelivery(31), order: order({ lineItems: [item("a"), item("b")] }) },
      "None of the pieces in this order can be returned online. The 30-day return window has ended.",
    ],
    [
      "choose, but all excluded",
      { order: order({ lineItems: [item("a", { custom: true }), item("b", { engraved: true })] }) },
      "None of the pieces in this order can be returned online. They are all custom, engraved or final-sale pieces.",
    ],
    [
      "choose, but all already requested",
      { openRequestItemIds: ["a", "b"], order: order({ lineItems: [item("a"), item("b")] }) },
      "None of the pieces in this order can be returned online. Each already has an open request.",
    ],
    [
      "choose, none for mixed reasons",
      { openRequestItemIds: ["a"], order: order({ lineItems: [item("a"), item("b", { finalSale: true })] }) },
      "None of the pieces in this order can be returned online.",
    ],
  ];
  it.each(messages)("message: %s", (_name, overrides, message) => {
    expect(returnEligibility(input(overrides)).message).toBe(message);
  });

  it("formats the deadline date in the shop's time zone when given", () => {
    // Deadline 2025-03-03T15:00Z is still March 3 in New York but already March 4 in Tokyo (00:00 JST).
    expect(returnEligibility(input({ timezone: "America/New_York" })).message).toContain("March 3, 2025");
    expect(returnEligibility(input({ timezone: "Asia/Tokyo" })).message).toContain("March 4, 2025");
    expect(returnEligibility(input({ timezone: "Not/AZone" })).message).toContain("March 3, 2025");
  });
});

describe("itemsEligibility", () => {
  const lineItems = [
    item("plain", { title: "Stacking Ring" }),
    item("engraved", { title: "Signet", engraved: true }),
    item("custom", { title: "Bespoke Band", custom: true }),
    item("final", { title: "Sample Ring", finalSale: true }),
    item("open", { title: "Hoops" }),
  ];
  const base = {
    order: order({ lineItems }),
    windows: WINDOWS,
    now: daysAfterDelivery(10),
    openRequestItemIds: ["open"],
  };

  const table: [ReturnOptionKind, Record<string, string | true>][] = [
    [
      "return",
      {
        plain: true,
        engraved: "excluded_item",
        custom: "excluded_item",
        final: "excluded_item",
        open: "already_requested",
      },
    ],
    [
      "exchange",
      {
        plain: true,
        engraved: "excluded_item",
        custom: "excluded_item",
        final: "excluded_item",
        open: "already_requested",
      },
    ],
    [
      "resize",
      {
        plain: true,
        engraved: "excluded_item",
        custom: "excluded_item",
        final: "excluded_item",
        open: "already_requested",
      },
    ],
    ["care", { plain: true, engraved: true, custom: true, final: true, open: "already_requested" }],
  ];
  it.each(table)("%s: one verdict per item, in order", (option, expected) => {
    const verdicts = itemsEligibility({ ...base, option });
    expect(verdicts.map((v) => v.item?.id)).toEqual(lineItems.map((li) => li.id));
    const actual = Object.fromEntries(verdicts.map((v) => [v.item!.id, v.eligible ? true : v.reason!]));
    expect(actual).toEqual(expected);
  });

  it("carries the window for eligible and expired items", () => {
    const [plain] = itemsEligibility({ ...base, option: "return" });
    expect(plain).toMatchObject({
      eligible: true,
      windowDays: 30,
      daysLeft: 20,
      deadline: "2025-03-03T15:00:00.000Z",
      item: { id: "plain", title: "Stacking Ring" },
    });
    const [late] = itemsEligibility({ ...base, option: "return", now: daysAfterDelivery(31) });
    expect(late).toMatchObject({ eligible: false, reason: "window_expired", deadline: "2025-03-03T15:00:00.000Z" });
  });

  it("repeats an order-level refusal for every item", () => {
    for (const [status, deliveredAt, reason] of [
      ["cancelled", DELIVERED, "order_cancelled"],
      ["shipped", null, "order_not_delivered"],
    ] as const) {
      const verdicts = itemsEligibility({
        ...base,
        option: "return",
        order: order({ status, deliveredAt, lineItems }),
      });
      expect(verdicts).toHaveLength(lineItems.length);
      for (const v of verdicts) expect(v).toMatchObject({ eligible: false, reason });
      expect(verdicts.map((v) => v.item?.title)).toEqual(lineItems.map((li) => li.title));
    }
  });

  it("agrees with returnEligibility item by item", () => {
    for (const option of ["return", "resize", "exchange", "care"] as const) {
      for (const days of [0, 29, 31, 59, 61]) {
        const common = { ...base, option, now: daysAfterDelivery(days) };
        const verdicts = itemsEligibility(common);
        for (const v of verdicts) expect(returnEligibility({ ...common, lineItemId: v.item!.id })).toEqual(v);
      }
    }
  });

  it("accepts the store's order and line-item shapes (extra fields)", () => {
    const storeOrder = {
      id: "o1",
      number: "1042",
      status: "delivered" as const,
      placedAt: PLACED,
      deliveredAt: DELIVERED,
      lineItems: [
        {
          id: "li1",
          productId: "p1",
          variantId: "v1",
          title: "Ring",
          quantity: 1,
          price: 400,
          ringSize: 6,
          custom: false,
          engraved: false,
          finalSale: false,
        },
      ],
      statusHistory: [{ status: "delivered" as const, at: DELIVERED, note: "left at door" }],
    };
    expect(
      itemsEligibility({
        order: storeOrder,
        option: "return",
        windows: WINDOWS,
        now: daysAfterDelivery(1),
        openRequestItemIds: [],
      })[0].eligible,
    ).toBe(true);
  });
});
