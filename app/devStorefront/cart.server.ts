// Shopify's Ajax cart, as much of it as themes and apps use: /cart.js, /cart/add.js, /cart/update.js (and the
// theme's own form post to /cart/add). Carts live in memory per `cart` cookie; prices in cents, as Shopify's.

import { randomBytes } from "node:crypto";
import type { Product } from "~/store/port";

export interface CartLine {
  id: string; // variant id
  product_id: string;
  handle: string;
  title: string;
  variant_title: string | null;
  quantity: number;
  price: number;
  line_price: number;
  url: string;
  image: string | null;
}

export interface Cart {
  token: string;
  items: CartLine[];
  attributes: Record<string, string>;
  note: string | null;
}

const MAX_CARTS = 5_000;
const MAX_LINES = 100;
const carts = new Map<string, Cart>();

export function newCartToken(): string {
  return randomBytes(12).toString("hex");
}

export function getCart(token: string): Cart {
  let cart = carts.get(token);
  if (!cart) {
    if (carts.size >= MAX_CARTS) carts.delete(carts.keys().next().value!); // oldest first
    cart = { token, items: [], attributes: {}, note: null };
    carts.set(token, cart);
  }
  return cart;
}

export function cartJson(cart: Cart, currency: string) {
  const total = cart.items.reduce((sum, l) => sum + l.line_price, 0);
  return {
    token: cart.token,
    note: cart.note,
    attributes: cart.attributes,
    item_count: cart.items.reduce((sum, l) => sum + l.quantity, 0),
    total_price: total,
    items_subtotal_price: total,
    currency,
    items: cart.items,
  };
}

export class CartError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Adds one line (Shopify answers 422 for an unknown or sold-out variant). */
export function addLine(cart: Cart, product: Product | null, variantId: string, quantity: number): CartLine {
  const variant = product?.variants.find((v) => v.id === variantId);
  if (!product || !variant) throw new CartError(404, "Cannot find variant");
  if (!variant.available) {
    throw new CartError(422, `${product.title} is sold out.`);
  }
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) throw new CartError(422, "Invalid quantity");
  const price = Math.round(variant.price * 100);
  let line = cart.items.find((l) => l.id === variantId);
  if (line) {
    line.quantity = Math.min(99, line.quantity + quantity);
    line.line_price = line.quantity * price;
  } else {
    if (cart.items.length >= MAX_LINES) throw new CartError(422, "The cart is full");
    line = {
      id: variant.id,
      product_id: product.id,
      handle: product.handle,
      title: variant.title && variant.title !== "Default" ? `${product.title} – ${variant.title}` : product.title,
      variant_title: variant.title ?? null,
      quantity,
      price,
      line_price: quantity * price,
      url: `/products/${product.handle}`,
      image: product.images[0]?.url ?? null,
    };
    cart.items.push(line);
  }
  return line;
}

/** /cart/update.js: attributes and note merged, `updates` set quantities (0 removes the line). */
export function updateCart(cart: Cart, body: Record<string, unknown>): void {
  const attributes = body.attributes;
  if (attributes && typeof attributes === "object" && !Array.isArray(attributes)) {
    for (const [key, value] of Object.entries(attributes)) {
      if (key.length > 255) throw new CartError(422, "Attribute name too long");
      if (value === null || value === "") delete cart.attributes[key];
      else cart.attributes[key] = String(value).slice(0, 5000);
    }
  }
  if (typeof body.note === "string") cart.note = body.note.slice(0, 5000);
  const updates = body.updates;
  if (updates && typeof updates === "object" && !Array.isArray(updates)) {
    for (const [id, qty] of Object.entries(updates)) {
      const q = Number(qty);
      if (!Number.isInteger(q) || q < 0) throw new CartError(422, "Invalid quantity");
      const line = cart.items.find((l) => l.id === id);
      if (!line) continue;
      if (q === 0) cart.items = cart.items.filter((l) => l !== line);
      else {
        line.quantity = Math.min(99, q);
        line.line_price = line.quantity * line.price;
      }
    }
  }
}
