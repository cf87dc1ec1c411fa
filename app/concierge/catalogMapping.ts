// How a Shopify product becomes a concierge product: category, metal and ready-to-ship read from the merchant's own
// conventions (options, tags, metafields, product type, title), in the order the shop's mapping lists. Pure.

import type { AttributeSource, CatalogMapping, Product, ProductImage, ProductVariant } from "~/store/port";
import { CATEGORIES, type Category, type Metal } from "./understanding/types";

/** The shape both Shopify sources (webhook REST payloads, Admin GraphQL nodes, CSV rows) are brought to. */
export interface SourceProduct {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  productType: string;
  tags: string[];
  status: "active" | "draft" | "archived";
  options: { name: string; values: string[] }[];
  images: ProductImage[];
  variants: SourceVariant[];
  /** "namespace.key" → value */
  metafields: Record<string, string>;
  updatedAt: string;
}

export interface SourceVariant {
  id: string;
  title: string;
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  /** Option name → value ("Ring size" → "6.5"). */
  options: Record<string, string>;
  inventory: number;
  /** Untracked inventory or "continue selling when out of stock": always available. */
  tracked: boolean;
  inventoryItemId: string | null;
}

export const DEFAULT_CATALOG_MAPPING: CatalogMapping = {
  category: [
    { from: "metafield", namespace: "concierge", key: "category" },
    { from: "product_type" },
    { from: "tag", prefix: "category:" },
    { from: "tag" },
    { from: "title" },
  ],
  metal: [
    { from: "metafield", namespace: "concierge", key: "metal" },
    { from: "option", name: "Metal" },
    { from: "tag", prefix: "metal:" },
    { from: "tag" },
    { from: "title" },
  ],
  readyToShip: [
    { from: "metafield", namespace: "concierge", key: "ready_to_ship" },
    { from: "tag", prefix: "ready-to-ship" },
  ],
};

const CATEGORY_WORDS: [RegExp, Category][] = [
  [/\b(rings?|bands?|solitaires?)\b/i, "ring"],
  [/\b(necklaces?|pendants?|chains?|chokers?|lockets?)\b/i, "necklace"],
  [/\b(earrings?|studs?|hoops?|huggies|drops?)\b/i, "earring"],
  [/\b(bracelets?|bangles?|cuffs?|tennis)\b/i, "bracelet"],
];

const METAL_WORDS: [RegExp, Metal][] = [
  [/\brose[\s_-]*gold\b/i, "rose_gold"],
  [/\bwhite[\s_-]*gold\b/i, "white_gold"],
  [/\byellow[\s_-]*gold\b/i, "yellow_gold"],
  [/\bplatinum\b/i, "platinum"],
  [/\b(sterling[\s_-]*)?silver\b|\b925\b/i, "silver"],
  [/\b(\d{1,2}\s?k(t|arat)?\s+)?gold\b/i, "gold"],
];

export function categoryOf(value: string): Category | null {
  const exact = value.trim().toLowerCase();
  if ((CATEGORIES as readonly string[]).includes(exact)) return exact as Category;
  for (const [pattern, category] of CATEGORY_WORDS) if (pattern.test(value)) return category;
  return null;
}

export function metalOf(value: string): Metal | null {
  for (const [pattern, metal] of METAL_WORDS) if (pattern.test(value)) return metal;
  return null;
}

function truthy(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (["true", "yes", "1", "y", "ready", "ready-to-ship", "ready to ship", "in stock"].includes(v)) return true;
  if (["false", "no", "0", "n", "made-to-order", "made to order"].includes(v)) return false;
  return null;
}

/** Every candidate text a source yields for a product, in order. */
function candidates(product: SourceProduct, source: AttributeSource): string[] {
  switch (source.from) {
    case "option":
      return product.variants
        .map((v) => Object.entries(v.options).find(([name]) => name.toLowerCase() === source.name.toLowerCase())?.[1])
        .filter((v): v is string => Boolean(v));
    case "tag": {
      const prefix = source.prefix?.toLowerCase();
      if (!prefix) return product.tags;
      return product.tags
        .filter((t) => t.toLowerCase().startsWith(prefix))
        .map((t) => t.slice(prefix.length).replace(/^[:=\s-]+/, "") || "true");
    }
    case "metafield": {
      const value = product.metafields[`${source.namespace}.${source.key}`];
      return value === undefined ? [] : [value];
    }
    case "product_type":
      return product.productType ? [product.productType] : [];
    case "title":
      return [product.title];
  }
}

