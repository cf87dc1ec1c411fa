// "Where is my order?": the order's timeline once the shopper has shown it is theirs, and a stylist when it is stuck.

import { needsStylist } from "~/concierge/orderTimeline";
import type { Order } from "~/store/port";
import { findOrder, orderView } from "../orders.server";
import { message, orderLookupForm, stylistOffer, text } from "../replies.server";
import { customerOrders, orderPicker } from "./customerOrders.server";
import { complete, type Turn } from "./journey";
import {
  awaitContact,
  hasContact,
  orderInQuestion,
  orderProvenEarlier,
  proveAccess,
  rememberOrder,
} from "./orderAccess.server";

export async function trackOrder(turn: Turn): Promise<void> {
  const { runtime, input, state, copy } = turn;
  const { orderNumber, contact } = orderInQuestion(turn);

  if (orderNumber) {
    if (!hasContact(contact) && !input.customerId) {
      const proven = await orderProvenEarlier(turn, orderNumber);
      if (proven) return showOrder(turn, proven);
      awaitContact(state, orderNumber);
      turn.replies.push(
        text(copy.t("order.askContact", { number: orderNumber })),
        orderLookupForm(copy, { orderNumber }),
      );
      return;
    }
    await input.consumeLookup();
    const found = await proveAccess(
      turn,
      async () => ({
        order: await findOrder(runtime, input.shop.shop, { orderNumber, ...contact, customerId: input.customerId }),
      }),
      {
        orderNumber,
        form: () => orderLookupForm(copy, { orderNumber }),
        stylistPrompt: copy.t("order.stylistLookup"),
      },
    );
    if (found) showOrder(turn, found.order);
    return;
  }
  if (input.customerId) {
    const recent = await customerOrders(turn, input.customerId);
    if (recent.length > 0) {
      const [latest, ...others] = recent;
      rememberOrder(state, latest, input.customerId);
      showOrder(turn, latest);
      if (others.length) {
        turn.replies.push(
          orderPicker(copy, others, (o) => ({ type: "order_lookup", orderNumber: o.number }), copy.t("order.other")),
        );
      }
      return;
    }
  }
  state.awaiting = "order_number";
  turn.replies.push(text(copy.t("order.askNumber")), orderLookupForm(copy));
}

function showOrder(turn: Turn, order: Order): void {
  const { copy } = turn;
  turn.replies.push(message({ type: "order_status", order: orderView(order, copy.locale) }));
  if (needsStylist(order, turn.input.now)) {
    turn.state.handoffTopic = order.status === "exception" ? "order_exception" : "order_late";
    turn.replies.push(stylistOffer(copy, copy.t("order.attention")));
  }
  complete(turn, "track_order");
}
