// A conversation's transcript: how each message is stored, read back for a reload, and erased on request.

import type { Message } from "~/concierge/messages";
import type { Intent } from "~/concierge/understanding/types";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { StoredMessage } from "~/store/port";
import { ownedConversation } from "../conversationAccess.server";
import type { TurnInput } from "./journey";
import { eraseConversations, erasureContext } from "../privacy/erasure.server";
import { dialogueState } from "./state";

const TRANSCRIPT_LIMIT = 200;

export { ownedConversation };

/** What the shopper said or tapped, as the transcript keeps it. */
export function storedShopperMessage(
  conversationId: string,
  input: Pick<TurnInput, "text" | "action">,
  intent: Intent,
  at: string,
): StoredMessage {
  return {
    id: newId("msg"),
    conversationId,
    role: "shopper",
    type: "text",
    payload: input.action ? { type: "action", action: input.action } : { type: "text", text: input.text },
    text: shopperText(input),
    intent,
    createdAt: at,
  };
}

/** A tapped button reads as a bracketed label ("[track order]") in the transcript agents see. */
function shopperText({ text, action }: Pick<TurnInput, "text" | "action">): string {
  if (text !== undefined) return text;
  const tapped = action!;
  switch (tapped.type) {
    case "start":
      return `[${tapped.intent.replace(/_/g, " ")}]`;
    case "csat":
      return `[rated ${tapped.rating}]`;
    default:
      return `[${tapped.type.replace("_", " ")}]`;
  }
}

/** The concierge's message as stored: the whole message kept as the payload a reload returns. */
export function storedReply(conversationId: string, reply: Message, at: string): StoredMessage {
  return {
    id: reply.id,
    conversationId,
    role: "concierge",
    type: reply.type,
    payload: reply as unknown as Record<string, unknown>,
    text: "text" in reply && typeof reply.text === "string" ? reply.text : "",
    intent: null,
    createdAt: at,
  };
}

/** The transcript for a reload or another page. */
export async function transcript(runtime: Runtime, shop: string, id: string, visitorId: string) {
  const conversation = await ownedConversation(runtime, shop, id, visitorId);
  const stored = await runtime.store.conversations.messages(shop, id, TRANSCRIPT_LIMIT);
  const messages = stored.map((m) =>
    m.role === "shopper"
      ? { id: m.id, type: "text", role: "shopper", text: m.text }
      : (m.payload as unknown as Message),
  );
  if (conversation.unread > 0) await runtime.store.conversations.update(shop, id, { unread: 0 });
  const state = dialogueState(conversation);
  return {
    id: conversation.id,
    messages,
    state: {
      lastIntent: state.lastIntent,
      filters: state.filters,
      shortlist: state.shortlist,
      csatAsked: state.csatAsked,
      csatDone: state.csatDone,
      escalated: conversation.escalated,
    },
  };
}

/** "Delete my chat": the conversation and every copy of it (tickets, return requests, ratings, queued mail). */
export async function eraseConversation(runtime: Runtime, shop: string, id: string, visitorId: string): Promise<void> {
  await ownedConversation(runtime, shop, id, visitorId);
  await eraseConversations(erasureContext(runtime), shop, [id], "all", "shopper");
}
