// Product follow-ups: how a product message relates to the last search (new search, refinement, next page).
import {
  type Category,
  type Entities,
  type FollowUp,
  type Metal,
  type ProductFilters,
  type UnderstandingContext,
} from "./types";
import { type Extraction } from "./entities";
import { type Signals } from "./intents";

export const FILTER_KEYS = [
  "category",
  "metal",
  "priceMin",
  "priceMax",
  "readyToShip",
  "gift",
  "ringSize",
  "excludeMetals",
  "excludeCategories",
] as const;

/** Only the product filters of a set of entities. */
export function pickFilters(e: Entities | ProductFilters | undefined): ProductFilters {
  const out: ProductFilters = {};
  if (!e) return out;
  for (const k of FILTER_KEYS) if (e[k] !== undefined) (out as Record<string, unknown>)[k] = e[k];
  return out;
}

const countFilters = (f: ProductFilters) => FILTER_KEYS.reduce((n, k) => (f[k] !== undefined ? n + 1 : n), 0);

export interface ProductDecision {
  entities: Entities;
  followUp: FollowUp;
  confidence: number;
  reason: string;
  sort?: "price_asc" | "price_desc";
}

/** Paging words count only in short messages ("show me more", "next please"), not in long sentences. */
const PAGING_MAX_WORDS = 8;

/**
 * "Cheaper": the new ceiling is the previous floor (cheaper than everything shown) or, with no floor,
 * 80 % of the previous ceiling. "Pricier" mirrors it: the new floor is the previous ceiling, or 125 % of the
 * previous floor. With no price to move, the search keeps its filters and is sorted by price instead.
 */
function refine(
  prev: ProductFilters,
  cur: ProductFilters,
  sig: Signals,
): { filters: ProductFilters; sort?: ProductDecision["sort"] } {
  const out: ProductFilters = { ...prev };
  let sort: ProductDecision["sort"];
  if (cur.category !== undefined && cur.category !== prev.category) {
    out.category = cur.category;
    if (cur.category !== "ring") delete out.ringSize; // a ring size means nothing for a necklace
  }
  if (cur.metal !== undefined) out.metal = cur.metal;
  mergeExclusions(out, "metal", "excludeMetals", cur.excludeMetals);
  mergeExclusions(out, "category", "excludeCategories", cur.excludeCategories);
  if (cur.readyToShip !== undefined) out.readyToShip = cur.readyToShip;
  if (cur.gift !== undefined) out.gift = cur.gift;
  if (cur.ringSize !== undefined) out.ringSize = cur.ringSize;

  if (cur.priceMin !== undefined && cur.priceMax !== undefined) {
    out.priceMin = cur.priceMin;
    out.priceMax = cur.priceMax;
  } else if (cur.priceMax !== undefined) {
    // A new ceiling keeps the old floor only while the range still makes sense.
    out.priceMax = cur.priceMax;
    if (out.priceMin !== undefined && out.priceMin > cur.priceMax) delete out.priceMin;
  } else if (cur.priceMin !== undefined) {
    out.priceMin = cur.priceMin;
    if (out.priceMax !== undefined && out.priceMax < cur.priceMin) delete out.priceMax;
  } else if (sig.cheaper) {
    if (prev.priceMin !== undefined) {
      out.priceMax = prev.priceMin;
      delete out.priceMin;
    } else if (prev.priceMax !== undefined) {
      out.priceMax = Math.round(prev.priceMax * 0.8);
    } else sort = "price_asc";
  } else if (sig.pricier) {
    if (prev.priceMax !== undefined) {
      out.priceMin = prev.priceMax;
      delete out.priceMax;
    } else if (prev.priceMin !== undefined) {
      out.priceMin = Math.round(prev.priceMin * 1.25);
    } else sort = "price_desc";
  }
  return sort ? { filters: out, sort } : { filters: out };
}

/** Families a metal belongs to: ruling out "gold" rules out every gold. */
const metalFamily = (m: Metal): Metal[] => (m.endsWith("gold") && m !== "gold" ? [m, "gold"] : [m]);

/**
 * A refinement adds its exclusions to the kept ones ("not that one in silver"), drops the kept metal or category
 * when it is now ruled out, and lifts an old exclusion of what is now asked for ("what about gold" after "not gold").
 */
