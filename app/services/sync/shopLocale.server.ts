// The shop's primary language, read from Shopify when a backfill starts: replies, emails and dates fall back to it
// when a shopper's own language is none of ours. A language staff chose in Settings is never overwritten.

import { supportedLocale } from "~/concierge/copy";
import { AdminApiAuthError } from "~/platform/adminApi.server";
import type { Runtime } from "~/platform/runtime.server";
import { recordAudit } from "../audit.server";
import { forgetShop } from "../shops.server";

export const SYNC_ACTOR = "shopify-sync";

const SHOP_LOCALES_QUERY = /* GraphQL */ `
  query ConciergeShopLocales {
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

interface ShopLocales {
  shopLocales?: { locale?: unknown; primary?: unknown }[] | null;
}

/** Reads the primary locale and stores it (one of en/fr/es/de, else English); returns what the shop now falls back to. */
export async function syncPrimaryLocale(runtime: Runtime, shop: string, now = new Date()): Promise<string | null> {
  let answer: ShopLocales;
  try {
    answer = await runtime.adminApi.graphql<ShopLocales>(shop, SHOP_LOCALES_QUERY);
  } catch (error) {
    if (error instanceof AdminApiAuthError) throw error;
    // An install from before the read_locales scope: the catalog matters more than the language, so go on.
    runtime.logger.warn({ shop, err: error instanceof Error ? error.message : String(error) }, "shop locale unread");
    return null;
  }
  const primary = answer.shopLocales?.find((l) => l.primary === true)?.locale;
  if (typeof primary !== "string") return null;
  const locale = supportedLocale(primary) ?? "en";
  const current = await runtime.store.shops.get(shop);
  if (!current || current.settings.localeChosenAt || current.settings.locale === locale)
    return current?.settings.locale ?? null;
  await runtime.store.shops.patch(shop, {
    settings: { ...current.settings, locale },
    updatedAt: now.toISOString(),
  });
  forgetShop(shop);
  await recordAudit(runtime.store, shop, {
    actor: SYNC_ACTOR,
    action: "settings.locale",
    before: { locale: current.settings.locale ?? "en" },
    after: { locale, shopifyPrimary: primary },
    at: now,
  });
  return locale;
}
