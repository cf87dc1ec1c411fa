// Builders for the concierge's replies in the Message vocabulary, in the reply's language (concierge/copy).

import { type Copy, copyFor, replyLocale } from "~/concierge/copy";
import type { Action, FormField, Message, QuickReply, ReturnOptionName } from "~/concierge/messages";
import { newId } from "~/platform/ids.server";
import type { Shop } from "~/store/port";

/** The copy for a reply outside a conversation turn: the request's locale, else the shop's primary locale. */
export const replyCopy = (shop: Shop | null, locale?: string): Copy =>
  copyFor(replyLocale(locale, shop?.settings.locale));

type Without<T> = T extends unknown ? Omit<T, "id"> : never;

export function message(body: Without<Message>): Message {
  return { id: newId("msg"), ...body } as Message;
}

export const text = (value: string): Message => message({ type: "text", text: value, role: "concierge" });

export const quickReplies = (replies: QuickReply[], prompt?: string): Message =>
  message({ type: "quick_replies", replies, ...(prompt ? { text: prompt } : {}) });

export const stylistReply = (copy: Copy): QuickReply => ({
  label: copy.t("reply.stylist"),
  action: { type: "start", intent: "stylist_contact" },
});

/** The chooser: every path the concierge offers, always including a human. */
export function chooser(copy: Copy, prompt: string): Message[] {
  const start = (label: string, intent: Extract<Action, { type: "start" }>["intent"]): QuickReply => ({
    label,
    action: { type: "start", intent },
  });
  return [
    quickReplies(
      [
        start(copy.t("reply.findPiece"), "find_product"),
        start(copy.t("reply.trackOrder"), "track_order"),
        start(copy.t("reply.returnOrResize"), "return_exchange"),
        start(copy.t("reply.ringSizing"), "sizing"),
        stylistReply(copy),
      ],
      prompt,
    ),
  ];
}

export function stylistOffer(copy: Copy, prompt: string): Message {
  return quickReplies(
    [stylistReply(copy), { label: copy.t("reply.noThanks"), action: { type: "start", intent: "find_product" } }],
    prompt,
  );
}

/** The order number and checkout contact, with the number filled in when the shopper already gave it. */
function contactFields(copy: Copy, orderNumber?: string): FormField[] {
  return [
    {
      name: "orderNumber",
      label: copy.t("field.orderNumber"),
      kind: "text",
      required: true,
      hint: copy.t("field.orderNumber.hint"),
      ...(orderNumber ? { value: orderNumber } : {}),
    },
    { name: "email", label: copy.t("field.checkoutEmail"), kind: "email", required: false, autocomplete: "email" },
    {
      name: "postalCode",
      label: copy.t("field.postalCode"),
      kind: "text",
      required: false,
      autocomplete: "postal-code",
    },
  ];
}

export function orderLookupForm(copy: Copy, prefill?: { orderNumber?: string }): Message {
  return message({
    type: "form",
    form: "order_lookup",
    title: copy.t("form.orderLookup.title"),
    fields: contactFields(copy, prefill?.orderNumber),
    submitAction: { type: "order_lookup" },
  });
}

export function returnForm(
  copy: Copy,
  option: ReturnOptionName,
  prefill?: { orderNumber?: string; newSize?: number },
): Message {
  const options: ReturnOptionName[] = ["return", "resize", "exchange", "care"];
  const fields: FormField[] = [
    ...contactFields(copy, prefill?.orderNumber),
    {
      name: "option",
      label: copy.t("field.option"),
      kind: "select",
      required: true,
      value: option,
      options: options.map((value) => ({ value, label: copy.t(`field.option.${value}`) })),
    },
    {
      name: "newSize",
      label: copy.t("field.newSizeOptional"),
      kind: "number",
      required: false,
      ...(prefill?.newSize ? { value: prefill.newSize } : {}),
    },
    { name: "reason", label: copy.t("field.reason"), kind: "textarea", required: true },
  ];
  return message({
    type: "form",
    form: "return",
    title: copy.t("form.return.title"),
    fields,
    submitAction: { type: "return_preview" },
  });
}

export function escalationForm(copy: Copy, topic: string, title: string): Message {
  return message({
    type: "form",
    form: "escalation",
    title,
    fields: [
      { name: "name", label: copy.t("field.name"), kind: "text", required: true, autocomplete: "name" },
      { name: "email", label: copy.t("field.email"), kind: "email", required: true, autocomplete: "email" },
      { name: "phone", label: copy.t("field.phone"), kind: "tel", required: false, autocomplete: "tel" },
      { name: "preferredTime", label: copy.t("field.preferredTime"), kind: "text", required: false },
      { name: "notes", label: copy.t("field.notes"), kind: "textarea", required: false },
      { name: "topic", label: copy.t("field.topic"), kind: "hidden", required: true, value: topic },
      // Left empty by people; filled by bots. The server drops submissions that fill it.
      { name: "website", label: copy.t("field.website"), kind: "hidden", required: false },
    ],
    submitAction: { type: "escalate", endpoint: "escalations" },
  });
}

export const csatQuestion = (copy: Copy): Message =>
  message({ type: "csat", question: copy.t("csat.question"), scale: [1, 5] });
