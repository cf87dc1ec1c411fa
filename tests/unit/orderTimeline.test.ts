import { describe, expect, it } from "vitest";
import {
  needsStylist,
  orderTimeline,
  shippingOf,
  type TimelineFulfillment,
  type TimelineOrder,
} from "~/concierge/orderTimeline";

const AT = {
  placed: "2025-03-01T10:00:00.000Z",
  paid: "2025-03-01T10:01:00.000Z",
  in_production: "2025-03-03T09:00:00.000Z",
  shipped: "2025-03-10T16:00:00.000Z",
  out_for_delivery: "2025-03-12T07:00:00.000Z",
  delivered: "2025-03-12T15:30:00.000Z",
  exception: "2025-03-11T12:00:00.000Z",
  cancelled: "2025-03-02T08:00:00.000Z",
} as const;
type S = keyof typeof AT;

function order(status: S, history: S[], fulfillments: TimelineFulfillment[] = []): TimelineOrder {
  return { status, placedAt: AT.placed, statusHistory: history.map((s) => ({ status: s, at: AT[s] })), fulfillments };
}

/** Compact view of a timeline: "status:state[@]" where @ marks an entry with a time. */
function compact(o: TimelineOrder): string[] {
  return orderTimeline(o).timeline.map((e) => `${e.status}:${e.state}${e.at ? "@" : ""}`);
}

