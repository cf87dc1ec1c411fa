// The rating inside the dialogue: asked once after the first completed journey, and the shopper's answer to it.

import type { Action } from "~/concierge/messages";
import { AppError } from "~/platform/errors.server";
import { LOW_CSAT_TOPIC, submitCsat } from "../csat.server";
import { csatQuestion, text } from "../replies.server";
import type { Turn } from "./journey";

export function maybeAskCsat(turn: Turn): void {
  const { state } = turn;
  if (state.csatAsked || state.csatDone || state.completed.length === 0) return;
  state.csatAsked = true;
  turn.replies.push(csatQuestion(turn.copy));
}

export async function takeRating(turn: Turn, action: Extract<Action, { type: "csat" }>): Promise<void> {
  const { runtime, input, state } = turn;
  state.csatAsked = true;
  state.csatDone = true;
  try {
    const { followUp } = await submitCsat(
      runtime,
      input.shop.shop,
      {
        conversationId: input.conversationId!,
        rating: action.rating,
        comment: action.comment,
        visitorId: input.visitorId,
      },
      input.now,
      turn.copy,
    );
    turn.replies.push(text(turn.copy.t("csat.thanks")));
    if (followUp) {
      state.handoffTopic = LOW_CSAT_TOPIC;
      turn.replies.push(followUp);
    }
  } catch (error) {
    // A second tap on the thumbs (another tab, a double click) is not an error for the conversation.
    if (!(error instanceof AppError && error.code === "csat.already_submitted")) throw error;
    turn.replies.push(text(turn.copy.t("csat.already")));
  }
}
