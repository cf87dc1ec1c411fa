// What a conversation remembers between turns: the search, the shortlist, the order, what it asked for last.

import type { ReturnOptionName } from "~/concierge/messages";
import type { Intent, ProductFilters } from "~/concierge/understanding/types";
import type { Conversation } from "~/store/port";

export interface DialogueState {
  lastIntent: Intent | null;
  filters: ProductFilters | null;
  terms: string[];
  /** A price order asked for with no price to move ("cheaper ones"); kept while paging the same search. */
  sort: "price_asc" | "price_desc" | null;
  page: number;
  shortlist: string[];
  /** The order this conversation has proven access to (number + contact, or the logged-in owner). */
  /** `customerId`: the login the proof was made under (null for a guest's number + contact). */
  order: { id: string; number: string; status: string; customerId?: string | null } | null;
  /** What the last reply asked for: an order number (to track, or for a request), or the contact for one. */
  awaiting: "order_number" | "return_order" | "order_contact" | null;
  pendingOrderNumber: string | null;
  /** The kind of request a returns flow started as, while it waits for the order or the contact. */
  pendingOption: ReturnOptionName | null;
  /**
   * Why the concierge last offered a stylist ("order_exception", "order_late", "low_csat"), so the escalation
   * form it leads to carries that topic — the ticket queue gives those topics priority and a shorter SLA.
   */
  handoffTopic: string | null;
  csatAsked: boolean;
  csatDone: boolean;
  completed: string[];
}

/**
 * A fresh state for every conversation. A function, not a shared constant: the state holds arrays (shortlist,
 * completed) that turns push to, and a shallow copy of one constant would let one shopper's shortlist leak
 * into every later conversation of the process.
 */
export const initialState = (): DialogueState => ({
  lastIntent: null,
  filters: null,
  terms: [],
  sort: null,
  page: 0,
  shortlist: [],
  order: null,
  awaiting: null,
  pendingOrderNumber: null,
  pendingOption: null,
  handoffTopic: null,
  csatAsked: false,
  csatDone: false,
  completed: [],
});

export function dialogueState(conversation: Conversation): DialogueState {
  return { ...initialState(), ...(conversation.state as Partial<DialogueState>) };
}
