// Answers the concierge gives in one reply: the shop's FAQ, ring sizing, custom work, a stylist, small talk.

import type { Copy } from "~/concierge/copy";
import { bestFaq } from "~/concierge/faqMatch";
import type { QuickReply } from "~/concierge/messages";
import { defaultShopSettings } from "~/concierge/shopDefaults";
import { chooser, escalationForm, quickReplies, stylistReply, text } from "../replies.server";
import { complete, type Turn } from "./journey";

type FaqIntent = "care_warranty" | "financing" | "faq";

/** Where each written answer leads next, besides a stylist. */
function faqFollowUp(copy: Copy, intent: FaqIntent): QuickReply {
  return intent === "care_warranty"
    ? { label: copy.t("reply.bookCleaning"), action: { type: "start", intent: "return_exchange", option: "care" } }
    : { label: copy.t("reply.browsePieces"), action: { type: "start", intent: "find_product" } };
}

/** The shop's greeting; the stock one is said in the reply's language, a merchant's own as they wrote it. */
const STOCK_GREETING = defaultShopSettings().appearance.greeting;

export async function answerFromFaq(turn: Turn, intent: FaqIntent, topic?: string): Promise<void> {
  const { runtime, input, copy } = turn;
  const entries = await runtime.store.faq.list(input.shop.shop);
  const entry = bestFaq(entries, intent, input.text ?? "", topic);
  if (entry) {
    // The shop's own FAQ answer, as the merchant wrote it.
    turn.replies.push(text(entry.answer));
    complete(turn, intent);
  } else {
    turn.replies.push(text(copy.t("faq.noAnswer")));
  }
  turn.replies.push(quickReplies([faqFollowUp(copy, intent), stylistReply(copy)]));
}

export function sizing(turn: Turn): void {
  const { copy } = turn;
  const size = turn.understanding.entities.ringSize;
  const guide = turn.input.shop.settings.sizeGuideUrl;
  const sentences = [
    ...(size ? [copy.t("sizing.gotSize", { size })] : []),
    copy.t("sizing.howTo"),
    ...(guide ? [copy.t("sizing.guide", { url: guide })] : []),
    copy.t("sizing.resize"),
  ];
  turn.replies.push(
    text(sentences.join(" ")),
    quickReplies([
      { label: copy.t("reply.startResize"), action: { type: "start", intent: "return_exchange", option: "resize" } },
      { label: copy.t("reply.sizeGuide"), action: { type: "faq", topic: "sizing" } },
      stylistReply(copy),
    ]),
  );
  complete(turn, "sizing");
}

export function customization(turn: Turn): void {
  const { copy } = turn;
  const url = turn.input.shop.settings.customizationUrl;
  turn.replies.push(
    text(`${copy.t("custom.intro")} ${url ? copy.t("custom.url", { url }) : copy.t("custom.leaveDetails")}`),
    escalationForm(copy, "customization", copy.t("custom.formTitle")),
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
  turn.replies.push(escalationForm(turn.copy, topic, turn.copy.t("stylist.formTitle")));
}

export function greet(turn: Turn): void {
  const { copy } = turn;
  const own = turn.input.shop.settings.appearance.greeting;
  const greeting = !own || own === STOCK_GREETING ? copy.t("greet.default") : own;
  turn.replies.push(...chooser(copy, copy.t("greet.ask", { greeting })));
}

export function welcomeThanks(turn: Turn): void {
  turn.replies.push(text(turn.copy.t("thanks.welcome")));
}

export function clarify(turn: Turn): void {
  turn.replies.push(...chooser(turn.copy, turn.copy.t("clarify.prompt")));
}
