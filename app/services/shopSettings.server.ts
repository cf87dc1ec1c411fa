// Settings staff can change: widget appearance (what /proxy/config serves), business hours and SLA, return windows,
// the shop's primary language, the catalog mapping and FAQ answers. Each save writes only the settings (never the rollout), is audited, and reaches the storefront
// within the shop cache's few seconds.

import { newId } from "~/platform/ids.server";
import type { AdminContext } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import type { CatalogMapping, FaqEntry, ShopSettings, Store } from "~/store/port";
import { DEFAULT_CATALOG_MAPPING } from "~/concierge/catalogMapping";
import type { Locale } from "~/concierge/copy";
import { recordAudit } from "./audit.server";
import { forgetShop } from "./shops.server";

async function saveSettings(ctx: AdminContext, action: string, next: ShopSettings, before: unknown, after: unknown) {
  const saved = await ctx.runtime.store.shops.patch(ctx.shop.shop, {
    settings: next,
    updatedAt: ctx.now.toISOString(),
  });
  if (!saved) throw new AppError("shop.not_found", 404, "This shop is not installed.");
  forgetShop(ctx.shop.shop);
  await recordAudit(ctx.runtime.store, ctx.shop.shop, { actor: ctx.staff.userId, action, before, after, at: ctx.now });
  return saved.settings;
}

/** Settings as stored now (not as the page loaded them), so two sections saved at once both stick. */
async function currentSettings(ctx: AdminContext): Promise<ShopSettings> {
  return (await ctx.runtime.store.shops.get(ctx.shop.shop))?.settings ?? ctx.shop.settings;
}

export async function saveAppearance(ctx: AdminContext, appearance: ShopSettings["appearance"]) {
  const settings = await currentSettings(ctx);
  return saveSettings(ctx, "settings.appearance", { ...settings, appearance }, settings.appearance, appearance);
}

export async function saveHours(
  ctx: AdminContext,
  input: { businessHours: ShopSettings["businessHours"]; sla: ShopSettings["sla"] },
) {
  const settings = await currentSettings(ctx);
  const next = { ...settings, ...input, hoursConfirmedAt: ctx.now.toISOString() };
  return saveSettings(ctx, "settings.hours", next, { businessHours: settings.businessHours, sla: settings.sla }, input);
}

export async function saveReturnWindows(ctx: AdminContext, returns: ShopSettings["returns"]) {
  const settings = await currentSettings(ctx);
  return saveSettings(ctx, "settings.returns", { ...settings, returns }, settings.returns, returns);
}

/** The language replies fall back to when a shopper's is none of ours; a staff choice the backfill then keeps. */
export async function saveLocale(ctx: AdminContext, locale: Locale) {
  const settings = await currentSettings(ctx);
  const next = { ...settings, locale, localeChosenAt: ctx.now.toISOString() };
  return saveSettings(ctx, "settings.locale", next, { locale: settings.locale ?? "en" }, { locale });
}

/**
 * Applies to products as they sync (webhooks, the backfill, an import); a new sync remaps the whole catalog. Also the
 * ops CLI's way in (actor "cli"), so both are audited alike.
 */
export async function writeCatalogMapping(
  store: Store,
  shop: string,
  catalogMapping: CatalogMapping,
  actor: string,
  now = new Date(),
): Promise<CatalogMapping> {
  const current = await store.shops.get(shop);
  if (!current) throw new AppError("shop.not_found", 404, "This shop is not installed.");
  const before = current.settings.catalogMapping ?? DEFAULT_CATALOG_MAPPING;
  await store.shops.patch(shop, { settings: { ...current.settings, catalogMapping }, updatedAt: now.toISOString() });
  forgetShop(shop);
  await recordAudit(store, shop, { actor, action: "settings.catalog_mapping", before, after: catalogMapping, at: now });
  return catalogMapping;
}

export function saveCatalogMapping(ctx: AdminContext, catalogMapping: CatalogMapping) {
  return writeCatalogMapping(ctx.runtime.store, ctx.shop.shop, catalogMapping, ctx.staff.userId, ctx.now);
}

export async function saveFaq(
  ctx: AdminContext,
  input: { id?: string; topic: string; question: string; answer: string; keywords: string[] },
): Promise<FaqEntry> {
  const entries = await ctx.runtime.store.faq.list(ctx.shop.shop);
  const before = input.id ? entries.find((e) => e.id === input.id) : undefined;
  if (input.id && !before) throw new AppError("faq.not_found", 404, "That FAQ entry no longer exists.");
  if (!input.id && entries.length >= 200) throw new AppError("faq.too_many", 400, "Keep the FAQ under 200 entries.");
  const entry: FaqEntry = {
    id: input.id ?? newId("faq"),
    topic: input.topic,
    question: input.question,
    answer: input.answer,
    keywords: input.keywords,
    updatedAt: ctx.now.toISOString(),
  };
  await ctx.runtime.store.faq.put(ctx.shop.shop, entry);
  await recordAudit(ctx.runtime.store, ctx.shop.shop, {
    actor: ctx.staff.userId,
    action: before ? "faq.updated" : "faq.created",
    before: before ?? null,
    after: entry,
    at: ctx.now,
  });
  return entry;
}

export async function removeFaq(ctx: AdminContext, id: string): Promise<void> {
  const entries = await ctx.runtime.store.faq.list(ctx.shop.shop);
  const before = entries.find((e) => e.id === id);
  if (!before || !(await ctx.runtime.store.faq.remove(ctx.shop.shop, id))) {
    throw new AppError("faq.not_found", 404, "That FAQ entry no longer exists.");
  }
  await recordAudit(ctx.runtime.store, ctx.shop.shop, {
    actor: ctx.staff.userId,
    action: "faq.removed",
    before,
    after: null,
    at: ctx.now,
  });
}
