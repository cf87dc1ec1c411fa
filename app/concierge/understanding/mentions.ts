// Where a vocabulary is mentioned in a message, and whether each mention is negated: "not gold", "no rings",
// "anything but silver", "sans or", "keine Ringe". A negated mention excludes; a list carries the negation on
// ("no gold or silver", "ni oro ni plata", "weder Gold noch Silber").
import { NEGATION_CUES } from "./lexicon";
import {
  B_LEFT,
  B_RIGHT,
  compilePhrases,
  knownWords,
  mayMatch,
  phrasesSource,
  type Phrases,
  vocabularyAnchors,
} from "./phrases";

/** One regex per vocabulary with one capture group per entry, so a single scan says which entry matched. */
export interface Indexed<T> {
  re: RegExp;
  keys: T[];
  /** A test of whether the vocabulary can be mentioned at all (one of its anchor words is there). */
  gate: RegExp;
}

export function indexed<T>(entries: ReadonlyArray<readonly [T, Phrases]>): Indexed<T> {
  const keys = entries.map(([k]) => k);
  const body = entries.map(([, phrases]) => `(${phrasesSource(phrases)})`).join("|");
  const anchors = vocabularyAnchors(entries);
  // Without anchors for every entry the gate admits every text.
  const gate = anchors ? compilePhrases([...anchors].map((w) => `=${w}`)) : /(?:)/;
  return { re: new RegExp(`${B_LEFT}(?:${body})${B_RIGHT}`, "g"), keys, gate };
}

export interface Mention<T> {
  key: T;
  start: number;
  end: number;
  excluded: boolean;
}

function which<T>(m: RegExpExecArray, keys: T[]): T | undefined {
  for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return keys[i - 1];
  return undefined;
}

/** Light words that may stand between a negation and what it negates ("not in real gold", "pas de bagues"). */
const FILLERS =
  "a|an|the|any|anything|something|in|made|of|from|with|that|this|those|these|one|ones|them|it|real|solid|" +
  "pure|plated|do|want|like|need|wear|fan|big|really|too|so|more|please|_|" +
  "le|la|les|de|des|d|du|en|un|une|que|ce|cette|ces|veux|voudrais|aime|" +
  "el|los|las|del|unos|unas|quiero|gusta|gustan|me|" +
  "aus|mit|die|der|das|den|dem|ein|eine|einen|echtem|echtes|reinem|reines|will|mochte|moechte|mag|bitte";
knownWords(FILLERS);
const NEGATED_RE = new RegExp(`${B_LEFT}(?:${phrasesSource(NEGATION_CUES)})(?: (?:${FILLERS})){0,4} $`);
/** Between two mentions of a negated list: a conjunction, perhaps with light words around it. */
const LIST_GAP_RE =
  /^(?:(?:in|en|de|d|aus|any|the|a|an) )*(?:or|and|nor|ni|ou|o|y|et|oder|und|noch|either)(?: (?:in|en|de|d|aus|any|the|a|an|ni|not|no|kein|keine|pas))*$/;

/** Every mention of a vocabulary in a text, in order, with its negation decided. */
export function mentions<T>(text: string, { re, keys, gate }: Indexed<T>): Mention<T>[] {
  const out: Mention<T>[] = [];
  if (!mayMatch(gate, text)) return out;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const key = which(m, keys);
    if (key === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const prev = out[out.length - 1];
    const excluded =
      NEGATED_RE.test(text.slice(0, start)) ||
      (prev !== undefined && prev.excluded && LIST_GAP_RE.test(text.slice(prev.end, start).trim()));
    out.push({ key, start, end, excluded });
  }
  return out;
}

/** The distinct keys of the mentions that pass a test, in order of first mention. */
export function keysOf<T>(list: Mention<T>[], keep: (m: Mention<T>) => boolean): T[] {
  const out: T[] = [];
  for (const m of list) if (keep(m) && !out.includes(m.key)) out.push(m.key);
  return out;
}
