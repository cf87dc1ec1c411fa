// The dialogue: one shopper turn in, the concierge's replies out, state kept on the server per conversation.
// Understanding and rules are the domain's; this module routes the turn to its journey and records it.

import { copyFor, replyLocale } from "~/concierge/copy";
import type { Action, Message, QuickReply } from "~/concierge/messages";
import { normaliseOrderNumber } from "~/concierge/orderNumber";
import { understand } from "~/concierge/understanding";
import type { Understanding, UnderstandingContext } from "~/concierge/understanding/types";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, IdempotentAnswer } from "~/store/port";
import { chooser } from "../replies.server";
import { answerFromFaq, clarify, customization, greet, sizing, stylistHandoff, welcomeThanks } from "./answers.server";
import { askWhatTheyWant, findProducts, productFilters, shortlistAction } from "./discovery.server";
import { givenEntities, type Turn, type TurnInput } from "./journey";
import { trackOrder } from "./orderTracking.server";
import { maybeAskCsat, takeRating } from "./rating.server";
import { returnsJourney } from "./returnsJourney.server";
import { type DialogueState, dialogueState, initialState } from "./state";
import { ownedConversation, storedReply, storedShopperMessage } from "./transcript.server";

/** Below this confidence the concierge confirms instead of acting. */
const ACT_DIRECTLY = 0.7;

export interface TurnResult {
  conversationId: string;
  understanding: Pick<Understanding, "intent" | "confidence" | "entities"> & { source: "rules" | "model" };
  messages: Message[];
}

export async function handleTurn(runtime: Runtime, input: TurnInput): Promise<TurnResult> {
  const { conversation, isNew } = await openConversation(runtime, input);
  const state = dialogueState(conversation);
  const understanding =
    input.action !== undefined
      ? fromAction(input.action, state)
      : await understandText(runtime, input.shop.shop, input.text!, {
          lastIntent: state.lastIntent ?? undefined,
          filters: state.filters ?? undefined,
          awaiting: state.awaiting,
          orderPrefix: input.shop.orderPrefix,
        });
  const turn: Turn = {
    runtime,
    input: { ...input, conversationId: conversation.id },
    state,
    understanding,
    replies: [],
    copy: copyFor(replyLocale(input.locale, input.shop.settings.locale)),
  };
  await respond(turn);
  // A rating turn needs no exception here: taking the rating already marked the question asked.
  maybeAskCsat(turn);
  if (understanding.intent !== "clarify") state.lastIntent = understanding.intent;
  const result: TurnResult = {
    conversationId: conversation.id,
    understanding: {
      intent: understanding.intent,
      confidence: understanding.confidence,
      entities: understanding.entities,
      source: understanding.source ?? "rules",
    },
    messages: turn.replies,
  };
  await record(runtime, turn, conversation, isNew, input.idempotency?.settleWith({ ...result }));
  return result;
}

/**
 * The conversation this turn belongs to. A new one is only built in memory here and stored when the turn
 * succeeds, so a refused turn (a spent lookup limit, a store failure) leaves no empty conversation behind.
 */
async function openConversation(
  runtime: Runtime,
  input: TurnInput,
): Promise<{ conversation: Conversation; isNew: boolean }> {
  if (input.conversationId) {
    const owned =
      input.conversation?.id === input.conversationId
        ? input.conversation
        : await ownedConversation(runtime, input.shop.shop, input.conversationId, input.visitorId);
    return { conversation: owned, isNew: false };
  }
  const at = input.now.toISOString();
  const conversation: Conversation = {
    id: newId("conv"),
    visitorId: input.visitorId,
    customerId: input.customerId,
    state: initialState() as unknown as Record<string, unknown>,
    lastIntent: null,
    outcome: "open",
    escalated: false,
    rating: null,
    messageCount: 0,
    unread: 0,
    startedAt: at,
    updatedAt: at,
    erasedAt: null,
  };
  return { conversation, isNew: true };
}

/** The rules' reading of a message; the optional language model's when the rules could not read it. */
async function understandText(
  runtime: Runtime,
  shop: string,
  text: string,
  context: UnderstandingContext,
): Promise<Understanding> {
  const rules = understand(text, context);
  return runtime.languageModel ? runtime.languageModel.read(shop, text, rules) : rules;
}

