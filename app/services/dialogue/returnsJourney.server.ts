// Returns, resizes, exchanges and care: which order, proof it is theirs, then per-piece eligibility before a request.

import { REQUEST_NOUN } from "~/concierge/eligibility";
import type { Message, ReturnOptionName } from "~/concierge/messages";
import type { Intent } from "~/concierge/understanding/types";
import { message, returnForm, stylistOffer, text } from "../replies.server";
import { previewReturn } from "../returns.server";
import { customerOrders, orderPicker } from "./customerOrders.server";
import type { Turn, TurnInput } from "./journey";
import { awaitContact, hasContact, orderInQuestion, orderProvenEarlier, proveAccess } from "./orderAccess.server";
import type { DialogueState } from "./state";

type ReturnPreview = Awaited<ReturnType<typeof previewReturn>>;

const WHICH_ORDER: Record<ReturnOptionName, string> = {
  return: "I can start a return for you. Which order is it?",
  exchange: "I can start an exchange for you. Which order is it?",
  resize: "I can start a resize. Which order is the ring from?",
  care: "I can arrange a cleaning and care check. Which order is the piece from?",
};

export async function returnsJourney(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding } = turn;
  const entities = understanding.entities;
  const option = requestedOption(input, state, understanding.intent);
  const lineItemId = input.action?.type === "return_preview" ? input.action.lineItemId : undefined;
  const { orderNumber, contact: given } = orderInQuestion(turn);

  if (!orderNumber) {
    state.awaiting = "return_order";
    state.pendingOption = option;
    turn.replies.push(text(WHICH_ORDER[option]), returnForm(option, { newSize: entities.ringSize }));
    // A logged-in customer picks from their delivered orders instead of typing a number.
    if (input.customerId) {
      const delivered = (await customerOrders(turn, input.customerId, 50))
        .filter((o) => o.status === "delivered")
        .slice(0, 3);
      if (delivered.length > 0) {
        turn.replies.push(
          orderPicker(
            delivered,
            (o) => ({ type: "return_preview", orderNumber: o.number, option }),
            "Or pick one of your orders:",
          ),
        );
      }
    }
    return;
  }
  const proven = state.order?.number === orderNumber;
  if (!hasContact(given) && !input.customerId && !proven) {
    awaitContact(state, orderNumber, option);
    turn.replies.push(
      text(
        `I can start a ${REQUEST_NOUN[option]} for #${orderNumber}. To keep your order private, what email or postal code did you use at checkout?`,
      ),
      returnForm(option, { orderNumber, newSize: entities.ringSize }),
    );
    return;
  }

  await input.consumeLookup();
  // Access proven earlier in this conversation (number + contact, or the logged-in owner) carries over.
  const provenOrder = hasContact(given) ? null : await orderProvenEarlier(turn, orderNumber);
  const contact = provenOrder ? { email: provenOrder.email } : given;
  const preview = await proveAccess(
    turn,
    () =>
      previewReturn(
        runtime,
        input.shop,
        { orderNumber, ...contact, customerId: input.customerId, option, reason: "", lineItemId },
        input.now,
      ),
    { orderNumber, option, form: () => returnForm(option, { orderNumber }), stylistPrompt: "Or a stylist can help." },
  );
  if (!preview) return;
  state.pendingOption = null;
  // Named piece: its own verdict. Otherwise the order is eligible when any piece is (the form then asks which).
  const eligible = lineItemId ? preview.overall.eligible : preview.items.some((i) => i.eligible);
  turn.replies.push(eligibilityReply(preview, option, eligible));
  if (!eligible) {
    turn.replies.push(stylistOffer("A stylist can look at options with you."));
    return;
  }
  turn.replies.push(confirmRequestForm(preview, option, { lineItemId, newSize: entities.ringSize }));
}

/** The kind of request: a button says it; else the words; else what this flow started as (a resize stays one). */
function requestedOption(input: TurnInput, state: DialogueState, intent: Intent): ReturnOptionName {
  if (input.action?.type === "start") return input.action.option ?? "return";
  if (input.action?.type === "return_preview") return input.action.option;
  const said = input.text ?? "";
  if (/resiz/i.test(said)) return "resize";
  if (/exchang|swap/i.test(said)) return "exchange";
  if (/\b(return|refund)|send (it |them )?back/i.test(said)) return "return";
  if (intent === "sizing") return "resize";
  return state.pendingOption ?? "return";
}

function eligibilityReply(
  { order, overall, items }: ReturnPreview,
  option: ReturnOptionName,
  eligible: boolean,
): Message {
  return message({
    type: "return_eligibility",
    eligible,
    ...(eligible || !overall.reason ? {} : { reason: overall.reason }),
    text: overall.message,
    option,
    order: { number: order.number },
    items: items.map((i) => ({
      id: i.item?.id ?? "",
      title: i.item?.title ?? "",
      eligible: i.eligible,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(i.deadline ? { deadline: i.deadline } : {}),
    })),
  });
}

/** The last step before a request is submitted: which eligible piece, the new size for a resize, and why. */
function confirmRequestForm(
  { order, items }: ReturnPreview,
  option: ReturnOptionName,
  prefill: { lineItemId?: string; newSize?: number },
): Message {
  const pieces = items.filter((i) => i.eligible && i.item).map((i) => ({ value: i.item!.id, label: i.item!.title }));
  const { lineItemId, newSize } = prefill;
  return message({
    type: "form",
    form: "return",
    title: "Confirm your request",
    fields: [
      {
        name: "lineItemId",
        label: "Which piece?",
        kind: "select",
        required: true,
        options: pieces,
        ...(lineItemId && pieces.some((p) => p.value === lineItemId) ? { value: lineItemId } : {}),
      },
      ...(option === "resize"
        ? [
            {
              name: "newSize",
              label: "New ring size",
              kind: "number" as const,
              required: true,
              ...(newSize ? { value: newSize } : {}),
            },
          ]
        : []),
      { name: "reason", label: "Reason", kind: "textarea", required: true },
    ],
    submitAction: { type: "return_submit", endpoint: "returns" },
    context: { orderNumber: order.number, option },
  });
}
