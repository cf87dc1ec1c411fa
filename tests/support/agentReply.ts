// What the admin does when an agent replies from a ticket: an `agent` message appended to the conversation
// through the store (which counts it as unread). Tests use it to stand in for the admin's reply form.

import { randomBytes } from "node:crypto";
import { openStore } from "../../app/store/index.server";

export async function appendAgentReply(
  databaseUrl: string,
  shop: string,
  conversationId: string,
  text: string,
): Promise<string> {
  const store = await openStore({ databaseUrl });
  const id = `msg_agent_${randomBytes(6).toString("hex")}`;
  try {
    await store.conversations.appendMessages(shop, conversationId, [
      {
        id,
        conversationId,
        role: "agent",
        type: "text",
        payload: { id, type: "text", role: "agent", text },
        text,
        intent: null,
        createdAt: new Date().toISOString(),
      },
    ]);
  } finally {
    await store.close();
  }
  return id;
}
