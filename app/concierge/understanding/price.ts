// The price grammar: ceilings, floors, ranges and approximations over amounts in the normalised text.
// A number is a price only with a currency mark or a price word; karat marks, sizes, order numbers and
// quantities with units are masked before this runs (see entities.ts).
import { B_LEFT, B_RIGHT, knownWords } from "./phrases";

/** Currency words after an amount; `€` is already spelled `eur` (normalise.ts). */
const CURRENCY = "usd|dollars?|bucks|eur|euros?|dolares|dolar|pesos|pounds?|gbp|\\$";
/** One amount: `$1,500`, `1.5k`, `300 usd`, `250 dollars`, `2k`, `99.90 eur`. Thousands separators are already gone. */
const AMT = String.raw`(?<![a-z0-9.#$_])(?:\$ ?|usd ?|eur ?)?\d+(?:\.\d+)?(?![0-9])(?: ?k(?![a-z0-9]))?(?: ?(?:${CURRENCY})(?![a-z0-9]))?(?![a-z0-9])`;
const A = `(${AMT})`;
const SEP_RANGE = String.raw`(?: ?- ?| to | and | through | thru | till | until | up to | et | y | und | bis | a | hasta )`;
const SEP_BARE = String.raw`(?: ?- ?| to | bis )`;

// English, then French, Spanish and German (accents folded, elisions split: "jusqu'à" → "jusqu a").
const CEILING_WORDS =
  "under|below|beneath|less than|lower than|cheaper than|up to|upto|max|maximum|at most|within|no more than|" +
  "budget|spend|spending|afford|limit|cap|capped at|tops|not exceeding|not to exceed|less then|lower then|" +
  "cheaper then|for less than|for under|<|" +
  "moins de|moins d|jusqu a|jusqua|au maximum|au plus|en dessous de|inferieur a|sous|pour moins de|budget de|" +
  "menos de|hasta|como maximo|maximo|por debajo de|inferior a|presupuesto de|presupuesto|por menos de|" +
  "unter|bis|bis zu|hochstens|hoechstens|maximal|weniger als|budget von|fur unter|fuer unter";
const FLOOR_WORDS =
  "over|above|more than|greater than|higher than|pricier than|at least|from|starting at|starting from|" +
  "starts at|starting|min|minimum|upwards of|north of|beyond|in excess of|more then|>|" +
  "plus de|plus d|au moins|a partir de|au dessus de|superieur a|des|" +
  "mas de|al menos|desde|como minimo|minimo|por encima de|superior a|" +
  "uber|ueber|mindestens|ab|mehr als|minimal";
const APPROX_WORDS =
  "around|about|roughly|approximately|nearly|near|close to|circa|somewhere around|in the region of|" +
  "in the range of|ballpark|ballpark of|give or take|~|" +
  "environ|autour de|a peu pres|aux alentours de|dans les|vers les|" +
  "alrededor de|unos|unas|aproximadamente|mas o menos|cerca de|sobre|" +
  "etwa|ungefahr|ungefaehr|ca|rund|um die|so um die|zirka";
knownWords(`${CEILING_WORDS} ${FLOOR_WORDS} ${APPROX_WORDS} ${CURRENCY}`);

type Kind = "floor" | "ceil" | "range" | "bareRange" | "approx" | "marked";
interface Rule {
  re: RegExp;
  kind: Kind;
}

const rule = (src: string, kind: Kind): Rule => ({ re: new RegExp(src, "g"), kind });

