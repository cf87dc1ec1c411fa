// Entity extraction: order numbers, contact details, sizes and karats are read (and masked) first so that
// the price grammar never sees them; then the word entities (category, metal, gift, readiness, terms).
import { type Category, type Entities, type Metal, type UnderstandingContext } from "./types";
import { B_LEFT, B_RIGHT, compilePhrases, knownWords, type Lang } from "./phrases";
import {
  CATEGORY_WORDS,
  GIFT_PHRASES,
  METAL_WORDS,
  NON_GIFT_OCCASIONS,
  OCCASION_WORDS,
  READY_FALSE,
  READY_TRUE,
  TERM_WORDS,
} from "./lexicon";
import { indexed, keysOf, type Mention, mentions } from "./mentions";
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
/** "order 1042", "commande n° 1042", "pedido 1042", "Bestellnummer 1042", "Nr. 1042". */
const ORDER_WORDS =
  "order|orders|purchase|confirmation|invoice|receipt|commande|pedido|orden|bestellung|bestellnummer|" +
  "auftrag|auftragsnummer|numero de commande|numero de pedido|numero de orden|nr|no";
const ORDER_QUALIFIERS = "number|num|no|nr|id|ref|reference|code|#|numero|nummer|n";
knownWords(ORDER_WORDS);
const WORD_ORDER_RE = new RegExp(
  String.raw`${B_LEFT}(?:${ORDER_WORDS})(?: (?:${ORDER_QUALIFIERS}))?(?: (?:is|was|=|est|es|ist|de))? ?#? ?${ORDER_TOKEN}${B_RIGHT}(?! ?(?:k|usd|dollars?|bucks|eur|euros?)${B_RIGHT})`,
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
  String.raw`${B_LEFT}(?:zip|zipcode|postal|postcode|post code|code postal|codigo postal|cp|plz|postleitzahl)(?: code)?(?: (?:is|was|est|es|ist))? ?(\d{5})${B_RIGHT}`,
  "g",
);
/** "do you ship to 90210", "livrez-vous à 75011", "envían a 28001", "liefern Sie nach 10115": a destination. */
const SHIP_TO_ZIP_RE = new RegExp(
  String.raw`${B_LEFT}(?:ship|ships|shipping|shipped|deliver|delivers|delivery|delivering|send|sending|mail|post|livrer|livrez|livraison|livre|expedier|expediez|expedition|envoyer|envoyez|envoi|enviar|envian|envio|envios|entregan|entrega|mandan|liefern|liefert|lieferung|versand|versenden|versendet|verschicken|schicken)(?: (?:it|them|this|that|orders?|vous|sie|ihr|out))?(?: (?:to|into|in|a|au|en|vers|al|nach|an|zu))(?: (?:the|zip|zip code|postal code|code postal|cp|plz|le|el))? (\d{5})(?![\d.,]|[ -]?\d)`,
  "g",
);
knownWords(
  "livrer livrez livraison expedier expediez expedition envoyer envoyez envian envio envios entregan liefern liefert lieferung versand versenden versendet verschicken schicken postleitzahl codigo",
);
const ZIP_LOOSE_RE = new RegExp(String.raw`(?<![a-z0-9.$#_-])(\d{5})(?![a-z0-9.-])`);

/* --- karats, sizes, quantities --------------------------------------------------------------------------- */

const KARAT_RE = new RegExp(
  String.raw`${B_LEFT}(\d{1,2}(?:\.\d{1,2})?) ?(kt|kts|karat|karats|karaat|carat|carats|ct|cts|ctw|tcw|kilates|quilates|kilate|quilate)${B_RIGHT}`,
  "g",
);
knownWords("karat karats karaat carat carats kilates quilates kilate quilate");
const KARAT_VALUES = new Set(["9", "10", "14", "18", "22", "24"]);
const GOLD_BEFORE_RE = /(?:^|[^a-z])(?:or|oro|gold) $/;
const BARE_KARAT_RE = new RegExp(String.raw`(?<![a-z0-9.#$_]|\$ )(8|9|10|14|18|22|24) ?k${B_RIGHT}`, "g");
/** Before a bare "10k": a price word or a k-amount range start makes it a price after all ("under 10k"). */
const PRICE_BEFORE_RE =
  /(?:under|below|less than|up to|upto|max|at most|over|above|more than|at least|from|around|about|roughly|approximately|~|budget|budget is|budget of|between|spend|afford|than|<|>|moins de|plus de|jusqu a|environ|entre|menos de|mas de|hasta|desde|unos|unter|uber|ueber|bis|ab|etwa|zwischen|\d ?k ?(?:-|to|and|et|y|und|bis|a))\s?$/;
