// Checks that every string a reply shows the shopper comes from the catalog of the reply's language: each one
// must match a template of that catalog (placeholders match anything), so an English sentence in a French reply
// fails. Product titles and the shop's own FAQ answers are merchant content and are not checked.

import { expect } from "vitest";
import { CATALOGS, type Locale } from "~/concierge/copy";

/* eslint-disable @typescript-eslint/no-explicit-any -- reply bodies are walked field by field */
type Json = any;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A template with words of its own: one made of placeholders alone ("{metal}") would match any text at all. */
const hasOwnWords = (template: string) => /\p{L}/u.test(template.replace(/\{\w+\}/g, ""));

function templatePattern(locale: Locale): string {
  return Object.values(CATALOGS[locale])
    .filter(hasOwnWords)
    .map((t) =>
      t
        .split(/\{\w+\}/)
        .map(escape)
        .join("[\\s\\S]+?"),
    )
    .sort((a, b) => b.length - a.length)
    .join("|");
}

const PATTERNS = new Map<Locale, RegExp>();
/** One or more templates of the locale, separated by spaces (answers built of several sentences). */
function patternFor(locale: Locale): RegExp {
  let re = PATTERNS.get(locale);
  if (!re) {
    const one = `(?:${templatePattern(locale)})`;
    re = new RegExp(`^${one}(?: ${one})*$`, "iu");
    PATTERNS.set(locale, re);
  }
  return re;
}

/** Every shopper-facing string of a list of messages, with where it was found. */
export function shownStrings(messages: Json[]): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === "string" && value.trim()) out.push({ where, text: value });
  };
  for (const m of messages) {
    switch (m.type) {
      case "text":
        add("text", m.text);
        break;
      case "quick_replies":
        add("quick_replies.text", m.text);
        for (const r of m.replies) add("quick_replies.label", r.label);
        break;
      case "product_cards":
        add("product_cards.text", m.text);
        for (const r of m.relaxations ?? []) add("relaxation.label", r.label);
        // "Ready to ship · In rose gold · Within budget": each part is one template.
        for (const p of m.products) for (const part of String(p.why ?? "").split(" · ")) add("product.why", part);
        break;
      case "order_status":
        add("order_status.text", m.text);
        for (const step of m.order.timeline) add("timeline.label", step.label);
        break;
      case "form":
        add("form.title", m.title);
        for (const f of m.fields) {
          add("field.label", f.label);
          add("field.hint", f.hint);
          // The pieces of an order are product titles, not copy.
          if (f.name !== "lineItemId") for (const o of f.options ?? []) add("field.option", o.label);
        }
        break;
      case "return_eligibility":
        add("return_eligibility.text", m.text);
        break;
      case "csat":
        add("csat.question", m.question);
        break;
      case "handoff":
        add("handoff.text", m.text);
        break;
    }
  }
  return out;
}

/** Asserts that every string the messages show is in `locale` (merchant content in `exempt` aside). */
export function expectInLanguage(messages: Json[], locale: Locale, exempt: readonly string[] = []): void {
  const re = patternFor(locale);
  for (const { where, text } of shownStrings(messages)) {
    if (exempt.includes(text)) continue;
    expect(re.test(text), `${where} is not ${locale} copy: ${JSON.stringify(text)}`).toBe(true);
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
