// Product discovery on the shop's own catalog: store filters first, then the domain's ranking.

import { copyFor, type Locale, replyLocale } from "~/concierge/copy";
import type { ProductCard } from "~/concierge/messages";
import {
  categoryPlural,
  matchesFilters,
  niceCeil,
  rankProducts,
  relaxations as proposeRelaxations,
  type Relaxation,
} from "~/concierge/ranking";
import type { ProductFilters } from "~/concierge/understanding/types";
import type { Runtime } from "~/platform/runtime.server";
import { InvalidCursorError } from "~/store/cursor";
import type { Product, ProductQuery, Shop } from "~/store/port";
import { catalogIndex } from "./catalogIndex.server";

const CANDIDATE_CAP = 500;

export interface SearchRequest {
  filters: ProductFilters;
  terms: string[];
  /** "cheaper ones" / "pricier ones" with no price to move: the same matches, ordered by price instead. */
  sort?: "price_asc" | "price_desc" | null;
  /** The language of each card's `why` (default English). */
  locale?: Locale;
}

function storeQuery(filters: ProductFilters): ProductQuery {
  return {
    category: filters.category,
    metal: filters.metal,
    excludeMetals: filters.excludeMetals,
    excludeCategories: filters.excludeCategories,
    priceMin: filters.priceMin,
    priceMax: filters.priceMax,
    readyToShip: filters.readyToShip,
    ringSize: filters.ringSize,
    activeOnly: true,
  };
}

