// The shape of one language's word lists beside the English lexicon (lexicon.ts). Phrases use the grammar of
// phrases.ts; every list is optional, and lexicon.ts merges each language into the same compiled expressions.
import type { Category, Metal } from "./types";

export interface IntentWords {
  strong: readonly string[];
  weak?: readonly string[];
}

export type ServiceIntentName =
  | "track_order"
  | "return_exchange"
  | "sizing"
  | "care_warranty"
  | "financing"
  | "stylist_contact"
  | "customization"
  | "faq";

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
