// Journey 3, returns / resizes / exchanges, end to end over real HTTP: eligibility shown before submitting,
// windows from delivery, excluded pieces, one open request per item, an RMA with next steps, and a stylist
// whenever the answer is no.

import { describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import { answer, offersStylist, ofType, one, quickReplies, readDb, journeyApp, type Json } from "../support/concierge";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let app: RunningApp;
let client: ProxyClient;
const chat = journeyApp("returns", (started) => ({ app, client } = started));

async function submit(body: Record<string, unknown>, customerId?: string) {
  return answer(await client.post("returns", body, customerId ? { customerId } : {}));
}

function requestsFor(orderNumber: string): Json[] {
  return readDb(app, (db) =>
    db.prepare("SELECT * FROM return_requests WHERE order_number = ? ORDER BY created_at").all(orderNumber),
  );
}

async function expectIneligible(body: Record<string, unknown>, reason: string) {
  const res = await submit(body);
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe("returns.ineligible");
  expect(res.body.error.details.reason).toBe(reason);
  expect(res.body.error.message).toEqual(expect.any(String));
  return res.body;
}

describe("POST /proxy/returns", () => {
  it("creates a return request for an eligible ring with an RMA and next steps, and refunds nothing", async () => {
    const { status, body } = await submit({
      orderNumber: "#1012",
      email: "emma.thompson@example.com",
      lineItemId: "li_1012_1",
      option: "return",
      reason: "It is a little too small",
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/returns", 200, body);
    expect(body.returnRequest).toMatchObject({
      id: expect.any(String),
      rma: expect.stringMatching(/^RMA-\d{5}$/),
      status: "requested",
      option: "return",
      eligibility: { eligible: true, deadline: expect.any(String), windowDays: 30 },
      nextSteps: expect.stringMatching(/label/i),
    });
    // It lands in the admin queue as a request; nothing is approved or refunded automatically.
    const rows = requestsFor("1012");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rma: body.returnRequest.rma,
      status: "requested",
      line_item_id: "li_1012_1",
      option: "return",
    });
  });

  it("refuses a second open request for the same item with 409, whatever the option", async () => {
    for (const option of ["return", "resize"]) {
      const { status, body } = await submit({
        orderNumber: "1012",
        postalCode: "10013",
        lineItemId: "li_1012_1",
        option,
        reason: "Again",
        newSize: 6.5,
      });
      expect(status, JSON.stringify(body)).toBe(409);
      expect(body.error.code).toBe("returns.duplicate");
    }
    expect(requestsFor("1012")).toHaveLength(1);
  });

  it("refuses a return after the 30-day window with window_expired, with or without the item named", async () => {
    const order = {
      orderNumber: "1002",
      email: "liam.carter@example.com",
      option: "return",
      reason: "Changed my mind",
    };
    await expectIneligible(order, "window_expired");
    const named = await expectIneligible({ ...order, lineItemId: "li_1002_1" }, "window_expired");
    expect(Date.parse(named.error.details.deadline)).toBeLessThan(Date.now());
    expect(requestsFor("1002")).toHaveLength(0);
  });

  it("allows a resize 55 days after delivery (60-day window) while refusing a return", async () => {
    const order = { orderNumber: "1005", postalCode: "78704", reason: "Slips off" };
    await expectIneligible({ ...order, option: "return" }, "window_expired");
    const { status, body } = await submit({ ...order, option: "resize", newSize: 6.5 });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.returnRequest).toMatchObject({
      status: "requested",
      option: "resize",
      eligibility: { eligible: true, windowDays: 60 },
    });
    expect(requestsFor("1005")[0]).toMatchObject({ option: "resize", new_size: 6.5 });
  });

  it("excludes engraved, final-sale and custom pieces from returns", async () => {
    await expectIneligible(
      {
        orderNumber: "1012",
        email: "emma.thompson@example.com",
        lineItemId: "li_1012_2",
        option: "return",
        reason: "x",
      },
      "excluded_item",
    );
    await expectIneligible(
      { orderNumber: "1010", email: "mia.johnson@example.com", option: "return", reason: "x" },
      "excluded_item",
    );
    await expectIneligible(
      { orderNumber: "1007", postalCode: "30309", option: "return", reason: "x" },
      "excluded_item",
    );
    await expectIneligible(
      {
        orderNumber: "1009",
        email: "sophia.rossi@example.com",
        lineItemId: "li_1009_2",
        option: "exchange",
        reason: "x",
      },
      "excluded_item",
    );
  });

  it("refuses orders not yet delivered, and cancelled ones", async () => {
    await expectIneligible(
      { orderNumber: "1024", email: "lucas.tremblay@example.com", option: "return", reason: "x" },
      "order_not_delivered",
    );
    await expectIneligible(
      { orderNumber: "1004", email: "olivia.nguyen@example.com", option: "return", reason: "x" },
      "order_cancelled",
    );
  });

  it("requires the new size for a resize (400) and creates nothing", async () => {
    const order = { orderNumber: "1008", email: "ethan.brooks@example.com", option: "resize", reason: "Too loose" };
    const missing = await submit(order);
    expect(missing.status, JSON.stringify(missing.body)).toBe(400);
    expect(missing.body.error.code).toBe("validation.failed");
    expect(JSON.stringify(missing.body.error.details)).toContain("newSize");
    expect(requestsFor("1008")).toHaveLength(0);
  });

  it("gives the same 404 for a wrong email as for an unknown order, and 400 without any contact", async () => {
    const wrong = await submit({ orderNumber: "1017", email: "someone@example.com", option: "return", reason: "x" });
    const unknown = await submit({ orderNumber: "9876", email: "someone@example.com", option: "return", reason: "x" });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe("order.not_found");

    const noContact = await submit({ orderNumber: "1017", option: "return", reason: "x" });
    expect(noContact.status).toBe(400);
  });
});

