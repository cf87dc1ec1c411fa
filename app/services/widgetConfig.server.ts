// What the launcher needs on every page: may this visitor see the concierge, and how it looks and reads.

import { defaultShopSettings } from "~/concierge/shopDefaults";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, Shop, ShopSettings } from "~/store/port";
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

const STOCK = defaultShopSettings().appearance;

/**
 * The appearance the widget applies where the theme block leaves a setting empty (ADR 0005). The stock English
 * label and greeting are left out, so a French storefront keeps its locale's copy; a merchant's own is served as written.
 */
export function servedAppearance(appearance: ShopSettings["appearance"]) {
  const { launcherLabel, greeting, ...look } = appearance;
  return {
    ...look,
    ...(launcherLabel !== STOCK.launcherLabel ? { launcherLabel } : {}),
    ...(greeting !== STOCK.greeting ? { greeting } : {}),
  };
}

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
    appearance: servedAppearance(appearance),
    strings: { ...STRINGS, launcher: appearance.launcherLabel, greeting: appearance.greeting },
    currency: shop.currency,
    // Agent replies the visitor has not seen; 0 for a conversation that is not theirs (no probing other ids).
    ...(decision.enabled && input.conversationId ? { unread: input.ownedConversation?.unread ?? 0 } : {}),
  };
}
