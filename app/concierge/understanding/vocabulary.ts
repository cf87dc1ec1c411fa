// The shape of one language's word lists beside the English lexicon (lexicon.ts). Phrases use the grammar of
// phrases.ts; every list is optional, and lexicon.ts merges each language into the same compiled expressions.
import type { Category, Intent, Metal } from "./types";

export interface IntentWords {
  strong: readonly string[];
  weak?: readonly string[];
}

/** The intents a keyword list decides (the rest come from product words, small talk or nothing). */
export type ServiceIntentName = Exclude<Intent, "find_product" | "greeting" | "thanks" | "clarify">;

export interface Vocabulary {
  category: Partial<Record<Category, readonly string[]>>;
  metal: Partial<Record<Metal, readonly string[]>>;
  /** Descriptive search words, keyed by the canonical (English) term the ranking knows. */
  terms?: Readonly<Record<string, readonly string[]>>;
  gift: readonly string[];
  occasion: Readonly<Record<string, readonly string[]>>;
  readyTrue: readonly string[];
  readyFalse: readonly string[];
  intents: Record<ServiceIntentName, IntentWords>;
  greeting: readonly string[];
  thanks: IntentWords;
  request: readonly string[];
  productNoun: readonly string[];
  paging: readonly string[];
  cheaper: readonly string[];
  pricier: readonly string[];
  refine: readonly string[];
  /** Words that put a metal or a category out of the search: "not", "sans", "kein" (see exclusions.ts). */
  negation: readonly string[];
}
