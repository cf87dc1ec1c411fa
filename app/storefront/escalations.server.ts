// POST /proxy/escalations — hand the conversation to a stylist: a ticket with context and a reply time.

import { escalationRequest } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { replyCopy } from "~/services/replies.server";
import { createEscalation, decoyTicket, ticketView } from "~/services/tickets.server";

export const escalations = proxyEndpoint("escalations", {
  POST: {
    body: escalationRequest,
    handler: async ({ runtime, shopRow, body, now, ctx }) => {
      const shop = shopRow!;
      if (body.website) {
        // The honeypot was filled: a bot. Answer like a success so it learns nothing; store nothing.
        ctx.logger.warn("escalation honeypot filled; dropped");
        return { body: { ticket: decoyTicket(shop, now) } };
      }
      const ticket = await createEscalation(runtime, shop, body, now);
      return { body: { ticket: ticketView(shop, ticket, now, replyCopy(shop, body.locale).locale) } };
    },
  },
});
