// A logged-in customer's own orders in the dialogue: offered as buttons instead of asking for a number.

import type { Copy } from "~/concierge/copy";
import type { Action, Message } from "~/concierge/messages";
import type { Order } from "~/store/port";
import { recentOrdersOf } from "../orders.server";
import { quickReplies } from "../replies.server";
import type { Turn } from "./journey";

/** Newest first; reading them counts as a lookup like any other. */
export async function customerOrders(turn: Turn, customerId: string, limit?: number): Promise<Order[]> {
  await turn.input.consumeLookup();
  return recentOrdersOf(turn.runtime, turn.input.shop.shop, customerId, limit);
}

export function orderPicker(copy: Copy, orders: Order[], actionFor: (order: Order) => Action, prompt: string): Message {
  return quickReplies(
    orders.map((o) => ({ label: copy.t("reply.order", { name: o.name }), action: actionFor(o) })),
    prompt,
  );
}
