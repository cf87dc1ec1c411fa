// Keyword intents: which service topics a message mentions, how strongly, and the conversational signals
// (product request, paging, cheaper/pricier, refinement markers, greeting, thanks) the precedence rules use.
import { type Intent } from "./types";
import {
  CARE,
  CHEAPER,
  CUSTOMIZATION,
  FAQ,
  FINANCING,
  GREETING,
  type IntentLexicon,
  PAGING,
  PRICIER,
  PRODUCT_NOUN,
  PRODUCT_REQUEST,
  QUALITY_MASK,
  REFINE_MARKER,
  RETURN,
  SIZING,
  STYLIST,
  THANKS,
  TRACK,
} from "./lexicon";

/** Service intents in precedence order: on equal strength the earlier one wins. */
export const SERVICE_INTENTS = [
  "return_exchange",
  "track_order",
  "sizing",
  "care_warranty",
  "financing",
  "stylist_contact",
  "customization",
  "faq",
] as const satisfies readonly Intent[];
export type ServiceIntent = (typeof SERVICE_INTENTS)[number];

const LEXICONS: Record<ServiceIntent, IntentLexicon> = {
  return_exchange: RETURN,
  track_order: TRACK,
  sizing: SIZING,
  care_warranty: CARE,
  financing: FINANCING,
  stylist_contact: STYLIST,
  customization: CUSTOMIZATION,
  faq: FAQ,
};

/** Score of a strong keyword (acts directly) and of a weak one (suggestive, needs confirming). */
export const STRONG = 1;
export const WEAK = 0.6;

export interface Signals {
  /** Score per service intent that matched. */
  service: Partial<Record<ServiceIntent, number>>;
  /** The winning service intent, if any, and its score. */
  best?: ServiceIntent;
  bestScore: number;
  /** How many service intents matched strongly (more than one lowers confidence). */
  strongCount: number;
  request: boolean;
  productNoun: boolean;
  paging: boolean;
  cheaper: boolean;
  pricier: boolean;
  refineMarker: boolean;
  greeting: boolean;
  thanks: number;
  /** Number of words, for "is this message only a greeting / only paging" decisions. */
  words: number;
}

/** Reads every keyword signal of a normalised message. */
export function readSignals(text: string): Signals {
  // Product qualities such as "tarnish free" or "clean girl" must not read as care requests.
  const t = QUALITY_MASK.test(text) ? text.replace(QUALITY_MASK, "_") : text;
  QUALITY_MASK.lastIndex = 0;
  const service: Signals["service"] = {};
  let best: ServiceIntent | undefined;
  let bestScore = 0;
  let strongCount = 0;
  for (const intent of SERVICE_INTENTS) {
    const lex = LEXICONS[intent];
    const score = lex.strong.test(t) ? STRONG : lex.weak?.test(t) ? WEAK : 0;
    if (!score) continue;
    service[intent] = score;
    if (score === STRONG) strongCount++;
    if (score > bestScore) {
      bestScore = score;
      best = intent;
    }
  }
  const pricier = PRICIER.test(t);
  return {
    service,
    best,
    bestScore,
    strongCount,
    request: PRODUCT_REQUEST.test(t),
    productNoun: PRODUCT_NOUN.test(t),
    paging: PAGING.test(t),
    cheaper: !pricier && CHEAPER.test(t),
    pricier,
    refineMarker: REFINE_MARKER.test(t),
    greeting: GREETING.test(t),
    thanks: THANKS.strong.test(t) ? STRONG : THANKS.weak?.test(t) ? WEAK : 0,
    words: t ? t.split(" ").length : 0,
  };
}
