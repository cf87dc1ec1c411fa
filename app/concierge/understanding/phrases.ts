// A tiny phrase grammar compiled once at module load into boundary-anchored regular expressions.
//
// Syntax of one phrase (matched against normalised text: lower-case words separated by single spaces):
//   word         the word and its inflections (plural, -ed, -ing, irregular forms): "ship" matches "shipped"
//   =word        the literal word only, never inflected
//   (a|b c)      alternatives, each itself a phrase
//   x?           optional word or group
//   *            any one word (usually optional: "*?")
//   __           a gap of up to three arbitrary words
//   !(a|b)       not followed by this word or group (place last)
//   "re:SRC"     a whole entry given as a raw regular-expression source
//   "re(a|b):SRC"  the same, naming words one of which every match contains (see anchors below)
// Every word form used by a phrase is recorded in KNOWN_WORDS so the spelling corrector never "fixes" it.
//
// Phrases are written in one of four languages. English words inflect as English; French, Spanish and German
// words take their language's plural endings (verb forms are listed). Accented letters are optional: a word
// written "créoles" also matches "creoles", and German "größe" also matches "grosse" and "groesse".

export type Lang = "en" | "fr" | "es" | "de";

/** Words that are never inflected: function words whose variants would be nonsense or too broad. */
const STOP = new Set(
  (
    "a an the and or of to in on at by for from with is are was were be been am it its my me i you your we our us " +
    "they them their he she her him his this that these those do does did not no can could will would should " +
    "how what where when why who which there here up out off back too so very just any some all one ones than " +
    "as if into over under about per yet still now today new more most less"
  ).split(" "),
);

/** Irregular forms an English speaker expects to behave like the listed verb. */
const IRREGULAR: Record<string, readonly string[]> = {
  send: ["sent"],
  break: ["broke", "broken"],
  buy: ["bought"],
  pay: ["paid"],
  get: ["got", "gotten"],
  come: ["came"],
  find: ["found"],
  take: ["took", "taken"],
  tell: ["told"],
  speak: ["spoke", "spoken"],
  make: ["made"],
  lose: ["lost"],
  give: ["gave", "given"],
  wear: ["wore", "worn"],
  think: ["thought"],
  bring: ["brought"],
  fall: ["fell", "fallen"],
  go: ["went", "gone", "goes"],
  have: ["has", "had"],
  choose: ["chose", "chosen"],
  leave: ["left"],
  see: ["saw", "seen"],
  know: ["knew", "known"],
  tear: ["tore", "torn"],
  bend: ["bent"],
  hold: ["held"],
  sell: ["sold"],
};

export const KNOWN_WORDS = new Set<string>();
/** The languages each known word was written in (bit 0 English, 1 French, 2 Spanish, 3 German). */
export const WORD_LANGS = new Map<string, number>();
export const LANG_BIT: Record<Lang, number> = { en: 1, fr: 2, es: 4, de: 8 };
const ALL_LANGS = 15;

function remember(word: string, langs: number): void {
  KNOWN_WORDS.add(word);
  WORD_LANGS.set(word, (WORD_LANGS.get(word) ?? 0) | langs);
}

const VOWEL = /[aeiou]/;
const NOT_LOWER_ASCII = /[^a-z]/;

