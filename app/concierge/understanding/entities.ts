// Entity extraction: order numbers, contact details, sizes and karats are read (and masked) first so that
// the price grammar never sees them; then the word entities (category, metal, gift, readiness, terms).
import { type Category, type Entities, type Metal, type UnderstandingContext } from "./types";
import { B_LEFT, B_RIGHT, compilePhrases, phraseSource } from "./phrases";
import {
  CATEGORY_WORDS,
  GIFT_PHRASES,
  METAL_WORDS,
  OCCASION_WORDS,
  READY_FALSE,
  READY_TRUE,
  TERM_WORDS,
} from "./lexicon";
import { extractPrice } from "./price";

const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g;

/** Pulls e-mail addresses out of folded text (before punctuation is dropped); the first one is kept. */
export function takeEmail(folded: string): { email?: string; rest: string } {
  let email: string | undefined;
  const rest = folded.replace(EMAIL_RE, (m) => {
    email ??= m;
    return " ";
  });
  return email ? { email, rest } : { rest };
}

const HAS_DIGIT = /\d/;

/* --- order numbers --------------------------------------------------------------------------------------- */

const ORDER_TOKEN = String.raw`([a-z]{0,5}-?\d{3,12})`;
const BARE_ORDER_RE = /^#? ?([a-z]{0,5})-? ?(\d{3,12})$/;
const HASH_ORDER_RE = new RegExp(String.raw`#\s?${ORDER_TOKEN}${B_RIGHT}`, "g");
const WORD_ORDER_RE = new RegExp(
  String.raw`${B_LEFT}(?:order|orders|purchase|confirmation|invoice|receipt)(?: (?:number|num|no|nr|id|ref|reference|code|#))?(?: (?:is|was|=))? ?#? ?${ORDER_TOKEN}${B_RIGHT}(?! ?(?:k|usd|dollars?|bucks)${B_RIGHT})`,
  "g",
);
const PREFIXED_TOKEN_RE = new RegExp(String.raw`${B_LEFT}([a-z]{1,5})-?(\d{3,12})${B_RIGHT}`, "g");
const ORDER_CLEAN_RE = /[#\s-]/g;
const NON_LETTERS_RE = /[^a-z]/g;

/** Order numbers as the API normalises them: `#`, spaces and hyphens removed, upper-cased. */
export const normaliseOrderNumber = (s: string) => s.replace(ORDER_CLEAN_RE, "").toUpperCase();

/* --- postal codes ---------------------------------------------------------------------------------------- */

const ZIP4_RE = new RegExp(String.raw`${B_LEFT}(\d{5}-\d{4})${B_RIGHT}`, "g");
const CA_RE = new RegExp(
  String.raw`${B_LEFT}([abceghjklmnprstvxy]\d[abceghjklmnprstvwxyz]) ?(\d[abceghjklmnprstvwxyz]\d)${B_RIGHT}`,
  "g",
);
const UK_RE = new RegExp(String.raw`${B_LEFT}([a-z]{1,2}\d[a-z\d]?) ?(\d[abdefghjlnpqrstuwxyz]{2})${B_RIGHT}`, "g");
const ZIP_LABEL_RE = new RegExp(
  String.raw`${B_LEFT}(?:zip|zipcode|postal|postcode|post code)(?: code)?(?: (?:is|was))? ?(\d{5})${B_RIGHT}`,
  "g",
);
const ZIP_LOOSE_RE = new RegExp(String.raw`(?<![a-z0-9.$#_-])(\d{5})(?![a-z0-9.-])`);

/* --- karats, sizes, quantities --------------------------------------------------------------------------- */

const KARAT_RE = new RegExp(
  String.raw`${B_LEFT}(\d{1,2}(?:\.\d{1,2})?) ?(kt|kts|karat|karats|carat|carats|ct|cts|ctw|tcw|k(?= (?:gold|solid|yellow|white|rose|pink)))${B_RIGHT}`,
  "g",
);
const BARE_KARAT_RE = new RegExp(String.raw`(?<![a-z0-9.#$_]|\$ )(9|10|14|18|22|24) ?k${B_RIGHT}`, "g");
/** Before a bare "10k": a price word or a k-amount range start makes it a price after all ("under 10k"). */
const PRICE_BEFORE_RE =
  /(?:under|below|less than|up to|upto|max|at most|over|above|more than|at least|from|around|about|roughly|approximately|~|budget|budget is|budget of|between|spend|afford|than|<|>|\d ?k ?(?:-|to|and))\s?$/;
const PRICE_AFTER_RE =
  /^ ?(?:usd|dollars?|bucks|budget|max|or less|or under|and under|\+|and up|or more|range|ish)(?![a-z])/;
const GOLD_AFTER_RE = /^ ?(?:gold|yellow|white|rose|pink|solid|plated|filled)(?![a-z])/;
const SILVER_925_RE =
  /(?<![a-z0-9])s?925(?![a-z0-9])(?= (?:sterling|silver))|(?<=(?:sterling|silver) )s?925(?![a-z0-9])/g;

const SIZE_NUM = String.raw`(\d{1,2}(?:\.\d{1,2})?)`;
const SIZE_RE = new RegExp(
  String.raw`${B_LEFT}(?:size|sizes|sz|sized|resized|resize|resizing)(?: (?:is|of|to|at|in|=|about|around|maybe|probably|like|down to|up to))?(?: (?:a|an|size|us|uk))? ?#? ?${SIZE_NUM}${B_RIGHT}`,
  "g",
);
const A_SIZE_RE = new RegExp(String.raw`${B_LEFT}(?:a|an|to) ${SIZE_NUM}(?![a-z0-9.])( [a-z]+)?`, "g");
const A_SIZE_FOLLOW = new Set([
  "in",
  "please",
  "or",
  "and",
  "ring",
  "rings",
  "band",
  "bands",
  "size",
  "with",
  "for",
  "if",
  "would",
  "is",
  "should",
  "thanks",
  "thank",
  "but",
  "maybe",
  "probably",
  "i",
  "now",
  "instead",
  "too",
]);
const SIZE_CUE_RE = compilePhrases(["(size|=sizes|resize|=sizing|fit|finger|=ring|=rings|=band|=bands|wear)"]);

const UNITS_RE = new RegExp(
  String.raw`${B_LEFT}\d+(?:\.\d+)?(?:(?: ?- ?| to | or )\d+(?:\.\d+)?)? ?(?:business |working |more |extra |calendar )?(?:days?|weeks?|wks?|hours?|hrs?|months?|mos|years?|yrs?|minutes?|mins?|mm|millimeters?|millimetres?|cm|centimeters?|centimetres?|inch|inches|inchs|ft|feet|grams?|g|gr|oz|ounces?|lbs?|kg|pieces?|pcs|pairs?|percent|times|x|stones?|diamonds?|people|kids|items?|year old|yo|am|pm|oclock|st|nd|rd|th|stars?|pack|miles?|km)${B_RIGHT}`,
  "g",
);
const LOOSE_NUMBER_RE =
  /(?<!(?:for|spent|paid|cost|costs|worth|charged|priced|price|at|in|since|from|year|of|than|only|just|about|around) )(?<![a-z0-9.$#_-])(\d{3,12})(?![a-z0-9.])/g;

/* --- word entities --------------------------------------------------------------------------------------- */

/** One regex per vocabulary with one capture group per entry, so a single scan says which entry matched. */
function indexed<T>(entries: ReadonlyArray<readonly [T, readonly string[]]>): { re: RegExp; keys: T[] } {
  const keys = entries.map(([k]) => k);
  const body = entries.map(([, phrases]) => `(${phrases.map((p) => `(?:${phraseSource(p)})`).join("|")})`).join("|");
  return { re: new RegExp(`${B_LEFT}(?:${body})${B_RIGHT}`, "g"), keys };
}

const CATEGORY = indexed(CATEGORY_WORDS);
const METAL = indexed(METAL_WORDS);
const TERMS = indexed(TERM_WORDS);
const OCCASIONS = indexed(OCCASION_WORDS.map(([name, , phrases]) => [name, phrases] as const));
const OCCASION_GIFT = new Map(OCCASION_WORDS.map(([name, gift]) => [name, gift]));
const GIFT_RE = compilePhrases(GIFT_PHRASES);
/** Words that separate two items rather than join a modifier to its head noun ("ring and necklace"). */
const JOINERS = new Set(["and", "or", "with", "to", "for", "plus", "n", "vs", "not", "but", "also", "than", "&", "_"]);
const SPACE = " ";

function which<T>(m: RegExpExecArray, keys: T[]): T | undefined {
  for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return keys[i - 1];
  return undefined;
}

/** The category of a message: the first one named, unless a second names the head noun ("chain bracelet"). */
function findCategory(text: string): Category | undefined {
  const { re, keys } = CATEGORY;
  re.lastIndex = 0;
  let chosen: Category | undefined;
  let chosenEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const cat = which(m, keys);
    if (cat === undefined) continue;
    if (chosen === undefined) {
      chosen = cat;
    } else {
      const gap = text.slice(chosenEnd, m.index).trim();
      if (gap.includes(SPACE) || JOINERS.has(gap)) break;
      chosen = cat;
    }
    chosenEnd = m.index + m[0].length;
  }
  return chosen;
}

function firstOf<T>(text: string, { re, keys }: { re: RegExp; keys: T[] }): T | undefined {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? which(m, keys) : undefined;
}

function allOf<T>(text: string, { re, keys }: { re: RegExp; keys: T[] }): T[] {
  re.lastIndex = 0;
  const out: T[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const k = which(m, keys);
    if (k !== undefined && !out.includes(k)) out.push(k);
  }
  return out;
}

const validRingSize = (v: number, min: number, max: number) => v >= min && v <= max && Number.isInteger(v * 4);

export interface Extraction {
  entities: Entities;
  terms: string[];
  /** How the order number was found: written as one (`#1042`, "order 1042") or the whole message is one. */
  orderRef: "explicit" | "bare" | null;
  /** Unmarked 3–12 digit numbers nothing else claimed: an order number when the message is about an order. */
  looseNumbers: string[];
  /** The text with numeric entities masked, for the word entities and for debugging. */
  masked: string;
}

/** Extracts every entity of a normalised message. */
export function extractEntities(
  text: string,
  ctx: UnderstandingContext = {},
  /** False when the shopper typed no digit: spelled-out numbers ("a thousand") are never order names. */
  typedDigits = true,
): Extraction {
  const entities: Entities = {};
  let orderRef: Extraction["orderRef"] = null;
  const looseNumbers: string[] = [];
  let masked = text;
  let karatGold = false;
  const prefix = (ctx.orderPrefix ?? "").toLowerCase().replace(ORDER_CLEAN_RE, "");

  if (HAS_DIGIT.test(text)) {
    // A message that is only an order-name token ("#1042", "1042", "GG-1042" when the prefix is GG).
    const bare = typedDigits ? BARE_ORDER_RE.exec(text) : null;
    if (bare && (bare[1] === "" || bare[1] === prefix)) {
      if (ctx.awaiting === "order_contact" && bare[1] === "" && bare[2].length === 5 && !text.startsWith("#")) {
        entities.postalCode = bare[2];
      } else {
        entities.orderNumber = normaliseOrderNumber(bare[1] + bare[2]);
        // "#1042" and a prefixed name are written as order names; a plain number only looks like one.
        orderRef = text.startsWith("#") || bare[1] !== "" ? "explicit" : "bare";
      }
      masked = "_";
    }

    masked = masked.replace(ZIP4_RE, (_m, zip: string) => {
      entities.postalCode ??= zip;
      return "_";
    });
    masked = masked.replace(HASH_ORDER_RE, (_m, tok: string) => {
      entities.orderNumber ??= normaliseOrderNumber(tok);
      orderRef ??= "explicit";
      return "_";
    });
    masked = masked.replace(WORD_ORDER_RE, (m, tok: string) => {
      const letters = tok.replace(NON_LETTERS_RE, "");
      if (letters && letters !== prefix && (prefix !== "" || letters.length > 3)) return m;
      entities.orderNumber ??= normaliseOrderNumber(tok);
      orderRef ??= "explicit";
      return "_";
    });
    if (prefix) {
      masked = masked.replace(PREFIXED_TOKEN_RE, (m, letters: string, digits: string) => {
        if (letters !== prefix) return m;
        entities.orderNumber ??= normaliseOrderNumber(letters + digits);
        orderRef ??= "explicit";
        return "_";
      });
    }
    masked = masked.replace(CA_RE, (_m, a: string, b: string) => {
      entities.postalCode ??= `${a} ${b}`.toUpperCase();
      return "_";
    });
    masked = masked.replace(UK_RE, (_m, a: string, b: string) => {
      entities.postalCode ??= `${a} ${b}`.toUpperCase();
      return "_";
    });
    masked = masked.replace(ZIP_LABEL_RE, (_m, zip: string) => {
      entities.postalCode ??= zip;
      return "_";
    });

    masked = masked.replace(SILVER_925_RE, "sterling");
    masked = masked.replace(KARAT_RE, (_m, _n: string, unit: string) => {
      if (unit[0] === "k") karatGold = true;
      return "_";
    });
    masked = masked.replace(BARE_KARAT_RE, (m, _n: string, offset: number, whole: string) => {
      const after = whole.slice(offset + m.length);
      if (!GOLD_AFTER_RE.test(after)) {
        if (PRICE_BEFORE_RE.test(whole.slice(0, offset)) || PRICE_AFTER_RE.test(after)) return m;
      }
      karatGold = true;
      return "_";
    });

    masked = masked.replace(SIZE_RE, (m, n: string) => {
      const v = Number(n);
      if (!validRingSize(v, 1, 16)) return m;
      entities.ringSize ??= v;
      return "_";
    });
    masked = masked.replace(UNITS_RE, "_");

    const price = extractPrice(masked);
    masked = price.masked;
    if (price.priceMin !== undefined) entities.priceMin = price.priceMin;
    if (price.priceMax !== undefined) entities.priceMax = price.priceMax;

    if (entities.ringSize === undefined) {
      const cue = SIZE_CUE_RE.test(masked);
      masked = masked.replace(A_SIZE_RE, (m, n: string, follow: string | undefined) => {
        const v = Number(n);
        if (entities.ringSize !== undefined || !validRingSize(v, 3, 15)) return m;
        if (!cue && follow !== undefined && !A_SIZE_FOLLOW.has(follow.trim())) return m;
        entities.ringSize = v;
        return follow === undefined ? "_" : `_${follow}`;
      });
    }

    if (entities.postalCode === undefined && (ctx.awaiting === "order_contact" || entities.orderNumber !== undefined)) {
      const zip = ZIP_LOOSE_RE.exec(masked);
      if (zip) {
        entities.postalCode = zip[1];
        masked = masked.replace(zip[0], "_");
      }
    }
    LOOSE_NUMBER_RE.lastIndex = 0;
    let lm: RegExpExecArray | null;
    while ((lm = LOOSE_NUMBER_RE.exec(masked))) looseNumbers.push(lm[1]);
  }

  const category = findCategory(masked);
  if (category) entities.category = category;
  const metal: Metal | undefined = firstOf(masked, METAL) ?? (karatGold ? "gold" : undefined);
  if (metal) entities.metal = metal;

  // Readiness and gifts read the unmasked text: dates ("by the 14th") are not amounts.
  if (READY_FALSE.test(text)) entities.readyToShip = false;
  else if (READY_TRUE.test(text)) entities.readyToShip = true;

  const occasion = firstOf(text, OCCASIONS);
  if (occasion) entities.occasion = occasion;
  if (GIFT_RE.test(text) || (occasion !== undefined && OCCASION_GIFT.get(occasion))) entities.gift = true;

  return { entities, terms: allOf(masked, TERMS), orderRef, looseNumbers, masked };
}
