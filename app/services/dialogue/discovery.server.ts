// Finding a piece: search by what the shopper asked for, page through it, loosen it when nothing matches, shortlist.

import type { Copy, CopyKey } from "~/concierge/copy";
import type { Action, QuickReply } from "~/concierge/messages";
import { categoryPlural, metalName } from "~/concierge/ranking";
import type { Entities, ProductFilters } from "~/concierge/understanding/types";
import { AppError } from "~/platform/errors.server";
import { productCard, rankedProducts, workingRelaxations } from "../catalog.server";
import { message, quickReplies, stylistReply, text } from "../replies.server";
import { complete, givenEntities, type Turn } from "./journey";

const PAGE_SIZE = 4;
const CATEGORY_BUTTONS = [
  ["ring", "reply.rings"],
  ["necklace", "reply.necklaces"],
  ["earring", "reply.earrings"],
  ["bracelet", "reply.bracelets"],
] as const;

export function productFilters(entities: Entities): ProductFilters {
  const { category, metal, priceMin, priceMax, readyToShip, gift, ringSize, excludeMetals, excludeCategories } =
    entities;
  return givenEntities({
    category,
    metal,
    priceMin,
    priceMax,
    readyToShip,
    gift,
    ringSize,
    excludeMetals: excludeMetals?.length ? excludeMetals : undefined,
    excludeCategories: excludeCategories?.length ? excludeCategories : undefined,
  }) as ProductFilters;
}

/** "Find a piece" with nothing said yet: ask what, with a button per category. */
export function askWhatTheyWant(turn: Turn): void {
  const { copy, input } = turn;
  turn.replies.push(
    text(copy.t("discovery.ask", { amount: copy.money(800, input.shop.currency) })),
    quickReplies(
      CATEGORY_BUTTONS.map(([category, label]) => ({
        label: copy.t(label),
        action: { type: "search", filters: { category } },
      })),
    ),
  );
}

export async function findProducts(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding, copy } = turn;
  const more = understanding.followUp === "more";
  const filters = more ? (state.filters ?? {}) : productFilters(understanding.entities);
  const terms = more ? state.terms : understanding.terms;
  const sort = more ? state.sort : (understanding.sort ?? null);
  const page = more ? state.page + 1 : 0;
  const ranked = await rankedProducts(runtime, input.shop.shop, { filters, terms, sort, locale: copy.locale });
  const slice = ranked.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const currency = input.shop.currency;
  state.filters = filters;
  state.terms = terms;
  state.sort = sort;
  state.page = page;

  if (ranked.length === 0) {
    const relaxations = await workingRelaxations(runtime, input.shop, filters, copy.locale);
    const what = describeFilters(copy, filters, currency);
    turn.replies.push(
      message({
        type: "product_cards",
        text: copy.t(relaxations.length ? "discovery.noneHelp" : "discovery.none", { what }),
        products: [],
        relaxations: [
          ...relaxations.map((r) => ({ label: r.label, action: { type: "search", filters: r.filters } as Action })),
          stylistReply(copy),
        ],
      }),
    );
    return;
  }
  if (slice.length === 0) {
    turn.replies.push(
      quickReplies(
        [{ label: copy.t("reply.newSearch"), action: { type: "start", intent: "find_product" } }, stylistReply(copy)],
        copy.t("discovery.end"),
      ),
    );
    return;
  }
  const hasMore = ranked.length > (page + 1) * PAGE_SIZE;
  turn.replies.push(
    message({
      type: "product_cards",
      text: intro(copy, { more, filters, terms, sort, total: ranked.length, currency }),
      products: slice.map((r) => productCard(runtime, input.shop, r.product, r.why)),
      hasMore,
    }),
  );
  const next: QuickReply[] = [];
  if (hasMore) next.push({ label: copy.t("reply.showMore"), action: { type: "more" } });
  if (filters.readyToShip === undefined)
    next.push({
      label: copy.t("reply.readyOnly"),
      action: { type: "search", filters: { ...filters, readyToShip: true } },
    });
  next.push(stylistReply(copy));
  turn.replies.push(quickReplies(next));
}

const BY_SORT = {
  some: { none: "discovery.some", price_asc: "discovery.someCheapest", price_desc: "discovery.someDearest" },
  favourites: {
    none: "discovery.favourites",
    price_asc: "discovery.favouritesCheapest",
    price_desc: "discovery.favouritesDearest",
  },
} as const satisfies Record<string, Record<string, CopyKey>>;

function intro(
  copy: Copy,
  r: { more: boolean; filters: ProductFilters; terms: string[]; sort: string | null; total: number; currency: string },
): string {
  if (r.more) return copy.t("discovery.more");
  const sort = r.sort === "price_asc" || r.sort === "price_desc" ? r.sort : "none";
  if (!Object.keys(r.filters).length && !r.terms.length) return copy.t(BY_SORT.favourites[sort]);
  const what = describeFilters(copy, r.filters, r.currency);
  if (r.total === 1) return copy.t("discovery.one", { what });
  return copy.t(BY_SORT.some[sort], { shown: Math.min(r.total, PAGE_SIZE), total: r.total, what });
}

/** "ready-to-ship rose gold rings in size 7 up to $800 (not silver)", in the reply's language. */
export function describeFilters(copy: Copy, filters: ProductFilters, currency: string): string {
  const money = (n: number) => copy.money(n, currency);
  const { priceMin: min, priceMax: max } = filters;
  const excluded = [
    ...(filters.excludeMetals ?? []).map((m) => metalName(copy, m)),
    ...(filters.excludeCategories ?? []).map((c) => categoryPlural(copy, c)),
  ];
  const list = excluded.length ? excluded.reduce((a, b) => copy.t("describe.or", { a, b })) : "";
  const parts = {
    ready:
      filters.readyToShip === true
        ? copy.t("describe.ready")
        : filters.readyToShip === false
          ? copy.t("describe.madeToOrder")
          : "",
    metal: filters.metal ? copy.t("describe.metal", { metal: metalName(copy, filters.metal) }) : "",
    category: categoryPlural(copy, filters.category),
    size: filters.ringSize ? copy.t("describe.size", { size: filters.ringSize }) : "",
    price:
      min !== undefined && max !== undefined
        ? copy.t("describe.between", { min: money(min), max: money(max) })
        : max !== undefined
          ? copy.t("describe.upTo", { max: money(max) })
          : min !== undefined
            ? copy.t("describe.from", { min: money(min) })
            : "",
    without: excluded.length ? copy.t("describe.without", { list }) : "",
  };
  return copy.t("describe.search", parts).replace(/\s+/g, " ").trim();
}

export async function shortlistAction(
  turn: Turn,
  action: Extract<Action, { type: "shortlist_add" | "shortlist_remove" }>,
): Promise<void> {
  const { runtime, input, state, copy } = turn;
  const product = await runtime.store.products.get(input.shop.shop, action.productId);
  if (!product) throw new AppError("product.not_found", 404, "That piece is not in this shop.");
  if (action.type === "shortlist_add") {
    if (!state.shortlist.includes(product.id)) state.shortlist.push(product.id);
    turn.replies.push(text(copy.t("discovery.saved", { title: product.title, count: state.shortlist.length })));
    complete(turn, "find_product");
  } else {
    state.shortlist = state.shortlist.filter((id) => id !== product.id);
    turn.replies.push(text(copy.t("discovery.removed", { title: product.title })));
  }
}