/** The inflected forms of one English word (itself included). */
export function inflect(word: string): string[] {
  const forms = new Set<string>([word]);
  if (word.length < 3 || STOP.has(word) || /[^a-z]/.test(word)) return [...forms];
  const last = word[word.length - 1];
  const beforeLast = word[word.length - 2];
  if (last === "y" && !VOWEL.test(beforeLast)) {
    const stem = word.slice(0, -1);
    forms
      .add(stem + "ies")
      .add(stem + "ied")
      .add(word + "ing");
  } else if (last === "e") {
    forms
      .add(word + "s")
      .add(word + "d")
      .add(word.slice(0, -1) + "ing")
      .add(word + "ing");
  } else if (/(s|x|z|ch|sh)$/.test(word)) {
    forms
      .add(word + "es")
      .add(word + "ed")
      .add(word + "ing");
  } else {
    forms
      .add(word + "s")
      .add(word + "ed")
      .add(word + "ing");
    // Consonant-vowel-consonant endings double the consonant: ship → shipped, shipping.
    if (
      !VOWEL.test(last) &&
      VOWEL.test(beforeLast) &&
      !VOWEL.test(word[word.length - 3] ?? "a") &&
      !/[wxy]/.test(last)
    ) {
      forms.add(word + last + "ed").add(word + last + "ing");
    }
  }
  for (const extra of IRREGULAR[word] ?? []) forms.add(extra);
  return [...forms];
}

/** Plural endings per language (verbs and irregular plurals are written out in the word lists). */
const PLURALS: Record<Exclude<Lang, "en">, (w: string) => string[]> = {
  fr: (w) => (/(?:au|eu|ou)$/.test(w) ? [w + "x", w + "s"] : /al$/.test(w) ? [w.slice(0, -2) + "aux"] : [w + "s"]),
  es: (w) => (VOWEL.test(w[w.length - 1]) ? [w + "s"] : [w + "es"]),
  de: (w) => [w + "e", w + "en", w + "n", w + "s", w + "er", w + "es"],
};

/** Records the words of a hand-written regular expression as known, so the spelling corrector leaves them be. */
export function knownWords(alternatives: string): void {
  for (const w of alternatives.split(/[^a-z]+/)) if (w) remember(w, ALL_LANGS);
}

function inflectIn(lang: Lang, word: string): string[] {
  if (lang === "en") return inflect(word);
  if (word.length < 3 || NOT_LOWER_ASCII.test(word)) return [word];
  return [word, ...PLURALS[lang](word)];
}

const UMLAUT_FOLD: Record<string, string> = { ä: "a", ö: "o", ü: "u", ß: "ss", œ: "oe", æ: "ae" };
const UMLAUT_SPELL: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", œ: "oe", æ: "ae" };
const SPECIAL_RE = /[äöüßœæ]/g;
const COMBINING_RE = /[\u0300-\u036f]/g;

/** The spellings a shopper may type for a word: accents dropped, and German umlauts as "ae", "oe", "ue". */
export function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  const folded = lower
    .replace(SPECIAL_RE, (c) => UMLAUT_FOLD[c])
    .normalize("NFKD")
    .replace(COMBINING_RE, "");
  const spelled = lower
    .replace(SPECIAL_RE, (c) => UMLAUT_SPELL[c])
    .normalize("NFKD")
    .replace(COMBINING_RE, "");
  return folded === spelled ? [folded] : [folded, spelled];
}

type Node =
  | { kind: "word"; src: string; optional: boolean; forms?: string[] }
  | { kind: "group"; alts: Node[][]; optional: boolean }
  | { kind: "gap" }
  | { kind: "not"; node: Node };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\<>~#-]/g, "\\$&");

function wordForms(raw: string, lang: Lang): string[] {
  const literal = raw.startsWith("=");
  const word = literal ? raw.slice(1) : raw;
  const forms = [...new Set(spellings(word).flatMap((w) => (literal ? [w] : inflectIn(lang, w))))];
  for (const f of forms) if (/^[a-z]+$/.test(f)) remember(f, LANG_BIT[lang]);
  return forms.sort((a, b) => b.length - a.length);
}

const sourceOf = (forms: string[]) => (forms.length === 1 ? escape(forms[0]) : `(?:${forms.map(escape).join("|")})`);

function tokenize(phrase: string): string[] {
  return phrase.match(/\(|\)|\||\?|!|__|[^\s()|?!]+/g) ?? [];
}

