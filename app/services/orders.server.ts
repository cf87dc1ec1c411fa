// Order lookup for shoppers: number plus the email or postal code used at checkout, or the logged-in owner, or the
// shopper's own conversation that proved access to that order earlier.
// An unknown number and a wrong contact get the same 404 from the same amount of work (no enumeration).

import { timingSafeEqual, createHash } from "node:crypto";
import type { Locale } from "~/concierge/copy";
import type { OrderView } from "~/concierge/messages";
import { normaliseOrderNumber } from "~/concierge/orderNumber";
import { orderTimeline } from "~/concierge/orderTimeline";
import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Order } from "~/store/port";

export interface OrderLookup {
  orderNumber: string;
  email?: string;
  postalCode?: string;
  /** The app proxy's logged-in customer: enough on its own for their own orders. */
  customerId?: string | null;
  /** The order the shopper's own conversation already proved access to (in the chat): enough on its own for it. */
  provenOrderId?: string | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** "K1A 0B6" = "k1a0b6"; a US ZIP+4 matches its 5-digit ZIP. */
export function normalisePostalCode(code: string): string {
  const compact = code.replace(/[\s-]/g, "").toUpperCase();
  return /^\d{9}$/.test(compact) ? compact.slice(0, 5) : compact;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function orderNotFound(): AppError {
  return new AppError(
    "order.not_found",
    404,
    "We couldn't find an order with those details. Check the order number and the email or postal code used at checkout.",
  );
}

function contactMatches(order: Order | null, lookup: OrderLookup): boolean {
  const email = lookup.email ? normaliseEmail(lookup.email) : "";
  const postal = lookup.postalCode ? normalisePostalCode(lookup.postalCode) : "";
  const orderEmail = order ? normaliseEmail(order.email) : "\0";
  const orderPostal = order ? normalisePostalCode(order.postalCode) : "\0";
  // Both comparisons always run, found or not.
  const emailOk = sameSecret(email || "\u0001", orderEmail);
  const postalOk = sameSecret(postal || "\u0001", orderPostal);
  const ownerOk = Boolean(order && lookup.customerId && order.customerId && order.customerId === lookup.customerId);
  const provenOk = Boolean(order && lookup.provenOrderId && order.id === lookup.provenOrderId);
  return Boolean(order) && ((email !== "" && emailOk) || (postal !== "" && postalOk) || ownerOk || provenOk);
}

export async function findOrder(runtime: Runtime, shop: string, lookup: OrderLookup): Promise<Order> {
  const number = normaliseOrderNumber(lookup.orderNumber);
  const order = number ? await runtime.store.orders.getByNumber(shop, number) : null;
  if (!contactMatches(order, lookup)) throw orderNotFound();
  return order!;
}

/** The logged-in customer's most recent orders (for "where is my order" without a number). */
export async function recentOrdersOf(runtime: Runtime, shop: string, customerId: string, limit = 3): Promise<Order[]> {
  const page = await runtime.store.orders.listByCustomer(shop, customerId, { limit: 50 });
  return [...page.items].sort((a, b) => (a.placedAt < b.placedAt ? 1 : -1)).slice(0, limit);
}

export function orderView(order: Order, locale: Locale = "en"): OrderView {
  const { timeline, shipping } = orderTimeline(order, locale);
  return {
    number: order.number,
    name: order.name,
    status: order.status,
    placedAt: order.placedAt,
    timeline,
    shipping,
    items: order.lineItems.map((li) => ({
      id: li.id,
      title: li.title,
      quantity: li.quantity,
      ...(li.ringSize != null ? { ringSize: li.ringSize } : {}),
    })),
  };
}
