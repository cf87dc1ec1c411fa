// The common-word guard in French, Spanish and German (UNDERSTANDING.md, second release): everyday sentences
// whose words lie an edit or two from a lexicon word are never "corrected" into it, so a soup ladle is no
// ring, a hall no greeting and an e-mail attachment no pendant.
import { describe, expect, it } from "vitest";
import { analyse, fold, understand } from "~/concierge/understanding";

const EVERYDAY: Record<"fr" | "es" | "de", string[]> = {
  fr: [
    "la chaise est cassée", // chaise → chaîne (chain)
    "la plante verte sur la table",
    "je porte une robe longue",
    "le bateau quitte le port",
    "une planche de bois",
    "le chien dort dans la cuisine",
    "une tasse de café chaud",
  ],
  es: [
    "un plato de sopa", // plato → plata (silver)
    "la tarde es larga",
    "el banco cierra temprano", // cierra → cierre (clasp)
    "la plancha está caliente",
    "la planta baja del edificio",
    "una taza de café",
  ],
  de: [
    "eine Kelle für die Suppe",
    "die Halle ist voll", // Halle → hallo
    "der Anhang der E-Mail", // Anhang → Anhänger (pendant)
    "der Ringer im Fernsehen", // Ringer → ringen
    "der Markt am Samstag", // Markt → marks
    "der Teller ist leer",
    "der Kellner bringt die Rechnung",
    "eine Platte Käse",
  ],
};

describe.each(Object.entries(EVERYDAY))("common words in %s are never corrected", (_lang, sentences) => {
  it.each(sentences)("%s", (text) => {
    expect(analyse(fold(text)).corrections).toBe(0);
    const u = understand(text);
    expect(u.intent).not.toBe("find_product");
    expect(u.intent).not.toBe("greeting");
    expect(u.entities.category).toBeUndefined();
    expect(u.entities.metal).toBeUndefined();
  });
});

describe("the guard leaves real typos to the corrector", () => {
  it.each([
    ["une chaien en or jaune", "necklace"],
    ["ich suche einen Anhäner", "necklace"],
    ["busco una cadna de plata", "necklace"],
    ["des boucles d'oreiles", "earring"],
  ])("%s is still about a %s", (text, category) => {
    expect(analyse(fold(text)).corrections).toBeGreaterThan(0);
    expect(understand(text).entities.category).toBe(category);
  });
});