function parseSeq(tokens: string[], pos: { i: number }, lang: Lang): Node[][] {
  const alts: Node[][] = [[]];
  while (pos.i < tokens.length) {
    const t = tokens[pos.i];
    if (t === ")") break;
    pos.i++;
    if (t === "|") {
      alts.push([]);
      continue;
    }
    const seq = alts[alts.length - 1];
    if (t === "__") {
      seq.push({ kind: "gap" });
      continue;
    }
    if (t === "!") {
      const inner = parseAtom(tokens, pos, lang);
      seq.push({ kind: "not", node: inner });
      continue;
    }
    pos.i--;
    seq.push(parseAtom(tokens, pos, lang));
  }
  return alts;
}

function parseAtom(tokens: string[], pos: { i: number }, lang: Lang): Node {
  const t = tokens[pos.i++];
  let node: Node;
  if (t === "(") {
    const alts = parseSeq(tokens, pos, lang);
    if (tokens[pos.i] !== ")") throw new Error(`unbalanced group in phrase: ${tokens.join(" ")}`);
    pos.i++;
    node = { kind: "group", alts, optional: false };
  } else if (t === "*") {
    node = { kind: "word", src: "\\S+", optional: false };
  } else {
    const forms = wordForms(t, lang);
    node = { kind: "word", src: sourceOf(forms), optional: false, forms };
  }
  if (tokens[pos.i] === "?") {
    pos.i++;
    if (node.kind === "word" || node.kind === "group") node.optional = true;
  }
  return node;
}

function emitSeq(seq: Node[]): string {
  let out = "";
  let needSep = false;
  for (const node of seq) {
    if (node.kind === "gap") {
      out += (needSep ? " " : "") + "(?:\\S+ ){0,3}";
      needSep = false;
    } else if (node.kind === "not") {
      out += `(?! ${emitNode(node.node)}(?![a-z0-9]))`;
    } else if (node.optional) {
      out += needSep ? `(?: ${emitNode(node)})?` : `(?:${emitNode(node)} )?`;
    } else {
      out += (needSep ? " " : "") + emitNode(node);
      needSep = true;
    }
  }
  return out;
}

function emitNode(node: Node): string {
  if (node.kind === "word") return node.src;
  if (node.kind === "group") return `(?:${node.alts.map(emitSeq).join("|")})`;
  if (node.kind === "not") return emitNode(node.node);
  return "";
}

function parsePhrase(phrase: string, lang: Lang): Node[][] {
  const tokens = tokenize(phrase);
  const pos = { i: 0 };
  const alts = parseSeq(tokens, pos, lang);
  if (pos.i !== tokens.length) throw new Error(`unbalanced phrase: ${phrase}`);
  return alts;
}

/** A raw entry: "re:SRC", or "re(a|b):SRC" with its anchor words. */
const RAW_RE = /^re(?:\(([a-z0-9_|]+)\))?:([\s\S]*)$/;

/** The regex source of one phrase, without boundaries. */
export function phraseSource(phrase: string, lang: Lang = "en"): string {
  const raw = RAW_RE.exec(phrase);
  if (raw) return raw[2];
  return parsePhrase(phrase, lang).map(emitSeq).join("|");
}

/*
 * Anchors: words one of which every match must contain (the forms of a required word). A message with none of a
 * list's anchors cannot match it, so the expression is not run at all — most messages skip most lists.
 */
const ANCHOR_FORM_RE = /^[a-z0-9_]+$/;

function anchorsOfAlternatives(alts: Node[][]): string[] | null {
  const out: string[] = [];
  for (const seq of alts) {
    const found = anchorsOfSeq(seq);
    if (!found) return null;
    out.push(...found);
  }
  return out;
}

function anchorsOfSeq(seq: Node[]): string[] | null {
  for (const node of seq) {
    if (node.kind === "word" && !node.optional && node.forms) return node.forms;
    if (node.kind === "group" && !node.optional) {
      const found = anchorsOfAlternatives(node.alts);
      if (found) return found;
    }
  }
  return null;
}

