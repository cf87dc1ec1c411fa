// Typo tolerance over the whole lexicon: a word that is neither a lexicon word nor a real word of one of the
// four languages is corrected to the lexicon word within Damerau–Levenshtein distance 1 (lexicon words of 5–7
// letters) or 2 (8 letters or more). German compounds ("Weißgoldring") are split into their known parts first.
import { COMMON_WORDS } from "./commonWords";
import { GUARD_WORDS } from "./guardWords";
import { KNOWN_WORDS, LANG_BIT, type Lang, WORD_LANGS } from "./phrases";

/** Shortest word worth correcting: shorter ones lie within one edit of too many real words. */
const MIN_LENGTH = 5;

/** Real words of the four languages: never "corrected", although a lexicon word may be one edit away. */
const REAL = new Set<string>([...COMMON_WORDS.en, ...COMMON_WORDS.fr, ...COMMON_WORDS.es, ...COMMON_WORDS.de]);
for (const w of GUARD_WORDS.split(" ")) REAL.add(w);

interface Target {
  word: string;
  mask: number;
  max: number;
  langs: number;
}

const A = "a".charCodeAt(0);
function letterMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) m |= 1 << (w.charCodeAt(i) - A);
  return m;
}

function popcount(n: number): number {
  let c = 0;
  for (let v = n; v; v &= v - 1) c++;
  return c;
}

// Built on first use: KNOWN_WORDS fills while the word lists compile at module load, before any message.
let byLength: Map<number, Target[]> | null = null;
function targets(): Map<number, Target[]> {
  if (byLength) return byLength;
  byLength = new Map();
  for (const word of KNOWN_WORDS) {
    if (word.length < MIN_LENGTH) continue;
    const list = byLength.get(word.length) ?? [];
    list.push({ word, mask: letterMask(word), max: word.length >= 8 ? 2 : 1, langs: WORD_LANGS.get(word) ?? 15 });
    byLength.set(word.length, list);
  }
  return byLength;
}

/** Optimal-string-alignment distance with an early exit once it exceeds `max`. */
export function distance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/** Whether a word needs no correction: a lexicon word or a real word of one of the four languages. */
export const isKnownWord = (w: string): boolean => KNOWN_WORDS.has(w) || REAL.has(w);

// Bounded memo: shoppers repeat the same few words, and the answer for a word never changes.
const MEMO = new Map<string, string>();
const LETTERS_RE = /^[a-z]+$/;
const MEMO_LIMIT = 5000;

/** The closest lexicon word within its distance, or the token itself; the guard lists are not consulted. */
export function nearestLexiconWord(token: string, lang: Lang = "en"): string {
  const mask = letterMask(token);
  const langBit = LANG_BIT[lang];
  let best = token;
  let bestD = 3;
  let bestScore = -1;
  const index = targets();
  for (let len = token.length - 2; len <= token.length + 2; len++) {
    for (const t of index.get(len) ?? []) {
      if (Math.abs(len - token.length) > t.max || popcount(mask ^ t.mask) > 2 * t.max) continue;
      const d = distance(token, t.word, Math.min(t.max, bestD));
      if (d > t.max || d > bestD) continue;
      // Closer first; then a word of the message's language, the same first letter, the same length.
      const score = (t.langs & langBit ? 4 : 0) + (t.word[0] === token[0] ? 2 : 0) + (len === token.length ? 1 : 0);
      if (d < bestD || score > bestScore) {
        best = t.word;
        bestD = d;
        bestScore = score;
      }
    }
  }
  return best;
}

/** The corrected form of one lower-case token, or the token itself. */
export function correctWord(token: string, lang: Lang = "en"): string {
  if (token.length < MIN_LENGTH || isKnownWord(token) || !LETTERS_RE.test(token)) return token;
  const key = lang + token;
  const hit = MEMO.get(key);
  if (hit !== undefined) return hit;
  const result = nearestLexiconWord(token, lang);
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(key, result);
  return result;
}

/* --- German compounds ------------------------------------------------------------------------------------ */

/** Head nouns a German compound ends with, longest first so "ohrring" wins over "ring". */
const HEADS = [
  "ohrringe",
  "ohrring",
  "ohrstecker",
  "ohrhaenger",
  "ohrhanger",
  "creolen",
  "halsketten",
  "halskette",
  "anhaenger",
  "anhanger",
  "armbaender",
  "armbander",
  "armband",
  "armreifen",
  "armreif",
  "geschenkideen",
  "geschenkidee",
  "geschenke",
  "geschenk",
  "ketten",
  "kette",
  "ringe",
  "ring",
].sort((a, b) => b.length - a.length);

/** First parts that make a compound in any language ("goldring" in an English message too). */
const MODIFIERS = new Set([
  "gold",
  "silber",
  "silver",
  "platin",
  "platinum",
  "weissgold",
  "gelbgold",
  "rosegold",
  "rotgold",
  "sterlingsilber",
  "diamant",
  "diamanten",
  "brillant",
  "perlen",
  "perl",
]);

/**
 * "weissgoldring" → ["weissgold", "ring"], "geburtstagsgeschenk" → ["geburtstag", "geschenk"]: a word unknown
 * as a whole that ends with a head noun. The first part must be a known modifier, or the message German.
 */
export function splitCompound(token: string, lang: Lang): string[] | null {
  if (token.length < 7 || isKnownWord(token)) return null;
  for (const head of HEADS) {
    if (!token.endsWith(head)) continue;
    let first = token.slice(0, -head.length);
    if (first.length < 3) return null;
    if (MODIFIERS.has(first)) return [first, head];
    if (lang !== "de") return null;
    // The linking "s" of "Geburtstagsgeschenk" belongs to neither word.
    if (first.endsWith("s") && isKnownWord(first.slice(0, -1))) first = first.slice(0, -1);
    return [correctWord(first, lang), head];
  }
  return null;
}
