// After a merchant installs (or re-authorises) the app: the shop row exists and is marked installed, and the
// initial backfill starts (or resumes where it stopped) unless one already finished or is going.

import { defaultRollout, defaultShopSettings } from "~/concierge/shopDefaults";
import type { Runtime } from "~/platform/runtime.server";
import { shopNameFromDomain } from "./demoShop.server";
import { forgetShop } from "./shops.server";
import { startBackfill } from "./sync/backfill.server";

export async function onInstalled(runtime: Runtime, shop: string, now = new Date()): Promise<void> {
  const existing = await runtime.store.shops.get(shop);
  if (!existing) {
    await runtime.store.shops.put(shop, {
      name: shopNameFromDomain(shop),
      currency: "USD",
      orderPrefix: "#",
      settings: defaultShopSettings(),
      rollout: defaultRollout(now),
      installedAt: now.toISOString(),
      uninstalledAt: null,
      updatedAt: now.toISOString(),
    });
  } else if (existing.uninstalledAt) {
    const { shop: _shop, ...value } = existing;
    await runtime.store.shops.put(shop, {
      ...value,
      uninstalledAt: null,
      installedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  forgetShop(shop);
  // A finished sync is kept current by webhooks; anything else starts, resumes, or (when going) stays as it is.
  const progress = await runtime.store.syncProgress.get(shop);
  if (progress?.status !== "done") {
    await startBackfill(runtime.store, shop, now);
    runtime.worker.nudge();
  }
}