function phrasesAnchors(phrases: Phrases): Set<string> | null {
  const out = new Set<string>();
  for (const [lang, list] of byLanguage(phrases)) {
    for (const phrase of list) {
      const raw = RAW_RE.exec(phrase);
      if (raw && !raw[1]) return null;
      const found = raw ? raw[1].split("|") : anchorsOfAlternatives(parsePhrase(phrase, lang));
      if (!found || !found.every((f) => ANCHOR_FORM_RE.test(f))) return null;
      for (const f of found) out.add(f);
    }
  }
  return out;
}

const TOKEN_SPLIT_RE = /[^a-z0-9_]+/;
/** Anchor word → the anchored expressions it belongs to (by id). */
const ANCHOR_INDEX = new Map<string, number[]>();
let anchoredCount = 0;
let lastText: string | null = null;
let lastAdmitted = new Uint8Array(0);

/** Which anchored expressions a text can match, computed once per text from its words. */
function admitted(text: string): Uint8Array {
  if (text !== lastText) {
    lastText = text;
    lastAdmitted = new Uint8Array(anchoredCount);
    for (const word of text.split(TOKEN_SPLIT_RE)) {
      const ids = ANCHOR_INDEX.get(word);
      if (ids) for (const id of ids) lastAdmitted[id] = 1;
    }
  }
  return lastAdmitted;
}

/** A compiled list of phrases whose `test` first checks that the text holds one of the list's anchors. */
class AnchoredRegExp extends RegExp {
  private readonly id = anchoredCount++;

  constructor(source: string, flags: string, anchors: ReadonlySet<string>) {
    super(source, flags);
    for (const word of anchors) {
      const ids = ANCHOR_INDEX.get(word);
      if (ids) ids.push(this.id);
      else ANCHOR_INDEX.set(word, [this.id]);
    }
    lastText = null;
  }

  /** May the expression match this text at all? */
  admits(text: string): boolean {
    return admitted(text)[this.id] === 1;
  }

  override test(text: string): boolean {
    return this.admits(text) && super.test(text);
  }
}

/** Whether a compiled list may match a text (always true for a list without anchors). */
export function mayMatch(re: RegExp, text: string): boolean {
  return !(re instanceof AnchoredRegExp) || re.admits(text);
}

/** Left and right word boundaries for normalised text (letters and digits are word characters). */
export const B_LEFT = "(?<![a-z0-9])";
export const B_RIGHT = "(?![a-z0-9])";

/** Phrases per language; a plain list is English. */
export type Phrases = readonly string[] | Partial<Record<Lang, readonly string[]>>;

/** The regex source of a list of phrases (any of them), without boundaries. */
const byLanguage = (phrases: Phrases): [Lang, readonly string[]][] =>
  Array.isArray(phrases)
    ? [["en", phrases as readonly string[]]]
    : (Object.entries(phrases) as [Lang, readonly string[]][]);

export function phrasesSource(phrases: Phrases): string {
  return byLanguage(phrases)
    .flatMap(([lang, list]) => list.map((p) => `(?:${phraseSource(p, lang)})`))
    .join("|");
}

/** One regex matching any of the phrases as whole words; its `test` skips texts without one of its anchors. */
export function compilePhrases(phrases: Phrases, flags = ""): RegExp {
  const source = `${B_LEFT}(?:${phrasesSource(phrases)})${B_RIGHT}`;
  const anchors = phrasesAnchors(phrases);
  return anchors ? new AnchoredRegExp(source, flags, anchors) : new RegExp(source, flags);
}

/** The anchors of a keyed vocabulary (for `mentions`), or null when one of its phrases has none. */
export function vocabularyAnchors(entries: ReadonlyArray<readonly [unknown, Phrases]>): Set<string> | null {
  const out = new Set<string>();
  for (const [, phrases] of entries) {
    const found = phrasesAnchors(phrases);
    if (!found) return null;
    for (const f of found) out.add(f);
  }
  return out;
}