/** Active products matching the filters, in id order, at most CANDIDATE_CAP: from memory when indexed. */
async function candidates(runtime: Runtime, shop: string, filters: ProductFilters): Promise<Product[]> {
  const index = await catalogIndex(runtime, shop);
  if (index) {
    const found: Product[] = [];
    for (const product of index.active) {
      if (matchesFilters(product, filters) && found.push(product) >= CANDIDATE_CAP) break;
    }
    return found;
  }
  const out: Product[] = [];
  let cursor: string | null = null;
  do {
    const page = await runtime.store.products.find(shop, storeQuery(filters), { cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < CANDIDATE_CAP);
  return out;
}

/** Ranked matches for a request (relevance, ready-to-ship, featured, price fit). */
export async function rankedProducts(runtime: Runtime, shop: string, request: SearchRequest) {
  const found = await candidates(runtime, shop, request.filters);
  const ranked = rankProducts(found, { filters: request.filters, terms: request.terms, locale: request.locale });
  if (!request.sort) return ranked;
  // Array.prototype.sort is stable: equal prices keep their ranked order.
  const direction = request.sort === "price_asc" ? 1 : -1;
  return [...ranked].sort((a, b) => direction * (a.product.price - b.product.price));
}

/** One-tap relaxations that actually find something; never applied silently. */
export async function workingRelaxations(
  runtime: Runtime,
  shop: Shop,
  filters: ProductFilters,
  locale: Locale = "en",
): Promise<Relaxation[]> {
  const useful: Relaxation[] = [];
  const index = await catalogIndex(runtime, shop.shop);
  const anyMatch = async (wanted: ProductFilters) =>
    index
      ? index.active.some((product) => matchesFilters(product, wanted))
      : (await runtime.store.products.find(shop.shop, storeQuery(wanted), { limit: 1 })).items.length > 0;
  for (const proposed of proposeRelaxations(filters, undefined, shop.currency, locale)) {
    const relaxation = (await anyMatch(proposed.filters))
      ? proposed
      : proposed.kind === "raise_max"
        ? await reachingCeiling(runtime, shop, filters, locale)
        : null;
    if (relaxation) useful.push(relaxation);
    if (useful.length === 3) break;
  }
  return useful;
}

/**
 * When a ceiling ~25% higher still finds nothing ("platinum rings under $800": the cheapest is $1,450), the
 * shopper's other wishes (metal, kind, ready to ship) are likely worth more to them than the budget, so offer
 * the round ceiling that reaches the cheapest piece matching everything else — still only as a suggestion.
 */
async function reachingCeiling(
  runtime: Runtime,
  shop: Shop,
  filters: ProductFilters,
  locale: Locale,
): Promise<Relaxation | null> {
  const { priceMax: _ceiling, ...rest } = filters;
  const prices = (await candidates(runtime, shop.shop, rest)).map((p) => p.price).filter((price) => price > 0);
  if (prices.length === 0) return null;
  const max = niceCeil(Math.min(...prices));
  const copy = copyFor(locale);
  return {
    kind: "raise_max",
    label: copy.t("relax.upTo", { what: categoryPlural(copy, filters.category), max: copy.money(max, shop.currency) }),
    filters: { ...filters, priceMax: max },
  };
}

/** Image URLs the app serves itself are made absolute: the card renders on the shop's domain. */
function absoluteUrl(runtime: Runtime, url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith("/") ? `${runtime.env.appUrl}${url}` : url;
}

export function productCard(runtime: Runtime, shop: Shop | null, product: Product, why?: string): ProductCard {
  const image = product.images[0];
  const variant = product.variants.find((v) => v.available) ?? product.variants[0];
  const card: ProductCard = {
    id: product.id,
    handle: product.handle,
    title: product.title,
    price: product.price,
    currency: shop?.currency ?? "USD",
    category: product.category,
    readyToShip: product.readyToShip,
    url: `/products/${encodeURIComponent(product.handle)}`,
  };
  if (product.compareAtPrice != null && product.compareAtPrice > product.price)
    card.compareAtPrice = product.compareAtPrice;
  const imageUrl = absoluteUrl(runtime, image?.url);
  if (imageUrl) {
    card.imageUrl = imageUrl;
    card.imageAlt = image?.alt || product.title;
  }
  if (product.metal) card.metal = product.metal;
  if (product.shippingPromise) card.shippingPromise = product.shippingPromise;
  if (variant) card.variantId = variant.id;
  if (why) card.why = why;
  if (product.inventory <= 0) card.soldOut = true;
  return card;
}

export async function productsByIds(runtime: Runtime, shop: string, ids: string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  const index = await catalogIndex(runtime, shop);
  if (index) return ids.map((id) => index.byId.get(id)).filter((p): p is Product => Boolean(p));
  const page = await runtime.store.products.find(shop, { ids, activeOnly: false }, { limit: 100 });
  const byId = new Map(page.items.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is Product => Boolean(p));
}

/** GET /proxy/products: the same ranking as the concierge, paged by an opaque offset cursor. */
export async function searchCatalog(
  runtime: Runtime,
  shop: Shop,
  query: {
    q?: string;
    category?: ProductFilters["category"];
    metal?: ProductFilters["metal"];
    excludeMetals?: ProductFilters["excludeMetals"];
    excludeCategories?: ProductFilters["excludeCategories"];
    priceMin?: number;
    priceMax?: number;
    readyToShip?: boolean;
    cursor?: string;
    limit?: number;
  },
) {
  const limit = query.limit ?? 12;
  const offset = decodeOffset(query.cursor);
  const filters: ProductFilters = {};
  if (query.category) filters.category = query.category;
  if (query.metal) filters.metal = query.metal;
  if (query.excludeMetals?.length) filters.excludeMetals = query.excludeMetals;
  if (query.excludeCategories?.length) filters.excludeCategories = query.excludeCategories;
  if (query.priceMin !== undefined) filters.priceMin = query.priceMin;
  if (query.priceMax !== undefined) filters.priceMax = query.priceMax;
  if (query.readyToShip !== undefined) filters.readyToShip = query.readyToShip;
  const terms = (query.q ?? "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1);
  // Outside a conversation the cards' `why` is in the shop's primary language.
  const locale = replyLocale(undefined, shop.settings.locale);
  const ranked = await rankedProducts(runtime, shop.shop, { filters, terms, locale });
  const slice = ranked.slice(offset, offset + limit);
  const next = offset + limit < ranked.length ? encodeOffset(offset + limit) : null;
  return { products: slice.map((r) => productCard(runtime, shop, r.product, r.why)), nextCursor: next };
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}
