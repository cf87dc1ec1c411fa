// Stylist escalations: a ticket that carries the transcript, shortlist, order and topic, with a reply time
// computed from the shop's business hours and SLA.

import { describeReplyTime, expectedReplyBy } from "~/concierge/businessHours";
import type { Locale } from "~/concierge/copy";
import type { TicketView } from "~/concierge/messages";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Shop, Ticket } from "~/store/port";
import { attachableConversation, noteInConversation } from "./conversationNotes.server";
import { escalationAlert, notifyQuietly, ticketAcknowledged } from "./mail/notify.server";
import { message, replyCopy } from "./replies.server";

const TRANSCRIPT_EXCERPT = 30;
const PRIORITY_TOPICS = new Set(["order_exception", "low_csat", "order_late"]);

export interface EscalationInput {
  conversationId?: string | null;
  /** The widget's visitor: a conversation id of another visitor carries no context into the ticket. */
  visitorId?: string | null;
  contact: { name: string; email: string; phone?: string | null };
  topic: string;
  notes?: string | null;
  preferredTime?: string | null;
  /** The widget's language, for the hand-off message in the conversation. */
  locale?: string;
}

export async function createEscalation(
  runtime: Runtime,
  shop: Shop,
  input: EscalationInput,
  now: Date,
): Promise<Ticket> {
  const conversation = await attachableConversation(runtime, shop.shop, input);
  const messages = conversation ? await runtime.store.conversations.messages(shop.shop, conversation.id) : [];
  const state = (conversation?.state ?? {}) as {
    shortlist?: string[];
    order?: { number?: string } | null;
    lastIntent?: string;
    handoffTopic?: string | null;
  };
  // Priority is the server's judgement (an exception order, a low rating), not a topic any client may send.
  const priority: Ticket["priority"] =
    PRIORITY_TOPICS.has(input.topic) && state.handoffTopic === input.topic ? "high" : "normal";
  const slaHours = priority === "high" ? shop.settings.sla.priorityHours : shop.settings.sla.standardHours;
  const due = expectedReplyBy(now, shop.settings.businessHours, slaHours);
  const ticket = await runtime.store.tickets.create(shop.shop, {
    id: newId("tkt"),
    conversationId: conversation?.id ?? null,
    status: "open",
    priority,
    topic: input.topic,
    contact: { name: input.contact.name, email: input.contact.email, phone: input.contact.phone ?? null },
    notes: input.notes ?? null,
    preferredTime: input.preferredTime ?? null,
    assignee: null,
    context: {
      originIntent: conversation?.lastIntent ?? null,
      shortlist: state.shortlist ?? [],
      order: state.order ?? null,
      transcript: messages
        .slice(-TRANSCRIPT_EXCERPT)
        .map((m) => ({ role: m.role, type: m.type, text: m.text, at: m.createdAt })),
      // The shopper's language, so the emails about this ticket (acknowledgement, agents' replies) speak it too.
      ...(input.locale ? { locale: replyCopy(shop, input.locale).locale } : {}),
    },
    internalNotes: [],
    events: [{ at: now.toISOString(), actor: "shopper", type: "created", data: { topic: input.topic } }],
    slaDueAt: due.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  if (conversation) {
    await runtime.store.conversations.update(shop.shop, conversation.id, {
      escalated: true,
      outcome: "escalated",
      updatedAt: now.toISOString(),
    });
    if (conversation.outcome !== "escalated") runtime.metrics.conversations.inc({ outcome: "escalated" });
    const copy = replyCopy(shop, input.locale);
    const view = ticketView(shop, ticket, now, copy.locale);
    const handoff = message({
      type: "handoff",
      ticket: view,
      text: copy.t("handoff.text", { number: ticket.number, when: view.expectedReplyText ?? copy.t("when.shortly") }),
    });
    await noteInConversation(runtime, shop.shop, conversation, handoff, now);
  }
  runtime.metrics.ticketsCreated.inc();
  // Queued, never sent inline: a slow or absent mail server cannot slow the shopper's answer.
  await notifyQuietly(runtime, "ticket_acknowledged", () => ticketAcknowledged(runtime, shop, ticket, input.locale));
  await notifyQuietly(runtime, "staff_escalation", () => escalationAlert(runtime, shop, ticket));
  return ticket;
}

export function ticketView(shop: Shop, ticket: Ticket, now: Date, locale: Locale = "en"): TicketView {
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    expectedReplyBy: ticket.slaDueAt,
    expectedReplyText: describeReplyTime(new Date(ticket.slaDueAt), now, shop.settings.businessHours.timezone, locale),
  };
}

/** What a bot that filled the honeypot is told: shaped like a ticket, stored nowhere. */
export function decoyTicket(shop: Shop, now: Date): TicketView {
  const due = expectedReplyBy(now, shop.settings.businessHours, shop.settings.sla.standardHours);
  return { id: newId("tkt"), number: 0, status: "open", expectedReplyBy: due.toISOString() };
}
