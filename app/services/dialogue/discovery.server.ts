// Finding a piece: search by what the shopper asked for, page through it, loosen it when nothing matches, shortlist.

import type { Action, QuickReply } from "~/concierge/messages";
import { formatMoney } from "~/concierge/money";
import type { Entities, ProductFilters } from "~/concierge/understanding/types";
import { AppError } from "~/platform/errors.server";
import { productCard, rankedProducts, workingRelaxations } from "../catalog.server";
import { STYLIST_REPLY, message, quickReplies, text } from "../replies.server";
import { complete, givenEntities, type Turn } from "./journey";

const PAGE_SIZE = 4;
const CATEGORIES = ["ring", "necklace", "earring", "bracelet"] as const;

export function productFilters(entities: Entities): ProductFilters {
  const { category, metal, priceMin, priceMax, readyToShip, gift, ringSize } = entities;
  return givenEntities({ category, metal, priceMin, priceMax, readyToShip, gift, ringSize }) as ProductFilters;
}

/** "Find a piece" with nothing said yet: ask what, with a button per category. */
export function askWhatTheyWant(turn: Turn): void {
  turn.replies.push(
    text("What are you looking for? Tell me a category, metal or budget — for example “rose gold rings under $800”."),
    quickReplies(
      CATEGORIES.map((category) => ({
        label: `${category[0].toUpperCase()}${category.slice(1)}s`,
        action: { type: "search", filters: { category } },
      })),
    ),
  );
}

export async function findProducts(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding } = turn;
  const more = understanding.followUp === "more";
  const filters = more ? (state.filters ?? {}) : productFilters(understanding.entities);
  const terms = more ? state.terms : understanding.terms;
  const sort = more ? state.sort : (understanding.sort ?? null);
  const page = more ? state.page + 1 : 0;
  const ranked = await rankedProducts(runtime, input.shop.shop, { filters, terms, sort });
  const slice = ranked.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const currency = input.shop.currency;
  state.filters = filters;
  state.terms = terms;
  state.sort = sort;
  state.page = page;

  if (ranked.length === 0) {
    const relaxations = await workingRelaxations(runtime, input.shop, filters);
    turn.replies.push(
      message({
        type: "product_cards",
        text: `I couldn't find ${describeFilters(filters, currency)} right now.${relaxations.length ? " Would one of these help?" : ""}`,
        products: [],
        relaxations: [
          ...relaxations.map((r) => ({ label: r.label, action: { type: "search", filters: r.filters } as Action })),
          STYLIST_REPLY,
        ],
      }),
    );
    return;
  }
  if (slice.length === 0) {
    turn.replies.push(
      quickReplies(
        [{ label: "Start a new search", action: { type: "start", intent: "find_product" } }, STYLIST_REPLY],
        "That's everything that matches. Want to widen the search or ask a stylist?",
      ),
    );
    return;
  }
  const hasMore = ranked.length > (page + 1) * PAGE_SIZE;
  const order = sort === "price_asc" ? ", lowest price first" : sort === "price_desc" ? ", highest price first" : "";
  const intro = more
    ? "Here are more:"
    : Object.keys(filters).length || terms.length
      ? ranked.length === 1
        ? `Here's the one match for ${describeFilters(filters, currency)}:`
        : `Here are ${Math.min(ranked.length, PAGE_SIZE)} of ${ranked.length} ${describeFilters(filters, currency)}${order}:`
      : `Here are a few of our favourites${order}:`;
  turn.replies.push(
    message({
      type: "product_cards",
      text: intro,
      products: slice.map((r) => productCard(runtime, input.shop, r.product, r.why)),
      hasMore,
    }),
  );
  const next: QuickReply[] = [];
  if (hasMore) next.push({ label: "Show me more", action: { type: "more" } });
  if (filters.readyToShip === undefined)
    next.push({ label: "Ready to ship only", action: { type: "search", filters: { ...filters, readyToShip: true } } });
  next.push(STYLIST_REPLY);
  turn.replies.push(quickReplies(next));
}

function describeFilters(filters: ProductFilters, currency: string): string {
  const parts: string[] = [];
  if (filters.readyToShip === true) parts.push("ready-to-ship");
  if (filters.readyToShip === false) parts.push("made-to-order");
  if (filters.metal) parts.push(filters.metal.replace("_", " "));
  parts.push(filters.category ? `${filters.category}s` : "pieces");
  if (filters.ringSize) parts.push(`in size ${filters.ringSize}`);
  if (filters.priceMin !== undefined && filters.priceMax !== undefined)
    parts.push(`between ${formatMoney(filters.priceMin, currency)} and ${formatMoney(filters.priceMax, currency)}`);
  else if (filters.priceMax !== undefined) parts.push(`up to ${formatMoney(filters.priceMax, currency)}`);
  else if (filters.priceMin !== undefined) parts.push(`from ${formatMoney(filters.priceMin, currency)}`);
  return parts.join(" ");
}

export async function shortlistAction(
  turn: Turn,
  action: Extract<Action, { type: "shortlist_add" | "shortlist_remove" }>,
): Promise<void> {
  const { runtime, input, state } = turn;
  const product = await runtime.store.products.get(input.shop.shop, action.productId);
  if (!product) throw new AppError("product.not_found", 404, "That piece is not in this shop.");
  if (action.type === "shortlist_add") {
    if (!state.shortlist.includes(product.id)) state.shortlist.push(product.id);
    turn.replies.push(text(`Saved ${product.title} to your shortlist (${state.shortlist.length}).`));
    complete(turn, "find_product");
  } else {
    state.shortlist = state.shortlist.filter((id) => id !== product.id);
    turn.replies.push(text(`Removed ${product.title} from your shortlist.`));
  }
}
