// Picks the shop's FAQ entry that answers a question: topic first, then shared words.

export interface FaqLike {
  id: string;
  topic: string;
  question: string;
  answer: string;
  keywords: string[];
}

const INTENT_TOPICS: Record<string, string[]> = {
  care_warranty: ["care", "warranty", "repair"],
  financing: ["financing", "payment", "payments"],
  sizing: ["sizing", "size"],
  return_exchange: ["returns", "return", "exchange"],
  faq: [],
};

const STOP = new Set([
  "the",
  "a",
  "an",
  "is",
  "are",
  "do",
  "you",
  "your",
  "my",
  "i",
  "can",
  "how",
  "what",
  "of",
  "to",
  "for",
  "in",
  "on",
  "and",
  "or",
  "it",
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

// A shop's FAQ questions and keywords are the same strings turn after turn: their words are worked out once
// (never the shopper's text, which is not kept).
const MEMO_LIMIT = 5_000;
const questionMemo = new Map<string, Set<string>>();
function questionWords(question: string): Set<string> {
  let found = questionMemo.get(question);
  if (found === undefined) {
    found = words(question);
    if (questionMemo.size >= MEMO_LIMIT) questionMemo.clear();
    questionMemo.set(question, found);
  }
  return found;
}

/** A keyword as the phrase it must appear as among the shopper's words: " payment plan ". */
const phraseMemo = new Map<string, string>();
function phrase(keyword: string): string {
  let found = phraseMemo.get(keyword);
  if (found === undefined) {
    found = ` ${[...words(keyword)].join(" ")} `;
    if (phraseMemo.size >= MEMO_LIMIT) phraseMemo.clear();
    phraseMemo.set(keyword, found);
  }
  return found;
}

export function bestFaq<F extends FaqLike>(entries: F[], intent: string, text: string, topic?: string): F | null {
  const wanted = topic ? [topic] : (INTENT_TOPICS[intent] ?? []);
  const said = words(text);
  const saidText = ` ${[...said].join(" ")} `;
  let best: F | null = null;
  let bestScore = 0;
  for (const entry of entries) {
    let score = wanted.includes(entry.topic) ? 10 : 0;
    // Multi-word keywords ("payment plan") match as phrases.
    for (const k of entry.keywords) if (saidText.includes(phrase(k))) score += 3;
    for (const w of questionWords(entry.question)) if (said.has(w)) score += 1;
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : null;
}
