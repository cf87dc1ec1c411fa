// POST /proxy/returns — a return, resize, exchange or care request, checked for eligibility first.

import { returnRequest } from "~/contract/storefront";
import { AppError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { provenOrderId } from "~/services/dialogue/orderAccess.server";
import { dialogueState } from "~/services/dialogue/state";
import { replyCopy } from "~/services/replies.server";
import { createReturn, nextStepsFor } from "~/services/returns.server";

export const returns = proxyEndpoint("returns", {
  POST: {
    body: returnRequest,
    lookup: true,
    handler: async ({ runtime, shopRow, customerId, body, now, conversation }) => {
      // A shopper who proved the order in the chat (its number and contact typed there) confirms without repeating
      // the contact: the conversation is theirs (the pipeline's ownership check) and remembers which order it proved.
      const proven = conversation ? provenOrderId(dialogueState(conversation), customerId) : null;
      if (!body.email && !body.postalCode && !customerId && !proven) {
        throw new AppError("validation.failed", 400, "Give the email or postal code used at checkout.", {
          issues: [{ path: "email", message: "email or postalCode is required" }],
        });
      }
      const request = await createReturn(runtime, shopRow!, { ...body, customerId, provenOrderId: proven }, now);
      return {
        body: {
          returnRequest: {
            id: request.id,
            rma: request.rma,
            status: request.status,
            option: request.option,
            orderNumber: request.orderNumber,
            lineItemId: request.lineItemId,
            eligibility: request.eligibility,
            nextSteps: nextStepsFor(request.option, replyCopy(shopRow!, body.locale)),
          },
        },
      };
    },
  },
});
