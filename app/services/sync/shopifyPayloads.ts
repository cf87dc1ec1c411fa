// Shopify's two shapes of the same things — webhook (REST) payloads and Admin GraphQL nodes — validated with zod and
// brought to one source shape each (SourceProduct, SourceOrder, Customer) for the mapping.

import { z } from "zod";
import type { SourceProduct } from "~/concierge/catalogMapping";
import type { SourceOrder } from "~/concierge/orderMapping";
import type { Customer } from "~/store/port";

/** "gid://shopify/Product/123" or 123 → "123": one id form whatever the source. */
const shopifyId = z.union([z.string(), z.number()]).transform((v) => String(v).replace(/^gid:\/\/shopify\/\w+\//, ""));
const money = z
  .union([z.string(), z.number()])
  .transform((v) => Number(v))
  .pipe(z.number().finite().nonnegative());
const optionalMoney = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === "" ? null : Number(v)));
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
const iso = z
  .string()
  .nullish()
  .transform((v) => (v ? new Date(v).toISOString() : null));
const nowIso = () => new Date().toISOString();

// ---------- webhooks (REST payloads) ----------

const restVariant = z.object({
  id: shopifyId,
  title: text,
  price: money,
  compare_at_price: optionalMoney,
  sku: z.string().nullish(),
  option1: z.string().nullish(),
  option2: z.string().nullish(),
  option3: z.string().nullish(),
  inventory_quantity: z.number().nullish(),
  inventory_management: z.string().nullish(),
  inventory_policy: z.string().nullish(),
  inventory_item_id: shopifyId.nullish(),
});

export const restProduct = z.object({
  id: shopifyId,
  title: text,
  handle: text,
  body_html: text,
  product_type: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  status: z.enum(["active", "draft", "archived"]).catch("active"),
  options: z
    .array(z.object({ name: z.string(), position: z.number().optional(), values: z.array(z.string()).default([]) }))
    .default([]),
  variants: z.array(restVariant).default([]),
  images: z.array(z.object({ src: z.string(), alt: z.string().nullish() })).default([]),
  metafields: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.unknown() })).optional(),
  updated_at: iso,
});

function tagList(tags: string | string[] | null | undefined): string[] {
  const list = Array.isArray(tags) ? tags : (tags ?? "").split(",");
  return list.map((t) => t.trim()).filter(Boolean);
}

export function productFromRest(raw: unknown): SourceProduct {
  const p = restProduct.parse(raw);
  const optionNames = [...p.options].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((o) => o.name);
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.body_html,
    productType: p.product_type,
    tags: tagList(p.tags),
    status: p.status,
    options: p.options.map((o) => ({ name: o.name, values: o.values })),
    images: p.images.map((i) => ({ url: i.src, alt: i.alt ?? "" })),
    variants: p.variants.map((v) => ({
      id: v.id,
      title: v.title,
      price: v.price,
      compareAtPrice: v.compare_at_price,
      sku: v.sku ?? null,
      options: Object.fromEntries(
        [v.option1, v.option2, v.option3]
          .map((value, i) => [optionNames[i], value] as const)
          .filter((e): e is readonly [string, string] => Boolean(e[0] && e[1])),
      ),
      inventory: v.inventory_quantity ?? 0,
      tracked: v.inventory_management === "shopify" && v.inventory_policy !== "continue",
      inventoryItemId: v.inventory_item_id ?? null,
    })),
    metafields: Object.fromEntries((p.metafields ?? []).map((m) => [`${m.namespace}.${m.key}`, String(m.value)])),
    updatedAt: p.updated_at ?? nowIso(),
  };
}

export const productDelete = z.object({ id: shopifyId });

export const inventoryLevel = z.object({
  inventory_item_id: shopifyId,
  location_id: shopifyId,
  available: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
});

export const restCustomer = z.object({
  id: shopifyId,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  updated_at: iso,
});

export function customerFromRest(raw: unknown): Customer {
  const c = restCustomer.parse(raw);
  return {
    id: c.id,
    email: c.email ?? "",
    firstName: c.first_name ?? "",
    lastName: c.last_name ?? "",
    updatedAt: c.updated_at ?? nowIso(),
  };
}

const nameValue = z.object({ name: z.string(), value: z.unknown() });
const pairs = (list: { name: string; value: unknown }[] | null | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((p) => [p.name, String(p.value ?? "")]));