const PRICE_AFTER_RE =
  /^ ?(?:usd|dollars?|bucks|eur|euros?|budget|max|or less|or under|and under|\+|and up|or more|range|ish)(?![a-z])/;
const GOLD_AFTER_RE =
  /^ ?(?:gold|yellow|white|rose|pink|solid|plated|filled|or|oro|weissgold|gelbgold|rosegold|rotgold)(?![a-z])/;
const SILVER_925_RE =
  /(?<![a-z0-9])s?925(?![a-z0-9])(?= (?:sterling|silver|argent|plata|silber))|(?<=(?:sterling|silver|argent|plata|silber) )s?925(?![a-z0-9])/g;

const SIZE_NUM = String.raw`(\d{1,2}(?:\.\d{1,2})?)`;
/** Size words; "talla" is the Spanish scale below 40 (mm = talla + 40), "tour de doigt" is always millimetres. */
const SIZE_RE = new RegExp(
  String.raw`${B_LEFT}(size|sizes|sz|sized|resized|resize|resizing|taille|tailles|talla|tallas|medida|grosse|groesse|ringgrosse|ringgroesse|gr|tour de doigt|fingerumfang|umfang)(?: (?:is|of|to|at|in|=|about|around|maybe|probably|like|down to|up to|de|en|est|es|ist|von|a))?(?: (?:a|an|size|us|uk|eu|fr|mm))? ?#? ?${SIZE_NUM}${B_RIGHT}(?! ?(?:k|eur|euros?|\$|usd|dollars?)${B_RIGHT})`,
  "g",
);
knownWords("taille tailles talla tallas medida grosse groesse ringgrosse ringgroesse fingerumfang umfang");

const ENGLISH_SIZE_WORDS = new Set(["size", "sizes", "sz", "sized", "resized", "resize", "resizing"]);

/**
 * A size number as a US ring size: after a French, Spanish or German size word, 40–75 are ISO circumferences in
 * millimetres and a Spanish "talla" under 40 is the Spanish scale (mm = talla + 40); both become
 * (mm − 36.5) / 2.55 to the nearest half size.
 */
