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
      // Closer first; then a word of the message's language, the same first letter, a likely slip of the hand,
      // the same length.
      const score =
        (t.langs & langBit ? 8 : 0) +
        (t.word[0] === token[0] ? 4 : 0) +
        (likelySlip(token, t.word) ? 2 : 0) +
        (len === token.length ? 1 : 0);
      if (d < bestD || score > bestScore) {
        best = t.word;
        bestD = d;
        bestScore = score;
      }
    }
  }
  return best;
}

// Keys next to each other on a QWERTY keyboard (AZERTY and QWERTZ swap a few; their neighbours mostly overlap).
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const NEIGHBOURS = new Map<string, string>();
ROWS.forEach((row, r) => {
  for (let i = 0; i < row.length; i++) {
    const near = [
      row[i - 1],
      row[i + 1],
      ROWS[r - 1]?.[i],
      ROWS[r - 1]?.[i + 1],
      ROWS[r + 1]?.[i],
      ROWS[r + 1]?.[i - 1],
    ];
    NEIGHBOURS.set(row[i], near.filter(Boolean).join(""));
  }
});

/** Where `word` has the one letter that `typed` leaves out, or -1. */
function leftOutAt(typed: string, word: string): number {
  if (word.length !== typed.length + 1) return -1;
  let i = 0;
  while (i < typed.length && typed[i] === word[i]) i++;
  return typed.slice(i) === word.slice(i + 1) ? i : -1;
}

/** `typed` is `word` with one letter left out (`vowel`: a vowel, as shorthand drops them: "ordr"). */
function leftOut(typed: string, word: string, vowel = false): boolean {
  const at = leftOutAt(typed, word);
  return at >= 0 && (!vowel || "aeiouy".includes(word[at]));
}

/**
 * The kind of slip a hand makes: a letter left out, two letters swapped, a neighbouring key hit instead (or as
 * well). "retrn" is "return" with the u left out, not "retro" with an o typed as n (keys far apart).
 */
function likelySlip(typed: string, word: string): boolean {
  if (leftOut(typed, word)) return true;
  // A key hit twice, or with its neighbour.
  const extra = leftOutAt(word, typed);
  if (extra >= 0) {
    const near = NEIGHBOURS.get(typed[extra]) ?? "";
    return [typed[extra - 1], typed[extra + 1]].some(
      (b) => b !== undefined && (b === typed[extra] || near.includes(b)),
    );
  }
  if (typed.length !== word.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < typed.length && diff.length <= 2; i++) if (typed[i] !== word[i]) diff.push(i);
  if (diff.length === 2)
    return diff[1] === diff[0] + 1 && typed[diff[0]] === word[diff[1]] && typed[diff[1]] === word[diff[0]];
  return diff.length === 1 && (NEIGHBOURS.get(word[diff[0]])?.includes(typed[diff[0]]) ?? false);
}

/** A four-letter token that is exactly one lexicon word of five with a vowel left out ("ordr"), or null. */
function completedShortWord(token: string): string | null {
  let found: string | null = null;
  for (const t of targets().get(token.length + 1) ?? []) {
    if (!leftOut(token, t.word, true)) continue;
    if (found !== null && found !== t.word) return null;
    found = t.word;
  }
  return found;
}

/** The corrected form of one lower-case token, or the token itself. */
export function correctWord(token: string, lang: Lang = "en"): string {
  // Four letters: only a lexicon word with a letter left out ("ordr"); shorter tokens are never corrected.
  const short = token.length === MIN_LENGTH - 1;
  if ((token.length < MIN_LENGTH && !short) || isKnownWord(token) || !LETTERS_RE.test(token)) return token;
  const key = lang + token;
  const hit = MEMO.get(key);
  if (hit !== undefined) return hit;
  const result = short ? (completedShortWord(token) ?? token) : nearestLexiconWord(token, lang);
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
