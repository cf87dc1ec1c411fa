// A staff member's words in the shopper's conversation: an `agent` message the widget shows (and counts as unread
// until the shopper opens the transcript).

import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";

export async function appendAgentMessage(
  runtime: Runtime,
  shop: string,
  input: { conversationId: string; text: string; author: string; at: Date },
): Promise<string> {
  const id = newId("msg");
  await runtime.store.conversations.appendMessages(shop, input.conversationId, [
    {
      id,
      conversationId: input.conversationId,
      role: "agent",
      type: "text",
      payload: { id, type: "text", role: "agent", text: input.text, author: input.author },
      text: input.text,
      intent: null,
      createdAt: input.at.toISOString(),
    },
  ]);
  return id;
}
