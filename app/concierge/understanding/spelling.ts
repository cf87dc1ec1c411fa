// Corrects misspelt key words ("braclet", "platnium", "warrenty") by edit distance to a short list of
// head words, so unseen misspellings of the words that matter are understood without listing them all.
import { KNOWN_WORDS } from "./phrases";

/** Head words worth correcting to: long, distinctive, and central to an intent or a filter. */
const TARGETS = (
  "necklace necklaces earring earrings bracelet bracelets pendant pendants platinum sterling silver " +
  "anniversary birthday engagement engrave engraved engraving warranty tarnish tarnished tarnishing " +
  "jewelry jewellery installments installment financing refund exchange tracking package shipped " +
  "delivered delivery resize resizing recommend recommendation suggest suggestion suggestions " +
  "personalized personalised customize customized solitaire eternity choker stylist representative " +
  "afterpay klarna return returned diamond diamonds sapphire emerald moissanite huggies valentines " +
  "graduation christmas girlfriend boyfriend husband received arrived shipping guarantee repair polish " +
  "broken status available bangle bangles cleaning something recommendations affordable expensive " +
  "cheaper appointment consultation customer service maintenance discolored layaway payment payments " +
  "monthly hoops studs "
)
  .trim()
  .split(" ");

/** Common English words that must never be corrected although they are close to a head word. */
const COMMON = (
  "about after again against along already also always another around asked because before being below " +
  "better between bought bring brought change changed check choose close could didnt doing during either " +
  "enough every first found friend friends from given going great happy having hello hours house inside " +
  "instead later leave least letter light little looking maybe might money month months morning mother " +
  "never night nothing number often other others people place please pretty price prices quite rather " +
  "really right second seems should since sister small something sorry start still store story street " +
  "sure taking thank thanks their there these thing things think those though three through today " +
  "together tonight totally tried trying under until using usually very wanted wants watch water where " +
  "which while whole would write wrong years yellow young older silent sealed pending turning " +
  "tracing ranking banking earning learning warning morning yearning dangle dangles jangle single " +
  "button cotton silk metal metals medal spring string strings stringy wrist ankle anklet choke chose " +
  "reform deform refine refined defund demand repaid repay payed played prayer player layer layers " +
  "packed racked ringed bangs angle angles tangle tangled mangle bungle jungle engage engaged engrossed " +
  "emerge merge surge serve nerve verve curve swerve survey surveys status statue statues stature"
).split(" ");

// KNOWN_WORDS is live: every phrase compiled anywhere in the module (word lists, entity vocabularies) adds to it
// at load time, before the first message is understood.
const KNOWN = new Set<string>([...COMMON, ...TARGETS]);

const BY_LENGTH = new Map<number, string[]>();
for (const t of new Set(TARGETS)) {
  const list = BY_LENGTH.get(t.length) ?? [];
  list.push(t);
  BY_LENGTH.set(t.length, list);
}

/** Optimal-string-alignment distance with an early exit once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
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

// Bounded memo: shoppers repeat the same few words, and the answer for a word never changes.
const MEMO = new Map<string, string>();
const LETTERS_RE = /^[a-z]+$/;
const MEMO_LIMIT = 5000;

/** The corrected form of one lower-case token, or the token itself. */
export function correctWord(token: string): string {
  if (token.length < 5 || KNOWN.has(token) || KNOWN_WORDS.has(token) || !LETTERS_RE.test(token)) return token;
  const hit = MEMO.get(token);
  if (hit !== undefined) return hit;
  const max = token.length >= 8 ? 2 : 1;
  let best = token;
  let bestD = max + 1;
  for (let len = token.length - max; len <= token.length + max; len++) {
    for (const t of BY_LENGTH.get(len) ?? []) {
      const d = distance(token, t, max);
      if (d < bestD || (d === bestD && d <= max && t.length === token.length && best.length !== token.length)) {
        bestD = d;
        best = t;
      }
    }
  }
  const result = bestD <= max ? best : token;
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(token, result);
  return result;
}
