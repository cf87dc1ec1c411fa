// CSAT: one rating per conversation; a rating of 2 or less offers a stylist at once.

import { type Copy, copyFor } from "~/concierge/copy";
import type { Message } from "~/concierge/messages";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import { DuplicateError, type CsatRating } from "~/store/port";
import { stylistOffer } from "./replies.server";

/** The escalation topic after a low rating: the ticket queue gives it priority. */
export const LOW_CSAT_TOPIC = "low_csat";
const LOW_RATING = 2;

export async function submitCsat(
  runtime: Runtime,
  shop: string,
  input: { conversationId: string; rating: number; comment?: string | null; visitorId?: string },
  now: Date,
  copy: Copy = copyFor("en"),
): Promise<{ rating: CsatRating; followUp?: Message }> {
  const conversation = await runtime.store.conversations.get(shop, input.conversationId);
  if (!conversation || conversation.erasedAt || (input.visitorId && conversation.visitorId !== input.visitorId)) {
    throw new AppError("conversation.not_found", 404, "We couldn't find that conversation.");
  }
  let rating: CsatRating;
  try {
    rating = await runtime.store.csat.create(shop, {
      id: newId("csat"),
      conversationId: conversation.id,
      rating: input.rating,
      comment: input.comment ?? null,
      intent: conversation.lastIntent,
      createdAt: now.toISOString(),
    });
  } catch (error) {
    if (error instanceof DuplicateError) {
      throw new AppError("csat.already_submitted", 409, "Thanks — this conversation has already been rated.");
    }
    throw error;
  }
  const low = input.rating <= LOW_RATING;
  // A stylist offered after a low rating leads to a form with the low-CSAT topic (see the dialogue's handoffTopic).
  const state = {
    ...conversation.state,
    csatAsked: true,
    csatDone: true,
    ...(low ? { handoffTopic: LOW_CSAT_TOPIC } : {}),
  };
  await runtime.store.conversations.update(shop, conversation.id, {
    rating: input.rating,
    state,
    updatedAt: now.toISOString(),
  });
  runtime.metrics.csatRatings.inc({ rating: String(input.rating) });
  runtime.metrics.csatPoints.inc(input.rating);
  if (low)
    return {
      rating,
      followUp: stylistOffer(copy, copy.t("csat.sorry")),
    };
  return { rating };
}
