// The vocabulary of the understanding step (UNDERSTANDING.md, API.md §2). Pure types, no I/O.

export const INTENTS = [
  "find_product",
  "track_order",
  "return_exchange",
  "sizing",
  "care_warranty",
  "financing",
  "stylist_contact",
  "customization",
  "faq",
  "greeting",
  "thanks",
  "clarify",
] as const;
export type Intent = (typeof INTENTS)[number];

export const CATEGORIES = ["ring", "necklace", "earring", "bracelet"] as const;
export type Category = (typeof CATEGORIES)[number];

export const METALS = ["yellow_gold", "white_gold", "rose_gold", "gold", "platinum", "silver"] as const;
export type Metal = (typeof METALS)[number];

/** Product filters: what a product request narrows the catalog by. Prices inclusive, shop currency. */
export interface ProductFilters {
  category?: Category;
  metal?: Metal;
  priceMin?: number;
  priceMax?: number;
  readyToShip?: boolean;
  gift?: boolean;
  ringSize?: number;
  /** Metals the shopper ruled out; a family ("gold") rules out its members. */
  excludeMetals?: Metal[];
  /** Kinds of piece the shopper ruled out. */
  excludeCategories?: Category[];
}

export interface Entities extends ProductFilters {
  orderNumber?: string;
  email?: string;
  postalCode?: string;
  occasion?: string;
}

/** What the conversation remembers between turns (a subset of the dialogue state). */
export interface UnderstandingContext {
  lastIntent?: Intent;
  /** Filters of the last product search, for refinements and paging. */
  filters?: ProductFilters;
  /** The form or question the concierge is waiting on, e.g. an order number for tracking. */
  awaiting?: "order_number" | "order_contact" | "return_order" | null;
  /** The shop's order-name prefix without `#` ("" for plain numeric names, "GG" for GG1042). */
  orderPrefix?: string;
}

/** How a product request relates to the previous search. */
export type FollowUp = "new" | "refine" | "more";

export interface Understanding {
  intent: Intent;
  /** In [0, 1]; ≥ 0.7 acts directly, below confirms with quick replies. */
  confidence: number;
  entities: Entities;
  /** For find_product: new search, refinement of the last filters, or the next page of the same search. */
  followUp?: FollowUp;
  /** Search words that are not filters ("solitaire", "pearl", "tennis"), for relevance ranking. */
  terms: string[];
  /** Which rule decided, for explanations and tests: "command", "order_reference", "keyword:financing", ... */
  reason: string;
  /** For find_product: "cheaper"/"pricier" with no price to move, so order the results by price instead. */
  sort?: "price_asc" | "price_desc";
  /** Who answered: the rules, or the optional language model when the rules could not read the message. */
  source?: "rules" | "model";
  /** The language the message is most likely written in. */
  lang?: "en" | "fr" | "es" | "de";
}
