// A shop as the admin first meets it (a row with the documented defaults if the install left none), and the
// onboarding checklist on the overview. Other parts of the app add checklist items through `SETUP_CHECKS`.

import { defaultRollout, defaultShopSettings } from "~/concierge/shopDefaults";
import type { Runtime } from "~/platform/runtime.server";
import type { Shop } from "~/store/port";
import { shopNameFromDomain } from "./demoShop.server";
import { catalogStatus } from "./sync/catalogAdmin.server";

/** The app embed block's handle in the theme extension (extensions/concierge-widget/blocks/<handle>.liquid). */
export const APP_EMBED_HANDLE = "concierge";

export async function ensureShop(runtime: Runtime, shop: string, now = new Date()): Promise<Shop> {
  const existing = await runtime.store.shops.get(shop);
  if (existing) return existing;
  const iso = now.toISOString();
  return runtime.store.shops.put(shop, {
    name: shopNameFromDomain(shop),
    currency: "USD",
    orderPrefix: "#",
    settings: defaultShopSettings(),
    rollout: defaultRollout(now),
    installedAt: iso,
    uninstalledAt: null,
    updatedAt: iso,
  });
}

/** Shopify's deep link to the theme editor's app embeds, with ours ready to switch on. */
export function appEmbedDeepLink(shop: string, apiKey: string): string {
  const params = new URLSearchParams({
    context: "apps",
    template: "index",
    activateAppId: `${apiKey}/${APP_EMBED_HANDLE}`,
  });
  return `https://${shop}/admin/themes/current/editor?${params.toString()}`;
}

export interface SetupItem {
  id: string;
  label: string;
  done: boolean;
  /** What to do next, in a sentence. */
  help: string;
  action?: { label: string; url: string; external?: boolean };
}

export interface SetupContext {
  runtime: Runtime;
  shop: Shop;
  apiKey: string;
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The checklist's items, in order. */
export const SETUP_CHECKS: ((ctx: SetupContext) => Promise<SetupItem>)[] = [
  async ({ runtime, shop, apiKey, now }) => {
    // The launcher asks /proxy/config on every storefront page: recent config traffic means the embed is on.
    const from = new Date(now.getTime() - 7 * DAY_MS).toISOString();
    const hours = await runtime.store.requestStats.list(shop.shop, from, new Date(now.getTime() + 1).toISOString());
    const seen = hours.some((h) => h.requests > 0);
    return {
      id: "app_embed",
      label: "Concierge embed switched on in your theme",
      done: seen,
      help: seen
        ? "Your storefront has loaded the concierge in the last 7 days."
        : "Switch on the Aurora Concierge app embed in the theme editor, then save the theme.",
      action: { label: "Open theme editor", url: appEmbedDeepLink(shop.shop, apiKey), external: true },
    };
  },
  async ({ runtime, shop }) => {
    // Synced from Shopify (the backfill finished), or filled by a CSV import or the demo seed when none ever ran.
    const { sync, products, syncAvailable } = await catalogStatus(runtime, shop.shop);
    const ready = `${products} products are ready for the concierge.`;
    const where = { label: "Open catalog settings", url: "/app/settings#catalog" };
    const item = (done: boolean, help: string) => ({
      id: "catalog",
      label: "Catalog synced",
      done,
      help,
      action: where,
    });
    switch (sync.status) {
      case "done":
        return item(true, `${ready} Webhooks keep it current.`);
      case "running":
        return item(
          false,
          `Syncing from Shopify (${sync.phase}): ${sync.counts.products} products, ${sync.counts.customers} customers, ${sync.counts.orders} orders so far.`,
        );
      case "failed":
        return item(
          false,
          `The sync from Shopify stopped (${sync.lastError ?? "unknown error"}): resume it in Settings.`,
        );
      case "never":
        if (products > 0) return item(true, ready);
        return item(
          false,
          syncAvailable
            ? "No products yet: start the catalog sync, or import a product CSV, in Settings."
            : "No products yet: import a Shopify product CSV in Settings.",
        );
    }
  },
  async ({ shop }) => {
    const done = Boolean(shop.settings.hoursConfirmedAt);
    return {
      id: "business_hours",
      label: "Business hours and SLA set",
      done,
      help: done
        ? "Shoppers see reply times from your hours."
        : "Confirm your hours and reply targets so shoppers see honest reply times.",
      action: { label: "Set business hours", url: "/app/settings#hours" },
    };
  },
  async ({ runtime, shop }) => {
    const first = await runtime.store.conversations.list(shop.shop, {}, { limit: 1 });
    const done = first.items.length > 0;
    return {
      id: "first_conversation",
      label: "First test conversation",
      done,
      help: done
        ? "The concierge has answered on your storefront."
        : "Open your storefront and ask the concierge something, e.g. “rings under $800”.",
    };
  },
];

export async function setupChecklist(ctx: SetupContext): Promise<SetupItem[]> {
  return Promise.all(SETUP_CHECKS.map((check) => check(ctx)));
}