export const restOrder = z.object({
  id: shopifyId,
  name: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: z.object({ id: shopifyId }).nullish(),
  shipping_address: z.object({ zip: z.string().nullish() }).nullish(),
  billing_address: z.object({ zip: z.string().nullish() }).nullish(),
  created_at: z.string(),
  updated_at: iso,
  cancelled_at: iso,
  financial_status: z.string().nullish(),
  total_price: money.catch(0),
  currency: z.string().default("USD"),
  note_attributes: z.array(nameValue).nullish(),
  line_items: z
    .array(
      z.object({
        id: shopifyId,
        product_id: shopifyId.nullish(),
        variant_id: shopifyId.nullish(),
        title: text,
        variant_title: z.string().nullish(),
        quantity: z.number().int().nonnegative(),
        price: money.catch(0),
        properties: z.array(nameValue).nullish(),
      }),
    )
    .default([]),
  fulfillments: z
    .array(
      z.object({
        tracking_company: z.string().nullish(),
        tracking_number: z.string().nullish(),
        tracking_url: z.string().nullish(),
        created_at: iso,
        updated_at: iso,
        shipment_status: z.string().nullish(),
      }),
    )
    .default([]),
});

export function orderFromRest(raw: unknown): SourceOrder {
  const o = restOrder.parse(raw);
  return {
    id: o.id,
    name: o.name,
    email: o.email ?? o.contact_email ?? "",
    customerId: o.customer?.id ?? null,
    postalCode: o.shipping_address?.zip ?? o.billing_address?.zip ?? "",
    createdAt: new Date(o.created_at).toISOString(),
    updatedAt: o.updated_at ?? nowIso(),
    cancelledAt: o.cancelled_at,
    financialStatus: o.financial_status ?? null,
    fulfillments: o.fulfillments.map((f) => ({
      carrier: f.tracking_company ?? null,
      trackingNumber: f.tracking_number ?? null,
      trackingUrl: f.tracking_url ?? null,
      shippedAt: f.created_at,
      estimatedDelivery: null,
      status: f.shipment_status ?? null,
      deliveredAt: f.shipment_status === "delivered" ? f.updated_at : null,
    })),
    lineItems: o.line_items.map((li) => ({
      id: li.id,
      productId: li.product_id ?? null,
      variantId: li.variant_id ?? null,
      title: li.variant_title ? `${li.title} — ${li.variant_title}` : li.title,
      quantity: li.quantity,
      price: li.price,
      properties: pairs(li.properties),
    })),
    total: o.total_price,
    currency: o.currency,
    attributes: pairs(o.note_attributes),
  };
}

// ---------- compliance payloads ----------

export const customersRedact = z.object({
  shop_domain: z.string().optional(),
  customer: z.object({ id: shopifyId.nullish(), email: z.string().nullish(), phone: z.string().nullish() }),
  orders_to_redact: z.array(shopifyId).nullish(),
});

export const customersDataRequest = z.object({
  shop_domain: z.string().optional(),
  customer: z.object({ id: shopifyId.nullish(), email: z.string().nullish(), phone: z.string().nullish() }),
  orders_requested: z.array(shopifyId).nullish(),
  data_request: z.object({ id: shopifyId }).nullish(),
});

// ---------- Admin GraphQL nodes (the backfill) ----------

const gqlMoney = z.object({ shopMoney: z.object({ amount: money, currencyCode: z.string() }) });
const kv = z.object({ key: z.string(), value: z.string().nullish() });

export const gqlProduct = z.object({
  id: shopifyId,
  handle: z.string(),
  title: z.string(),
  descriptionHtml: text,
  productType: text,
  tags: z.array(z.string()).default([]),
  status: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["active", "draft", "archived"]))
    .catch("active"),
  updatedAt: iso,
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()).default([]) })).default([]),
  images: z.object({ nodes: z.array(z.object({ url: z.string(), altText: z.string().nullish() })) }).optional(),
  metafields: z
    .object({ nodes: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.string() })) })
    .optional(),
  variants: z.object({
    nodes: z.array(
      z.object({
        id: shopifyId,
        title: text,
        price: money,
        compareAtPrice: optionalMoney,
        sku: z.string().nullish(),
        inventoryQuantity: z.number().nullish(),
        inventoryPolicy: z.string().nullish(),
        selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
        inventoryItem: z.object({ id: shopifyId, tracked: z.boolean().nullish() }).nullish(),
      }),
    ),
  }),
});

