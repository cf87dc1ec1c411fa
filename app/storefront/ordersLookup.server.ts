// POST /proxy/orders/lookup — order status for a guest (number + email or postal code) or the logged-in owner.

import { orderLookupRequest } from "~/contract/storefront";
import { AppError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { findOrder, orderView } from "~/services/orders.server";
import { replyCopy } from "~/services/replies.server";

export const ordersLookup = proxyEndpoint("orders.lookup", {
  POST: {
    body: orderLookupRequest,
    lookup: true,
    handler: async ({ runtime, shop, shopRow, customerId, body }) => {
      if (!body.email && !body.postalCode && !customerId) {
        throw new AppError("validation.failed", 400, "Give the email or postal code used at checkout.", {
          issues: [{ path: "email", message: "email or postalCode is required" }],
        });
      }
      const order = await findOrder(runtime, shop, { ...body, customerId });
      // The timeline's labels follow the request's locale, then the shop's primary one, like every reply.
      return { body: { order: orderView(order, replyCopy(shopRow, body.locale).locale) } };
    },
  },
});