function mergeExclusions<K extends "metal" | "category">(
  out: ProductFilters,
  key: K,
  listKey: K extends "metal" ? "excludeMetals" : "excludeCategories",
  added: (Metal | Category)[] | undefined,
): void {
  const chosen = out[key] as Metal | Category | undefined;
  const kept = ((out[listKey] ?? []) as (Metal | Category)[]).filter(
    (x) =>
      chosen === undefined || (key === "metal" ? !metalFamily(chosen as Metal).includes(x as Metal) : x !== chosen),
  );
  for (const x of added ?? []) if (!kept.includes(x)) kept.push(x);
  if (chosen !== undefined && kept.length && added?.length) {
    const ruledOut =
      key === "metal" ? metalFamily(chosen as Metal).some((m) => kept.includes(m)) : kept.includes(chosen);
    if (ruledOut) delete out[key];
  }
  if (kept.length) (out as Record<string, unknown>)[listKey] = kept;
  else delete out[listKey];
}

function withoutFilters(e: Entities): Entities {
  const out: Entities = { ...e };
  for (const k of FILTER_KEYS) delete out[k];
  return out;
}

/** Confidence of a product request with no previous search to lean on. */
function newConfidence(cur: ProductFilters, terms: string[], sig: Signals): number {
  const n = countFilters(cur);
  const priced = cur.priceMin !== undefined || cur.priceMax !== undefined;
  // Both price bounds count once.
  const signals = n - (cur.priceMin !== undefined && cur.priceMax !== undefined ? 1 : 0);
  if (cur.category !== undefined) return signals >= 2 || sig.request ? 0.92 : 0.85;
  if (sig.request) return signals >= 1 || terms.length ? 0.88 : 0.75;
  if (signals >= 2) return 0.85;
  if (cur.gift !== undefined) return 0.8;
  if (cur.metal !== undefined || terms.length) return 0.75;
  if (cur.readyToShip !== undefined) return 0.6;
  if (priced) return 0.6;
  if (sig.productNoun) return 0.6;
  return 0.55;
}

/**
 * The product reading of a message, or null when it carries no product signal at all.
 * `ex` holds the entities of this message only; `ctx.filters` the last search.
 */
export function resolveProduct(ex: Extraction, sig: Signals, ctx: UnderstandingContext): ProductDecision | null {
  const e = ex.entities;
  const cur = pickFilters(e);
  const curCount = countFilters(cur);
  const prev = ctx.filters && countFilters(ctx.filters) > 0 ? pickFilters(ctx.filters) : undefined;
  const inSearch = ctx.lastIntent === "find_product";

  // "more rings" while browsing rings restates the search: still paging.
  const restates = prev !== undefined && FILTER_KEYS.every((k) => cur[k] === undefined || cur[k] === prev[k]);
  if ((curCount === 0 || restates) && !sig.cheaper && !sig.pricier && sig.paging && sig.words <= PAGING_MAX_WORDS) {
    // Paging needs a search to page: remembered filters, or a product search just shown (even unfiltered).
    if (prev || inSearch) {
      return {
        entities: { ...withoutFilters(e), ...prev },
        followUp: "more",
        confidence: inSearch ? 0.9 : 0.8,
        reason: "context:more",
      };
    }
    return { entities: e, followUp: "new", confidence: 0.5, reason: "product:paging_without_search" };
  }

  const productSignal =
    curCount > 0 || ex.terms.length > 0 || sig.request || sig.productNoun || sig.cheaper || sig.pricier;
  if (!productSignal) return null;
  // A ring size on its own is a sizing remark unless a search is under way.
  if (!prev && curCount === 1 && cur.ringSize !== undefined && !sig.request && !ex.terms.length) return null;

  if (prev) {
    const complete = cur.category !== undefined && (curCount >= 2 || sig.request) && !sig.refineMarker;
    const changes = curCount > 0 || sig.cheaper || sig.pricier || ex.terms.length > 0 || sig.refineMarker;
    if (!complete && changes) {
      const { filters, sort } = refine(prev, cur, sig);
      const d: ProductDecision = {
        entities: { ...withoutFilters(e), ...filters },
        followUp: "refine",
        confidence: inSearch ? 0.88 : 0.78,
        reason: "context:refine",
      };
      if (sort) d.sort = sort;
      return d;
    }
  }

  const d: ProductDecision = {
    entities: e,
    followUp: "new",
    confidence: newConfidence(cur, ex.terms, sig),
    reason: "product",
  };
  if (sig.cheaper && cur.priceMax === undefined) d.sort = "price_asc";
  else if (sig.pricier && cur.priceMin === undefined) d.sort = "price_desc";
  return d;
}
