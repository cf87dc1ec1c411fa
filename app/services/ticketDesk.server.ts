// The agents' desk: the queue (priority, then SLA deadline), one ticket with its shopper context, and the work on
// it — status, assignment, internal notes and replies to the shopper. A reply is an `agent` message in the
// shopper's conversation, so the widget shows it (and its launcher an unread badge). Field edits carry the
// version the agent saw: a ticket changed by someone else in between answers a clear conflict, never a silent
// overwrite. Every change is in the ticket's own events and in the audit log.

import { OPEN_STATUSES, QUEUE_VIEWS, STATUS_LABELS, type QueueView } from "~/contract/admin";
import type { AdminContext } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Page, PageRequest, StaffMember, Ticket, TicketFilter, TicketStatus } from "~/store/port";
import { appendAgentMessage } from "./agentReplies.server";
import { recordAudit } from "./audit.server";
import { dialogueState } from "./dialogue/state";
import { agentReplied, notifyQuietly } from "./mail/notify.server";
import { shopperContext, transcriptEntries } from "./shopperContext.server";

export interface TicketRow {
  id: string;
  number: number;
  status: TicketStatus;
  priority: Ticket["priority"];
  topic: string;
  contactName: string;
  assignee: string | null;
  slaDueAt: string;
  createdAt: string;
  updatedAt: string;
}

function queueFilter(view: QueueView, staffId: string): TicketFilter {
  switch (view) {
    case "open":
      return { statuses: OPEN_STATUSES };
    case "mine":
      return { statuses: OPEN_STATUSES, assignee: staffId };
    case "unassigned":
      return { statuses: OPEN_STATUSES, assignee: null };
    case "resolved":
      return { status: "resolved" };
  }
}

function ticketRow(t: Ticket): TicketRow {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    priority: t.priority,
    topic: t.topic,
    contactName: t.contact.name,
    assignee: t.assignee,
    slaDueAt: t.slaDueAt,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export async function ticketQueue(
  runtime: Runtime,
  shop: string,
  input: { view: QueueView; staffId: string; page: PageRequest },
): Promise<Page<TicketRow>> {
  const found = await runtime.store.tickets.list(shop, queueFilter(input.view, input.staffId), input.page);
  return { items: found.items.map(ticketRow), nextCursor: found.nextCursor };
}

export async function queueCounts(runtime: Runtime, shop: string, staffId: string) {
  const { store } = runtime;
  const [open, mine, unassigned, resolved] = await Promise.all(
    QUEUE_VIEWS.map((view) => store.tickets.count(shop, queueFilter(view, staffId))),
  );
  return { open, mine, unassigned, resolved };
}

async function ticketOr404(runtime: Runtime, shop: string, id: string): Promise<Ticket> {
  const ticket = await runtime.store.tickets.get(shop, id);
  if (!ticket) throw new AppError("ticket.not_found", 404, "There is no such ticket.");
  return ticket;
}

export async function ticketDetail(runtime: Runtime, shop: string, id: string) {
  const ticket = await ticketOr404(runtime, shop, id);
  const conversation = ticket.conversationId
    ? await runtime.store.conversations.get(shop, ticket.conversationId)
    : null;
  const state = conversation ? dialogueState(conversation) : null;
  const context = ticket.context as { shortlist?: string[]; order?: { id?: string; number?: string } | null };
  const [messages, shopper] = await Promise.all([
    conversation ? runtime.store.conversations.messages(shop, conversation.id, 200) : [],
    shopperContext(runtime, shop, {
      customerId: conversation?.customerId ?? null,
      orderId: state?.order?.id ?? context.order?.id ?? null,
      orderNumber: context.order?.number ?? null,
      shortlist: [...new Set([...(context.shortlist ?? []), ...(state?.shortlist ?? [])])],
    }),
  ]);
  return {
    ticket,
    conversation: conversation
      ? { id: conversation.id, erased: conversation.erasedAt !== null, unread: conversation.unread }
      : null,
    transcript: transcriptEntries(messages),
    context: shopper,
  };
}

function event(ctx: AdminContext, type: string, data?: Record<string, unknown>) {
  return { at: ctx.now.toISOString(), actor: ctx.staff.userId, type, ...(data ? { data } : {}) };
}

export async function changeStatus(ctx: AdminContext, id: string, status: TicketStatus, version: number) {
  const { runtime, shop } = ctx;
  const before = await ticketOr404(runtime, shop.shop, id);
  if (before.status === status)
    throw new AppError("ticket.unchanged", 409, `The ticket is already ${STATUS_LABELS[status].toLowerCase()}.`);
  const saved = await runtime.store.tickets.update(
    shop.shop,
    id,
    { status },
    event(ctx, "status_changed", { from: before.status, to: status }),
    version,
  );
  if (!saved) throw new AppError("ticket.not_found", 404, "There is no such ticket.");
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "ticket.status",
    before: { ticket: before.number, status: before.status },
    after: { ticket: saved.number, status },
    at: ctx.now,
  });
  return saved;
}

