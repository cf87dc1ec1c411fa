// What an agent sees beside a conversation or ticket: the transcript in readable entries (with the product cards
// and order status the concierge showed), the customer, their order and recent orders, and the shortlist.

import type { Message } from "~/concierge/messages";
import type { Runtime } from "~/platform/runtime.server";
import type { Customer, Order, StoredMessage } from "~/store/port";

export interface TranscriptEntry {
  id: string;
  role: StoredMessage["role"];
  at: string;
  kind: string;
  text: string;
  products?: { id: string; title: string; price: number; currency: string; url: string }[];
  order?: { name: string; status: string };
  ticketNumber?: number;
  /** For agent replies: who wrote it. */
  author?: string;
}

export interface OrderSummary {
  id: string;
  name: string;
  status: string;
  placedAt: string;
  total: number;
  currency: string;
  items: { title: string; quantity: number }[];
  tracking: { carrier: string | null; url: string | null } | null;
}

export interface ShopperContext {
  customer: { id: string; name: string; email: string } | null;
  order: OrderSummary | null;
  recentOrders: OrderSummary[];
  shortlist: { id: string; title: string; price: number; handle: string }[];
}

function entryText(message: StoredMessage): string {
  if (message.text) return message.text;
  const payload = message.payload as Partial<Message> & { title?: string; question?: string };
  if (payload.type === "product_cards") return "Suggested pieces";
  if (payload.type === "order_status") return "Order status";
  if (payload.type === "form") return `Form: ${payload.title ?? "details"}`;
  if (payload.type === "csat") return payload.question ?? "Rating question";
  if (payload.type === "quick_replies" && Array.isArray(payload.replies)) {
    return `Offered: ${payload.replies.map((r) => r.label).join(" · ")}`;
  }
  return "";
}

export function transcriptEntries(messages: StoredMessage[]): TranscriptEntry[] {
  return messages.map((m) => {
    const payload = m.payload as Partial<Message> & Record<string, unknown>;
    const entry: TranscriptEntry = { id: m.id, role: m.role, at: m.createdAt, kind: m.type, text: entryText(m) };
    if (payload.type === "product_cards" && Array.isArray(payload.products)) {
      entry.products = payload.products.slice(0, 12).map((p) => ({
        id: p.id,
        title: p.title,
        price: p.price,
        currency: p.currency,
        url: p.url,
      }));
    }
    if (payload.type === "order_status" && payload.order) {
      entry.order = { name: payload.order.name, status: payload.order.status };
    }
    if (payload.type === "handoff" && payload.ticket) entry.ticketNumber = payload.ticket.number;
    if (m.role === "agent" && typeof payload.author === "string") entry.author = payload.author;
    return entry;
  });
}

export function orderSummary(order: Order): OrderSummary {
  const shipped = order.fulfillments.find((f) => f.trackingUrl || f.carrier);
  return {
    id: order.id,
    name: order.name,
    status: order.status,
    placedAt: order.placedAt,
    total: order.total,
    currency: order.currency,
    items: order.lineItems.map((li) => ({ title: li.title, quantity: li.quantity })),
    tracking: shipped ? { carrier: shipped.carrier, url: shipped.trackingUrl } : null,
  };
}

function customerView(customer: Customer | null) {
  if (!customer) return null;
  const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
  return { id: customer.id, name, email: customer.email };
}

export async function shopperContext(
  runtime: Runtime,
  shop: string,
  input: { customerId: string | null; orderId?: string | null; orderNumber?: string | null; shortlist: string[] },
): Promise<ShopperContext> {
  const { store } = runtime;
  const [customer, byId, byNumber, recent, products] = await Promise.all([
    input.customerId ? store.customers.get(shop, input.customerId) : null,
    input.orderId ? store.orders.get(shop, input.orderId) : null,
    !input.orderId && input.orderNumber ? store.orders.getByNumber(shop, input.orderNumber) : null,
    input.customerId ? store.orders.listByCustomer(shop, input.customerId, { limit: 5 }) : null,
    input.shortlist.length > 0
      ? store.products.find(shop, { ids: input.shortlist.slice(0, 50), activeOnly: false })
      : null,
  ]);
  const order = byId ?? byNumber;
  return {
    customer: customerView(customer),
    order: order ? orderSummary(order) : null,
    recentOrders: (recent?.items ?? []).filter((o) => o.id !== order?.id).map(orderSummary),
    shortlist: (products?.items ?? []).map((p) => ({ id: p.id, title: p.title, price: p.price, handle: p.handle })),
  };
}
