// The one ownership check for every storefront call that names a conversation (API.md §2): the conversation
// exists in this shop, is not erased, and belongs to the visitor the call names. Anything else is the same 404,
// so a guessed or borrowed id learns nothing.

import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation } from "~/store/port";

function notFound(): AppError {
  return new AppError("conversation.not_found", 404, "We couldn't find that conversation.");
}

export async function ownedConversation(
  runtime: Runtime,
  shop: string,
  id: string,
  visitorId: string | null | undefined,
): Promise<Conversation> {
  // A conversation id alone is no proof of ownership.
  if (!visitorId) throw notFound();
  const conversation = await runtime.store.conversations.get(shop, id);
  if (!conversation || conversation.erasedAt || conversation.visitorId !== visitorId) throw notFound();
  return conversation;
}

/** What a call names: a conversation id (from the body, the query or the path) and the visitor claiming it. */
export interface ConversationClaim {
  conversationId?: unknown;
  visitorId?: unknown;
}

/** The owned conversation a call names, null when it names none; 404 when it names one it does not own. */
export async function claimedConversation(
  runtime: Runtime,
  shop: string,
  claim: ConversationClaim,
): Promise<Conversation | null> {
  if (claim.conversationId === undefined || claim.conversationId === null) return null;
  if (typeof claim.conversationId !== "string") throw notFound();
  return ownedConversation(
    runtime,
    shop,
    claim.conversationId,
    typeof claim.visitorId === "string" ? claim.visitorId : null,
  );
}
