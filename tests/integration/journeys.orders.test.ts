// Journey 2, order tracking, end to end over real HTTP: guests with order number + email or postal code, logged-in
// customers with no number at all, the timeline and tracking link, a stylist for exceptions, and no enumeration.

import { describe, expect, it } from "vitest";
import {
  Chat,
  answer,
  offersStylist,
  ofType,
  one,
  quickReplies,
  journeyApp,
  withoutIds,
  type Json,
} from "../support/concierge";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let client: ProxyClient;
const chat = journeyApp("orders", (started) => ({ client } = started));

async function lookup(body: Record<string, unknown>, customerId?: string) {
  return answer(await client.post("orders/lookup", body, customerId ? { customerId } : {}));
}

function states(order: Json): Record<string, string> {
  return Object.fromEntries(order.timeline.map((s: Json) => [s.status, s.state]));
}

describe("POST /proxy/orders/lookup", () => {
  it("finds a shipped order by number + email, with a timeline and the carrier's tracking link", async () => {
    const { status, body } = await lookup({ orderNumber: "#1024", email: "lucas.tremblay@example.com" });
    expect(status, JSON.stringify(body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/orders/lookup", 200, body);
    const order = body.order;
    expect(order).toMatchObject({ number: "1024", status: "shipped", placedAt: expect.any(String) });
    expect(order.timeline.map((s: Json) => s.status)).toEqual([
      "placed",
      "paid",
      "shipped",
      "out_for_delivery",
      "delivered",
    ]);
    expect(states(order)).toEqual({
      placed: "done",
      paid: "done",
      shipped: "current",
      out_for_delivery: "upcoming",
      delivered: "upcoming",
    });
    for (const step of order.timeline) {
      expect(step.label).toEqual(expect.any(String));
      if (step.state !== "upcoming") expect(Date.parse(step.at)).not.toBeNaN();
      else expect(step.at).toBeUndefined();
    }
    expect(order.shipping).toMatchObject({
      carrier: "UPS",
      trackingNumber: expect.stringMatching(/^1Z/),
      trackingUrl: expect.stringMatching(/^https:\/\/www\.ups\.com\/track\?tracknum=1Z/),
      estimatedDelivery: expect.any(String),
    });
    expect(order.items.length).toBeGreaterThan(0);
    expect(order.items[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), quantity: 1 });
  });

  it("accepts the number with or without # and the email in any case", async () => {
    for (const orderNumber of ["1012", "#1012", " #1012 "]) {
      const { status, body } = await lookup({ orderNumber, email: "Emma.Thompson@EXAMPLE.com" });
      expect(status, `${orderNumber}: ${JSON.stringify(body)}`).toBe(200);
      expect(body.order.number).toBe("1012");
    }
  });

  it("finds an order by number + postal code: ZIP+4 and ZIP, Canadian and UK codes with or without the space", async () => {
    const cases: [string, string][] = [
      ["1007", "30309-2214"],
      ["1007", "30309"],
      ["1015", "M5V 2T6"],
      ["1015", "m5v2t6"],
      ["1017", "EC1A 1BB"],
      ["1017", "ec1a1bb"],
      ["1021", "v6b 4y8"],
      ["1012", "10013"],
    ];
    for (const [orderNumber, postalCode] of cases) {
      const { status, body } = await lookup({ orderNumber, postalCode });
      expect(status, `${orderNumber} + ${postalCode}: ${JSON.stringify(body)}`).toBe(200);
      expect(body.order.number).toBe(orderNumber);
    }
  });

  it("shows the timeline states of every kind of order", async () => {
    const delivered = (await lookup({ orderNumber: "1012", email: "emma.thompson@example.com" })).body.order;
    expect(delivered.status).toBe("delivered");
    for (const step of delivered.timeline) expect(step.state).toBe("done");
    expect(delivered.timeline.at(-1).status).toBe("delivered");

    const outForDelivery = (await lookup({ orderNumber: "1028", email: "emma.thompson@example.com" })).body.order;
    expect(states(outForDelivery)).toMatchObject({
      shipped: "done",
      out_for_delivery: "current",
      delivered: "upcoming",
    });
    expect(outForDelivery.shipping.carrier).toBe("FedEx");
    expect(outForDelivery.shipping.trackingUrl).toMatch(/^https:\/\/www\.fedex\.com\//);

    const inProduction = (await lookup({ orderNumber: "1011", email: "isabella.chen@example.com" })).body.order;
    expect(states(inProduction)).toMatchObject({
      placed: "done",
      paid: "done",
      in_production: "current",
      shipped: "upcoming",
    });
    expect(inProduction.shipping).toEqual({});

    const paid = (await lookup({ orderNumber: "1031", postalCode: "60614" })).body.order;
    expect(paid.status).toBe("paid");
    expect(states(paid)).toMatchObject({ placed: "done", paid: "current", shipped: "upcoming", delivered: "upcoming" });

    const cancelled = (await lookup({ orderNumber: "1004", email: "olivia.nguyen@example.com" })).body.order;
    expect(cancelled.timeline.at(-1)).toMatchObject({ status: "cancelled", state: "current" });
    expect(cancelled.timeline.some((s: Json) => s.state === "upcoming")).toBe(false);

    const exception = (await lookup({ orderNumber: "1016", postalCode: "80205" })).body.order;
    expect(exception.status).toBe("exception");
    expect(exception.timeline.find((s: Json) => s.status === "exception")).toMatchObject({
      state: "current",
      label: expect.any(String),
    });
    expect(exception.timeline.find((s: Json) => s.status === "shipped").state).toBe("done");
    expect(exception.shipping.carrier).toBe("UPS");
  });

  it("answers a wrong email, a wrong postal code and an unknown number identically (no enumeration)", async () => {
    const attempts = [
      { orderNumber: "1024", email: "someone.else@example.com" },
      { orderNumber: "1024", email: "emma.thompson@example.com" }, // a real customer, but not this order's
      { orderNumber: "1024", postalCode: "10013" },
      { orderNumber: "9999", email: "someone.else@example.com" },
      { orderNumber: "9999", email: "lucas.tremblay@example.com" },
      { orderNumber: "#0", postalCode: "H2X 1Y4" },
    ];
    const answers = await Promise.all(attempts.map((a) => lookup(a)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body.error.code).toBe("order.not_found");
      expect(withoutIds(a.body)).toEqual(withoutIds(answers[0].body));
      expect(Object.keys(a.body).sort()).toEqual(["error", "requestId"]);
    }
    expectResponseMatchesSpec("POST", "/proxy/orders/lookup", 404, answers[0].body);
  });

  it("lets a logged-in customer look up their own order by number alone, and nobody else's", async () => {
    const own = await lookup({ orderNumber: "1012" }, "cust_1");
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.order.number).toBe("1012");

    const notTheirs = await lookup({ orderNumber: "1024" }, "cust_1");
    const unknown = await lookup({ orderNumber: "9999" }, "cust_1");
    expect(notTheirs.status).toBe(404);
    expect(withoutIds(notTheirs.body)).toEqual(withoutIds(unknown.body));

    const guest = await lookup({ orderNumber: "1012" });
    expect(guest.status).toBe(400);
    expect(guest.body.error.code).toBe("validation.failed");
  });
});

describe("tracking in the conversation", () => {
  it("asks a guest for the email or postal code first, then shows the status from the follow-up message", async () => {
    const c = chat();
    const ask = await c.say("where is my order #1024");
    expect(ask.intent).toBe("track_order");
    expect(ask.entities).toMatchObject({ orderNumber: "1024" });
    expect(ofType(ask, "order_status")).toHaveLength(0);
    expect(one(ask, "text").text).toMatch(/email or postal code/i);
    const form = one(ask, "form");
    expect(form.form).toBe("order_lookup");
    expect(form.fields.find((f: Json) => f.name === "orderNumber").value).toBe("1024");
    expect(form.fields.map((f: Json) => f.name)).toEqual(expect.arrayContaining(["email", "postalCode"]));

    const shown = await c.say("lucas.tremblay@example.com");
    expect(shown.intent).toBe("track_order");
    expect(shown.entities).toMatchObject({ email: "lucas.tremblay@example.com" });
    const status = one(shown, "order_status");
    expect(status.order).toMatchObject({ number: "1024", status: "shipped", shipping: { carrier: "UPS" } });
    expect(states(status.order)).toMatchObject({ shipped: "current", delivered: "upcoming" });
    expectResponseMatchesSpec("POST", "/proxy/messages", 200, shown.body);
  });

  it("accepts the postal code as the follow-up too", async () => {
    const c = chat();
    await c.say("can you check on order number 1015");
    const shown = await c.say("my postal code is M5V 2T6");
    expect(one(shown, "order_status").order.number).toBe("1015");
  });

  it("retries with a corrected email after a miss, and with a corrected number", async () => {
    const c = chat();
    await c.say("where is my order #1024");
    const miss = await c.say("lucas@example.com");
    expect(ofType(miss, "order_status")).toHaveLength(0);
    const retry = await c.say("lucas.tremblay@example.com");
    expect(retry.intent).toBe("track_order");
    expect(one(retry, "order_status").order.number).toBe("1024");

    const typo = chat();
    await typo.say("where is my order #1052");
    await typo.say("priya.shah@example.com");
    const corrected = await typo.say("sorry, it's #1030 priya.shah@example.com");
    expect(one(corrected, "order_status").order.number).toBe("1030");
  });

  it("reads an order number on its own as tracking", async () => {
    const c = chat();
    const turn = await c.say("#1007");
    expect(turn.intent).toBe("track_order");
    expect(turn.entities).toMatchObject({ orderNumber: "1007" });
    expect(one(turn, "form").form).toBe("order_lookup");
    const shown = await c.say("30309");
    expect(one(shown, "order_status").order).toMatchObject({ number: "1007", status: "delivered" });
  });

  it("tracks from the form button (order_lookup action)", async () => {
    const c = chat();
    const start = await c.act({ type: "start", intent: "track_order" });
    expect(one(start, "form").form).toBe("order_lookup");
    const noContact = await c.act({ type: "order_lookup", orderNumber: "#1030" });
    expect(noContact.entities.orderNumber).toBe("1030");
    expect(one(noContact, "text").text).toContain("for #1030?");
    const shown = await c.act({ type: "order_lookup", orderNumber: "#1030", email: "priya.shah@example.com" });
    expect(one(shown, "order_status").order).toMatchObject({
      number: "1030",
      status: "shipped",
      shipping: { carrier: "FedEx" },
    });
  });

  it("shows a logged-in customer's latest order for 'where is my order' with no number, and offers the others", async () => {
    const c = chat("cust_1");
    const turn = await c.say("where is my order");
    expect(turn.intent).toBe("track_order");
    const status = one(turn, "order_status");
    expect(status.order).toMatchObject({ number: "1028", status: "out_for_delivery" });
    expect(states(status.order)).toMatchObject({ out_for_delivery: "current", delivered: "upcoming" });
    const others = quickReplies(turn).filter((r) => r.action.type === "order_lookup");
    expect(others.map((r) => r.action.orderNumber)).toEqual(["1012", "1001"]);

    const older = await c.act(others[0].action);
    expect(one(older, "order_status").order).toMatchObject({ number: "1012", status: "delivered" });
  });

  it("forgets order access proven by a login once the shopper is logged out (shared device)", async () => {
    const loggedIn = chat("cust_1");
    expect(one(await loggedIn.say("where is my order"), "order_status").order.number).toBe("1028");
    const loggedOut = new Chat(client, loggedIn.visitorId);
    loggedOut.conversationId = loggedIn.conversationId;
    const turn = await loggedOut.say("where is my order #1028");
    expect(turn.body.messages.some((m: { type: string }) => m.type === "order_status")).toBe(false);
    expect(
      turn.body.messages.some((m: { type: string; form?: string }) => m.type === "form" && m.form === "order_lookup"),
    ).toBe(true);
  });

  it("offers a stylist with an exception order", async () => {
    const c = chat();
    await c.say("where is my order 1021");
    const turn = await c.say("ben.mercier@example.com");
    expect(one(turn, "order_status").order.status).toBe("exception");
    expect(offersStylist(turn)).toBe(true);
  });

  it("does not offer a stylist for an order on its way on time", async () => {
    const c = chat();
    const turn = await c.act({ type: "order_lookup", orderNumber: "1025", postalCode: "94110" });
    expect(one(turn, "order_status").order.status).toBe("shipped");
    expect(offersStylist(turn)).toBe(false);
  });

  it("answers a wrong email and an unknown number identically, in the conversation too", async () => {
    const run = async (number: string) => {
      const c = chat();
      await c.say(`where is my order #${number}`);
      return c.say("someone.else@example.com");
    };
    const wrongEmail = await run("1024");
    const unknownNumber = await run("9999");
    for (const turn of [wrongEmail, unknownNumber]) {
      expect(ofType(turn, "order_status")).toHaveLength(0);
      expect(offersStylist(turn)).toBe(true);
    }
    // The only difference allowed is the number the shopper typed, echoed back into the form.
    const comparable = (body: Json) => JSON.parse(JSON.stringify(withoutIds(body)).replace(/\b(1024|9999)\b/g, "<n>"));
    expect(comparable(wrongEmail.body)).toEqual(comparable(unknownNumber.body));
    expect(one(wrongEmail, "text").text).toBe(one(unknownNumber, "text").text);

    // And through the form button.
    const viaButton = async (orderNumber: string) =>
      chat().act({ type: "order_lookup", orderNumber, email: "someone.else@example.com" });
    const [a, b] = await Promise.all([viaButton("1024"), viaButton("9999")]);
    expect(comparable(a.body)).toEqual(comparable(b.body));
  });
});
