// Who sees the concierge: the store's rollout state through the domain's decision; changes are audited.

import { rolloutDecision } from "~/concierge/rollout";
import type { Runtime } from "~/platform/runtime.server";
import type { RolloutState, Shop, Store } from "~/store/port";
import { recordAudit } from "./audit.server";
import { forgetShop } from "./shops.server";

export async function decideForVisitor(
  runtime: Runtime,
  shop: Shop,
  input: { visitorId: string; customerId: string | null; previewToken?: string | null },
) {
  // The allowlist may name emails: resolve the logged-in customer's email from our customers mirror.
  let customerEmail: string | null = null;
  if (input.customerId && shop.rollout.enabled && shop.rollout.allowlist.emails.length > 0) {
    customerEmail = (await runtime.store.customers.get(shop.shop, input.customerId))?.email ?? null;
  }
  return rolloutDecision({
    rollout: shop.rollout,
    shop: shop.shop,
    visitorId: input.visitorId,
    customerId: input.customerId,
    customerEmail,
    previewToken: input.previewToken ?? null,
  });
}

export type RolloutPatch = Partial<
  Pick<RolloutState, "enabled" | "percent" | "allowlist" | "previewToken" | "guarded">
>;

export interface RolloutChangeOptions {
  /** Write only if the stored rollout is still the one the caller saw (its updatedAt), else ConflictError. */
  ifUpdatedAt?: string;
  /** The audit action (default "rollout.update") and why, when there is more to say than the diff. */
  action?: string;
  reason?: string;
}

/** Takes the store (not the runtime) so the ops CLI can call it without starting the app. */
export async function updateRollout(
  store: Store,
  shop: string,
  patch: RolloutPatch,
  actor: string,
  now = new Date(),
  options: RolloutChangeOptions = {},
): Promise<Shop> {
  const current = await store.shops.get(shop);
  if (!current) throw new Error(`unknown shop ${shop}`);
  const rollout: RolloutState = { ...current.rollout, ...patch, updatedAt: now.toISOString() };
  // Only the rollout is written, so a settings edit in flight is never undone by this one.
  const saved = await store.shops.patch(
    shop,
    { rollout, updatedAt: now.toISOString() },
    { ifRolloutUpdatedAt: options.ifUpdatedAt ?? current.rollout.updatedAt },
  );
  if (!saved) throw new Error(`unknown shop ${shop}`);
  await recordAudit(store, shop, {
    actor,
    action: options.action ?? "rollout.update",
    before: current.rollout,
    after: rollout,
    at: now,
    reason: options.reason,
  });
  forgetShop(shop);
  return saved;
}
