// Shop rows for the storefront path, cached briefly per process: a rollout change is seen within SHOP_TTL_MS.

import type { Runtime } from "~/platform/runtime.server";
import type { Shop } from "~/store/port";

const SHOP_TTL_MS = 5_000;
const cache = new Map<string, { at: number; value: Shop | null }>();

export async function getShopCached(runtime: Runtime, shop: string, now = Date.now()): Promise<Shop | null> {
  const hit = cache.get(shop);
  if (hit && now - hit.at < SHOP_TTL_MS) return hit.value;
  const value = await runtime.store.shops.get(shop);
  cache.set(shop, { at: now, value });
  return value;
}

/** After a write through this process, drop the cached row so this instance sees it at once. */
export function forgetShop(shop: string): void {
  cache.delete(shop);
}

/** Installed and switched on: what every storefront endpoint but `config` requires. */
export function isLive(shop: Shop | null): shop is Shop {
  return Boolean(shop && !shop.uninstalledAt && shop.rollout.enabled);
}
