// Outcomes that happen outside the dialogue — a stylist ticket, a return request — written into the conversation
// they came from. Without this the confirmation lives only in one HTTP response: a reload or another page would
// lose the ticket number or RMA, agents would not see it in the transcript, and the journey would never count as
// completed (so no CSAT question after it).

import type { Message } from "~/concierge/messages";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation } from "~/store/port";
import { storedReply } from "./dialogue/transcript.server";

export interface NoteTarget {
  conversationId?: string | null;
  /** Whose conversation it is: without the owner's visitor id nothing is attached (or copied into a ticket). */
  visitorId?: string | null;
}

/** The conversation a storefront write may attach to: it exists, is not erased, and is this visitor's. */
export async function attachableConversation(
  runtime: Runtime,
  shop: string,
  target: NoteTarget,
): Promise<Conversation | null> {
  if (!target.conversationId) return null;
  const conversation = await runtime.store.conversations.get(shop, target.conversationId);
  if (!conversation || conversation.erasedAt) return null;
  // A conversation id alone is not proof of ownership: its transcript must not flow into someone else's ticket.
  if (!target.visitorId || conversation.visitorId !== target.visitorId) return null;
  return conversation;
}

/**
 * Appends the concierge's confirmation to the transcript and, with `journey`, records that journey as completed
 * in the dialogue state (the same list the dialogue keeps), so the next turn may ask for a rating.
 */
export async function noteInConversation(
  runtime: Runtime,
  shop: string,
  conversation: Conversation,
  note: Message,
  at: Date,
  journey?: string,
): Promise<void> {
  const iso = at.toISOString();
  await runtime.store.conversations.appendMessages(shop, conversation.id, [storedReply(conversation.id, note, iso)]);
  if (!journey) return;
  const current = await runtime.store.conversations.get(shop, conversation.id);
  if (!current) return;
  const completed = Array.isArray(current.state.completed) ? (current.state.completed as string[]) : [];
  if (completed.includes(journey)) return;
  await runtime.store.conversations.update(shop, conversation.id, {
    state: { ...current.state, completed: [...completed, journey] },
    updatedAt: iso,
  });
}
