// Text normalisation: every rule downstream sees one canonical spelling of the shopper's message.
import { detectLanguage } from "./language";
import type { Lang } from "./phrases";
import { correctWord, splitCompound } from "./spelling";

const FRACTIONS: Record<string, string> = { "½": ".5", "¼": ".25", "¾": ".75" };
const FRACTION_RE = /(\d)?\s?([½¼¾])/g;
const COMBINING_RE = /[\u0300-\u036f]/g;
const SINGLE_QUOTES_RE = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC\u02B9]/g;
const DOUBLE_QUOTES_RE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES_RE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const CURRENCY_RE = /[£¥]/g;
const EURO_RE = /€/g;
const LIGATURES: Record<string, string> = { ß: "ss", œ: "oe", æ: "ae", ø: "o", "°": "o" };
const LIGATURE_RE = /[ßœæø°]/g;

/**
 * Lower-case, accents stripped (ß → ss, œ → oe), quotes and dashes folded, `€` spelled `eur` (a currency mark
 * the thousands rule needs to see) and other currency signs `$`. Punctuation is kept.
 */
export function fold(raw: string): string {
  return raw
    .replace(FRACTION_RE, (_m, d: string | undefined, f: string) => (d ?? "0") + FRACTIONS[f])
    .normalize("NFKD")
    .replace(COMBINING_RE, "")
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c])
    .replace(SINGLE_QUOTES_RE, "'")
    .replace(DOUBLE_QUOTES_RE, '"')
    .replace(DASHES_RE, "-")
    .replace(EURO_RE, " eur ")
    .replace(CURRENCY_RE, "$");
}

