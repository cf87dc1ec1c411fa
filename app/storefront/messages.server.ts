// POST /proxy/messages — one shopper turn: understanding plus the concierge's replies.

import { messageRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { handleTurn } from "~/services/dialogue/turn.server";

export const messages = proxyEndpoint("messages", {
  POST: {
    body: messageRequest,
    // With an Idempotency-Key, the answer is stored in the turn's own commit (one durable write per turn).
    handler: async ({ runtime, shopRow, customerId, body, now, consumeLookup, idempotency, conversation }) => ({
      body: {
        ...(await handleTurn(runtime, {
          shop: shopRow!,
          customerId,
          now,
          consumeLookup,
          idempotency,
          conversation,
          ...body,
        })),
      },
    }),
  },
});
