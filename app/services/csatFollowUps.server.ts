// The CSAT tab: every rating (not only the bad ones), with average and distribution, comments, the conversation
// and its ticket; a low rating can become a follow-up ticket whose replies reach the shopper's chat.

import { expectedReplyBy } from "~/concierge/businessHours";
import type { AdminContext } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { PageRequest, Ticket } from "~/store/port";
import { recordAudit } from "./audit.server";
import { OPEN_STATUSES } from "~/contract/admin";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function csatFollowUps(
  runtime: Runtime,
  shop: string,
  input: { maxRating: number; page: PageRequest; now: Date },
) {
  const { store } = runtime;
  const from = new Date(input.now.getTime() - 30 * DAY_MS).toISOString();
  const to = new Date(input.now.getTime() + 1).toISOString();
  const [ratings, days] = await Promise.all([
    store.csat.list(shop, { maxRating: input.maxRating }, input.page),
    store.reports.csatByDay(shop, from, to),
  ]);
  const items = await Promise.all(
    ratings.items.map(async (r) => {
      const tickets = await store.tickets.list(shop, { conversationId: r.conversationId }, { limit: 1 });
      const ticket = tickets.items[0];
      return {
        id: r.id,
        rating: r.rating,
        comment: r.comment,
        intent: r.intent,
        at: r.createdAt,
        conversationId: r.conversationId,
        ticket: ticket ? { id: ticket.id, number: ticket.number, status: ticket.status } : null,
      };
    }),
  );
  const distribution = [1, 2, 3, 4, 5].map((n) => days.filter((d) => d.rating === n).reduce((s, d) => s + d.count, 0));
  const count = distribution.reduce((s, n) => s + n, 0);
  return {
    items,
    nextCursor: ratings.nextCursor,
    last30Days: {
      count,
      distribution,
      average: count > 0 ? distribution.reduce((s, n, i) => s + n * (i + 1), 0) / count : null,
    },
  };
}

/** Opens a follow-up ticket for a rated conversation (one open ticket per conversation at a time). */
export async function createFollowUp(ctx: AdminContext, conversationId: string): Promise<Ticket> {
  const { runtime, shop } = ctx;
  const { store } = runtime;
  const [rating, conversation, open] = await Promise.all([
    store.csat.getForConversation(shop.shop, conversationId),
    store.conversations.get(shop.shop, conversationId),
    store.tickets.list(shop.shop, { conversationId, statuses: OPEN_STATUSES }, { limit: 1 }),
  ]);
  if (!rating || !conversation) throw new AppError("csat.not_found", 404, "There is no rating for that conversation.");
  if (open.items[0]) {
    throw new AppError("ticket.exists", 409, `Ticket #${open.items[0].number} is already open for this conversation.`, {
      ticketId: open.items[0].id,
    });
  }
  const customer = conversation.customerId ? await store.customers.get(shop.shop, conversation.customerId) : null;
  const priority: Ticket["priority"] = rating.rating <= 2 ? "high" : "normal";
  const slaHours = priority === "high" ? shop.settings.sla.priorityHours : shop.settings.sla.standardHours;
  const at = ctx.now.toISOString();
  const ticket = await store.tickets.create(shop.shop, {
    id: newId("tkt"),
    conversationId,
    status: "open",
    priority,
    topic: "low_csat",
    contact: {
      name: customer ? `${customer.firstName} ${customer.lastName}`.trim() || "Shopper" : "Shopper (no contact given)",
      email: customer?.email ?? "",
      phone: null,
    },
    notes: rating.comment,
    preferredTime: null,
    assignee: null,
    context: { originIntent: rating.intent, rating: rating.rating, followUpOf: rating.id },
    internalNotes: [],
    events: [{ at, actor: ctx.staff.userId, type: "created", data: { from: "csat", rating: rating.rating } }],
    slaDueAt: expectedReplyBy(ctx.now, shop.settings.businessHours, slaHours).toISOString(),
    createdAt: at,
    updatedAt: at,
  });
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "ticket.follow_up_created",
    before: null,
    after: { ticket: ticket.number, conversation: conversationId, rating: rating.rating },
    at: ctx.now,
  });
  return ticket;
}