function firstMatch<T>(
  product: SourceProduct,
  sources: AttributeSource[],
  read: (value: string) => T | null,
): T | null {
  for (const source of sources) {
    for (const candidate of candidates(product, source)) {
      const value = read(candidate);
      if (value !== null) return value;
    }
  }
  return null;
}

const RING_SIZE_OPTION = /\b(ring\s*)?size\b/i;

function ringSizeOf(variant: SourceVariant): number | null {
  const entry = Object.entries(variant.options).find(([name]) => RING_SIZE_OPTION.test(name));
  const match = entry ? /(\d{1,2}(?:\.\d{1,2})?)/.exec(entry[1]) : null;
  const size = match ? Number(match[1]) : NaN;
  return size >= 1 && size <= 16 ? size : null;
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The concierge product, or null when the mapping finds no jewelry category (a gift card, packaging): such a
 * product is not something the concierge should ever recommend.
 */
export function mapProduct(source: SourceProduct, mapping: CatalogMapping = DEFAULT_CATALOG_MAPPING): Product | null {
  const category = firstMatch(source, mapping.category, categoryOf);
  if (!category) return null;
  const metal = firstMatch(source, mapping.metal, metalOf);
  const readyToShipMapped = firstMatch(source, mapping.readyToShip, truthy) ?? false;
  const variants: ProductVariant[] = source.variants.map((v) => ({
    id: v.id,
    title: v.title,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    sku: v.sku,
    ringSize: category === "ring" ? ringSizeOf(v) : null,
    inventory: v.inventory,
    available: !v.tracked || v.inventory > 0,
    inventoryItemId: v.inventoryItemId,
  }));
  return withStock({
    id: source.id,
    handle: source.handle,
    title: source.title,
    description: plainText(source.descriptionHtml).slice(0, 2000),
    category,
    metal,
    price: 0,
    compareAtPrice: null,
    readyToShip: false,
    readyToShipMapped,
    featured: source.tags.some((t) => /^(featured|bestseller)$/i.test(t)),
    status: source.status,
    tags: source.tags,
    images: source.images,
    variants,
    inventory: 0,
    shippingPromise: null,
    updatedAt: source.updatedAt,
  });
}

/**
 * Derived fields from the variants: the lowest price (what cards show and filters compare), the stock, and
 * ready-to-ship = the mapping says so and something can ship now.
 */
export function withStock(product: Product): Product {
  const variants = product.variants;
  const cheapest = variants.reduce<ProductVariant | null>(
    (min, v) => (min === null || v.price < min.price ? v : min),
    null,
  );
  const inventory = variants.reduce((sum, v) => sum + Math.max(0, v.inventory), 0);
  const anyAvailable = variants.some((v) => v.available);
  const readyToShip = Boolean(product.readyToShipMapped ?? product.readyToShip) && anyAvailable;
  return {
    ...product,
    price: cheapest?.price ?? 0,
    compareAtPrice: cheapest?.compareAtPrice ?? null,
    inventory,
    readyToShip,
    shippingPromise: readyToShip
      ? "Ships in 1–2 business days"
      : product.shippingPromise && anyAvailable
        ? product.shippingPromise
        : null,
  };
}

/** A stock level from inventory_levels/update applied to one variant (per location; the variant holds their sum). */
export function applyInventoryLevel(
  product: Product,
  inventoryItemId: string,
  locationId: string,
  available: number,
): Product {
  const variants = product.variants.map((v) => {
    if (v.inventoryItemId !== inventoryItemId) return v;
    const byLocation = { ...(v.inventoryByLocation ?? {}), [locationId]: available };
    const inventory = Object.values(byLocation).reduce((sum, n) => sum + Math.max(0, n), 0);
    return { ...v, inventoryByLocation: byLocation, inventory, available: inventory > 0 };
  });
  return withStock({ ...product, variants });
}
