// What may leave the building: before a message is shown to a language model, emails, phone numbers, order
// numbers, postal codes and any other number that is not an amount of money become placeholders ("[EMAIL_1]"),
// restored in the model's answer afterwards. Pure; the same text always gives the same placeholders.

export interface Masked {
  /** The text with every personal detail replaced by a placeholder. */
  text: string;
  /** Placeholder → the original it stands for. */
  originals: ReadonlyMap<string, string>;
}

type Kind = "EMAIL" | "PHONE" | "ORDER" | "POSTCODE" | "NUMBER";

// Tried in this order: an email first (it contains digits), a ZIP+4, phones, order references, other postal codes.
const RULES: ReadonlyArray<readonly [Kind, RegExp]> = [
  ["EMAIL", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  ["POSTCODE", /\b\d{5}-\d{4}\b/g],
  // +1 415 555 0100, (415) 555-0100, 06 12 34 56 78, +49 30 1234567: seven digits or more with separators.
  ["PHONE", /(?<![\w#])\+?\(?\d[\d\s().-]{5,}\d(?![\w])/g],
  // #1042, GG-1042, "order 1042", "commande n° 1042", "Bestellung 1042".
  ["ORDER", /#\s?[A-Za-z]{0,5}-?\d{3,12}\b/g],
  [
    "ORDER",
    /(?<=\b(?:order|orders|commande|pedido|orden|bestellung|bestellnummer|auftrag|nr|no|n°|nº)\.?\s?(?:number|no\.?|nr\.?|#|numéro|numero|nummer)?\s?)[A-Za-z]{0,5}-?\d{3,12}\b/gi,
  ],
  // Canada, UK (US ZIP+4 is read before phones, which it resembles).
  ["POSTCODE", /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi],
  ["POSTCODE", /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/gi],
  // Any other number of three digits or more that is not money ("$500", "500 €", "1.5k"): a ZIP, an order, an id.
  ["NUMBER", /(?<![$€£\d.,])\b\d{3,}\b(?!\s?(?:k\b|\$|€|£|usd|eur|euros?|dollars?|bucks))/gi],
];

/** Masks every personal detail of a message (see the rules above). */
export function maskPersonal(text: string): Masked {
  const originals = new Map<string, string>();
  const counts: Record<Kind, number> = { EMAIL: 0, PHONE: 0, ORDER: 0, POSTCODE: 0, NUMBER: 0 };
  const seen = new Map<string, string>();
  let out = text;
  for (const [kind, re] of RULES) {
    out = out.replace(re, (match) => {
      if (match.startsWith("[") || !/\d|@/.test(match)) return match;
      const known = seen.get(`${kind}:${match}`);
      if (known) return known;
      const placeholder = `[${kind}_${++counts[kind]}]`;
      originals.set(placeholder, match);
      seen.set(`${kind}:${match}`, placeholder);
      return placeholder;
    });
  }
  return { text: out, originals };
}

const PLACEHOLDER_RE = /\[(?:EMAIL|PHONE|ORDER|POSTCODE|NUMBER)_\d+\]/g;

/** A model's string with placeholders put back; undefined when it names a placeholder that was never given. */
export function restorePersonal(value: string, masked: Masked): string | undefined {
  let unknown = false;
  const out = value.replace(PLACEHOLDER_RE, (p) => {
    const original = masked.originals.get(p);
    if (original === undefined) unknown = true;
    return original ?? p;
  });
  return unknown ? undefined : out;
}
