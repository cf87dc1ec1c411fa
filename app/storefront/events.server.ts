// POST /proxy/events — consented analytics from the widget, stored hashed and scrubbed.

import { eventsRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { recordEvents } from "~/services/analytics.server";

export const events = proxyEndpoint("events", {
  POST: {
    body: eventsRequest,
    handler: async ({ runtime, shop, body }) => ({ body: { accepted: await recordEvents(runtime, shop, body) } }),
  },
});
