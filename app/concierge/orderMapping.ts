// How a Shopify order becomes the order the concierge tracks: status from cancellation, payment and fulfilment,
// a status history that only grows, and line items flagged custom / engraved / final sale. Pure.

import type { Order, OrderFulfillment, OrderLineItem, OrderStatus } from "~/store/port";
import { normaliseOrderNumber } from "./orderNumber";

/** The cart attribute the widget sets on "Add to cart" (a note attribute on the order). */
export const CONVERSATION_ATTRIBUTE = "_concierge_conversation_id";

export interface SourceOrder {
  id: string;
  name: string;
  email: string;
  customerId: string | null;
  postalCode: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  financialStatus: string | null;
  fulfillments: (OrderFulfillment & { status: string | null; deliveredAt: string | null })[];
  lineItems: (Omit<OrderLineItem, "custom" | "engraved" | "finalSale" | "ringSize"> & {
    properties: Record<string, string>;
  })[];
  total: number;
  currency: string;
  attributes: Record<string, string>;
}

/** What the product says about its pieces (by product id): tags decide custom and final-sale. */
export type ProductTags = (productId: string) => string[];

const ENGRAVING = /engrav|monogram|inscription/i;
const RING_SIZE = /\b(ring\s*)?size\b/i;

function statusOf(source: SourceOrder): { status: OrderStatus; at: string; deliveredAt: string | null } {
  if (source.cancelledAt) return { status: "cancelled", at: source.cancelledAt, deliveredAt: null };
  const statuses = source.fulfillments.map((f) => (f.status ?? "").toLowerCase());
  const delivered = source.fulfillments.find((f) => f.deliveredAt || (f.status ?? "").toLowerCase() === "delivered");
  if (delivered) {
    const at = delivered.deliveredAt ?? source.updatedAt;
    return { status: "delivered", at, deliveredAt: at };
  }
  if (statuses.some((s) => /failure|failed|exception|attempted/.test(s))) {
    return { status: "exception", at: source.updatedAt, deliveredAt: null };
  }
  if (statuses.includes("out_for_delivery"))
    return { status: "out_for_delivery", at: source.updatedAt, deliveredAt: null };
  if (source.fulfillments.length > 0) {
    const shippedAt = source.fulfillments.map((f) => f.shippedAt).find(Boolean) ?? source.updatedAt;
    return { status: "shipped", at: shippedAt, deliveredAt: null };
  }
  if (/^(paid|partially_paid|partially_refunded)$/i.test(source.financialStatus ?? "")) {
    return { status: "paid", at: source.updatedAt, deliveredAt: null };
  }
  return { status: "placed", at: source.createdAt, deliveredAt: null };
}

export function mapOrder(source: SourceOrder, existing: Order | null, tagsOf: ProductTags): Order {
  const { status, at, deliveredAt } = statusOf(source);
  const history = existing?.statusHistory
    ? [...existing.statusHistory]
    : [{ status: "placed" as OrderStatus, at: source.createdAt }];
  if (history[history.length - 1]?.status !== status) history.push({ status, at });
  const lineItems: OrderLineItem[] = source.lineItems.map(({ properties, ...item }) => {
    const tags = item.productId ? tagsOf(item.productId).map((t) => t.toLowerCase()) : [];
    const sizeEntry = Object.entries(properties).find(([name]) => RING_SIZE.test(name));
    const size = sizeEntry ? Number(/(\d{1,2}(?:\.\d{1,2})?)/.exec(sizeEntry[1])?.[1]) : NaN;
    const sizeFromTitle = Number(/\bsize\s*(\d{1,2}(?:\.\d{1,2})?)/i.exec(item.title)?.[1]);
    return {
      ...item,
      ringSize: Number.isFinite(size) ? size : Number.isFinite(sizeFromTitle) ? sizeFromTitle : null,
      custom: tags.includes("custom") || tags.includes("made-to-order") || tags.includes("bespoke"),
      engraved: Object.entries(properties).some(([name, value]) => ENGRAVING.test(name) && value.trim() !== ""),
      finalSale: tags.includes("final-sale") || tags.includes("final sale"),
    };
  });
  return {
    id: source.id,
    number: normaliseOrderNumber(source.name),
    name: source.name,
    customerId: source.customerId,
    email: source.email,
    postalCode: source.postalCode,
    status,
    placedAt: source.createdAt,
    deliveredAt: deliveredAt ?? existing?.deliveredAt ?? null,
    lineItems,
    fulfillments: source.fulfillments.map(({ status: _s, deliveredAt: _d, ...f }) => f),
    statusHistory: history,
    total: source.total,
    currency: source.currency,
    conversationId: existing?.conversationId ?? null,
    updatedAt: source.updatedAt,
  };
}