describe("returns in the conversation", () => {
  it("previews per-item eligibility before anything is submitted, then the form's values create the request", async () => {
    const c = chat();
    const preview = await c.act({
      type: "return_preview",
      orderNumber: "1009",
      email: "sophia.rossi@example.com",
      option: "return",
    });
    expect(preview.intent).toBe("return_exchange");
    expectResponseMatchesSpec("POST", "/proxy/messages", 200, preview.body);
    const eligibility = one(preview, "return_eligibility");
    expect(eligibility).toMatchObject({
      eligible: true,
      option: "return",
      order: { number: "1009" },
      text: expect.any(String),
    });
    expect(eligibility.reason).toBeUndefined();
    const items = Object.fromEntries(eligibility.items.map((i: Json) => [i.id, i]));
    expect(items.li_1009_1).toMatchObject({ eligible: true, deadline: expect.any(String), title: expect.any(String) });
    expect(items.li_1009_2).toMatchObject({ eligible: false, reason: "excluded_item" });
    // Nothing is created by looking.
    expect(requestsFor("1009")).toHaveLength(0);

    const form = one(preview, "form");
    expect(form).toMatchObject({
      form: "return",
      submitAction: { endpoint: "returns" },
      context: { orderNumber: "1009", option: "return" },
    });
    const pieces = form.fields.find((f: Json) => f.name === "lineItemId");
    expect(pieces.options.map((o: Json) => o.value)).toEqual(["li_1009_1"]);
    expect(form.fields.some((f: Json) => f.name === "reason" && f.required)).toBe(true);

    const created = await submit({
      ...form.context,
      email: "sophia.rossi@example.com",
      lineItemId: pieces.options[0].value,
      reason: "The colour is not what I expected",
      conversationId: c.conversationId,
      visitorId: c.visitorId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(requestsFor("1009")).toHaveLength(1);
    expect(requestsFor("1009")[0].conversation_id).toBe(c.conversationId);

    // The confirmation is part of the conversation: a reload shows the RMA, and the journey counts as completed.
    const transcript = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    expectResponseMatchesSpec("GET", `/proxy/conversations/${c.conversationId}`, 200, transcript.body);
    const note = transcript.body.conversation.messages.at(-1);
    expect(note).toMatchObject({ type: "text", text: expect.stringContaining(created.body.returnRequest.rma) });

    // Looking again shows the open request instead of offering it twice — and now asks how it went, once.
    const again = await c.act({
      type: "return_preview",
      orderNumber: "1009",
      email: "sophia.rossi@example.com",
      option: "return",
    });
    const after = Object.fromEntries(one(again, "return_eligibility").items.map((i: Json) => [i.id, i]));
    expect(after.li_1009_1).toMatchObject({ eligible: false, reason: "already_requested" });
    expect(ofType(preview, "csat")).toHaveLength(0);
    expect(ofType(again, "csat")).toHaveLength(1);
  });

  it("refuses a request naming another visitor's conversation with 404, storing nothing", async () => {
    const owner = chat();
    await owner.say("hello");
    const { status, body } = await submit({
      orderNumber: "1015",
      email: "isabella.chen@example.com",
      option: "return",
      reason: "Gift duplicate",
      conversationId: owner.conversationId,
      visitorId: "v-someone-else",
    });
    expect(status, JSON.stringify(body)).toBe(404);
    expect(body.error.code).toBe("conversation.not_found");
    expect(requestsFor("1015")).toEqual([]);
    const transcript = await answer(
      await client.get(`conversations/${owner.conversationId}`, { visitorId: owner.visitorId }),
    );
    expect(JSON.stringify(transcript.body)).not.toContain("RMA-");
  });

  it("explains an ineligible preview with the real reason and offers a stylist", async () => {
    const c = chat();
    const turn = await c.act({ type: "return_preview", orderNumber: "1002", postalCode: "94110", option: "return" });
    const eligibility = one(turn, "return_eligibility");
    expect(eligibility).toMatchObject({ eligible: false, reason: "window_expired" });
    expect(eligibility.text).toMatch(/window/i);
    for (const item of eligibility.items) expect(item).toMatchObject({ eligible: false, reason: "window_expired" });
    expect(ofType(turn, "form")).toHaveLength(0);
    expect(offersStylist(turn)).toBe(true);
  });

  it("starts a return from typed text: asks for the contact, then previews the order named earlier", async () => {
    const c = chat();
    const ask = await c.say("I want to return order #1017");
    expect(ask.intent).toBe("return_exchange");
    expect(ask.entities).toMatchObject({ orderNumber: "1017" });
    expect(one(ask, "text").text).toMatch(/email or postal code/i);
    expect(one(ask, "form").form).toBe("return");

    const preview = await c.say("EC1A 1BB");
    expect(preview.intent).toBe("return_exchange");
    const eligibility = one(preview, "return_eligibility");
    expect(eligibility).toMatchObject({ eligible: true, option: "return", order: { number: "1017" } });
  });

  it("confirms a return whose order was proved in the chat without asking for the contact again — for that visitor and that order only", async () => {
    const c = chat();
    await c.say("I want to return order #1017");
    const preview = await c.say("EC1A 1BB");
    const form = one(preview, "form");
    expect(form.context).toEqual({ orderNumber: "1017", option: "return" });
    const piece = form.fields.find((f: Json) => f.name === "lineItemId").options[0].value;
    const confirm = (extra: Record<string, unknown>) =>
      submit({ ...form.context, lineItemId: piece, reason: "It does not suit me", ...extra });

    // No contact and no conversation: still the 400 that asks for it.
    const bare = await confirm({});
    expect([bare.status, bare.body.error.code]).toEqual([400, "validation.failed"]);
    // Another visitor naming this conversation: the same 404 as any foreign conversation.
    const foreign = await confirm({ conversationId: c.conversationId, visitorId: "someone-else-entirely" });
    expect(foreign.status).toBe(404);
    // The conversation proved order 1017, not another order.
    const other = await submit({
      orderNumber: "1009",
      option: "return",
      reason: "x",
      conversationId: c.conversationId,
      visitorId: c.visitorId,
    });
    expect([other.status, other.body.error.code]).toEqual([404, "order.not_found"]);
    expect(requestsFor("1017")).toHaveLength(0);

    const created = await confirm({ conversationId: c.conversationId, visitorId: c.visitorId });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.returnRequest).toMatchObject({ orderNumber: "1017", lineItemId: piece, status: "requested" });
    expect(requestsFor("1017")).toHaveLength(1);
  });

  it("asks which order when none is named, and takes the number as the answer", async () => {
    const c = chat();
    const ask = await c.say("I'd like to send something back");
    expect(ask.intent).toBe("return_exchange");
    expect(one(ask, "form").form).toBe("return");
    const next = await c.say("it's 1017");
    expect(next.intent).toBe("return_exchange");
    expect(next.entities).toMatchObject({ orderNumber: "1017" });
    const preview = await c.say("ec1a1bb");
    expect(one(preview, "return_eligibility").order.number).toBe("1017");
  });

  it("keeps a resize a resize across turns and asks for the new size", async () => {
    const c = chat();
    await c.say("I need to resize my ring from order 1008");
    const preview = await c.say("ethan.brooks@example.com");
    const eligibility = one(preview, "return_eligibility");
    expect(eligibility).toMatchObject({ option: "resize", order: { number: "1008" } });
    const form = one(preview, "form");
    expect(form.context).toMatchObject({ orderNumber: "1008", option: "resize" });
    expect(form.fields.some((f: Json) => f.name === "newSize" && f.required)).toBe(true);

    const created = await submit({
      ...form.context,
      email: "ethan.brooks@example.com",
      newSize: 9.5,
      reason: "Too loose",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.returnRequest).toMatchObject({
      option: "resize",
      status: "requested",
      nextSteps: expect.stringMatching(/resiz/i),
    });
    expect(requestsFor("1008")[0]).toMatchObject({ option: "resize", new_size: 9.5 });
  });

  it("lets a logged-in customer pick the order from their delivered orders", async () => {
    const c = chat("cust_1");
    const ask = await c.act({ type: "start", intent: "return_exchange" });
    const picks = quickReplies(ask).filter((r) => r.action.type === "return_preview");
    expect(picks.map((r) => r.action.orderNumber)).toEqual(["1012", "1001"]);
    const preview = await c.act(picks[0].action);
    expect(one(preview, "return_eligibility").order.number).toBe("1012");
  });

  it("lets a logged-in customer preview their own order without an email", async () => {
    const c = chat("cust_1");
    const turn = await c.say("I want to return order 1001");
    const eligibility = one(turn, "return_eligibility");
    expect(eligibility).toMatchObject({ eligible: false, reason: "window_expired", order: { number: "1001" } });
    expect(offersStylist(turn)).toBe(true);
  });
});
