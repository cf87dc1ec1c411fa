// GET /proxy/config — may this visitor see the concierge, and how it looks. Never 5xx.

import { configQuery } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { widgetConfig } from "~/services/widgetConfig.server";

const endpoint = proxyEndpoint("config", {
  GET: {
    query: configQuery,
    servesWhenOff: true,
    fallbackWhenStoreFails: () => ({ body: { enabled: false, reason: "killed", appearance: {} } }),
    handler: async ({ runtime, shopRow, customerId, query }) => ({
      body: await widgetConfig(runtime, shopRow, {
        visitorId: query.visitorId,
        customerId,
        previewToken: query.preview ?? null,
        conversationId: query.conversationId ?? null,
      }),
    }),
  },
});

export const loader = endpoint.loader;
export const action = endpoint.action;