/** Tried in order; each match is consumed so a later, looser rule cannot read it again. */
const RULES: readonly Rule[] = [
  rule(
    `${B_LEFT}(?:(?:no|not|nothing) (?:less|lower|cheaper|under|below)(?: than| then)?|pas moins d[e]?|no menos de|nicht weniger als|nicht unter) ${A}`,
    "floor",
  ),
  rule(
    `${B_LEFT}(?:(?:no|not|nothing) (?:more|higher|greater|pricier|over|above|exceeding)(?: than| then)?|pas plus d[e]?|no mas de|nicht mehr als|nicht uber|nicht ueber) ${A}`,
    "ceil",
  ),
  rule(`${B_LEFT}(?:between|entre|zwischen) (?:the |les |los |las )?${A}${SEP_RANGE}(?:the )?${A}`, "range"),
  rule(`${B_LEFT}(?:from|de|desde|von|ab) ${A}${SEP_RANGE}${A}`, "range"),
  rule(`${A}${SEP_BARE}${A}`, "bareRange"),
  rule(`${B_LEFT}(?:${APPROX_WORDS}) ?(?:of |the |a |an )?${A}`, "approx"),
  rule(`${A} ?(?:ish|or so|give or take|range|area|ballpark|or thereabouts)${B_RIGHT}`, "approx"),
  rule(`${B_LEFT}(?:${CEILING_WORDS})(?: (?:is|of|at|was|will be))? ?${A}`, "ceil"),
  rule(`${B_LEFT}(?:${FLOOR_WORDS})(?: (?:of|at))? ?${A}`, "floor"),
  rule(
    `${A} ?(?:or (?:less|under|below|cheaper|lower)|and (?:under|below|less|lower)|max|maximum|at most|at the most|tops|budget|limit|cap)${B_RIGHT}`,
    "ceil",
  ),
  rule(
    `${A} ?(?:\\+|plus|and (?:up|above|over|higher|more|upwards)|or (?:more|above|higher|over)|minimum|min|at least|upwards)(?![a-z0-9])`,
    "floor",
  ),
  rule(A, "marked"),
];

const NUMBER_RE = /(\d+(?:\.\d+)?)(?: ?(k)(?![a-z]))?/;
const MARK_RE = /\$|usd|dollar|buck|eur|peso|pound|gbp/;

interface Amount {
  value: number;
  marked: boolean;
  k: boolean;
}

function parseAmount(s: string): Amount | null {
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const k = m[2] !== undefined;
  const value = Number(m[1]) * (k ? 1000 : 1);
  if (!Number.isFinite(value) || value <= 0) return null;
  return { value, marked: MARK_RE.test(s), k };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface PriceResult {
  priceMin?: number;
  priceMax?: number;
  /** The text with every consumed price phrase replaced by `_`. */
  masked: string;
}

/** Extracts the price bounds of a message (already masked of karats, sizes, order numbers and units). */
export function extractPrice(text: string): PriceResult {
  let priceMin: number | undefined;
  let priceMax: number | undefined;
  let masked = text;
  for (const { re, kind } of RULES) {
    re.lastIndex = 0;
    masked = masked.replace(re, (m: string, ...rest: unknown[]) => {
      const groups: string[] = [];
      for (const r of rest) {
        if (typeof r !== "string") break;
        groups.push(r);
      }
      const a = groups[0] !== undefined ? parseAmount(groups[0]) : null;
      if (!a) return m;
      if (kind === "range" || kind === "bareRange") {
        const b = groups[1] !== undefined ? parseAmount(groups[1]) : null;
        if (!b) return m;
        // "1-2k" and "between 1 and 2k" mean thousands on both sides.
        if (b.k && !a.k && a.value * 1000 <= b.value) a.value *= 1000;
        if (kind === "bareRange" && !(a.marked || b.marked || a.k || b.k || b.value >= 20)) return m;
        if (kind === "bareRange" && a.value > b.value) return m;
        priceMin = Math.min(a.value, b.value);
        priceMax = Math.max(a.value, b.value);
        return "_";
      }
      if (kind === "approx") {
        priceMin = round2(a.value * 0.8);
        priceMax = round2(a.value * 1.2);
      } else if (kind === "ceil") priceMax = a.value;
      else if (kind === "floor") priceMin = a.value;
      else if (kind === "marked") {
        // A bare amount with a currency mark ("a $300 necklace", "gift for mom, $200") reads as a budget.
        if (!a.marked) return m;
        priceMax = a.value;
      }
      return "_";
    });
  }
  if (priceMin !== undefined && priceMax !== undefined && priceMin > priceMax) {
    [priceMin, priceMax] = [priceMax, priceMin];
  }
  const out: PriceResult = { masked };
  if (priceMin !== undefined) out.priceMin = priceMin;
  if (priceMax !== undefined) out.priceMax = priceMax;
  return out;
}