/** Assign to oneself (any agent) or to someone else (leads and up); null unassigns. */
export async function assignTicket(ctx: AdminContext, id: string, assignee: string | null, version: number) {
  const { runtime, shop } = ctx;
  const toSomeoneElse = assignee !== null && assignee !== ctx.staff.userId;
  const before = await ticketOr404(runtime, shop.shop, id);
  // Taking a ticket off someone else is assigning it too.
  const fromSomeoneElse = before.assignee !== null && before.assignee !== ctx.staff.userId;
  if ((toSomeoneElse || fromSomeoneElse) && !ctx.can("tickets.assign")) {
    throw new AppError("auth.forbidden", 403, "Your role can assign tickets to yourself only.");
  }
  let member: StaffMember | null = null;
  if (assignee !== null) {
    member = await runtime.store.staff.get(shop.shop, assignee);
    if (!member || !["owner", "admin", "support_lead", "agent"].includes(member.role)) {
      throw new AppError("ticket.assignee_invalid", 400, "Tickets go to staff who can work them.");
    }
  }
  const saved = await runtime.store.tickets.update(
    shop.shop,
    id,
    { assignee },
    event(ctx, "assigned", { from: before.assignee, to: assignee }),
    version,
  );
  if (!saved) throw new AppError("ticket.not_found", 404, "There is no such ticket.");
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "ticket.assigned",
    before: { ticket: before.number, assignee: before.assignee },
    after: { ticket: saved.number, assignee },
    at: ctx.now,
  });
  return { ticket: saved, member };
}

export async function addInternalNote(ctx: AdminContext, id: string, body: string) {
  const { runtime, shop } = ctx;
  const note = { id: newId("note"), author: ctx.staff.userId, body, at: ctx.now.toISOString() };
  const saved = await runtime.store.tickets.addNote(shop.shop, id, note, event(ctx, "noted"));
  if (!saved) throw new AppError("ticket.not_found", 404, "There is no such ticket.");
  // The note's text stays on the ticket: the audit log records that a note was added, not what it says.
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "ticket.noted",
    before: null,
    after: { ticket: saved.number, note: note.id },
    at: ctx.now,
  });
  return saved;
}

/** The language the shopper wrote in when they escalated (emails about the ticket use it), if it was recorded. */
function ticketLocale(ticket: Ticket): string | null {
  const locale = (ticket.context as { locale?: unknown }).locale;
  return typeof locale === "string" ? locale : null;
}

/**
 * The agent's reply, written into the shopper's conversation as an `agent` message the widget shows, and emailed to
 * the ticket's contact when mail is configured (queued: the request never waits on a mail server).
 */
export async function replyToShopper(ctx: AdminContext, id: string, body: string) {
  const { runtime, shop } = ctx;
  const ticket = await ticketOr404(runtime, shop.shop, id);
  const conversation = ticket.conversationId
    ? await runtime.store.conversations.get(shop.shop, ticket.conversationId)
    : null;
  if (!conversation || conversation.erasedAt) {
    throw new AppError(
      "ticket.no_conversation",
      409,
      conversation
        ? "The shopper deleted this chat, so a reply cannot reach them there."
        : "This ticket has no chat to reply in; contact the shopper by email.",
    );
  }
  const messageId = await appendAgentMessage(runtime, shop.shop, {
    conversationId: conversation.id,
    text: body,
    author: ctx.staff.name,
    at: ctx.now,
  });
  const emailed = await notifyQuietly(runtime, "agent_reply", () =>
    agentReplied(runtime, shop, ticket, { id: messageId, body }, ticketLocale(ticket)),
  );
  const saved = await runtime.store.tickets.update(
    shop.shop,
    id,
    {},
    event(ctx, "replied", { message: messageId, emailed }),
  );
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: "ticket.replied",
    before: null,
    after: { ticket: ticket.number, conversation: conversation.id, message: messageId, emailed },
    at: ctx.now,
  });
  return { ticket: saved ?? ticket, emailed };
}