export function productFromGraphql(raw: unknown): SourceProduct {
  const p = gqlProduct.parse(raw);
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.descriptionHtml,
    productType: p.productType,
    tags: p.tags,
    status: p.status,
    options: p.options,
    images: (p.images?.nodes ?? []).map((i) => ({ url: i.url, alt: i.altText ?? "" })),
    variants: p.variants.nodes.map((v) => ({
      id: v.id,
      title: v.title,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      sku: v.sku ?? null,
      options: Object.fromEntries(v.selectedOptions.map((o) => [o.name, o.value])),
      inventory: v.inventoryQuantity ?? 0,
      tracked: Boolean(v.inventoryItem?.tracked) && v.inventoryPolicy !== "CONTINUE",
      inventoryItemId: v.inventoryItem?.id ?? null,
    })),
    metafields: Object.fromEntries((p.metafields?.nodes ?? []).map((m) => [`${m.namespace}.${m.key}`, m.value])),
    updatedAt: p.updatedAt ?? nowIso(),
  };
}

export const gqlCustomer = z.object({
  id: shopifyId,
  email: z.string().nullish(),
  defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  updatedAt: iso,
});

export function customerFromGraphql(raw: unknown): Customer {
  const c = gqlCustomer.parse(raw);
  return {
    id: c.id,
    email: c.defaultEmailAddress?.emailAddress ?? c.email ?? "",
    firstName: c.firstName ?? "",
    lastName: c.lastName ?? "",
    updatedAt: c.updatedAt ?? nowIso(),
  };
}

export const gqlOrder = z.object({
  id: shopifyId,
  name: z.string(),
  email: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: iso,
  cancelledAt: iso,
  displayFinancialStatus: z.string().nullish(),
  customer: z.object({ id: shopifyId }).nullish(),
  shippingAddress: z.object({ zip: z.string().nullish() }).nullish(),
  totalPriceSet: gqlMoney,
  customAttributes: z.array(kv).default([]),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: shopifyId,
        title: text,
        variantTitle: z.string().nullish(),
        quantity: z.number().int().nonnegative(),
        originalUnitPriceSet: gqlMoney,
        product: z.object({ id: shopifyId }).nullish(),
        variant: z.object({ id: shopifyId }).nullish(),
        customAttributes: z.array(kv).default([]),
      }),
    ),
  }),
  fulfillments: z
    .array(
      z.object({
        createdAt: iso,
        deliveredAt: iso,
        estimatedDeliveryAt: iso,
        displayStatus: z.string().nullish(),
        trackingInfo: z
          .array(z.object({ company: z.string().nullish(), number: z.string().nullish(), url: z.string().nullish() }))
          .default([]),
      }),
    )
    .default([]),
});

export function orderFromGraphql(raw: unknown): SourceOrder {
  const o = gqlOrder.parse(raw);
  const attrs = (list: { key: string; value?: string | null }[]) =>
    Object.fromEntries(list.map((a) => [a.key, a.value ?? ""]));
  return {
    id: o.id,
    name: o.name,
    email: o.email ?? "",
    customerId: o.customer?.id ?? null,
    postalCode: o.shippingAddress?.zip ?? "",
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: o.updatedAt ?? nowIso(),
    cancelledAt: o.cancelledAt,
    financialStatus: o.displayFinancialStatus ?? null,
    fulfillments: o.fulfillments.map((f) => ({
      carrier: f.trackingInfo[0]?.company ?? null,
      trackingNumber: f.trackingInfo[0]?.number ?? null,
      trackingUrl: f.trackingInfo[0]?.url ?? null,
      shippedAt: f.createdAt,
      estimatedDelivery: f.estimatedDeliveryAt,
      status: f.displayStatus ? f.displayStatus.toLowerCase() : null,
      deliveredAt: f.deliveredAt,
    })),
    lineItems: o.lineItems.nodes.map((li) => ({
      id: li.id,
      productId: li.product?.id ?? null,
      variantId: li.variant?.id ?? null,
      title: li.variantTitle ? `${li.title} — ${li.variantTitle}` : li.title,
      quantity: li.quantity,
      price: li.originalUnitPriceSet.shopMoney.amount,
      properties: attrs(li.customAttributes),
    })),
    total: o.totalPriceSet.shopMoney.amount,
    currency: o.totalPriceSet.shopMoney.currencyCode,
    attributes: attrs(o.customAttributes),
  };
}
