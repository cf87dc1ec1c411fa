// Which order a turn is about, and whether the shopper has shown it is theirs: tracking and requests both ask.

import type { Message, ReturnOptionName } from "~/concierge/messages";
import { AppError } from "~/platform/errors.server";
import type { Order } from "~/store/port";
import { stylistOffer, text } from "../replies.server";
import { givenEntities, type Turn } from "./journey";
import type { DialogueState } from "./state";

export interface CheckoutContact {
  email?: string;
  postalCode?: string;
}

/**
 * The order number this turn is about, and the checkout contact given with it. A number given earlier in the
 * flow still counts when the shopper now answers with the contact alone.
 */
export function orderInQuestion({ understanding, state }: Turn): { orderNumber?: string; contact: CheckoutContact } {
  const { orderNumber, email, postalCode } = understanding.entities;
  const pending = state.awaiting === "order_contact" ? (state.pendingOrderNumber ?? undefined) : undefined;
  return {
    orderNumber: orderNumber ?? pending,
    contact: givenEntities({ email, postalCode }) as CheckoutContact,
  };
}

export const hasContact = (contact: CheckoutContact): boolean => Boolean(contact.email || contact.postalCode);

/**
 * The id of the order a conversation proved access to (number and checkout contact, or its logged-in owner), when
 * that proof still holds for this caller: proof made while logged in does not outlive the login (a shared device
 * after logout).
 */
export function provenOrderId(state: DialogueState, customerId: string | null | undefined): string | null {
  if (!state.order) return null;
  if (state.order.customerId && state.order.customerId !== customerId) return null;
  return state.order.id;
}

/** The order this conversation proved access to earlier, when it is the one asked about now. */
export async function orderProvenEarlier(turn: Turn, orderNumber: string): Promise<Order | null> {
  const { runtime, input, state } = turn;
  if (state.order?.number !== orderNumber) return null;
  const id = provenOrderId(state, input.customerId);
  return id ? runtime.store.orders.get(input.shop.shop, id) : null;
}

export function rememberOrder(state: DialogueState, order: Order, customerId: string | null): void {
  state.order = { id: order.id, number: order.number, status: order.status, customerId };
}

/** The next turn's contact belongs to this number (and, in a returns flow, to this kind of request). */
export function awaitContact(state: DialogueState, orderNumber: string, option?: ReturnOptionName): void {
  state.awaiting = "order_contact";
  state.pendingOrderNumber = orderNumber;
  if (option) state.pendingOption = option;
}

/**
 * Runs the lookup that proves access. Found: the conversation remembers the order and stops waiting for it.
 * Refused: asks again for this number, since either part may be the typo — a corrected email or postal code alone
 * retries it, a new number starts over (the reply is the same whether the number exists or not).
 */
export async function proveAccess<T extends { order: Order }>(
  turn: Turn,
  lookup: () => Promise<T>,
  retry: { orderNumber: string; option?: ReturnOptionName; form: () => Message; stylistPrompt: string },
): Promise<T | null> {
  const { state } = turn;
  let found: T;
  try {
    found = await lookup();
  } catch (error) {
    if (!(error instanceof AppError && error.code === "order.not_found")) throw error;
    awaitContact(state, retry.orderNumber, retry.option);
    turn.replies.push(text(turn.copy.t("order.notFound")), retry.form(), stylistOffer(turn.copy, retry.stylistPrompt));
    return null;
  }
  rememberOrder(state, found.order, turn.input.customerId);
  state.awaiting = null;
  state.pendingOrderNumber = null;
  return found;
}
