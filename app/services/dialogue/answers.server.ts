// Answers the concierge gives in one reply: the shop's FAQ, ring sizing, custom work, a stylist, small talk.

import { bestFaq } from "~/concierge/faqMatch";
import type { QuickReply } from "~/concierge/messages";
import { STYLIST_REPLY, chooser, escalationForm, quickReplies, text } from "../replies.server";
import { complete, type Turn } from "./journey";

type FaqIntent = "care_warranty" | "financing" | "faq";

const BROWSE_PIECES: QuickReply = { label: "Browse pieces", action: { type: "start", intent: "find_product" } };

/** Where each written answer leads next, besides a stylist. */
const FAQ_FOLLOW_UP: Record<FaqIntent, QuickReply> = {
  care_warranty: { label: "Book a cleaning", action: { type: "start", intent: "return_exchange", option: "care" } },
  financing: BROWSE_PIECES,
  faq: BROWSE_PIECES,
};

export async function answerFromFaq(turn: Turn, intent: FaqIntent, topic?: string): Promise<void> {
  const { runtime, input } = turn;
  const entries = await runtime.store.faq.list(input.shop.shop);
  const entry = bestFaq(entries, intent, input.text ?? "", topic);
  if (entry) {
    turn.replies.push(text(entry.answer));
    complete(turn, intent);
  } else {
    turn.replies.push(text("I don't have a written answer for that yet, but a stylist can help you directly."));
  }
  turn.replies.push(quickReplies([FAQ_FOLLOW_UP[intent], STYLIST_REPLY]));
}

export function sizing(turn: Turn): void {
  const size = turn.understanding.entities.ringSize;
  const guide = turn.input.shop.settings.sizeGuideUrl;
  turn.replies.push(
    text(
      (size ? `Got it — size ${size}. ` : "") +
        "To find your ring size, measure a ring that fits the right finger, or wrap a strip of paper around the finger and measure its length." +
        (guide ? ` Our size guide: ${guide}` : "") +
        " If a ring you bought doesn't fit, we can resize it.",
    ),
    quickReplies([
      { label: "Start a resize", action: { type: "start", intent: "return_exchange", option: "resize" } },
      { label: "Ring size guide", action: { type: "faq", topic: "sizing" } },
      STYLIST_REPLY,
    ]),
  );
  complete(turn, "sizing");
}

export function customization(turn: Turn): void {
  const url = turn.input.shop.settings.customizationUrl;
  turn.replies.push(
    text(
      "I can't design or engrave pieces here, but our stylists do custom work and engraving every day." +
        (url ? ` You can also start a design at ${url}.` : " Leave your details and a stylist will get back to you."),
    ),
    escalationForm("customization", "Ask a stylist about custom work"),
  );
}

/** The stylist form, tagged with why a stylist was offered or else what the shopper was last doing. */
export function stylistHandoff(turn: Turn): void {
  const { state } = turn;
  const topic =
    state.handoffTopic ??
    (state.lastIntent && !["stylist_contact", "thanks", "greeting"].includes(state.lastIntent)
      ? state.lastIntent
      : "general");
  turn.replies.push(escalationForm(topic, "Talk to a stylist"));
}

export function greet(turn: Turn): void {
  turn.replies.push(...chooser(`${turn.input.shop.settings.appearance.greeting} What can I help with?`));
}

export function welcomeThanks(turn: Turn): void {
  turn.replies.push(text("You're very welcome. Anything else I can help with?"));
}

export function clarify(turn: Turn): void {
  turn.replies.push(...chooser("I'm not sure I understood. Here's what I can help with — or ask a stylist:"));
}
