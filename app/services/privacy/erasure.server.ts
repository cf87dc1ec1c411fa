// Erasing a person's words and contact details everywhere they live: conversations and messages (and so the search
// index), the transcript copies in tickets and return requests, CSAT comments, shortlists, analytics links, queued
// jobs and emails, idempotent answers and audit entries. What stays is ids, dates and statuses.

import { randomBytes } from "node:crypto";
import type { Runtime } from "~/platform/runtime.server";
import { saltedHash } from "~/services/analytics.server";
import type { Store } from "~/store/port";

export type ErasureScope = "all" | "transcript";

export interface ErasureContext {
  store: Store;
  analyticsSalt: string;
}

export const erasureContext = (runtime: Runtime): ErasureContext => ({
  store: runtime.store,
  analyticsSalt: runtime.analyticsSalt,
});

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== "")),
];

/**
 * Erases these conversations and every copy of them. `all` (delete my chat, customers/redact) also blanks the
 * contact details of tickets made from them; `transcript` (retention) keeps the ticket's contact so it can be worked.
 */
export async function eraseConversations(
  { store, analyticsSalt }: ErasureContext,
  shop: string,
  conversationIds: string[],
  scope: ErasureScope,
  actor: string,
  extraNeedles: string[] = [],
): Promise<void> {
  const ids = unique(conversationIds);
  if (ids.length === 0 && extraNeedles.length === 0) return;
  const visitorIds: string[] = [];
  for (const id of ids) {
    const conversation = await store.conversations.get(shop, id);
    if (conversation?.visitorId) visitorIds.push(conversation.visitorId);
    await store.conversations.erase(shop, id);
  }
  const at = new Date().toISOString();
  for (const ticketId of await store.tickets.findForRedaction(shop, { conversationIds: ids })) {
    await store.tickets.redact(shop, ticketId, scope, { at, actor, type: "redacted", data: { scope } });
  }
  for (const returnId of await store.returns.findForRedaction(shop, { conversationIds: ids })) {
    await store.returns.redact(shop, returnId);
  }
  await store.csat.redactComments(shop, ids);
  await store.shortlists.removeFor(shop, { conversationIds: ids, visitorIds: unique(visitorIds) });
  await store.analytics.unlink(
    shop,
    { conversationIds: ids, visitorHashes: unique(visitorIds).map((v) => saltedHash(analyticsSalt, "visitor", v)) },
    // A fresh hash per erasure: the events still count, but nothing joins them to anyone.
    `erased:${randomBytes(8).toString("hex")}`,
  );
  // Stored answers and queued work quote the conversation by id; emails and audit entries may quote the person.
  const needles = unique([...ids, ...extraNeedles]);
  await store.idempotency.scrub(shop, needles);
  await store.jobs.scrub(shop, needles);
  await store.audit.scrub(shop, needles);
}

export interface CustomerTarget {
  customerId: string | null;
  email: string | null;
  phone: string | null;
  orderIds: string[];
}

/** customers/redact: every conversation, ticket, return, order detail and record that belongs to this customer. */
export async function redactCustomer(
  ctx: ErasureContext,
  shop: string,
  target: CustomerTarget,
): Promise<{ conversations: number }> {
  const { store } = ctx;
  const customer = target.customerId ? await store.customers.get(shop, target.customerId) : null;
  const email = target.email?.trim() || customer?.email || null;
  const fullName = customer ? `${customer.firstName} ${customer.lastName}`.trim() : "";

  const orderIds = new Set(target.orderIds);
  if (target.customerId) {
    let cursor: string | null = null;
    do {
      const page = await store.orders.listByCustomer(shop, target.customerId, { cursor, limit: 100 });
      page.items.forEach((o) => orderIds.add(o.id));
      cursor = page.nextCursor;
    } while (cursor);
  }

  const conversationIds = new Set<string>();
  if (target.customerId) {
    let cursor: string | null = null;
    do {
      const page = await store.conversations.list(shop, { customerId: target.customerId }, { cursor, limit: 100 });
      page.items.forEach((c) => conversationIds.add(c.id));
      cursor = page.nextCursor;
    } while (cursor);
  }
  // A guest who typed their email or phone into the chat (an order lookup, a question) is found by it.
  for (const needle of unique([email, target.phone])) {
    (await store.conversations.findMentioning(shop, needle)).forEach((id) => conversationIds.add(id));
  }
  const ticketIds = await store.tickets.findForRedaction(shop, { conversationIds: [], email });
  for (const id of ticketIds) {
    const ticket = await store.tickets.get(shop, id);
    if (ticket?.conversationId) conversationIds.add(ticket.conversationId);
  }
  for (const id of orderIds) {
    const order = await store.orders.get(shop, id);
    if (order?.conversationId) conversationIds.add(order.conversationId);
  }
  for (const id of await store.returns.findForRedaction(shop, { conversationIds: [], orderIds: [...orderIds] })) {
    const request = await store.returns.get(shop, id);
    if (request?.conversationId) conversationIds.add(request.conversationId);
    await store.returns.redact(shop, id);
  }

  const needles = unique([email, target.phone, fullName.includes(" ") ? fullName : null]);
  await eraseConversations(ctx, shop, [...conversationIds], "all", "privacy", needles);
  const at = new Date().toISOString();
  for (const id of ticketIds) await store.tickets.redact(shop, id, "all", { at, actor: "privacy", type: "redacted" });

  await store.orders.redactCustomer(shop, target.customerId, email);
  for (const id of orderIds) {
    const order = await store.orders.get(shop, id);
    if (order && (order.email || order.postalCode || order.customerId)) {
      await store.orders.put(shop, { ...order, email: "", postalCode: "", customerId: null });
    }
  }
  if (target.customerId) await store.customers.remove(shop, target.customerId);
  await store.dataRequests.removeFor(shop, target.customerId, email);
  await dropFromAllowlist(store, shop, target.customerId, email);
  return { conversations: conversationIds.size };
}

/** The beta allowlist names customers by id and email: a redacted customer leaves it. */
async function dropFromAllowlist(
  store: Store,
  shop: string,
  customerId: string | null,
  email: string | null,
): Promise<void> {
  const row = await store.shops.get(shop);
  if (!row) return;
  const { customerIds, emails } = row.rollout.allowlist;
  const keptIds = customerIds.filter((id) => id !== customerId);
  const keptEmails = emails.filter((e) => !email || e.toLowerCase() !== email.toLowerCase());
  if (keptIds.length === customerIds.length && keptEmails.length === emails.length) return;
  const { shop: _shop, ...value } = row;
  await store.shops.put(shop, {
    ...value,
    rollout: { ...row.rollout, allowlist: { customerIds: keptIds, emails: keptEmails } },
  });
}

/** shop/redact: everything of the shop, gone. */
export async function redactShop(store: Store, shop: string): Promise<void> {
  await store.shops.purge(shop);
}
