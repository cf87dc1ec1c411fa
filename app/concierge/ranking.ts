// Product discovery: which products match a request, in which order, why, and — when nothing matches — which
// one-tap relaxations to offer. Filters never relax silently here: `rankProducts` only ranks products that match,
// and `relaxations` only proposes (PRODUCT.md §2.1, old-system-gaps §3).

import { type Copy, copyFor, type Locale } from "./copy";
import type { Category, Metal, ProductFilters } from "./understanding/types";

/** What ranking needs of a product (the store's `Product` satisfies it). */
export interface RankableProduct {
  id: string;
  title: string;
  description?: string;
  tags: string[];
  category: Category;
  metal: Metal | null;
  price: number;
  readyToShip: boolean;
  featured: boolean;
  inventory: number;
  /** When given, `filters.ringSize` is checked against the variants' ring sizes. */
  variants?: { ringSize?: number | null }[];
}

export interface Ranked<P> {
  product: P;
  /** Higher is better; the order of `rankProducts` is score descending, then id ascending. */
  score: number;
  /** A few words for the card: "Ready to ship · rose gold · within budget". */
  why: string;
}

export interface RankRequest {
  filters: ProductFilters;
  /** Search words that are not filters ("solitaire", "pearl"), from the understanding step. */
  terms: string[];
  /** The language of `why` (default English). */
  locale?: Locale;
}

// ---------- filters ----------

const GOLD_FAMILY: readonly Metal[] = ["yellow_gold", "white_gold", "rose_gold", "gold"];

/** "gold" accepts every gold family; any other metal only itself (the store adapters agree). */
export function metalMatches(wanted: Metal, actual: Metal | null): boolean {
  if (actual === null) return false;
  return wanted === "gold" ? GOLD_FAMILY.includes(actual) : wanted === actual;
}

/**
 * Whether a product satisfies the filters: category and metal exactly ("gold" = any gold), prices inclusive
 * (priceMin ≤ price ≤ priceMax), readyToShip enforced whenever it is set (true or false). `gift` is not a filter
 * (it only boosts gift/occasion pieces). `ringSize` is checked only when the product carries its variants.
 */
export function matchesFilters(product: RankableProduct, filters: ProductFilters): boolean {
  if (filters.category !== undefined && product.category !== filters.category) return false;
  if (filters.metal !== undefined && !metalMatches(filters.metal, product.metal)) return false;
  if (filters.excludeCategories?.includes(product.category)) return false;
  if (filters.excludeMetals?.some((m) => metalMatches(m, product.metal))) return false;
  if (isNumber(filters.priceMin) && !(product.price >= filters.priceMin)) return false;
  if (isNumber(filters.priceMax) && !(product.price <= filters.priceMax)) return false;
  if (filters.readyToShip !== undefined && product.readyToShip !== filters.readyToShip) return false;
  if (isNumber(filters.ringSize) && product.variants) {
    const size = filters.ringSize;
    if (!product.variants.some((v) => v.ringSize != null && Math.abs(v.ringSize - size) < 0.01)) return false;
  }
  return true;
}

