// Journeys 4–8 end to end over real HTTP: stylist escalation with full context, care / warranty / financing /
// sizing / FAQ answers, customization, the chooser for greetings and the unclear, CSAT once per conversation,
// the shortlist, and the transcript a reload reads back — and erases on request.

import { describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import {
  type Chat,
  answer,
  offersStylist,
  ofType,
  one,
  quickReplies,
  readDb,
  journeyApp,
  withoutIds,
  SHOP,
  type Json,
} from "../support/concierge";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let app: RunningApp;
let client: ProxyClient;
const chat = journeyApp("support", (started) => ({ app, client } = started));

function faqAnswer(topic: string): string {
  return readDb(
    app,
    (db) => (db.prepare("SELECT answer FROM faq_entries WHERE shop = ? AND topic = ?").get(SHOP, topic) as Json).answer,
  );
}

function ticketRow(id: string): Json {
  const row = readDb(app, (db) => db.prepare("SELECT * FROM tickets WHERE shop = ? AND id = ?").get(SHOP, id)) as Json;
  return row && { ...row, context: JSON.parse(row.context), contact: JSON.parse(row.contact) };
}

const ticketCount = () =>
  readDb(app, (db) => (db.prepare("SELECT count(*) AS n FROM tickets WHERE shop = ?").get(SHOP) as Json).n);

/** Weekday and minutes since midnight of an instant in the shop's zone (demo default: America/New_York). */
function shopLocal(iso: string): { weekday: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { weekday: parts.weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

async function escalate(body: Record<string, unknown>) {
  return answer(await client.post("escalations", body));
}

describe("stylist escalation", () => {
  it("creates a ticket that carries the transcript, the shortlist, the order and the topic", async () => {
    const c = chat();
    await c.say("rose gold rings under $800");
    const saved = await c.act({ type: "shortlist_add", productId: "prod_1008" });
    expect(one(saved, "text").text).toMatch(/saved/i);
    await c.say("where is my order #1024");
    await c.say("lucas.tremblay@example.com");
    const ask = await c.say("talk to a human");
    expect(ask.intent).toBe("stylist_contact");
    const form = one(ask, "form");
    expect(form).toMatchObject({ form: "escalation", submitAction: { endpoint: "escalations" } });
    expect(form.fields.map((f: Json) => f.name)).toEqual(
      expect.arrayContaining(["name", "email", "phone", "preferredTime", "notes", "topic", "website"]),
    );
    const topic = form.fields.find((f: Json) => f.name === "topic").value;
    expect(topic).toBe("track_order");

    const before = Date.now();
    const { status, body } = await escalate({
      conversationId: c.conversationId,
      visitorId: c.visitorId,
      contact: { name: "Lucas Tremblay", email: "lucas.tremblay@example.com", phone: "+1 514 555 0100" },
      topic,
      notes: "Can you check the delivery date and hold the stacking ring?",
      preferredTime: "weekday mornings",
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/escalations", 200, body);
    const ticket = body.ticket;
    expect(ticket).toMatchObject({
      id: expect.any(String),
      number: expect.any(Number),
      status: "open",
      expectedReplyBy: expect.any(String),
    });
    expect(ticket.number).toBeGreaterThan(0);
    // The reply time falls inside business hours (Mon–Fri 9:00–17:00 in the shop's zone), after now, within the SLA.
    expect(ticket.expectedReplyBy).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const due = Date.parse(ticket.expectedReplyBy);
    expect(due).toBeGreaterThan(before);
    expect(due - before).toBeLessThanOrEqual(4 * 86_400_000);
    const local = shopLocal(ticket.expectedReplyBy);
    expect(["Mon", "Tue", "Wed", "Thu", "Fri"]).toContain(local.weekday);
    expect(local.minutes).toBeGreaterThanOrEqual(9 * 60);
    expect(local.minutes).toBeLessThanOrEqual(17 * 60);

    // What the agent sees, straight from the store.
    const row = ticketRow(ticket.id);
    expect(row).toMatchObject({
      number: ticket.number,
      status: "open",
      topic: "track_order",
      conversation_id: c.conversationId,
      preferred_time: "weekday mornings",
    });
    expect(row.contact).toEqual({
      name: "Lucas Tremblay",
      email: "lucas.tremblay@example.com",
      phone: "+1 514 555 0100",
    });
    expect(row.context.shortlist).toEqual(["prod_1008"]);
    expect(row.context.order).toMatchObject({ number: "1024" });
    const transcript: Json[] = row.context.transcript;
    expect(transcript.filter((m) => m.role === "shopper").map((m) => m.text)).toEqual([
      "rose gold rings under $800",
      "[shortlist add]",
      "where is my order #1024",
      "lucas.tremblay@example.com",
      "talk to a human",
    ]);
    expect(transcript.some((m) => m.role === "concierge" && m.type === "product_cards")).toBe(true);
    expect(transcript.some((m) => m.role === "concierge" && m.type === "order_status")).toBe(true);
    const conversation = readDb(app, (db) =>
      db.prepare("SELECT escalated, outcome FROM conversations WHERE shop = ? AND id = ?").get(SHOP, c.conversationId),
    ) as Json;
    expect(conversation).toEqual({ escalated: 1, outcome: "escalated" });

    // The shopper sees the hand-off after a reload too.
    const reload = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    expectResponseMatchesSpec("GET", `/proxy/conversations/${c.conversationId}`, 200, reload.body);
    const handoff = reload.body.conversation.messages.at(-1);
    expect(handoff).toMatchObject({
      type: "handoff",
      ticket: { id: ticket.id, number: ticket.number, expectedReplyBy: ticket.expectedReplyBy },
    });
    expect(handoff.text).toContain(`#${ticket.number}`);
  });

  it("escalates an exception order from the stylist offer as a priority ticket", async () => {
    const c = chat();
    await c.say("where is my order #1016");
    const status = await c.say("80205");
    expect(one(status, "order_status").order.status).toBe("exception");
    const offer = quickReplies(status).find((r) => r.action.intent === "stylist_contact")!;
    const form = one(await c.act(offer.action), "form");
    const topic = form.fields.find((f: Json) => f.name === "topic").value;
    expect(topic).toBe("order_exception");
    const { body } = await escalate({
      conversationId: c.conversationId,
      visitorId: c.visitorId,
      contact: { name: "James Wilson", email: "james.wilson@example.com" },
      topic,
    });
    const standard = await escalate({ contact: { name: "Other", email: "other@example.com" }, topic: "general" });
    expect(ticketRow(body.ticket.id)).toMatchObject({ priority: "high", topic: "order_exception" });
    expect(ticketRow(standard.body.ticket.id).priority).toBe("normal");
    expect(Date.parse(body.ticket.expectedReplyBy)).toBeLessThan(Date.parse(standard.body.ticket.expectedReplyBy));
  });

  it("does not let a client pick priority by naming a priority topic", async () => {
    const { body } = await escalate({
      contact: { name: "Pushy", email: "pushy@example.com" },
      topic: "order_exception",
    });
    expect(ticketRow(body.ticket.id).priority).toBe("normal");
  });

  it("gives every new ticket a higher number, with or without a conversation", async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { status, body } = await escalate({
        contact: { name: `Shopper ${i}`, email: `shopper${i}@example.com` },
        topic: "general",
      });
      expect(status).toBe(200);
      numbers.push(body.ticket.number);
    }
    expect(numbers[1]).toBeGreaterThan(numbers[0]);
    expect(numbers[2]).toBeGreaterThan(numbers[1]);
  });

  it("drops a submission whose honeypot is filled: a ticket-shaped 200, but nothing stored", async () => {
    const before = ticketCount();
    const { status, body } = await escalate({
      contact: { name: "Bot", email: "bot@example.com" },
      topic: "general",
      notes: "cheap watches",
      website: "http://spam.example",
    });
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({ status: "open", expectedReplyBy: expect.any(String) });
    expect(ticketCount()).toBe(before);
  });

  it("refuses a form without a valid email with 400", async () => {
    const { status, body } = await escalate({ contact: { name: "No Email" }, topic: "general" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation.failed");
  });

  // API.md §2: a body naming a conversation must carry the visitor that owns it (one shared ownership check).
  it("refuses an escalation naming another visitor's conversation with 404, and makes no ticket", async () => {
    const owner = chat();
    await owner.say("where is my order #1017");
    const before = ticketCount();
    const { status, body } = await escalate({
      conversationId: owner.conversationId,
      visitorId: "v-someone-else",
      contact: { name: "Someone Else", email: "else@example.com" },
      topic: "general",
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("conversation.not_found");
    expect(ticketCount()).toBe(before);
  });

  it("refuses an escalation naming a conversation by its id alone (no visitorId) with the same 404", async () => {
    const owner = chat();
    await owner.say("where is my order #1017");
    const before = ticketCount();
    const { status, body } = await escalate({
      conversationId: owner.conversationId,
      contact: { name: "Mallory", email: "mallory@example.com" },
      topic: "general",
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("conversation.not_found");
    expect(ticketCount()).toBe(before);
  });
});

describe("care, warranty, financing, sizing and FAQ answers", () => {
  const cases: [string, string, string, string][] = [
    ["how do I clean my ring", "care_warranty", "care", "Book a cleaning"],
    ["is there a warranty", "care_warranty", "warranty", "Book a cleaning"],
    ["do you offer financing", "financing", "financing", "Browse pieces"],
    ["can I pay with klarna", "financing", "financing", "Browse pieces"],
    ["how long does shipping take", "faq", "shipping", "Browse pieces"],
    ["are your diamonds lab-grown", "faq", "materials", "Browse pieces"],
  ];
  for (const [said, intent, topic, followUp] of cases) {
    it(`answers "${said}" from the shop's ${topic} entry with a follow-up`, async () => {
      const turn = await chat().say(said);
      expect(turn.intent).toBe(intent);
      expect(ofType(turn, "text")[0].text).toBe(faqAnswer(topic));
      const replies = quickReplies(turn);
      expect(replies.map((r) => r.label)).toContain(followUp);
      expect(offersStylist(turn)).toBe(true);
    });
  }

  it("books a cleaning from the care answer's button: the care request form", async () => {
    const c = chat();
    const care = await c.say("how do I clean my ring");
    const book = quickReplies(care).find((r) => r.label === "Book a cleaning")!;
    expect(book.action).toEqual({ type: "start", intent: "return_exchange", option: "care" });
    const turn = await c.act(book.action);
    const form = one(turn, "form");
    expect(form.form).toBe("return");
    expect(form.fields.find((f: Json) => f.name === "option").value).toBe("care");
  });

  it("helps with sizing: a resize request and the size guide", async () => {
    const c = chat();
    const turn = await c.say("how do I find my ring size");
    expect(turn.intent).toBe("sizing");
    expect(one(turn, "text").text).toMatch(/size/i);
    const replies = quickReplies(turn);
    const resize = replies.find((r) => r.label === "Start a resize");
    const guide = replies.find((r) => /size guide/i.test(r.label));
    expect(resize?.action).toEqual({ type: "start", intent: "return_exchange", option: "resize" });
    expect(guide).toBeDefined();
    expect(offersStylist(turn)).toBe(true);

    const guideTurn = await c.act(guide!.action);
    expect(one(guideTurn, "text").text).toBe(faqAnswer("sizing"));

    const resizeTurn = await c.act(resize!.action);
    const form = one(resizeTurn, "form");
    expect(form.form).toBe("return");
    expect(form.fields.find((f: Json) => f.name === "option").value).toBe("resize");
    expect(form.fields.some((f: Json) => f.name === "newSize")).toBe(true);
  });

  it("says plainly it cannot do custom work and routes to a stylist", async () => {
    for (const said of ["can you engrave my ring", "I want a custom engagement ring designed"]) {
      const turn = await chat().say(said);
      expect(turn.intent).toBe("customization");
      expect(ofType(turn, "product_cards")).toHaveLength(0);
      expect(one(turn, "text").text).toMatch(/can.t/i);
      const form = one(turn, "form");
      expect(form.form).toBe("escalation");
      expect(form.fields.find((f: Json) => f.name === "topic").value).toBe("customization");
    }
  });

  it("answers something unclear with a chooser that includes a human", async () => {
    const turn = await chat().say("asdfghjkl");
    expect(turn.intent).toBe("clarify");
    const intents = quickReplies(turn).map((r) => r.action.intent);
    expect(intents).toEqual(
      expect.arrayContaining(["find_product", "track_order", "return_exchange", "stylist_contact"]),
    );
  });

  it("greets with the shop's greeting and the chooser", async () => {
    const turn = await chat().say("hi");
    expect(turn.intent).toBe("greeting");
    const chooser = one(turn, "quick_replies");
    expect(chooser.text).toMatch(/^Hello/);
    expect(chooser.replies.map((r: Json) => r.action.intent)).toEqual(
      expect.arrayContaining(["find_product", "track_order", "stylist_contact"]),
    );
  });

  it("opens the escalation form from the chooser's 'Talk to a stylist' button", async () => {
    const c = chat();
    const hello = await c.say("hello");
    const stylist = quickReplies(hello).find((r) => r.action.intent === "stylist_contact")!;
    const turn = await c.act(stylist.action);
    expect(one(turn, "form").form).toBe("escalation");
  });
});

describe("CSAT", () => {
  const csatCount = (c: Chat) => c.turns.flatMap((t) => ofType(t, "csat")).length;

  it("is asked once per conversation, after a completed journey, and never twice", async () => {
    const c = chat();
    const hello = await c.say("hello");
    expect(ofType(hello, "csat")).toHaveLength(0);
    await c.say("where is my order #1024");
    expect(csatCount(c)).toBe(0);
    const shown = await c.say("lucas.tremblay@example.com");
    expect(one(shown, "order_status").order.number).toBe("1024");
    expect(one(shown, "csat")).toMatchObject({ question: expect.any(String), scale: [1, 5] });
    await c.say("how do I clean my ring");
    await c.say("rose gold rings under $800");
    await c.say("do you offer financing");
    expect(csatCount(c)).toBe(1);
  });

  it("records a rating once: 5 → ok, a second → 409", async () => {
    const c = chat();
    await c.say("how long does shipping take");
    const first = await answer(
      await client.post("csat", {
        conversationId: c.conversationId,
        visitorId: c.visitorId,
        rating: 5,
        comment: "Quick and clear",
      }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/csat", 200, first.body);
    expect(first.body.ok).toBe(true);
    expect(first.body.followUp).toBeUndefined();

    const second = await answer(
      await client.post("csat", { conversationId: c.conversationId, visitorId: c.visitorId, rating: 4 }),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("csat.already_submitted");

    const row = readDb(app, (db) =>
      db
        .prepare("SELECT rating, comment FROM csat_ratings WHERE shop = ? AND conversation_id = ?")
        .get(SHOP, c.conversationId),
    );
    expect(row).toEqual({ rating: 5, comment: "Quick and clear" });
    // Once rated, the conversation never asks again.
    const later = [await c.say("where is my order #1024"), await c.say("lucas.tremblay@example.com")];
    expect(one(later[1], "order_status").order.number).toBe("1024");
    expect(later.flatMap((t) => ofType(t, "csat"))).toHaveLength(0);
  });

  it("offers a stylist at once for a rating of 2", async () => {
    const c = chat();
    await c.say("is there a warranty");
    const { status, body } = await answer(
      await client.post("csat", { conversationId: c.conversationId, visitorId: c.visitorId, rating: 2 }),
    );
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.followUp.type).toBe("quick_replies");
    expect(offersStylist([body.followUp])).toBe(true);
  });

  it("leads a low rating's stylist offer to a form with the low-CSAT topic", async () => {
    const viaEndpoint = chat();
    await viaEndpoint.say("do you offer financing");
    const { body } = await answer(
      await client.post("csat", {
        conversationId: viaEndpoint.conversationId,
        visitorId: viaEndpoint.visitorId,
        rating: 1,
      }),
    );
    const tap = body.followUp.replies.find((r: Json) => r.action.intent === "stylist_contact");
    const form = one(await viaEndpoint.act(tap.action), "form");
    expect(form.fields.find((f: Json) => f.name === "topic").value).toBe("low_csat");

    const viaThumbs = chat();
    await viaThumbs.say("do you offer financing");
    const down = await viaThumbs.act({ type: "csat", rating: 2 });
    const again = one(
      await viaThumbs.act(quickReplies(down).find((r) => r.action.intent === "stylist_contact")!.action),
      "form",
    );
    expect(again.fields.find((f: Json) => f.name === "topic").value).toBe("low_csat");
  });

  it("takes thumbs through the conversation: up = 5, down = 2 with a stylist offer", async () => {
    const up = chat();
    await up.say("do you offer financing");
    const thumbsUp = await up.act({ type: "csat", rating: 5 });
    expect(one(thumbsUp, "text").text).toMatch(/thank/i);
    expect(offersStylist(thumbsUp)).toBe(false);
    const again = await up.act({ type: "csat", rating: 5 });
    expect(one(again, "text").text).toMatch(/already/i);

    const down = chat();
    await down.say("how do I clean my ring");
    const thumbsDown = await down.act({ type: "csat", rating: 2 });
    expect(offersStylist(thumbsDown)).toBe(true);
    const ratings = readDb(app, (db) =>
      db
        .prepare("SELECT conversation_id, rating FROM csat_ratings WHERE shop = ? AND conversation_id IN (?, ?)")
        .all(SHOP, up.conversationId, down.conversationId),
    );
    expect(new Set(ratings.map((r: Json) => `${r.conversation_id}:${r.rating}`))).toEqual(
      new Set([`${up.conversationId}:5`, `${down.conversationId}:2`]),
    );
  });

  it("refuses a rating for another visitor's conversation", async () => {
    const c = chat();
    await c.say("hello");
    const { status, body } = await answer(
      await client.post("csat", { conversationId: c.conversationId, visitorId: "v-not-the-owner", rating: 1 }),
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe("conversation.not_found");
  });
});

describe("shortlist", () => {
  it("saves pieces with a share link and reads them back as cards", async () => {
    const c = chat();
    await c.say("rose gold rings under $800");
    const { status, body } = await answer(
      await client.post("shortlist", {
        visitorId: c.visitorId,
        conversationId: c.conversationId,
        productIds: ["prod_1010", "prod_1008", "prod_1010"],
      }),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/shortlist", 200, body);
    const { id, productIds, shareUrl } = body.shortlist;
    expect(productIds).toEqual(["prod_1010", "prod_1008"]);
    expect(shareUrl).toBe(`https://${SHOP}/?concierge_shortlist=${id}`);

    const read = await answer(await client.get(`shortlist/${id}`));
    expect(read.status).toBe(200);
    expectResponseMatchesSpec("GET", `/proxy/shortlist/${id}`, 200, read.body);
    expect(read.body.shortlist.id).toBe(id);
    expect(read.body.shortlist.products.map((p: Json) => p.id)).toEqual(["prod_1010", "prod_1008"]);
    for (const card of read.body.shortlist.products)
      expect(card).toMatchObject({
        title: expect.any(String),
        price: expect.any(Number),
        currency: "USD",
        url: expect.stringMatching(/^\/products\//),
      });

    // The conversation knows it, so a hand-off carries it.
    const transcript = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    expect(transcript.body.conversation.state.shortlist).toEqual(["prod_1010", "prod_1008"]);
  });

  it("answers 404 for an unknown shortlist and 400 for an unknown product", async () => {
    const missing = await answer(await client.get("shortlist/sl_doesnotexist"));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("shortlist.not_found");

    const unknown = await answer(
      await client.post("shortlist", { visitorId: "v-sl", productIds: ["prod_1008", "prod_9999"] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("validation.failed");
    expect(JSON.stringify(unknown.body.error.details)).toContain("prod_9999");

    const empty = await answer(await client.post("shortlist", { visitorId: "v-sl", productIds: [] }));
    expect(empty.status).toBe(400);
  });

  it("keeps one shopper's shortlist and progress out of every other conversation", async () => {
    const first = chat();
    await first.act({ type: "shortlist_add", productId: "prod_1037" });
    await first.say("how long does shipping take");
    const second = chat();
    const hello = await second.say("hello");
    expect(ofType(hello, "csat")).toHaveLength(0);
    const { body } = await answer(
      await client.get(`conversations/${second.conversationId}`, { visitorId: second.visitorId }),
    );
    expect(body.conversation.state.shortlist).toEqual([]);
    const { body: ticket } = await escalate({
      conversationId: second.conversationId,
      visitorId: second.visitorId,
      contact: { name: "B", email: "b@example.com" },
      topic: "general",
    });
    expect(ticketRow(ticket.ticket.id).context.shortlist).toEqual([]);
  });

  it("adds and removes from the conversation's shortlist with buttons", async () => {
    const c = chat();
    await c.act({ type: "shortlist_add", productId: "prod_1008" });
    const second = await c.act({ type: "shortlist_add", productId: "prod_1021" });
    expect(one(second, "text").text).toMatch(/\(2\)/);
    const removed = await c.act({ type: "shortlist_remove", productId: "prod_1008" });
    expect(one(removed, "text").text).toMatch(/removed/i);
    const { body } = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    expect(body.conversation.state.shortlist).toEqual(["prod_1021"]);
  });
});

describe("transcript and delete my chat", () => {
  it("returns the whole conversation in order for a reload, only to its visitor", async () => {
    const c = chat();
    const said = ["hello", "rose gold rings under $800", "show me more", "where is my order #1017", "EC1A 1BB"];
    for (const text of said) await c.say(text);
    const { status, body } = await answer(
      await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }),
    );
    expect(status).toBe(200);
    expectResponseMatchesSpec("GET", `/proxy/conversations/${c.conversationId}`, 200, body);
    expect(body.conversation.id).toBe(c.conversationId);

    // Shopper turn, then exactly the concierge's replies of that turn, in order.
    const expected = c.turns.flatMap((turn, i) => [{ role: "shopper", type: "text", text: said[i] }, ...turn.messages]);
    const messages: Json[] = body.conversation.messages;
    expect(messages).toHaveLength(expected.length);
    messages.forEach((m, i) => {
      if (expected[i].role === "shopper") expect(m).toMatchObject(expected[i]);
      else expect(m).toEqual(expected[i]);
    });
    expect(body.conversation.state).toMatchObject({
      lastIntent: "track_order",
      filters: { category: "ring", metal: "rose_gold", priceMax: 800 },
    });

    const stranger = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: "v-stranger" }));
    const unknown = await answer(await client.get("conversations/conv_doesnotexist", { visitorId: c.visitorId }));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("conversation.not_found");
    expect(withoutIds(stranger.body)).toEqual(withoutIds(unknown.body));
    const strangerTurn = await client.post("messages", {
      visitorId: "v-stranger",
      conversationId: c.conversationId,
      text: "hello",
    });
    expect(strangerTurn.status).toBe(404);
  });

  it("deletes the chat on request: 404 afterwards and the text gone from the database", async () => {
    const c = chat();
    await c.say("I need zanzibarite earrings under $300 for my sister");
    await c.say("where is my order #1017");
    await c.say("oliver.hughes@example.com");
    const id = c.conversationId!;

    const stranger = await client.del(`conversations/${id}`, { visitorId: "v-stranger" });
    expect(stranger.status).toBe(404);

    const deleted = await answer(await client.del(`conversations/${id}`, { visitorId: c.visitorId }));
    expect(deleted.status).toBe(200);
    expectResponseMatchesSpec("DELETE", `/proxy/conversations/${id}`, 200, deleted.body);
    expect(deleted.body.deleted).toBe(true);

    const after = await answer(await client.get(`conversations/${id}`, { visitorId: c.visitorId }));
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe("conversation.not_found");
    const resumed = await client.post("messages", { visitorId: c.visitorId, conversationId: id, text: "hello again" });
    expect(resumed.status).toBe(404);
    const again = await client.del(`conversations/${id}`, { visitorId: c.visitorId });
    expect(again.status).toBe(404);

    readDb(app, (db) => {
      const rows = db
        .prepare("SELECT text, payload FROM messages WHERE shop = ? AND conversation_id = ?")
        .all(SHOP, id) as Json[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.text).toBe("");
        expect(row.payload).not.toMatch(/zanzibarite|oliver|hughes|1017/i);
      }
      const conversation = db
        .prepare("SELECT state, customer_id, erased_at FROM conversations WHERE shop = ? AND id = ?")
        .get(SHOP, id) as Json;
      expect(conversation.erased_at).not.toBeNull();
      expect(conversation.state).not.toMatch(/zanzibarite|1017|ring|earring/i);
      const indexed = db
        .prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?")
        .get("zanzibarite") as Json;
      expect(indexed.n).toBe(0);
    });
  });
});
