// customers/data_request: the request is recorded (ids and the contact to search by), and the report the merchant
// downloads is built from the live data at download time — so no second copy of the person's data is kept.

import { AppError } from "~/platform/errors.server";
import type { DataRequest, Store } from "~/store/port";

export async function recordDataRequest(store: Store, shop: string, request: DataRequest): Promise<void> {
  await store.dataRequests.put(shop, request);
}

/** A request as the admin lists it, with the link its report downloads from (behind the role policy). */
export function dataRequestRow(request: DataRequest) {
  return {
    id: request.id,
    requestedAt: request.requestedAt,
    customerId: request.customerId,
    email: request.email,
    ordersRequested: request.ordersRequested.length,
    downloadUrl: `/app/data-requests/${encodeURIComponent(request.id)}`,
  };
}

export async function listDataRequests(store: Store, shop: string, page: { cursor?: string | null; limit?: number }) {
  const found = await store.dataRequests.list(shop, { cursor: page.cursor, limit: page.limit ?? 50 });
  return { items: found.items.map(dataRequestRow), nextCursor: found.nextCursor };
}

/** Everything the app holds about the customer of a data request, as one JSON document. */
export async function dataRequestReport(store: Store, shop: string, id: string) {
  const request = await store.dataRequests.get(shop, id);
  if (!request) throw new AppError("data_request.not_found", 404, "There is no such data request.");
  const customer = request.customerId ? await store.customers.get(shop, request.customerId) : null;
  const email = request.email ?? customer?.email ?? null;

  const orders = new Map<string, Awaited<ReturnType<Store["orders"]["get"]>>>();
  for (const orderId of request.ordersRequested) {
    const order = await store.orders.get(shop, orderId);
    if (order) orders.set(order.id, order);
  }
  if (request.customerId) {
    (await store.orders.listByCustomer(shop, request.customerId, { limit: 100 })).items.forEach((o) =>
      orders.set(o.id, o),
    );
  }

  const conversationIds = new Set<string>();
  if (request.customerId) {
    (await store.conversations.list(shop, { customerId: request.customerId }, { limit: 100 })).items.forEach((c) =>
      conversationIds.add(c.id),
    );
  }
  for (const needle of [email, request.phone].filter((v): v is string => Boolean(v))) {
    (await store.conversations.findMentioning(shop, needle)).forEach((c) => conversationIds.add(c));
  }
  const ticketIds = await store.tickets.findForRedaction(shop, { conversationIds: [...conversationIds], email });
  const tickets = (await Promise.all(ticketIds.map((t) => store.tickets.get(shop, t)))).filter((t) => t !== null);
  tickets.forEach((t) => t.conversationId && conversationIds.add(t.conversationId));
  [...orders.values()].forEach((o) => o?.conversationId && conversationIds.add(o.conversationId));

  const conversations = [];
  const ratings = [];
  for (const id of conversationIds) {
    const conversation = await store.conversations.get(shop, id);
    if (!conversation || conversation.erasedAt) continue;
    const messages = await store.conversations.messages(shop, id);
    conversations.push({
      id,
      startedAt: conversation.startedAt,
      updatedAt: conversation.updatedAt,
      messages: messages.filter((m) => m.text !== "").map((m) => ({ role: m.role, text: m.text, at: m.createdAt })),
    });
    const rating = await store.csat.getForConversation(shop, id);
    if (rating)
      ratings.push({ conversationId: id, rating: rating.rating, comment: rating.comment, at: rating.createdAt });
  }
  const returnIds = await store.returns.findForRedaction(shop, {
    conversationIds: [...conversationIds],
    orderIds: [...orders.keys()],
  });
  const returns = (await Promise.all(returnIds.map((r) => store.returns.get(shop, r)))).filter((r) => r !== null);

  return {
    dataRequest: { id: request.id, requestedAt: request.requestedAt, ordersRequested: request.ordersRequested },
    generatedAt: new Date().toISOString(),
    customer: customer ?? (email ? { email } : null),
    orders: [...orders.values()],
    conversations,
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      status: t.status,
      topic: t.topic,
      contact: t.contact,
      notes: t.notes,
      preferredTime: t.preferredTime,
      transcript: t.context.transcript ?? [],
      createdAt: t.createdAt,
    })),
    returnRequests: returns.map((r) => ({
      id: r.id,
      rma: r.rma,
      orderNumber: r.orderNumber,
      option: r.option,
      reason: r.reason,
      status: r.status,
      decisionNote: r.decisionNote,
      createdAt: r.createdAt,
    })),
    ratings,
  };
}
