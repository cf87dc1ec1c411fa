// The refusals a shopper can meet on /proxy speak the shopper's language (real HTTP, real signatures, real SQLite):
// a French return outside its window, a German second rating, a Spanish unknown order, a French body that fails
// validation — each `error.message` from that language's catalog, its `code` unchanged; a request naming no locale
// (every GET) follows the shop's primary language, then English.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGS, type Locale } from "~/concierge/copy";
import { localAdmin, type AdminClient } from "../support/adminClient";
import type { RunningApp } from "../support/app";
import { answer, type Answer, type Json, startJourneyApp } from "../support/concierge";
import { expectInLanguage } from "../support/copy";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { ProxyClient } from "../support/proxy";

let app: RunningApp;
let admin: AdminClient;
let shopper: ProxyClient;

beforeAll(async () => {
  ({ app, client: shopper } = await startJourneyApp());
  admin = localAdmin(app);
});
afterAll(async () => {
  await app?.stop();
});

/** The refusal: its status and code as given, the envelope's exact shape, and its message in `locale`. */
function expectRefusal(res: Answer, status: number, code: string, locale: Locale, method: string, path: string): Json {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(Object.keys(res.body).sort()).toEqual(["error", "requestId"]);
  expect(Object.keys(res.body.error).every((k) => ["code", "message", "details"].includes(k))).toBe(true);
  expectResponseMatchesSpec(method, path, status, res.body);
  expectInLanguage([{ type: "text", text: res.body.error.message }], locale);
  // The catalog check accepts long sentences through all-placeholder templates: English is refused outright too.
  if (locale !== "en") expect(Object.values(CATALOGS.en)).not.toContain(res.body.error.message);
  return res.body.error;
}

async function conversation(visitorId: string): Promise<string> {
  const res = await answer(await shopper.post("messages", { visitorId, text: "Hallo", locale: "de" }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.conversationId;
}

describe("a refusal on /proxy follows the request's locale", () => {
  it("a French return outside its 30-day window is refused in French", async () => {
    const res = await answer(
      await shopper.post("returns", {
        orderNumber: "1002",
        email: "liam.carter@example.com",
        option: "return",
        reason: "J'ai changé d'avis",
        locale: "fr-CA",
      }),
    );
    const error = expectRefusal(res, 422, "returns.ineligible", "fr", "POST", "/proxy/returns");
    expect(error.details.reason).toBe("window_expired");
    expect(error.message).toMatch(/Le délai de 30 jours pour un retour est dépassé\.$/);
  });

  it("a German shopper's second rating of a conversation is refused in German", async () => {
    const visitorId = "v-errlang-csat";
    const conversationId = await conversation(visitorId);
    const rate = async () => answer(await shopper.post("csat", { conversationId, visitorId, rating: 4, locale: "de" }));
    expect((await rate()).status).toBe(200);
    const error = expectRefusal(await rate(), 409, "csat.already_submitted", "de", "POST", "/proxy/csat");
    expect(error.message).toBe("Danke — dieses Gespräch wurde bereits bewertet.");
  });

  it("a Spanish lookup of an unknown order is refused in Spanish", async () => {
    const res = await answer(
      await shopper.post("orders/lookup", { orderNumber: "987654", email: "nadie@example.com", locale: "es" }),
    );
    const error = expectRefusal(res, 404, "order.not_found", "es", "POST", "/proxy/orders/lookup");
    expect(error.message).toMatch(/^No hemos encontrado ningún pedido/);
  });

  it("a French body that fails validation, or names no contact, is refused in French with the same details", async () => {
    const invalid = await answer(await shopper.post("returns", { orderNumber: "1002", option: "fly", locale: "fr" }));
    const error = expectRefusal(invalid, 400, "validation.failed", "fr", "POST", "/proxy/returns");
    expect(error.message).toBe("La demande n'est pas valide.");
    expect(error.details.issues.map((i: Json) => i.path)).toContain("option");

    const noContact = await answer(await shopper.post("orders/lookup", { orderNumber: "1002", locale: "fr" }));
    expect(expectRefusal(noContact, 400, "validation.failed", "fr", "POST", "/proxy/orders/lookup").message).toBe(
      "Indiquez l'e-mail ou le code postal utilisé lors de la commande.",
    );
  });

  it("an idempotent replay repeats the refusal word for word, in the language it was first given in", async () => {
    const body = { orderNumber: "987654", email: "nadie@example.com", option: "return", reason: "x", locale: "de" };
    const headers = { "idempotency-key": "errlang-replay-1" };
    const first = await answer(await shopper.post("returns", body, { headers }));
    const again = await answer(await shopper.post("returns", body, { headers }));
    const error = expectRefusal(first, 404, "order.not_found", "de", "POST", "/proxy/returns");
    expect(error.message).toMatch(/^Wir konnten keine Bestellung mit diesen Angaben finden/);
    expect(again.body.error).toEqual(first.body.error);
  });
});

describe("a refusal naming no locale follows the shop's primary language, then English", () => {
  const unknownShortlist = async () => answer(await shopper.get("shortlist/sl_doesnotexist00"));

  it("answers in English for an English shop, in German once the shop's language is German", async () => {
    expectRefusal(await unknownShortlist(), 404, "shortlist.not_found", "en", "GET", "/proxy/shortlist/{id}");

    const saved = await admin.act("/app/settings", { intent: "locale", locale: "de" });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    try {
      const error = expectRefusal(
        await unknownShortlist(),
        404,
        "shortlist.not_found",
        "de",
        "GET",
        "/proxy/shortlist/{id}",
      );
      expect(error.message).toBe("Diese Auswahl gibt es nicht oder sie ist abgelaufen.");
      // A locale the concierge does not speak falls back to the shop's too; one it speaks still wins.
      const lookup = (locale: string) =>
        shopper.post("orders/lookup", { orderNumber: "987654", email: "nadie@example.com", locale });
      expectRefusal(await answer(await lookup("pt-BR")), 404, "order.not_found", "de", "POST", "/proxy/orders/lookup");
      expectRefusal(await answer(await lookup("fr")), 404, "order.not_found", "fr", "POST", "/proxy/orders/lookup");
    } finally {
      await admin.act("/app/settings", { intent: "locale", locale: "en" });
    }
  });
});
