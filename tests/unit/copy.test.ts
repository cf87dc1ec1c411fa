// The concierge's message catalogs: every key in every language, the same placeholders, real translations,
// and which language a reply is in.
import { describe, expect, it } from "vitest";
import { CATALOGS, copyFor, LOCALES, replyLocale, supportedLocale } from "~/concierge/copy";
import { EN } from "~/concierge/copy/en";

const KEYS = Object.keys(EN).sort();
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** The same word in both languages ("Bracelets") is no missing translation. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ["category.bracelet", "reply.bracelets"],
  es: [],
  de: [],
};

describe("message catalogs", () => {
  it.each(LOCALES)("%s has exactly the English keys, each a non-empty string", (locale) => {
    const catalog = CATALOGS[locale] as Record<string, unknown>;
    expect(Object.keys(catalog).sort()).toEqual(KEYS);
    for (const key of KEYS)
      expect(typeof catalog[key] === "string" && (catalog[key] as string).trim(), key).toBeTruthy();
  });

  it.each(LOCALES)("%s uses the same placeholders as English in every string", (locale) => {
    for (const key of KEYS) {
      expect(placeholders(CATALOGS[locale][key as keyof typeof EN]), `${locale} ${key}`).toEqual(
        placeholders(EN[key as keyof typeof EN]),
      );
    }
  });

  it.each(["fr", "es", "de"] as const)("%s translates every string that is words, not only placeholders", (locale) => {
    const untranslated = KEYS.filter((k) => {
      const en = EN[k as keyof typeof EN];
      return en.replace(/\{\w+\}/g, "").trim() !== "" && CATALOGS[locale][k as keyof typeof EN] === en;
    });
    expect(untranslated).toEqual(SAME_AS_ENGLISH[locale]);
  });

  it("fills placeholders and formats amounts, dates and day counts per language", () => {
    expect(copyFor("en").t("reply.order", { name: "#1042" })).toBe("Order #1042");
    expect(copyFor("de").t("reply.order", { name: "#1042" })).toBe("Bestellung #1042");
    expect(copyFor("en").money(1500, "EUR")).toBe("€1,500");
    expect(copyFor("fr").money(1500, "EUR")).toMatch(/^1\s500\s€$/);
    expect(copyFor("de").money(99.9, "EUR")).toMatch(/^99,90\s€$/);
    const may3 = new Date("2024-05-03T12:00:00Z");
    expect(copyFor("en").date(may3)).toBe("May 3, 2024");
    expect(copyFor("fr").date(may3)).toBe("3 mai 2024");
    expect(copyFor("es").date(may3)).toBe("3 de mayo de 2024");
    expect(copyFor("de").date(may3)).toBe("3. Mai 2024");
    expect(copyFor("es").days(1)).toBe("1 día");
    expect(copyFor("es").days(30)).toBe("30 días");
  });
});

describe("the language of a reply", () => {
  it("follows the request's locale when it is one of the four, region subtags aside", () => {
    expect(replyLocale("fr", "en")).toBe("fr");
    expect(replyLocale("fr-CA", "en")).toBe("fr");
    expect(replyLocale("es-MX", "de")).toBe("es");
    expect(replyLocale("DE-at", null)).toBe("de");
  });

  it("falls back to the shop's primary locale, then English", () => {
    expect(replyLocale("pt-BR", "de")).toBe("de");
    expect(replyLocale(undefined, "fr-FR")).toBe("fr");
    expect(replyLocale("ja", "it")).toBe("en");
    expect(replyLocale(undefined, undefined)).toBe("en");
    expect(supportedLocale("")).toBeUndefined();
  });
});