/** A tapped button says exactly what it means: full confidence, no guessing. */
function fromAction(action: Action, state: DialogueState): Understanding {
  const base = { confidence: 1, terms: [] as string[], reason: `action:${action.type}` };
  switch (action.type) {
    case "start":
      return { ...base, intent: action.intent, entities: {} };
    case "search":
      return { ...base, intent: "find_product", entities: { ...action.filters }, followUp: "new" };
    case "more":
      return {
        ...base,
        intent: "find_product",
        entities: { ...(state.filters ?? {}) },
        followUp: "more",
        terms: state.terms,
      };
    // Form values arrive as typed ("#1042"); entities carry numbers normalised, as the understanding step does.
    case "order_lookup":
    case "return_preview":
      return {
        ...base,
        intent: action.type === "order_lookup" ? "track_order" : "return_exchange",
        entities: givenEntities({
          orderNumber: normaliseOrderNumber(action.orderNumber),
          email: action.email,
          postalCode: action.postalCode,
        }),
      };
    case "faq":
      return { ...base, intent: "faq", entities: {} };
    case "shortlist_add":
    case "shortlist_remove":
      return { ...base, intent: "find_product", entities: {} };
    case "csat":
      return { ...base, intent: "thanks", entities: {} };
  }
}

async function respond(turn: Turn): Promise<void> {
  const { input, understanding, state } = turn;
  const action = input.action;
  if (action?.type === "csat") return takeRating(turn, action);
  if (action?.type === "shortlist_add" || action?.type === "shortlist_remove") return shortlistAction(turn, action);

  const intent = understanding.intent;
  if (intent !== "clarify" && understanding.confidence < ACT_DIRECTLY) return confirm(turn);

  switch (intent) {
    case "find_product":
      return action?.type === "start" ? askWhatTheyWant(turn) : findProducts(turn);
    case "track_order":
      return trackOrder(turn);
    case "return_exchange":
      return returnsJourney(turn);
    case "sizing":
      // "resize my ring from order 1008", or the contact asked for in a resize flow: the resize request itself.
      if (understanding.entities.orderNumber || (state.awaiting !== null && state.pendingOption === "resize"))
        return returnsJourney(turn);
      return sizing(turn);
    case "care_warranty":
    case "financing":
      return answerFromFaq(turn, intent);
    case "faq":
      return answerFromFaq(turn, intent, action?.type === "faq" ? action.topic : undefined);
    case "stylist_contact":
      return stylistHandoff(turn);
    case "customization":
      return customization(turn);
    case "greeting":
      return greet(turn);
    case "thanks":
      return welcomeThanks(turn);
    case "clarify":
      return clarify(turn);
  }
}

/** Below the confidence bar the concierge confirms instead of acting: its guess first, then every path. */
function confirm(turn: Turn): void {
  const { understanding, copy } = turn;
  const intent = understanding.intent as Extract<Action, { type: "start" }>["intent"];
  const guess: QuickReply =
    intent === "find_product"
      ? {
          label: copy.t("reply.yesShowPieces"),
          action: { type: "search", filters: productFilters(understanding.entities) },
        }
      : { label: copy.t(`confirm.${intent}`), action: { type: "start", intent } };
  turn.replies.push(
    ...chooser(copy, copy.t("confirm.prompt")).map((m) =>
      m.type === "quick_replies"
        ? {
            ...m,
            replies: [guess, ...m.replies.filter((r) => JSON.stringify(r.action) !== JSON.stringify(guess.action))],
          }
        : m,
    ),
  );
}

/**
 * Stores the turn in one durable write: the shopper's message and the replies, the new state, the outcome once a
 * journey is done, and the answer an Idempotency-Key replays.
 */
async function record(
  runtime: Runtime,
  turn: Turn,
  conversation: Conversation,
  isNew: boolean,
  answer: IdempotentAnswer | undefined,
): Promise<void> {
  const { input, state, understanding } = turn;
  const shop = input.shop.shop;
  const at = input.now.toISOString();
  const messages = [
    storedShopperMessage(conversation.id, input, understanding.intent, at),
    ...turn.replies.map((m) => storedReply(conversation.id, m, at)),
  ];
  const resolved = state.completed.length > 0 && conversation.outcome === "open";
  const changes = {
    state: state as unknown as Record<string, unknown>,
    lastIntent: state.lastIntent,
    ...(resolved ? { outcome: "resolved" as const } : {}),
    updatedAt: at,
  };
  await runtime.store.conversations.recordTurn(shop, {
    conversationId: conversation.id,
    ...(isNew ? { start: conversation } : {}),
    patch: changes,
    messages,
    ...(answer ? { idempotency: answer } : {}),
  });
  if (isNew) runtime.metrics.conversations.inc({ outcome: "started" });
  if (resolved) runtime.metrics.conversations.inc({ outcome: "resolved" });
  runtime.metrics.messages.inc({ intent: understanding.intent });
}
