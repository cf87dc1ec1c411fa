// French, Spanish and German shoppers end to end through POST /proxy/messages (real HTTP, real signatures, real
// SQLite): discovery with exclusions and refinements, order tracking, a return — every reply, quick-reply label
// and form label in the shopper's language, checked string by string against that language's catalog.

import { describe, expect, it } from "vitest";
import type { Locale } from "~/concierge/copy";
import { demoFaq } from "~/demo/catalog";
import { answer, type Chat, type Json, journeyApp, ofType, one } from "../support/concierge";
import { expectInLanguage } from "../support/copy";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let client: ProxyClient;
const chat = journeyApp("languages", (started) => ({ client } = started));
/** The shop's own FAQ answers are merchant content, shown as written. */
const FAQ_ANSWERS = demoFaq().map((f) => f.answer);

interface Script {
  locale: Locale;
  widgetLocale: string;
  hello: string;
  search: string;
  refine: string;
  exclude: string;
  nothing: string;
  track: string;
  /** "Where is my order?" with no number: a signed-in customer is shown their orders. */
  myOrders: string;
  return: string;
  /** The order of the return, and the email or postal code used at checkout. */
  returnOrder: string;
  contact: { email?: string; postalCode?: string };
  sizing: string;
  /** A message too vague to act on: the concierge checks before acting. */
  vague: string;
  nextSteps: RegExp;
}

const SCRIPTS: Script[] = [
  {
    locale: "fr",
    widgetLocale: "fr-CA",
    hello: "Bonjour !",
    search: "je cherche des bagues en or rose à moins de 800 €",
    refine: "et en or jaune ?",
    exclude: "des boucles d'oreilles, mais pas en argent",
    nothing: "bracelets en platine à moins de 50 €",
    track: "où est ma commande 1025 ?",
    myOrders: "où est ma commande ?",
    return: "je voudrais retourner la commande 1012",
    returnOrder: "1012",
    contact: { email: "emma.thompson@example.com" },
    sizing: "quelle taille de bague choisir ?",
    vague: "des bijoux",
    nextSteps: /^Nous avons bien reçu votre demande de retour/,
  },
  {
    locale: "es",
    widgetLocale: "es",
    hello: "¡Hola!",
    search: "busco anillos de oro rosa por menos de 800 €",
    refine: "¿y en oro amarillo?",
    exclude: "pendientes, pero no de plata",
    nothing: "pulseras de platino por menos de 50 euros",
    track: "¿dónde está mi pedido 1025?",
    myOrders: "¿dónde está mi pedido?",
    return: "quiero devolver el pedido 1015",
    returnOrder: "1015",
    contact: { email: "isabella.chen@example.com" },
    sizing: "¿qué talla de anillo necesito?",
    vague: "joyas",
    nextSteps: /^Hemos recibido su solicitud de devolución/,
  },
  {
    locale: "de",
    widgetLocale: "de-DE",
    hello: "Hallo",
    search: "Ich suche Ringe aus Roségold unter 800 €",
    refine: "und in Gelbgold?",
    exclude: "Ohrringe, aber kein Silber",
    nothing: "Armbänder aus Platin unter 50 Euro",
    track: "Wo ist meine Bestellung 1025?",
    myOrders: "Wo ist meine Bestellung?",
    return: "Ich möchte die Bestellung 1017 zurückgeben",
    returnOrder: "1017",
    contact: { postalCode: "EC1A 1BB" },
    sizing: "Welche Ringgröße brauche ich?",
    vague: "Schmuck",
    nextSteps: /^Wir haben Ihre Rückgabeanfrage erhalten/,
  },
];

/** One turn in the shopper's language: the rules read it, and every string of the answer is in that language. */
async function say(c: Chat, s: Script, text: string) {
  const turn = await c.send({ text, locale: s.widgetLocale });
  expect(turn.body.understanding.source).toBe("rules");
  expectInLanguage(turn.messages, s.locale, FAQ_ANSWERS);
  return turn;
}

async function act(c: Chat, s: Script, action: Record<string, unknown>) {
  const turn = await c.send({ action, locale: s.widgetLocale });
  expectInLanguage(turn.messages, s.locale, FAQ_ANSWERS);
  return turn;
}

