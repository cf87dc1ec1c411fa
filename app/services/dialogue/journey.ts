// What every journey works on: one shopper turn (input, state, understanding, the replies being built).

import type { Copy } from "~/concierge/copy";
import type { Action, Message } from "~/concierge/messages";
import type { Entities, Understanding } from "~/concierge/understanding/types";
import type { IdempotencyClaim } from "~/platform/idempotency.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, Shop } from "~/store/port";
import type { DialogueState } from "./state";

export interface TurnInput {
  shop: Shop;
  visitorId: string;
  conversationId?: string;
  text?: string;
  action?: Action;
  /** The widget's language (BCP 47); replies follow it when it is one of the four, else the shop's. */
  locale?: string;
  customerId: string | null;
  now: Date;
  consumeLookup: () => Promise<void>;
  /** Present when the request carried an Idempotency-Key: its answer is stored with the turn itself. */
  idempotency?: IdempotencyClaim | null;
  /** The conversation `conversationId` names, when the caller already proved the visitor owns it. */
  conversation?: Conversation | null;
}

export interface Turn {
  runtime: Runtime;
  input: TurnInput;
  state: DialogueState;
  understanding: Understanding;
  replies: Message[];
  /** The reply's language: every string a journey writes comes from here. */
  copy: Copy;
}

/** Marks a journey done for this conversation: the rating question waits for the first one. */
export function complete(turn: Turn, journey: string): void {
  if (!turn.state.completed.includes(journey)) turn.state.completed.push(journey);
}

/** The entities actually given: a form's empty field is no answer. */
export function givenEntities(entities: Entities): Entities {
  return Object.fromEntries(Object.entries(entities).filter(([, v]) => v !== undefined && v !== "")) as Entities;
}
