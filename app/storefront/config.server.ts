// GET /proxy/config — may this visitor see the concierge, and how it looks. Never 5xx.

import { configQuery } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { widgetConfig } from "~/services/widgetConfig.server";

export const config = proxyEndpoint("config", {
  GET: {
    query: configQuery,
    servesWhenOff: true,
    foreignConversation: "ignored",
    fallbackWhenStoreFails: () => ({ body: { enabled: false, reason: "killed", appearance: {} } }),
    handler: async ({ runtime, shopRow, customerId, query, conversation }) => ({
      body: await widgetConfig(runtime, shopRow, {
        visitorId: query.visitorId,
        customerId,
        previewToken: query.preview ?? null,
        conversationId: query.conversationId ?? null,
        // Only the visitor's own conversation (the shared ownership check) has an unread badge.
        ownedConversation: conversation,
      }),
    }),
  },
});
