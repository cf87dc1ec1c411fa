// GET /proxy/shortlist/{id} — a shared shortlist as product cards.

import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { shortlistCards } from "~/services/shortlists.server";

export const shortlistGet = proxyEndpoint("shortlist.get", {
  GET: {
    handler: async ({ runtime, shopRow, params, now }) => ({
      body: { shortlist: await shortlistCards(runtime, shopRow!, String(params.id ?? ""), now) },
    }),
  },
});
