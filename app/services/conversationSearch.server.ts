// The Conversations page: full-text search and filters over the shop's conversations (newest first, keyset
// pages), and one conversation with its transcript, shopper context, rating and tickets.

import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, ConversationFilter, Page, PageRequest, Ticket } from "~/store/port";
import { dialogueState } from "./dialogue/state";
import { shopperContext, transcriptEntries } from "./shopperContext.server";

export interface ConversationRow {
  id: string;
  startedAt: string;
  updatedAt: string;
  lastIntent: string | null;
  outcome: Conversation["outcome"];
  escalated: boolean;
  rating: number | null;
  messageCount: number;
  erased: boolean;
}

const TRANSCRIPT_LIMIT = 300;

function row(c: Conversation): ConversationRow {
  return {
    id: c.id,
    startedAt: c.startedAt,
    updatedAt: c.updatedAt,
    lastIntent: c.lastIntent,
    outcome: c.outcome,
    escalated: c.escalated,
    rating: c.rating,
    messageCount: c.messageCount,
    erased: c.erasedAt !== null,
  };
}

export async function searchConversations(
  runtime: Runtime,
  shop: string,
  filter: ConversationFilter,
  page: PageRequest,
): Promise<Page<ConversationRow>> {
  const found = await runtime.store.conversations.list(shop, filter, page);
  return { items: found.items.map(row), nextCursor: found.nextCursor };
}

export interface TicketLink {
  id: string;
  number: number;
  status: Ticket["status"];
}

export async function conversationDetail(runtime: Runtime, shop: string, id: string) {
  const { store } = runtime;
  const conversation = await store.conversations.get(shop, id);
  if (!conversation) throw new AppError("conversation.not_found", 404, "There is no such conversation.");
  const state = dialogueState(conversation);
  const [messages, tickets, rating, context] = await Promise.all([
    store.conversations.messages(shop, id, TRANSCRIPT_LIMIT),
    store.tickets.list(shop, { conversationId: id }, { limit: 10 }),
    store.csat.getForConversation(shop, id),
    shopperContext(runtime, shop, {
      customerId: conversation.customerId,
      orderId: state.order?.id ?? null,
      shortlist: state.shortlist,
    }),
  ]);
  return {
    conversation: row(conversation),
    transcript: transcriptEntries(messages),
    truncated: conversation.messageCount > messages.length,
    tickets: tickets.items.map((t): TicketLink => ({ id: t.id, number: t.number, status: t.status })),
    rating: rating ? { rating: rating.rating, comment: rating.comment, at: rating.createdAt } : null,
    context,
  };
}
