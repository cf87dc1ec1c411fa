// Saved pieces with a share link; kept 30 days.

import type { ProductCard } from "~/concierge/messages";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Shop, Shortlist } from "~/store/port";
import { productCard, productsByIds } from "./catalog.server";

const TTL_DAYS = 30;

/** A link a person can open: the shop's storefront, where the launcher opens the panel on the shared shortlist. */
export function shareUrl(shop: string, id: string): string {
  return `https://${shop}/?concierge_shortlist=${encodeURIComponent(id)}`;
}

export async function saveShortlist(
  runtime: Runtime,
  shop: string,
  input: { visitorId: string; conversationId?: string | null; productIds: string[] },
  now: Date,
): Promise<Shortlist> {
  const unique = [...new Set(input.productIds)];
  const known = await productsByIds(runtime, shop, unique);
  if (known.length !== unique.length) {
    const knownIds = new Set(known.map((p) => p.id));
    throw new AppError("validation.failed", 400, "Some products are not in this shop.", {
      issues: unique
        .filter((id) => !knownIds.has(id))
        .map((id) => ({ path: "productIds", message: `unknown product ${id}` })),
    });
  }
  const shortlist: Shortlist = {
    id: newId("sl"),
    visitorId: input.visitorId,
    conversationId: input.conversationId ?? null,
    productIds: unique,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TTL_DAYS * 86_400_000).toISOString(),
  };
  const saved = await runtime.store.shortlists.put(shop, shortlist);
  if (input.conversationId) {
    const conversation = await runtime.store.conversations.get(shop, input.conversationId);
    if (conversation && conversation.visitorId === input.visitorId) {
      await runtime.store.conversations.update(shop, conversation.id, {
        state: { ...conversation.state, shortlist: unique },
        updatedAt: now.toISOString(),
      });
    }
  }
  return saved;
}

export async function shortlistCards(
  runtime: Runtime,
  shop: Shop,
  id: string,
  now: Date,
): Promise<{ id: string; products: ProductCard[] }> {
  const shortlist = await runtime.store.shortlists.get(shop.shop, id);
  if (!shortlist || shortlist.expiresAt <= now.toISOString()) {
    throw new AppError("shortlist.not_found", 404, "This shortlist doesn't exist or has expired.");
  }
  const products = await productsByIds(runtime, shop.shop, shortlist.productIds);
  return { id: shortlist.id, products: products.map((p) => productCard(runtime, shop, p)) };
}