function isNumber(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

// ---------- words ----------

/** Light stemming so "studs" finds "stud", "hoops" "hoop", "necklaces" "necklace", "anniversaries" "anniversary". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
  if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is"))
    return w.slice(0, -1);
  return w;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // pavé → pave
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .map(stem);
}

/** "rings", "bagues", "anillos", "Ringe"; "pieces" without a category. */
export const categoryPlural = (copy: Copy, category: Category | undefined): string =>
  copy.t(category ? `category.${category}` : "category.any");
export const metalName = (copy: Copy, metal: Metal): string => copy.t(`metal.${metal}`);

/** Tags that make a piece a natural gift when the shopper says it is one (stemmed, hyphens as spaces). */
const GIFT_TAGS = new Set(
  [
    "gift",
    "gifts",
    "present",
    "anniversary",
    "birthday",
    "valentine",
    "valentines",
    "mothers day",
    "mother day",
    "graduation",
    "wedding",
    "bridal",
    "engagement",
    "christmas",
    "holiday",
    "push present",
  ].map((t) => words(t).join(" ")),
);

// ---------- relevance ----------

// Where a shopper's word is found: title beats tags beats description. Category and metal are not counted:
// every candidate already satisfies them structurally, so "ring" in a title ranking above "band" would be noise.
const TERM_WEIGHT = { title: 6, tags: 4, description: 2 } as const;
const GIFT_BOOST = 4;

interface Fields {
  title: Set<string>;
  tags: Set<string>;
  description: Set<string>;
  tagPhrases: Set<string>;
}

// A product's words are worked out once per product object: a cached catalog ranks the same objects again.
const fieldsCache = new WeakMap<RankableProduct, Fields>();

function fieldsOf(product: RankableProduct): Fields {
  let fields = fieldsCache.get(product);
  if (!fields) {
    const tagWords = product.tags.flatMap((t) => words(t));
    fields = {
      title: new Set(words(product.title)),
      tags: new Set(tagWords),
      description: new Set(words(product.description ?? "")),
      tagPhrases: new Set(product.tags.map((t) => words(t).join(" "))),
    };
    fieldsCache.set(product, fields);
  }
  return fields;
}

function placeOf(word: string, fields: Fields): "title" | "tags" | "description" | null {
  if (fields.title.has(word)) return "title";
  if (fields.tags.has(word)) return "tags";
  if (fields.description.has(word)) return "description";
  return null;
}

interface Relevance {
  points: number;
  matchedTerms: string[];
  gift: boolean;
}

function relevance(fields: Fields, termWords: string[], gift: boolean): Relevance {
  let points = 0;
  const matchedTerms: string[] = [];
  for (const word of termWords) {
    const place = placeOf(word, fields);
    if (place) {
      points += TERM_WEIGHT[place];
      matchedTerms.push(word);
    }
  }
  const giftTag = gift && [...fields.tagPhrases].some((t) => GIFT_TAGS.has(t));
  if (giftTag) points += GIFT_BOOST;
  return { points, matchedTerms, gift: giftTag };
}

// ---------- price fit ----------

/**
 * The price a request aims at. Range → its middle. Ceiling only → the ceiling itself: a shopper who says
 * "under $800" is best served near $800, so nearer the ceiling from below ranks above very cheap pieces.
 * Floor only → the floor (just above it, not the most expensive piece). No price filter → the median price
 * of the candidates (prefer mid-price).
 */
export function priceTarget(filters: ProductFilters, prices: number[]): number | null {
  const min = isNumber(filters.priceMin) ? filters.priceMin : undefined;
  const max = isNumber(filters.priceMax) ? filters.priceMax : undefined;
  if (min !== undefined && max !== undefined) return (min + max) / 2;
  if (max !== undefined) return max;
  if (min !== undefined) return min;
  if (prices.length === 0) return null;
  const sorted = [...prices].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** In [0, 1]: 1 at the target, falling off with the ratio between price and target (log scale). */
function priceFit(price: number, target: number | null): number {
  if (target === null || !(price > 0) || !(target > 0)) return 0;
  const distance = Math.abs(Math.log(price / target));
  return 1 / (1 + 2 * distance);
}

// ---------- ranking ----------

// Lexicographic order folded into one number: relevance, then in stock, then ready to ship, then featured,
// then price fit. Each weight is larger than the sum of everything after it (fit ≤ 1 < 2 = featured, ...).
const W_RELEVANCE = 16;
const W_IN_STOCK = 8;
const W_READY = 4;
const W_FEATURED = 2;

/**
 * Ranks the products that match `request.filters` (others are left out, never shown as a silent relaxation):
 * relevance first (terms and filter words in title > tags > description, gift/occasion tags when `gift`),
 * then sold-out pieces (inventory ≤ 0) below in-stock ones of equal relevance, then ready-to-ship, then
 * merchant-featured, then price fit (see `priceTarget`), then id for a stable order.
 */
export function rankProducts<P extends RankableProduct>(products: P[], request: RankRequest): Ranked<P>[] {
  const { filters } = request;
  const matching = products.filter((p) => matchesFilters(p, filters));
  const termWords = [...new Set(request.terms.flatMap((t) => words(t)))];
  const target = priceTarget(
    filters,
    matching.map((p) => p.price).filter((price) => price > 0),
  );
  const hasPriceFilter = isNumber(filters.priceMin) || isNumber(filters.priceMax);

  const ranked = matching.map((product) => {
    const rel = relevance(fieldsOf(product), termWords, filters.gift === true);
    const inStock = product.inventory > 0;
    const score =
      rel.points * W_RELEVANCE +
      (inStock ? W_IN_STOCK : 0) +
      (product.readyToShip ? W_READY : 0) +
      (product.featured ? W_FEATURED : 0) +
      priceFit(product.price, target);
    return {
      product,
      score: Math.round(score * 10_000) / 10_000,
      why: why(copyFor(request.locale), product, filters, rel, hasPriceFilter, inStock),
    };
  });
  return ranked.sort(
    (a, b) => b.score - a.score || (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0),
  );
}

function why(
  copy: Copy,
  product: RankableProduct,
  filters: ProductFilters,
  rel: Relevance,
  hasPriceFilter: boolean,
  inStock: boolean,
): string {
  const parts: string[] = [];
  if (!inStock && product.readyToShip) parts.push(copy.t("why.soldOut"));
  else if (product.readyToShip) parts.push(copy.t("why.ready"));
  else if (filters.readyToShip === false) parts.push(copy.t("why.madeToOrder"));
  if (filters.metal && product.metal) parts.push(copy.t("why.metal", { metal: metalName(copy, product.metal) }));
  if (rel.matchedTerms.length) parts.push(copy.t("why.matches", { terms: rel.matchedTerms.slice(0, 2).join(", ") }));
  if (rel.gift) parts.push(copy.t("why.gift"));
  if (product.featured) parts.push(copy.t("why.featured"));
  if (hasPriceFilter) parts.push(copy.t("why.budget"));
  const text = parts.slice(0, 4).join(" · ");
  return text ? text[0].toUpperCase() + text.slice(1) : "";
}

// ---------- relaxations ----------

export type RelaxationKind =
  | "raise_max"
  | "lower_min"
  | "drop_metal"
  | "include_made_to_order"
  | "drop_category"
  | "drop_size"
  | "drop_exclusions";

export interface Relaxation {
  label: string;
  filters: ProductFilters;
  kind: RelaxationKind;
  /** How many products it would find, when the caller said so in `counts`. */
  count?: number;
}

/** Optional knowledge of how many products each kind of relaxation would find; a known 0 is not offered. */
export type RelaxationCounts = Partial<Record<RelaxationKind, number>>;

/** Mantissas of "nice" amounts: $1,000, $1,200, $1,250, $1,500, $1,750, $2,000, $2,500, $3,000, … */
const NICE = [1, 1.2, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 7.5, 8, 9, 10];

/** The smallest nice amount ≥ `amount` (375 → 400, 1875 → 2000, 625 → 700); amounts below 1 give 1. */
export function niceCeil(amount: number): number {
  if (!(amount > 1)) return 1;
  const mag = 10 ** Math.floor(Math.log10(amount));
  const m = NICE.find((n) => n * mag >= amount - 1e-9 * mag) ?? 10;
  return Math.round(m * mag * 100) / 100;
}

/** The largest nice amount ≤ `amount` (320 → 300, 1200 → 1200, 1100 → 1000); amounts below 1 give 0. */
export function niceFloor(amount: number): number {
  if (!(amount >= 1)) return 0;
  const mag = 10 ** Math.floor(Math.log10(amount));
  const m = [...NICE].reverse().find((n) => n * mag <= amount + 1e-9 * mag) ?? 1;
  return Math.round(m * mag * 100) / 100;
}

function without(filters: ProductFilters, key: keyof ProductFilters): ProductFilters {
  const copy = { ...filters };
  delete copy[key];
  return copy;
}

/**
 * One-tap relaxations for filters that matched nothing, as data, each changing one filter and keeping the
 * rest, ordered from the smallest change to the largest: raise the ceiling by ~25% to a nice amount, lower the
 * floor by ~20%, include made-to-order, any ring size, any metal, any kind of piece.
 * At most one relaxation per kind. Labels use the shop currency ("Show rings up to $1,000"). Nothing is applied here.
 */
export function relaxations(
  filters: ProductFilters,
  counts?: RelaxationCounts,
  currency = "USD",
  locale: Locale = "en",
): Relaxation[] {
  const copy = copyFor(locale);
  const what = categoryPlural(copy, filters.category);
  const out: Relaxation[] = [];

  if (isNumber(filters.priceMax) && filters.priceMax > 0) {
    const max = niceCeil(filters.priceMax * 1.25);
    out.push({
      kind: "raise_max",
      label: copy.t("relax.upTo", { what, max: copy.money(max, currency) }),
      filters: { ...filters, priceMax: max },
    });
  }
  if (isNumber(filters.priceMin) && filters.priceMin > 0) {
    const min = niceFloor(filters.priceMin * 0.8);
    const next = min > 0 ? { ...filters, priceMin: min } : without(filters, "priceMin");
    const label =
      min > 0
        ? copy.t("relax.from", { what, min: copy.money(min, currency) })
        : isNumber(filters.priceMax)
          ? copy.t("relax.upTo", { what, max: copy.money(filters.priceMax, currency) })
          : copy.t("relax.anyPrice", { what });
    out.push({ kind: "lower_min", label, filters: next });
  }
  if (filters.readyToShip === true) {
    out.push({
      kind: "include_made_to_order",
      label: copy.t("relax.madeToOrder"),
      filters: without(filters, "readyToShip"),
    });
  }
  if (isNumber(filters.ringSize)) {
    out.push({ kind: "drop_size", label: copy.t("relax.anySize"), filters: without(filters, "ringSize") });
  }
  if (filters.metal) {
    out.push({ kind: "drop_metal", label: copy.t("relax.anyMetal"), filters: without(filters, "metal") });
  }
  if (filters.category) {
    out.push({ kind: "drop_category", label: copy.t("relax.anyCategory"), filters: without(filters, "category") });
  }
  if (filters.excludeMetals?.length || filters.excludeCategories?.length) {
    const { excludeMetals: _m, excludeCategories: _c, ...rest } = filters;
    out.push({ kind: "drop_exclusions", label: copy.t("relax.exclusions"), filters: rest });
  }

  if (!counts) return out;
  return out
    .filter((r) => counts[r.kind] !== 0)
    .map((r) => (counts[r.kind] === undefined ? r : { ...r, count: counts[r.kind] }));
}
