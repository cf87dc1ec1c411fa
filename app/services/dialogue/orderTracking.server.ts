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
  const { runtime, input, state } = turn;
  const { orderNumber, contact } = orderInQuestion(turn);

  if (orderNumber) {
    if (!hasContact(contact) && !input.customerId) {
      const proven = await orderProvenEarlier(turn, orderNumber);
      if (proven) return showOrder(turn, proven);
      awaitContact(state, orderNumber);
      turn.replies.push(
        text(`To keep your order private, what email or postal code did you use at checkout for #${orderNumber}?`),
        orderLookupForm({ orderNumber }),
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
        form: () => orderLookupForm({ orderNumber }),
        stylistPrompt: "Or a stylist can look into it for you.",
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
          orderPicker(
            others,
            (o) => ({ type: "order_lookup", orderNumber: o.number }),
            "Looking for a different order?",
          ),
        );
      }
      return;
    }
  }
  state.awaiting = "order_number";
  turn.replies.push(
    text("I can check that for you. What's your order number, and the email or postal code you used at checkout?"),
    orderLookupForm(),
  );
}

function showOrder(turn: Turn, order: Order): void {
  turn.replies.push(message({ type: "order_status", order: orderView(order) }));
  if (needsStylist(order, turn.input.now)) {
    turn.state.handoffTopic = order.status === "exception" ? "order_exception" : "order_late";
    turn.replies.push(stylistOffer("This order needs attention. A stylist can chase it for you right away."));
  }
  complete(turn, "track_order");
}
