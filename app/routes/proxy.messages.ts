// POST /proxy/messages — one shopper turn: understanding plus the concierge's replies.

import { messageRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { handleTurn } from "~/services/dialogue/turn.server";

const endpoint = proxyEndpoint("messages", {
  POST: {
    body: messageRequest,
    handler: async ({ runtime, shopRow, customerId, body, now, consumeLookup }) => ({
      body: { ...(await handleTurn(runtime, { shop: shopRow!, customerId, now, consumeLookup, ...body })) },
    }),
  },
});

export const loader = endpoint.loader;
export const action = endpoint.action;