describe("orderTimeline", () => {
  const cases: [name: string, o: TimelineOrder, expected: string[]][] = [
    [
      "just placed",
      order("placed", ["placed"]),
      [
        "placed:current@",
        "paid:upcoming",
        "in_production:upcoming",
        "shipped:upcoming",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "paid",
      order("paid", ["placed", "paid"]),
      [
        "placed:done@",
        "paid:current@",
        "in_production:upcoming",
        "shipped:upcoming",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "in the workshop",
      order("in_production", ["placed", "paid", "in_production"]),
      [
        "placed:done@",
        "paid:done@",
        "in_production:current@",
        "shipped:upcoming",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "shipped after the workshop",
      order("shipped", ["placed", "paid", "in_production", "shipped"]),
      [
        "placed:done@",
        "paid:done@",
        "in_production:done@",
        "shipped:current@",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "ready to ship: the workshop step it never entered is left out",
      order("shipped", ["placed", "paid", "shipped"]),
      ["placed:done@", "paid:done@", "shipped:current@", "out_for_delivery:upcoming", "delivered:upcoming"],
    ],
    [
      "out for delivery",
      order("out_for_delivery", ["placed", "paid", "shipped", "out_for_delivery"]),
      ["placed:done@", "paid:done@", "shipped:done@", "out_for_delivery:current@", "delivered:upcoming"],
    ],
    [
      "delivered: every step done",
      order("delivered", ["placed", "paid", "in_production", "shipped", "out_for_delivery", "delivered"]),
      [
        "placed:done@",
        "paid:done@",
        "in_production:done@",
        "shipped:done@",
        "out_for_delivery:done@",
        "delivered:done@",
      ],
    ],
    [
      "delivered without an out-for-delivery scan: done without a time",
      order("delivered", ["placed", "paid", "shipped", "delivered"]),
      ["placed:done@", "paid:done@", "shipped:done@", "out_for_delivery:done", "delivered:done@"],
    ],
    [
      "history missing: placedAt still dates the first step",
      order("shipped", []),
      ["placed:done@", "paid:done", "shipped:current", "out_for_delivery:upcoming", "delivered:upcoming"],
    ],
    [
      "exception in transit: after the last step reached, rest still upcoming",
      order("exception", ["placed", "paid", "shipped", "exception"]),
      [
        "placed:done@",
        "paid:done@",
        "shipped:done@",
        "exception:current@",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "exception in the workshop",
      order("exception", ["placed", "paid", "in_production", "exception"]),
      [
        "placed:done@",
        "paid:done@",
        "in_production:done@",
        "exception:current@",
        "shipped:upcoming",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "exception without history",
      order("exception", []),
      [
        "placed:done@",
        "exception:current",
        "paid:upcoming",
        "in_production:upcoming",
        "shipped:upcoming",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
    [
      "cancelled after payment: remaining steps dropped",
      order("cancelled", ["placed", "paid", "cancelled"]),
      ["placed:done@", "paid:done@", "cancelled:current@"],
    ],
    ["cancelled straight away", order("cancelled", ["placed", "cancelled"]), ["placed:done@", "cancelled:current@"]],
    [
      "cancelled in the workshop",
      order("cancelled", ["placed", "paid", "in_production", "cancelled"]),
      ["placed:done@", "paid:done@", "in_production:done@", "cancelled:current@"],
    ],
    [
      "history in any order",
      order("shipped", ["shipped", "placed", "in_production", "paid"]),
      [
        "placed:done@",
        "paid:done@",
        "in_production:done@",
        "shipped:current@",
        "out_for_delivery:upcoming",
        "delivered:upcoming",
      ],
    ],
  ];
  it.each(cases)("%s", (_name, o, expected) => {
    expect(compact(o)).toEqual(expected);
  });

  it("labels every step in plain English and takes times from the history", () => {
    const { timeline } = orderTimeline(
      order("delivered", ["placed", "paid", "in_production", "shipped", "out_for_delivery", "delivered"]),
    );
    expect(timeline).toEqual([
      { status: "placed", label: "Order placed", at: AT.placed, state: "done" },
      { status: "paid", label: "Payment confirmed", at: AT.paid, state: "done" },
      { status: "in_production", label: "In the workshop", at: AT.in_production, state: "done" },
      { status: "shipped", label: "Shipped", at: AT.shipped, state: "done" },
      { status: "out_for_delivery", label: "Out for delivery", at: AT.out_for_delivery, state: "done" },
      { status: "delivered", label: "Delivered", at: AT.delivered, state: "done" },
    ]);
  });

  it("labels exception and cancellation", () => {
    expect(
      orderTimeline(order("exception", ["placed", "exception"])).timeline.find((e) => e.status === "exception")?.label,
    ).toBe("Delivery exception");
    expect(orderTimeline(order("cancelled", ["placed", "cancelled"])).timeline.at(-1)).toEqual({
      status: "cancelled",
      label: "Cancelled",
      at: AT.cancelled,
      state: "current",
    });
  });

  it("uses the latest entry when a status repeats", () => {
    const o: TimelineOrder = {
      status: "shipped",
      placedAt: AT.placed,
      statusHistory: [
        { status: "placed", at: AT.placed },
        { status: "shipped", at: "2025-03-10T16:00:00.000Z" },
        { status: "exception", at: "2025-03-11T12:00:00.000Z" },
        { status: "shipped", at: "2025-03-13T09:00:00.000Z" },
      ],
      fulfillments: [],
    };
    expect(orderTimeline(o).timeline.find((e) => e.status === "shipped")?.at).toBe("2025-03-13T09:00:00.000Z");
  });

  it("has exactly one current entry unless delivered", () => {
    for (const [, o] of cases) {
      const current = orderTimeline(o).timeline.filter((e) => e.state === "current");
      expect(current).toHaveLength(o.status === "delivered" ? 0 : 1);
    }
  });

  it("never puts a done step after the current one", () => {
    for (const [, o] of cases) {
      const states = orderTimeline(o).timeline.map((e) => e.state);
      const firstNotDone = states.findIndex((s) => s !== "done");
      if (firstNotDone >= 0) expect(states.slice(firstNotDone)).not.toContain("done");
    }
  });

  it("accepts the store's Order shape", () => {
    const storeOrder = {
      id: "o1",
      number: "1042",
      name: "#1042",
      status: "paid" as const,
      placedAt: AT.placed,
      deliveredAt: null,
      statusHistory: [{ status: "placed" as const, at: AT.placed, note: "web" }],
      fulfillments: [
        { carrier: null, trackingNumber: null, trackingUrl: null, shippedAt: null, estimatedDelivery: null },
      ],
      lineItems: [],
    };
    expect(orderTimeline(storeOrder).timeline[1]).toEqual({
      status: "paid",
      label: "Payment confirmed",
      state: "current",
    });
    expect(orderTimeline(storeOrder).shipping).toEqual({});
  });
});

describe("shippingOf", () => {
  const f = (overrides: Partial<TimelineFulfillment>): TimelineFulfillment => ({
    carrier: null,
    trackingNumber: null,
    trackingUrl: null,
    estimatedDelivery: null,
    ...overrides,
  });
  const cases: [name: string, fulfillments: TimelineFulfillment[], expected: ReturnType<typeof shippingOf>][] = [
    ["none", [], {}],
    ["empty fulfillment", [f({})], {}],
    [
      "full",
      [
        f({
          carrier: "UPS",
          trackingNumber: "1Z999",
          trackingUrl: "https://ups.com/track?n=1Z999",
          estimatedDelivery: "2025-03-12",
        }),
      ],
      {
        carrier: "UPS",
        trackingNumber: "1Z999",
        trackingUrl: "https://ups.com/track?n=1Z999",
        estimatedDelivery: "2025-03-12",
      },
    ],
    ["partial: empty fields omitted", [f({ carrier: "USPS", trackingNumber: "" })], { carrier: "USPS" }],
    [
      "latest fulfillment with details wins",
      [f({ carrier: "UPS", trackingNumber: "A" }), f({ carrier: "FedEx", trackingNumber: "B" }), f({})],
      { carrier: "FedEx", trackingNumber: "B" },
    ],
    ["javascript: links are dropped", [f({ carrier: "X", trackingUrl: "javascript:alert(1)" })], { carrier: "X" }],
    [
      "data: links are dropped",
      [f({ trackingUrl: "data:text/html,hi", trackingNumber: "9" })],
      { trackingNumber: "9" },
    ],
    [
      "http links are kept (trimmed)",
      [f({ trackingUrl: " http://track.example/9 " })],
      { trackingUrl: "http://track.example/9" },
    ],
  ];
  it.each(cases)("%s", (_name, fulfillments, expected) => {
    expect(shippingOf(fulfillments)).toEqual(expected);
    expect(orderTimeline({ status: "shipped", placedAt: AT.placed, statusHistory: [], fulfillments }).shipping).toEqual(
      expected,
    );
  });
});

describe("needsStylist", () => {
  const eta = (estimatedDelivery: string | null): TimelineFulfillment[] => [
    { carrier: "UPS", trackingNumber: "1Z", trackingUrl: null, estimatedDelivery },
  ];
  const now = new Date("2025-03-15T12:00:00.000Z");
  const cases: [
    name: string,
    status: string,
    fulfillments: TimelineFulfillment[],
    slaDaysLate: number | undefined,
    expected: boolean,
  ][] = [
    ["exception always", "exception", [], undefined, true],
    ["exception even with a future estimate", "exception", eta("2025-04-01T00:00:00.000Z"), undefined, true],
    ["shipped, estimate in the future", "shipped", eta("2025-03-16T00:00:00.000Z"), undefined, false],
    ["shipped, estimate passed", "shipped", eta("2025-03-14T18:00:00.000Z"), undefined, true],
    ["out for delivery, estimate passed", "out_for_delivery", eta("2025-03-15T11:00:00.000Z"), undefined, true],
    ["in production, estimate passed", "in_production", eta("2025-03-10T00:00:00.000Z"), undefined, true],
    ["delivered late is fine now", "delivered", eta("2025-03-01T00:00:00.000Z"), undefined, false],
    ["cancelled is not chased", "cancelled", eta("2025-03-01T00:00:00.000Z"), undefined, false],
    ["no estimate", "shipped", eta(null), undefined, false],
    ["no fulfillment", "paid", [], undefined, false],
    ["unparseable estimate", "shipped", eta("soon"), undefined, false],
    ["date-only estimate today is not late yet", "shipped", eta("2025-03-15"), undefined, false],
    ["date-only estimate yesterday is late", "shipped", eta("2025-03-14"), undefined, true],
    ["within the grace days", "shipped", eta("2025-03-13T12:00:00.000Z"), 3, false],
    ["beyond the grace days", "shipped", eta("2025-03-11T12:00:00.000Z"), 3, true],
    ["negative grace counts as none", "shipped", eta("2025-03-15T11:00:00.000Z"), -2, true],
  ];
  it.each(cases)("%s", (_name, status, fulfillments, slaDaysLate, expected) => {
    expect(needsStylist({ status, fulfillments }, now, slaDaysLate)).toBe(expected);
  });
});
