// GET /proxy/config — may this visitor see the concierge, and how it looks. Never 5xx.

import { configQuery } from "~/contract/storefront";
import { StoreUnavailableError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { storeFaultedRecently } from "~/services/health.server";
import { widgetConfig } from "~/services/widgetConfig.server";

export const config = proxyEndpoint("config", {
  GET: {
    query: configQuery,
    servesWhenOff: true,
    foreignConversation: "ignored",
    fallbackWhenStoreFails: () => ({ body: { enabled: false, reason: "killed", appearance: {} } }),
    handler: async ({ runtime, shopRow, customerId, query, conversation }) => {
      // While the store is faulty (a full disk, an I/O error), a page view gets no launcher rather than a broken
      // one: the reads config makes may still work while every message would fail.
      if (storeFaultedRecently(runtime)) throw new StoreUnavailableError("config", "recent store failure");
      return {
        body: await widgetConfig(runtime, shopRow, {
          visitorId: query.visitorId,
          customerId,
          previewToken: query.preview ?? null,
          conversationId: query.conversationId ?? null,
          // Only the visitor's own conversation (the shared ownership check) has an unread badge.
          ownedConversation: conversation,
        }),
      };
    },
  },
});
