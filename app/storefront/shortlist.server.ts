// POST /proxy/shortlist — save pieces and get a share link.

import { shortlistRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { saveShortlist, shareUrl } from "~/services/shortlists.server";

export const shortlist = proxyEndpoint("shortlist", {
  POST: {
    body: shortlistRequest,
    handler: async ({ runtime, shop, body, now }) => {
      const saved = await saveShortlist(runtime, shop, body, now);
      return {
        body: { shortlist: { id: saved.id, productIds: saved.productIds, shareUrl: shareUrl(shop, saved.id) } },
      };
    },
  },
});
