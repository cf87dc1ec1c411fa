// Keeps the store's catalog, customer and order mirror current from Shopify (webhooks, the backfill, a CSV import).
// Every write goes through the store port, so whatever caches the catalog sees it.

import {
  applyInventoryLevel,
  DEFAULT_CATALOG_MAPPING,
  mapProduct,
  type SourceProduct,
} from "~/concierge/catalogMapping";
import { CONVERSATION_ATTRIBUTE, mapOrder, type SourceOrder } from "~/concierge/orderMapping";
import type { CatalogMapping, Customer, Store } from "~/store/port";

export async function catalogMappingOf(store: Store, shop: string): Promise<CatalogMapping> {
  return (await store.shops.get(shop))?.settings.catalogMapping ?? DEFAULT_CATALOG_MAPPING;
}

/** Stored when it maps to a jewelry category; removed when it no longer does. Returns whether it was stored. */
export async function upsertProduct(
  store: Store,
  shop: string,
  source: SourceProduct,
  mapping?: CatalogMapping,
): Promise<boolean> {
  const product = mapProduct(source, mapping ?? (await catalogMappingOf(store, shop)));
  if (!product) {
    await store.products.remove(shop, source.id);
    return false;
  }
  // A CSV-imported stand-in for the same handle gives way to the real Shopify product.
  const previous = await store.products.getByHandle(shop, product.handle);
  if (previous && previous.id !== product.id && previous.id.startsWith("csv_"))
    await store.products.remove(shop, previous.id);
  const existing = await store.products.get(shop, product.id);
  // A webhook payload may be older than what an inventory update already wrote: keep the newer stock per location.
  const variants = product.variants.map((v) => {
    const before = existing?.variants.find((e) => e.id === v.id);
    return before?.inventoryByLocation ? { ...v, inventoryByLocation: before.inventoryByLocation } : v;
  });
  await store.products.put(shop, { ...product, variants });
  return true;
}

export async function deleteProduct(store: Store, shop: string, id: string): Promise<void> {
  await store.products.remove(shop, id);
}

export async function applyInventory(
  store: Store,
  shop: string,
  level: { inventory_item_id: string; location_id: string; available: number },
): Promise<boolean> {
  const product = await store.products.findByInventoryItem(shop, level.inventory_item_id);
  if (!product) return false;
  await store.products.put(
    shop,
    applyInventoryLevel(product, level.inventory_item_id, level.location_id, level.available),
  );
  return true;
}

export async function upsertCustomer(store: Store, shop: string, customer: Customer): Promise<void> {
  await store.customers.put(shop, customer);
}

/**
 * Mirrors the order and attributes it to the conversation named in the widget's cart attribute — once, and only to a
 * conversation of this shop. Returns whether the order was newly attributed.
 */
export async function upsertOrder(store: Store, shop: string, source: SourceOrder): Promise<{ attributed: boolean }> {
  const existing = await store.orders.get(shop, source.id);
  const tags = new Map<string, string[]>();
  for (const item of source.lineItems) {
    if (item.productId && !tags.has(item.productId)) {
      tags.set(item.productId, (await store.products.get(shop, item.productId))?.tags ?? []);
    }
  }
  const order = mapOrder(source, existing, (productId) => tags.get(productId) ?? []);
  await store.orders.put(shop, order);
  const conversationId = source.attributes[CONVERSATION_ATTRIBUTE]?.trim();
  if (!conversationId || order.conversationId) return { attributed: false };
  const conversation = await store.conversations.get(shop, conversationId);
  if (!conversation) return { attributed: false };
  return { attributed: await store.orders.attribute(shop, order.id, conversationId) };
}