/** The widget's rating buttons: POST /proxy/csat with the storefront's locale. */
const rate = async (c: Chat, s: Script, rating: number) =>
  answer(
    await client.post("csat", {
      conversationId: c.conversationId,
      visitorId: c.visitorId,
      rating,
      locale: s.widgetLocale,
    }),
  );

describe.each(SCRIPTS)("a $locale shopper", (s) => {
  it("is greeted, finds pieces, refines, excludes a metal, and is offered relaxations when nothing matches", async () => {
    const c = chat();
    const hello = await say(c, s, s.hello);
    expect(hello.intent).toBe("greeting");

    const found = await say(c, s, s.search);
    expect(found.intent).toBe("find_product");
    expect(found.entities).toMatchObject({ category: "ring", metal: "rose_gold", priceMax: 800 });
    const cards = one(found, "product_cards");
    expect(cards.products.length).toBeGreaterThan(0);
    for (const p of cards.products) expect(p).toMatchObject({ category: "ring", metal: "rose_gold" });
    await act(c, s, { type: "shortlist_add", productId: cards.products[0].id });
    await act(c, s, { type: "shortlist_remove", productId: cards.products[0].id });

    const refined = await say(c, s, s.refine);
    expect(refined.entities).toMatchObject({ category: "ring", metal: "yellow_gold", priceMax: 800 });

    const excluded = await say(c, s, s.exclude);
    expect(excluded.entities).toMatchObject({ category: "earring", excludeMetals: ["silver"] });
    expect(excluded.entities.metal).toBeUndefined();
    const earrings = one(excluded, "product_cards").products;
    expect(earrings.length).toBeGreaterThan(0);
    for (const p of earrings) expect(p.metal).not.toBe("silver");

    const nothing = await say(c, s, s.nothing);
    const empty = one(nothing, "product_cards");
    expect(empty.products).toEqual([]);
    expect(empty.relaxations.length).toBeGreaterThan(1);

    // A relaxation and the paging buttons answer in the same language.
    await act(c, s, empty.relaxations[0].action);
    await act(c, s, { type: "start", intent: "find_product" });
  });

  it("tracks an order: asked for the checkout contact, then shown the timeline", async () => {
    const c = chat();
    const ask = await say(c, s, s.track);
    expect(ask.intent).toBe("track_order");
    expect(ask.entities.orderNumber).toBe("1025");
    expect(one(ask, "form").form).toBe("order_lookup");

    const wrong = await say(c, s, "99999");
    expect(ofType(wrong, "order_status")).toEqual([]);

    const shown = await say(c, s, "94110");
    const status = one(shown, "order_status");
    expect(status.order.number).toBe("1025");
    expect(status.order.status).toBe("shipped");
    expect(status.order.timeline.length).toBeGreaterThan(2);
    // The rating question comes after the first completed journey, in the same language.
    expect(ofType(shown, "csat")).toHaveLength(1);

    // The same order through POST /proxy/orders/lookup: the timeline's labels follow the request's locale too.
    const looked = await answer(
      await client.post("orders/lookup", { orderNumber: "1025", postalCode: "94110", locale: s.widgetLocale }),
    );
    expect(looked.status, JSON.stringify(looked.body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/orders/lookup", 200, looked.body);
    expect(looked.body.order.timeline.length).toBeGreaterThan(2);
    expectInLanguage([{ type: "order_status", order: looked.body.order }], s.locale);

    // An order held at the carrier: the timeline and a stylist offered, in the same language.
    await say(c, s, "#1016");
    const stuck = await say(c, s, "80205");
    expect(one(stuck, "order_status").order.status).toBe("exception");
    expect(ofType(stuck, "quick_replies").length).toBeGreaterThan(0);
    await act(c, s, { type: "csat", rating: 2 });
  });

  it("shows a signed-in customer's orders: the latest one's timeline and the others to pick, in the same language", async () => {
    const c = chat("cust_1");
    const turn = await say(c, s, s.myOrders);
    expect(turn.intent).toBe("track_order");
    const status = one(turn, "order_status");
    expect(status.order.number).toBe("1028");
    const others = ofType(turn, "quick_replies")
      .flatMap((m: Json) => m.replies)
      .filter((r: Json) => r.action.type === "order_lookup");
    expect(others.map((r: Json) => r.action.orderNumber)).toEqual(["1012", "1001"]);
    const older = await act(c, s, others[0].action);
    expect(one(older, "order_status").order.number).toBe("1012");
  });

  it("rates the help through POST /proxy/csat: a low rating's stylist offer and its form are in the same language", async () => {
    const c = chat();
    await say(c, s, s.sizing);
    const rated = await rate(c, s, 1);
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/csat", 200, rated.body);
    expect(rated.body.followUp.type).toBe("quick_replies");
    expectInLanguage([rated.body.followUp], s.locale);
    // Taking the offer opens the stylist form, in the same language too.
    for (const reply of rated.body.followUp.replies) await act(c, s, reply.action);

    // A good rating has no follow-up to translate.
    const happy = chat();
    await say(happy, s, s.hello);
    const good = await rate(happy, s, 5);
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body.followUp).toBeUndefined();
  });

  it("returns a piece: contact, eligibility, the confirmation form, and next steps in the same language", async () => {
    const c = chat();
    const ask = await say(c, s, s.return);
    expect(ask.intent).toBe("return_exchange");
    expect(ask.entities.orderNumber).toBe(s.returnOrder);

    const checked = await say(c, s, s.contact.email ?? s.contact.postalCode!);
    const verdict = one(checked, "return_eligibility");
    expect(verdict.eligible).toBe(true);
    const form = ofType(checked, "form").find((f: Json) => f.form === "return");
    const pieces = form.fields.find((f: Json) => f.name === "lineItemId").options;
    expect(pieces.length).toBeGreaterThan(0);

    const submitted = await answer(
      await client.post("returns", {
        orderNumber: s.returnOrder,
        ...s.contact,
        lineItemId: pieces[0].value,
        option: "return",
        reason: "Trop petite",
        visitorId: c.visitorId,
        conversationId: c.conversationId,
        locale: s.widgetLocale,
      }),
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/returns", 200, submitted.body);
    expect(submitted.body.returnRequest.nextSteps).toMatch(s.nextSteps);
  });

  it("answers a sizing question and the paths that are not journeys in the same language", async () => {
    const c = chat();
    const sizing = await say(c, s, s.sizing);
    expect(sizing.intent).toBe("sizing");
    const vague = await say(c, s, s.vague);
    expect(vague.body.understanding.confidence).toBeLessThan(0.7);
    await act(c, s, { type: "faq", topic: "sizing" });
    await act(c, s, { type: "start", intent: "financing" });
    await say(c, s, "qwertyuiop asdf");
    await act(c, s, { type: "start", intent: "return_exchange", option: "resize" });
    await act(c, s, { type: "start", intent: "stylist_contact" });
    await act(c, s, { type: "start", intent: "customization" });
    await act(c, s, { type: "start", intent: "track_order" });

    // The stylist form sent: the hand-off note in the conversation is in the shopper's language too.
    const sent = await answer(
      await client.post("escalations", {
        visitorId: c.visitorId,
        conversationId: c.conversationId,
        contact: { name: "Camille", email: "camille@example.com" },
        topic: "customization",
        locale: s.widgetLocale,
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expectResponseMatchesSpec("POST", "/proxy/escalations", 200, sent.body);
    const transcript = await answer(await client.get(`conversations/${c.conversationId}`, { visitorId: c.visitorId }));
    const handoff = transcript.body.conversation.messages.filter((m: Json) => m.type === "handoff");
    expect(handoff).toHaveLength(1);
    expectInLanguage(handoff, s.locale);
  });
});

describe("the language of the replies", () => {
  it("follows the widget's locale whatever language the shopper writes in", async () => {
    const c = chat();
    const turn = await c.send({ text: "where is my order?", locale: "de" });
    expect(turn.intent).toBe("track_order");
    expectInLanguage(turn.messages, "de");
  });

  it("falls back to the shop's primary language (English here) for a locale it does not speak", async () => {
    const c = chat();
    const turn = await c.send({ text: "où est ma commande ?", locale: "pt-BR" });
    expect(turn.intent).toBe("track_order");
    expectInLanguage(turn.messages, "en");
    // The check itself refuses English where French is due.
    expect(() => expectInLanguage(turn.messages, "fr")).toThrow(/is not fr copy/);
  });
});
