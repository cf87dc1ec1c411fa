// Loads the demo jewelry store into a shop: shop row (enabled at 100%), catalog, customers, orders and FAQ.
// Every write is an upsert keyed by a stable id, so seeding twice leaves exactly the same data.

import { DEFAULT_ROLLOUT_STAGES, defaultRollout, defaultShopSettings } from "../concierge/shopDefaults";
import { demoCustomers, demoFaq, demoOrders, demoProducts } from "../demo/catalog";
import type { RolloutState, Shop, Store } from "../store/port";
import { recordAudit } from "./audit.server";

export interface SeedSummary {
  products: number;
  orders: number;
  customers: number;
  faq: number;
}

/** "demo-jewelry.myshopify.com" → "Demo Jewelry". */
export function shopNameFromDomain(shop: string): string {
  const base = shop.replace(/\.myshopify\.com$/i, "").split(".")[0] ?? shop;
  const words = base.split(/[-_]+/).filter(Boolean);
  if (words.length === 0) return "Demo Jewelry";
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}

function enabledRollout(existing: RolloutState | null, now: Date): RolloutState {
  const base = existing ?? defaultRollout(now);
  return {
    ...base,
    enabled: true,
    percent: 100,
    // Stages stay available for the merchant to start a guarded rollout later; none runs while at 100%.
    guarded: {
      active: false,
      stageIndex: 0,
      stageStartedAt: null,
      stages: base.guarded?.stages ?? DEFAULT_ROLLOUT_STAGES.map((s) => ({ ...s })),
      paused: null,
    },
    updatedAt: now.toISOString(),
  };
}

function rolloutUnchanged(before: RolloutState | undefined, after: RolloutState): boolean {
  if (!before) return false;
  const strip = (r: RolloutState) => JSON.stringify({ ...r, updatedAt: null });
  return strip(before) === strip(after);
}

export async function seedDemoShop(
  store: Store,
  shop: string,
  opts: { now?: Date; name?: string } = {},
): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const iso = now.toISOString();
  const existing = await store.shops.get(shop);

  // An existing shop keeps its name, settings, allowlist and install date; the seed only switches the concierge
  // on at 100% and forces USD with plain "#1001" names, because the demo prices and orders assume both.
  const rollout = enabledRollout(existing?.rollout ?? null, now);
  const unchanged = existing && rolloutUnchanged(existing.rollout, rollout);
  const value: Omit<Shop, "shop"> = {
    name: opts.name ?? existing?.name ?? shopNameFromDomain(shop),
    currency: "USD",
    orderPrefix: "",
    settings: existing?.settings ?? defaultShopSettings(),
    rollout: unchanged ? existing.rollout : rollout,
    installedAt: existing?.installedAt ?? iso,
    uninstalledAt: null,
    updatedAt: iso,
  };
  await store.shops.put(shop, value);
  if (!unchanged) {
    // Rollout changes are always audited, including the seed's; an idempotent re-run adds no entry.
    await recordAudit(store, shop, {
      id: `audit_seed_${now.getTime()}`,
      actor: "seed",
      action: "rollout.update",
      before: existing?.rollout ?? null,
      after: value.rollout,
      at: now,
    });
  }

  const products = demoProducts();
  for (const product of products) await store.products.put(shop, product);
  const customers = demoCustomers();
  for (const customer of customers) await store.customers.put(shop, customer);
  const orders = demoOrders(now);
  for (const order of orders) {
    // Re-seeding must not erase a conversion a test or demo already attributed.
    const previous = await store.orders.get(shop, order.id);
    await store.orders.put(shop, { ...order, conversationId: previous?.conversationId ?? null });
  }
  const faq = demoFaq();
  for (const entry of faq) await store.faq.put(shop, entry);

  return { products: products.length, orders: orders.length, customers: customers.length, faq: faq.length };
}

/** True once the shop exists and has a catalog: local mode seeds the demo shop only on its first start. */
export async function isDemoShopSeeded(store: Store, shop: string): Promise<boolean> {
  const row = await store.shops.get(shop);
  if (!row) return false;
  return (await store.products.count(shop)) > 0;
}
