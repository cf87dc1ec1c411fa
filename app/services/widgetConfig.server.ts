// What the launcher needs on every page: may this visitor see the concierge, and how it looks and reads.

import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, Shop } from "~/store/port";
import { decideForVisitor } from "./rollout.server";

const STRINGS = {
  launcher: "Concierge",
  title: "Concierge",
  placeholder: "Ask about pieces, orders, returns…",
  send: "Send",
  close: "Close concierge",
  deleteChat: "Delete this chat",
  stylist: "Talk to a stylist",
  offline: "We can't reach the concierge right now. Email us or try again in a moment.",
};

export async function widgetConfig(
  runtime: Runtime,
  shop: Shop | null,
  input: {
    visitorId: string;
    customerId: string | null;
    previewToken: string | null;
    conversationId?: string | null;
    /** The named conversation when the shared ownership check found it to be this visitor's, else null. */
    ownedConversation?: Conversation | null;
  },
) {
  if (!shop || shop.uninstalledAt) return { enabled: false, reason: "killed" as const, appearance: {} };
  const decision = await decideForVisitor(runtime, shop, input);
  runtime.metrics.countConfig(decision.reason);
  const { appearance } = shop.settings;
  return {
    enabled: decision.enabled,
    reason: decision.reason,
    appearance,
    strings: { ...STRINGS, launcher: appearance.launcherLabel, greeting: appearance.greeting },
    currency: shop.currency,
    // Agent replies the visitor has not seen; 0 for a conversation that is not theirs (no probing other ids).
    ...(decision.enabled && input.conversationId ? { unread: input.ownedConversation?.unread ?? 0 } : {}),
  };
}
