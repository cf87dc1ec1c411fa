// Builders for the concierge's replies in the Message vocabulary, and the shopper-facing copy they carry.

import type { Action, FormField, Message, QuickReply, ReturnOptionName } from "~/concierge/messages";
import { newId } from "~/platform/ids.server";

type Without<T> = T extends unknown ? Omit<T, "id"> : never;

export function message(body: Without<Message>): Message {
  return { id: newId("msg"), ...body } as Message;
}

export const text = (value: string): Message => message({ type: "text", text: value, role: "concierge" });

export const quickReplies = (replies: QuickReply[], prompt?: string): Message =>
  message({ type: "quick_replies", replies, ...(prompt ? { text: prompt } : {}) });

export const STYLIST_REPLY: QuickReply = {
  label: "Talk to a stylist",
  action: { type: "start", intent: "stylist_contact" },
};

/** The chooser: every path the concierge offers, always including a human. */
export function chooser(prompt: string): Message[] {
  const start = (label: string, intent: Extract<Action, { type: "start" }>["intent"]): QuickReply => ({
    label,
    action: { type: "start", intent },
  });
  return [
    quickReplies(
      [
        start("Find a piece", "find_product"),
        start("Track an order", "track_order"),
        start("Return or resize", "return_exchange"),
        start("Ring sizing", "sizing"),
        STYLIST_REPLY,
      ],
      prompt,
    ),
  ];
}

export function stylistOffer(prompt: string): Message {
  return quickReplies(
    [STYLIST_REPLY, { label: "No thanks", action: { type: "start", intent: "find_product" } }],
    prompt,
  );
}

const CONTACT_FIELDS: FormField[] = [
  { name: "orderNumber", label: "Order number", kind: "text", required: true, hint: "For example #1042" },
  { name: "email", label: "Email used at checkout", kind: "email", required: false, autocomplete: "email" },
  { name: "postalCode", label: "Or postal code", kind: "text", required: false, autocomplete: "postal-code" },
];

/** The order number and checkout contact, with the number filled in when the shopper already gave it. */
function contactFields(orderNumber?: string): FormField[] {
  return CONTACT_FIELDS.map((f) => (f.name === "orderNumber" && orderNumber ? { ...f, value: orderNumber } : f));
}

export function orderLookupForm(prefill?: { orderNumber?: string }): Message {
  return message({
    type: "form",
    form: "order_lookup",
    title: "Find your order",
    fields: contactFields(prefill?.orderNumber),
    submitAction: { type: "order_lookup" },
  });
}

export function returnForm(option: ReturnOptionName, prefill?: { orderNumber?: string; newSize?: number }): Message {
  const fields: FormField[] = [
    ...contactFields(prefill?.orderNumber),
    {
      name: "option",
      label: "What would you like?",
      kind: "select",
      required: true,
      value: option,
      options: [
        { value: "return", label: "Return for a refund" },
        { value: "resize", label: "Resize a ring" },
        { value: "exchange", label: "Exchange for another piece" },
        { value: "care", label: "Cleaning and care" },
      ],
    },
    {
      name: "newSize",
      label: "New ring size (for a resize)",
      kind: "number",
      required: false,
      ...(prefill?.newSize ? { value: prefill.newSize } : {}),
    },
    { name: "reason", label: "Reason", kind: "textarea", required: true },
  ];
  return message({
    type: "form",
    form: "return",
    title: "Start a return or resize",
    fields,
    submitAction: { type: "return_preview" },
  });
}

export function escalationForm(topic: string, prompt: string): Message {
  return message({
    type: "form",
    form: "escalation",
    title: prompt,
    fields: [
      { name: "name", label: "Your name", kind: "text", required: true, autocomplete: "name" },
      { name: "email", label: "Email", kind: "email", required: true, autocomplete: "email" },
      { name: "phone", label: "Phone (optional)", kind: "tel", required: false, autocomplete: "tel" },
      { name: "preferredTime", label: "Best time to reach you (optional)", kind: "text", required: false },
      { name: "notes", label: "How can a stylist help?", kind: "textarea", required: false },
      { name: "topic", label: "Topic", kind: "hidden", required: true, value: topic },
      // Left empty by people; filled by bots. The server drops submissions that fill it.
      { name: "website", label: "Leave this field empty", kind: "hidden", required: false },
    ],
    submitAction: { type: "escalate", endpoint: "escalations" },
  });
}

export const csatQuestion = (): Message =>
  message({ type: "csat", question: "How did I do? Rate this conversation from 1 to 5.", scale: [1, 5] });