const APOSTROPHE_RE = /'/g;
/** French elisions keep their word apart: "d'or" → "d or", "jusqu'à" → "jusqu a", "l'anneau" → "l anneau". */
const ELISION_RE = /(?<![a-z])(l|d|j|n|s|c|m|t|qu|jusqu|lorsqu|puisqu)'(?=[a-z])/g;
/** "w/" and "w/o" are chat shorthand for "with" and "without"; the slash would be dropped with the punctuation. */
const WITHOUT_RE = /(?<![a-z0-9])w\/o(?![a-z0-9])/g;
const WITH_RE = /(?<![a-z0-9])w\/(?![a-z0-9]*\/)/g;
/** "n°", "nº", "n.º", "no." before a number: the French and Spanish number sign. */
const NUMBER_SIGN_RE = /(?<![a-z])n\s?\.?\s?o\.?\s?(?=#?\d)/g;
/** "No, …" answers the last question: kept apart from "no gold", which excludes a metal. */
const LEADING_NO_RE = /(^|[.!?;]\s*)(no|non|nein|nope)\s*[,.;:!]+/g;
/** A comma followed by one or two digits is a decimal comma ("99,90" → 99.90). */
const DECIMAL_COMMA_RE = /(\d),(\d{1,2})(?![\d,])/g;
/** Dot or space thousands separators ("1.500", "1 500"), applied when the number is in euros or the message is not English. */
const DOT_THOUSANDS_RE = /(?<![\d.,])\d{1,3}(?:[. ]\d{3})+(?![\d]|[.,]\d)/g;
const EURO_NEAR_RE = /^\s?(?:eur|euros?)(?![a-z])|(?:eur|euros?)\s?$/;
const THOUSANDS_RE = /(\d),(?=\d{3}(?!\d))/g;
const PERCENT_RE = /%/g;
const AMPERSAND_RE = /&/g;
const LE_RE = /<=|=</g;
const GE_RE = />=|=>/g;
const NUM_SUFFIX_RE = /(\d)(ish|plus)(?![a-z])/g;
const STRAY_DOT_RE = /(?<!\d)\.|\.(?!\d)/g;
const SPACED_RANGE_RE = /(\d)\s*-\s*(?=\$?\d)/g;
const STRAY_HYPHEN_RE = /(?<!\d)-(?![\d$])/g;
const OTHER_RE = /[^a-z0-9$#.+<>~\- ]+/g;
const REPEAT_RE = /([a-z])\1{2,}/g;
const SPACES_RE = /\s+/g;
const LETTERS_RE = /^[a-z]+$/;

/** Contractions (apostrophe already removed) and chat shorthand, expanded to the words the lexicon uses. */
const EXPAND: Record<string, string> = {
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  cant: "can not",
  cannot: "can not",
  wont: "will not",
  isnt: "is not",
  arent: "are not",
  wasnt: "was not",
  werent: "were not",
  hasnt: "has not",
  havent: "have not",
  hadnt: "had not",
  shouldnt: "should not",
  wouldnt: "would not",
  couldnt: "could not",
  aint: "is not",
  whats: "what is",
  wheres: "where is",
  whens: "when is",
  hows: "how is",
  whos: "who is",
  thats: "that is",
  theres: "there is",
  heres: "here is",
  its: "it is",
  lets: "let us",
  youre: "you are",
  theyre: "they are",
  im: "i am",
  ive: "i have",
  youve: "you have",
  weve: "we have",
  theyve: "they have",
  shes: "she is",
  hes: "he is",
  youll: "you will",
  theyll: "they will",
  itll: "it will",
  u: "you",
  ur: "your",
  r: "are",
  pls: "please",
  plz: "please",
  plse: "please",
  thru: "through",
  wanna: "want to",
  gonna: "going to",
  gotta: "got to",
  gimme: "give me",
  lemme: "let me",
  abt: "about",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tmrrw: "tomorrow",
  tomorow: "tomorrow",
  tommorow: "tomorrow",
  tommorrow: "tomorrow",
  hv: "have",
  dnt: "do not",
  wat: "what",
  wht: "what",
  whr: "where",
  wen: "when",
  b4: "before",
  yr: "your",
  ya: "you",
  cud: "could",
  wud: "would",
  shud: "should",
  thnk: "think",
  recieve: "receive",
  recieved: "received",
  recieving: "receiving",
  untill: "until",
  adress: "address",
  xmas: "christmas",
  approx: "approximately",
  aprox: "aproximadamente",
  rn: "right now",
  anniv: "anniversary",
  annivs: "anniversary",
  bc: "because",
  cuz: "because",
  coz: "because",
  idk: "i do not know",
  sth: "something",
  smth: "something",
  ppl: "people",
  diff: "different",
  def: "definitely",
  "2day": "today",
  "2moro": "tomorrow",
  "2morrow": "tomorrow",
  // French, Spanish and German chat shorthand.
  svp: "s il vous plait",
  stp: "s il te plait",
  bcp: "beaucoup",
  pk: "pourquoi",
  pq: "pourquoi",
  mrc: "merci",
  slt: "salut",
  xq: "porque",
  tb: "tambien",
  grax: "gracias",
  porfa: "por favor",
  xfa: "por favor",
};
const EXPAND_TOKENS = new Map(Object.entries(EXPAND).map(([k, v]) => [k, v.split(" ")]));

/** "id" and "ill" are words too; they expand only before a verb-like word. */
const ID_NEXT = new Set(["like", "love", "want", "prefer", "rather", "need", "be", "appreciate", "really", "have"]);
const ILL_NEXT = new Set([
  "be",
  "need",
  "take",
  "try",
  "wait",
  "check",
  "go",
  "buy",
  "get",
  "have",
  "send",
  "return",
  "call",
  "look",
  "order",
  "just",
  "probably",
  "definitely",
  "pay",
  "come",
  "think",
  "let",
  "keep",
]);

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, grand: 1000 };
const SIZE_WORDS = new Set(["size", "sizes", "sz", "a", "an"]);
const NUMERIC_RE = /^\d+(?:\.\d+)?$/;

/** Small number value of a token ("seven" → 7, "twenty" → 20, "12" → 12), or undefined. */
function smallValue(tok: string): number | undefined {
  if (tok in UNITS) return UNITS[tok];
  if (tok in TENS) return TENS[tok];
  if (NUMERIC_RE.test(tok)) return Number(tok);
  return undefined;
}

/**
 * Spelled-out amounts become digits: "five hundred" → 500, "2 grand" → 2000, "fifteen hundred" → 1500,
 * "size seven and a half" → "size 7.5". Other number words stay words ("this one", "another one").
 */
function numberWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // "a grand", "a thousand", "a hundred"
    if ((t === "a" || t === "one") && tokens[i + 1] && tokens[i + 1] in SCALES) {
      let value = SCALES[tokens[i + 1]];
      i++;
      if (
        value === 100 &&
        tokens[i + 1] === "and" &&
        tokens[i + 2] !== undefined &&
        smallValue(tokens[i + 2]) !== undefined &&
        !NUMERIC_RE.test(tokens[i + 2])
      ) {
        value += smallValue(tokens[i + 2]) ?? 0;
        i += 2;
      }
      out.push(tokens[i] === "grand" ? `$${value}` : String(value));
      continue;
    }
    const v = smallValue(t);
    if (v !== undefined) {
      let value = v;
      let j = i;
      // "twenty five"
      if (t in TENS && tokens[j + 1] && tokens[j + 1] in UNITS && UNITS[tokens[j + 1]] < 10) {
        value += UNITS[tokens[j + 1]];
        j++;
      }
      const next = tokens[j + 1];
      if (next && next in SCALES) {
        value *= SCALES[next];
        j++;
        // "five hundred and fifty", "two thousand five hundred"
        let k = j + 1;
        if (tokens[k] === "and") k++;
        const rest = tokens[k] !== undefined && !NUMERIC_RE.test(tokens[k]) ? smallValue(tokens[k]) : undefined;
        const round = rest === undefined;
        if (rest !== undefined) {
          let restValue = rest;
          let end = k;
          if (tokens[k] in TENS && tokens[k + 1] && tokens[k + 1] in UNITS) {
            restValue += UNITS[tokens[k + 1]];
            end++;
          }
          if (tokens[end + 1] === "hundred") {
            restValue *= 100;
            end++;
          }
          value += restValue;
          j = end;
        }
        // "grand" is money slang, as good as a currency mark; a round "N thousand" keeps its k so that
        // "between 1 and 2 thousand" reads like "between 1 and 2k".
        if (next === "grand") out.push(`$${value}`);
        else if (next === "thousand" && round) out.push(`${value / 1000}k`);
        else out.push(String(value));
        i = j;
        continue;
      }
      // "size seven", "a seven and a half"
      const prev = out[out.length - 1];
      if (
        !NUMERIC_RE.test(t) &&
        prev !== undefined &&
        SIZE_WORDS.has(prev) &&
        value <= 16 &&
        (value >= 3 || prev.startsWith("s"))
      ) {
        const half = tokens[j + 1] === "and" && tokens[j + 2] === "a" && tokens[j + 3] === "half";
        out.push(String(half ? value + 0.5 : value));
        i = half ? j + 3 : j;
        continue;
      }
      // "6 and a half" → 6.5 (ring sizes)
      if (
        value <= 16 &&
        tokens[i + 1] === "and" &&
        tokens[i + 2] === "a" &&
        tokens[i + 3] === "half" &&
        (NUMERIC_RE.test(t) || (prev !== undefined && SIZE_WORDS.has(prev)))
      ) {
        out.push(String(value + 0.5));
        i += 3;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * The canonical text: lower-case words separated by single spaces; apostrophes dropped and contractions
 * expanded; punctuation dropped except `$ # + < > ~`, `.` between digits and `-` next to digits; thousands
 * separators removed; elongations shortened ("helloooo" → "helloo"); number words turned into digits; and
 * misspelt key words corrected.
 */
export function normalise(folded: string): string {
  return analyse(folded).text;
}

export interface Analysis {
  /** The canonical text. */
  text: string;
  /** The language the message is most likely written in. */
  lang: Lang;
  /** How many words the spelling corrector changed. */
  corrections: number;
}

/** Thousands separators that are dots or spaces: in euro amounts, and in French, Spanish and German messages. */
function joinThousands(s: string, lang: Lang): string {
  return s.replace(DOT_THOUSANDS_RE, (m: string, offset: number, whole: string) => {
    const around =
      whole.slice(Math.max(0, offset - 6), offset) + "|" + whole.slice(offset + m.length, offset + m.length + 7);
    const [before, after] = around.split("|");
    if (lang === "en" && !EURO_NEAR_RE.test(after) && !EURO_NEAR_RE.test(before)) return m;
    // "1.5" or "2.75" are decimals whatever the language; only groups of exactly three digits join.
    return m.replace(/[. ]/g, "");
  });
}

/** The canonical text and what was learnt on the way (language, corrections). */
export function analyse(folded: string): Analysis {
  const lang = detectLanguage(folded);
  const pre = joinThousands(
    folded
      .replace(LEADING_NO_RE, "$1nope ")
      .replace(WITHOUT_RE, " without ")
      .replace(WITH_RE, " with ")
      .replace(NUMBER_SIGN_RE, " no ")
      .replace(ELISION_RE, "$1 ")
      .replace(DECIMAL_COMMA_RE, "$1.$2"),
    lang,
  );
  const s = pre
    .replace(APOSTROPHE_RE, "")
    .replace(THOUSANDS_RE, "$1")
    .replace(PERCENT_RE, " percent ")
    .replace(AMPERSAND_RE, " and ")
    .replace(LE_RE, "<")
    .replace(GE_RE, ">")
    .replace(NUM_SUFFIX_RE, "$1 $2")
    .replace(STRAY_DOT_RE, " ")
    .replace(SPACED_RANGE_RE, "$1-")
    .replace(STRAY_HYPHEN_RE, " ")
    .replace(OTHER_RE, " ")
    .replace(REPEAT_RE, "$1$1")
    .replace(SPACES_RE, " ")
    .trim();
  if (!s) return { text: "", lang, corrections: 0 };
  const raw = s.split(" ");
  const tokens: string[] = [];
  let corrections = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    const next = raw[i + 1];
    if (t === "id" && next !== undefined && ID_NEXT.has(next)) tokens.push("i", "would");
    else if (t === "ill" && (i === 0 || (next !== undefined && ILL_NEXT.has(next)))) tokens.push("i", "will");
    else if (EXPAND_TOKENS.has(t)) tokens.push(...(EXPAND_TOKENS.get(t) ?? [t]));
    else if (LETTERS_RE.test(t)) {
      const parts = splitCompound(t, lang);
      if (parts) tokens.push(...parts);
      else {
        const c = correctWord(t, lang);
        if (c !== t) corrections++;
        tokens.push(c);
      }
    } else tokens.push(t);
  }
  return { text: numberWords(tokens).join(" "), lang, corrections };
}
