// What the optional language model may see: personal details masked and restored, and what its answer may be.
import { describe, expect, it } from "vitest";
import { maskPersonal, restorePersonal } from "~/concierge/understanding/privacy";
import { MODEL_ANSWER_SCHEMA, MODEL_SYSTEM_PROMPT } from "~/concierge/understanding/modelPrompt";
import { parseModelAnswer, shouldAskModel } from "~/services/modelFallback.server";
import { understand } from "~/concierge/understanding";

describe("masking personal details", () => {
  it.each([
    ["write to Jane.Doe+rings@mail.example.co.uk please", "write to [EMAIL_1] please"],
    ["call +1 (415) 555-0100 or 06 12 34 56 78", "call [PHONE_1] or [PHONE_2]"],
    ["order #1042 and #GG-2001", "order [ORDER_1] and [ORDER_2]"],
    ["commande n° 1042", "commande n° [ORDER_1]"],
    ["Bestellung 1042", "Bestellung [ORDER_1]"],
    ["zip 90210-1234, V6B 4Y8, SW1A 2AA", "zip [POSTCODE_1], [POSTCODE_2], [POSTCODE_3]"],
    ["it went to 94110", "it went to [NUMBER_1]"],
    ["under $500 or 300 €, about 1.5k", "under $500 or 300 €, about 1.5k"],
    ["the same 94110 twice: 94110", "the same [NUMBER_1] twice: [NUMBER_1]"],
  ])("%s → %s", (text, masked) => {
    expect(maskPersonal(text).text).toBe(masked);
  });

  it("restores the placeholders it gave, and refuses one it never gave", () => {
    const m = maskPersonal("jane@example.com about #1042");
    expect(restorePersonal("[EMAIL_1]", m)).toBe("jane@example.com");
    expect(restorePersonal("[ORDER_1]", m)).toBe("#1042");
    expect(restorePersonal("[ORDER_2]", m)).toBeUndefined();
  });
});

describe("the model's answer", () => {
  it("must be the JSON-schema shape: an intent of ours and entities of ours", () => {
    expect(
      parseModelAnswer('{"intent":"find_product","entities":{"category":"ring","metal":"gold","priceMax":300}}'),
    ).toEqual({ intent: "find_product", entities: { category: "ring", metal: "gold", priceMax: 300 } });
    expect(parseModelAnswer('```json\n{"intent":"thanks"}\n```')).toEqual({ intent: "thanks" });
    expect(parseModelAnswer('{"intent":"faq","entities":{"metal":null,"gift":true}}')).toEqual({
      intent: "faq",
      entities: { gift: true },
    });
    expect(parseModelAnswer('{"intent":"dance"}')).toBeNull();
    expect(parseModelAnswer('{"intent":"faq","entities":{"metal":"bronze"}}')).toBeNull();
    expect(parseModelAnswer("not json")).toBeNull();
  });

  it("is asked for with the schema and every intent in the prompt", () => {
    expect(MODEL_SYSTEM_PROMPT).toContain(JSON.stringify(MODEL_ANSWER_SCHEMA));
    for (const intent of MODEL_ANSWER_SCHEMA.properties.intent.enum) expect(MODEL_SYSTEM_PROMPT).toContain(intent);
  });

  it("is asked for only when the rules end in clarify or below 0.5, with three words or more", () => {
    expect(shouldAskModel("where is my order", understand("where is my order"))).toBe(false);
    expect(shouldAskModel("blorp", understand("blorp"))).toBe(false);
    expect(shouldAskModel("blorp florp glorp", understand("blorp florp glorp"))).toBe(true);
  });
});
