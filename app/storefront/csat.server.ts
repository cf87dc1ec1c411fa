// POST /proxy/csat — one rating per conversation; a low one offers a stylist at once.

import { csatRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { submitCsat } from "~/services/csat.server";
import { replyCopy } from "~/services/replies.server";

export const csat = proxyEndpoint("csat", {
  POST: {
    body: csatRequest,
    handler: async ({ runtime, shop, shopRow, body, now }) => {
      const { followUp } = await submitCsat(runtime, shop, body, now, replyCopy(shopRow, body.locale));
      return { body: { ok: true, ...(followUp ? { followUp } : {}) } };
    },
  },
});
