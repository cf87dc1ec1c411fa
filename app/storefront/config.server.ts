// GET /proxy/config — may this visitor see the concierge, and how it looks. Never 5xx.

import { configQuery } from "~/contract/storefront";
import { StoreUnavailableError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import type { Runtime } from "~/platform/runtime.server";
import { storeFaultedRecently } from "~/services/health.server";
import { widgetConfig } from "~/services/widgetConfig.server";

// One look at the write lock serves every config request of a turn of the event loop (they are served together).
let lockLook: Promise<boolean> | null = null;
function writableThisTurn(runtime: Runtime): Promise<boolean> {
  if (!lockLook) {
    lockLook = runtime.store.writableNow();
    setImmediate(() => (lockLook = null));
  }
  return lockLook;
}

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
      // Likewise while another connection holds the write lock: wait for it as a message would, at most the store's
      // budget (config itself writes nothing when the rate limits are counted in memory).
      if (!(await writableThisTurn(runtime))) await runtime.store.ping();
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