export function usRingSize(word: string, n: number): number | undefined {
  const millimetresOnly = word === "tour de doigt" || word === "fingerumfang" || word === "umfang";
  const spanishScale = word === "talla" || word === "tallas" || word === "medida";
  // English "size" is always the US scale: "size 40" is no ring size at all.
  const english = ENGLISH_SIZE_WORDS.has(word);
  let mm: number | undefined;
  if (n >= 40 && n <= 75 && !english) mm = n;
  else if (spanishScale && n >= 1 && n < 40) mm = n + 40;
  else if (millimetresOnly) return undefined;
  else return validRingSize(n, 1, 16) ? n : undefined;
  const us = Math.round(((mm - 36.5) / 2.55) * 2) / 2;
  return us >= 1 && us <= 16 ? us : undefined;
}
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
  String.raw`${B_LEFT}\d+(?:\.\d+)?(?:(?: ?- ?| to | or | a | bis | ou | o )\d+(?:\.\d+)?)? ?(?:business |working |more |extra |calendar |jours ouvres |dias habiles |werk)?(?:days?|weeks?|wks?|hours?|hrs?|months?|mos|years?|yrs?|minutes?|mins?|mm|millimeters?|millimetres?|cm|centimeters?|centimetres?|inch|inches|inchs|ft|feet|grams?|g|gr|gramm|gramos|grammes?|oz|ounces?|lbs?|kg|pieces?|pcs|pairs?|percent|times|x|stones?|diamonds?|people|kids|items?|year old|yo|am|pm|oclock|st|nd|rd|th|stars?|pack|miles?|km|jours?|semaines?|mois|heures?|ans?|fois|dias?|semanas?|meses|horas?|anos?|veces|tage?n?|wochen?|monate?n?|stunden?|jahre?n?|mal|stuck|stueck|piezas?|h)${B_RIGHT}`,
  "g",
);
knownWords(
  "business working calendar ouvres habiles werk grams gramm gramos grammes ounces pieces pairs percent times stones " +
    "diamonds people items oclock stars miles jours semaines heures dias semanas meses horas anos veces wochen " +
    "monate monaten stunden jahre jahren stuck stueck piezas",
);
const LOOSE_NUMBER_RE =
  /(?<!(?:for|spent|paid|cost|costs|worth|charged|priced|price|at|in|since|from|year|of|than|only|just|about|around|pour|por|fur|fuer|um|prix|precio|preis|coute|cuesta|kostet) )(?<![a-z0-9.$#_-])(\d{3,12})(?![a-z0-9.])/g;

/* --- word entities --------------------------------------------------------------------------------------- */

const CATEGORY = indexed(CATEGORY_WORDS);
const METAL = indexed(METAL_WORDS);
const TERMS = indexed(TERM_WORDS);
const OCCASIONS = indexed(OCCASION_WORDS);
const GIFT_RE = compilePhrases(GIFT_PHRASES);
/** Words that separate two items rather than join a modifier to its head noun ("ring and necklace"). */
const JOINERS = new Set(["and", "or", "with", "to", "for", "plus", "n", "vs", "not", "but", "also", "than", "&", "_"]);
const SPACE = " ";

/** The category asked for: the first one named, unless a second names the head noun ("chain bracelet"). */
function chosenCategory(named: Mention<Category>[], text: string): Category | undefined {
  let chosen: Mention<Category> | undefined;
  for (const m of named) {
    if (m.excluded) continue;
    if (chosen !== undefined) {
      const gap = text.slice(chosen.end, m.start).trim();
      if (gap.includes(SPACE) || JOINERS.has(gap)) break;
    }
    chosen = m;
  }
  return chosen?.key;
}

/** Only excluded, never asked for: "rings but not gold" excludes gold and sets no metal. */
const onlyExcluded = <T>(named: Mention<T>[], chosen: T | undefined): T[] =>
  keysOf(named, (m) => m.excluded && m.key !== chosen);

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
  _lang: Lang = "en",
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
    masked = masked.replace(SHIP_TO_ZIP_RE, (m, zip: string) => {
      entities.postalCode ??= zip;
      return m.slice(0, m.length - zip.length) + "_";
    });

    masked = masked.replace(SILVER_925_RE, "sterling");
    masked = masked.replace(KARAT_RE, (_m, n: string, unit: string, offset: number, whole: string) => {
      // "14kt", "18 kilates", or "or 18 carats" (carats weigh diamonds unless gold is named just before).
      const goldBefore = KARAT_VALUES.has(n) && GOLD_BEFORE_RE.test(whole.slice(Math.max(0, offset - 5), offset));
      if (unit[0] === "k" || unit[0] === "q" || goldBefore) karatGold = true;
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

    masked = masked.replace(SIZE_RE, (m, word: string, n: string) => {
      const v = usRingSize(word, Number(n));
      if (v === undefined) return m;
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
    // Asked for an order, a shopper may answer "1042 90210": the number, then the checkout postal code.
    const askedForOrder =
      ctx.awaiting === "order_number" ||
      ctx.awaiting === "return_order" ||
      ctx.lastIntent === "track_order" ||
      ctx.lastIntent === "return_exchange";
    if (askedForOrder && entities.postalCode === undefined && looseNumbers.length >= 2) {
      const zip = looseNumbers.findIndex((n, i) => i > 0 && n.length === 5);
      if (zip > 0) entities.postalCode = looseNumbers.splice(zip, 1)[0];
    }
  }

  const categories = mentions(masked, CATEGORY);
  const category = chosenCategory(categories, masked);
  if (category) entities.category = category;
  const excludeCategories = onlyExcluded(categories, category);
  if (excludeCategories.length) entities.excludeCategories = excludeCategories;

  const metals = mentions(masked, METAL);
  const metal: Metal | undefined =
    metals.find((m) => !m.excluded)?.key ?? (karatGold && metals.length === 0 ? "gold" : undefined);
  if (metal) entities.metal = metal;
  const excludeMetals = onlyExcluded(metals, metal);
  if (excludeMetals.length) entities.excludeMetals = excludeMetals;

  // Readiness and gifts read the unmasked text: dates ("by the 14th") are not amounts.
  if (READY_FALSE.test(text)) entities.readyToShip = false;
  else if (READY_TRUE.test(text)) entities.readyToShip = true;

  const occasion = mentions(text, OCCASIONS)[0]?.key;
  if (occasion) entities.occasion = occasion;
  if (GIFT_RE.test(text) || (occasion !== undefined && !NON_GIFT_OCCASIONS.has(occasion))) entities.gift = true;

  // "no diamonds" is not a reason to rank diamonds first.
  const terms = keysOf(mentions(masked, TERMS), (m) => !m.excluded);
  return { entities, terms, orderRef, looseNumbers, masked };
}
