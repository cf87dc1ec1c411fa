// Returns, resizes, exchanges and care: which order, proof it is theirs, then per-piece eligibility before a request.

import type { Copy } from "~/concierge/copy";
import type { Message, ReturnOptionName } from "~/concierge/messages";
import type { Intent } from "~/concierge/understanding/types";
import { message, returnForm, stylistOffer, text } from "../replies.server";
import { previewReturn } from "../returns.server";
import { customerOrders, orderPicker } from "./customerOrders.server";
import type { Turn, TurnInput } from "./journey";
import { awaitContact, hasContact, orderInQuestion, orderProvenEarlier, proveAccess } from "./orderAccess.server";
import type { DialogueState } from "./state";

type ReturnPreview = Awaited<ReturnType<typeof previewReturn>>;

export async function returnsJourney(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding, copy } = turn;
  const entities = understanding.entities;
  const option = requestedOption(input, state, understanding.intent);
  const lineItemId = input.action?.type === "return_preview" ? input.action.lineItemId : undefined;
  const { orderNumber, contact: given } = orderInQuestion(turn);

  if (!orderNumber) {
    state.awaiting = "return_order";
    state.pendingOption = option;
    turn.replies.push(
      text(copy.t(`returns.whichOrder.${option}`)),
      returnForm(copy, option, { newSize: entities.ringSize }),
    );
    // A logged-in customer picks from their delivered orders instead of typing a number.
    if (input.customerId) {
      const delivered = (await customerOrders(turn, input.customerId, 50))
        .filter((o) => o.status === "delivered")
        .slice(0, 3);
      if (delivered.length > 0) {
        turn.replies.push(
          orderPicker(
            copy,
            delivered,
            (o) => ({ type: "return_preview", orderNumber: o.number, option }),
            copy.t("returns.pickOrder"),
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
      text(copy.t("returns.askContact", { request: copy.t(`request.${option}`), number: orderNumber })),
      returnForm(copy, option, { orderNumber, newSize: entities.ringSize }),
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
        { orderNumber, ...contact, customerId: input.customerId, option, reason: "", lineItemId, locale: copy.locale },
        input.now,
      ),
    {
      orderNumber,
      option,
      form: () => returnForm(copy, option, { orderNumber }),
      stylistPrompt: copy.t("returns.stylistHelp"),
    },
  );
  if (!preview) return;
  state.pendingOption = null;
  // Named piece: its own verdict. Otherwise the order is eligible when any piece is (the form then asks which).
  const eligible = lineItemId ? preview.overall.eligible : preview.items.some((i) => i.eligible);
  turn.replies.push(eligibilityReply(preview, option, eligible));
  if (!eligible) {
    turn.replies.push(stylistOffer(copy, copy.t("returns.stylistOptions")));
    return;
  }
  turn.replies.push(confirmRequestForm(copy, preview, option, { lineItemId, newSize: entities.ringSize }));
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
  copy: Copy,
  { order, items }: ReturnPreview,
  option: ReturnOptionName,
  prefill: { lineItemId?: string; newSize?: number },
): Message {
  const pieces = items.filter((i) => i.eligible && i.item).map((i) => ({ value: i.item!.id, label: i.item!.title }));
  const { lineItemId, newSize } = prefill;
  return message({
    type: "form",
    form: "return",
    title: copy.t("form.confirm.title"),
    fields: [
      {
        name: "lineItemId",
        label: copy.t("field.piece"),
        kind: "select",
        required: true,
        options: pieces,
        ...(lineItemId && pieces.some((p) => p.value === lineItemId) ? { value: lineItemId } : {}),
      },
      ...(option === "resize"
        ? [
            {
              name: "newSize",
              label: copy.t("field.newSize"),
              kind: "number" as const,
              required: true,
              ...(newSize ? { value: newSize } : {}),
            },
          ]
        : []),
      { name: "reason", label: copy.t("field.reason"), kind: "textarea", required: true },
    ],
    submitAction: { type: "return_submit", endpoint: "returns" },
    context: { orderNumber: order.number, option },
  });
}
