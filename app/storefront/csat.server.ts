// POST /proxy/csat — one rating per conversation; a low one offers a stylist at once.

import { csatRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { submitCsat } from "~/services/csat.server";

export const csat = proxyEndpoint("csat", {
  POST: {
    body: csatRequest,
    handler: async ({ runtime, shop, body, now }) => {
      const { followUp } = await submitCsat(runtime, shop, body, now);
      return { body: { ok: true, ...(followUp ? { followUp } : {}) } };
    },
  },
});
