// The dialogue: one shopper turn in, the concierge's replies out, state kept on the server per conversation.
// Understanding and rules are the domain's; this module fetches what they need and records the turn.

import { bestFaq } from "~/concierge/faqMatch";
import type { Action, Message, QuickReply, ReturnOptionName } from "~/concierge/messages";
import { formatMoney } from "~/concierge/money";
import { normaliseOrderNumber } from "~/concierge/orderNumber";
import { needsStylist } from "~/concierge/orderTimeline";
import { understand } from "~/concierge/understanding";
import type { Entities, Intent, ProductFilters, Understanding } from "~/concierge/understanding/types";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { Conversation, Order, Shop, StoredMessage } from "~/store/port";
import { productCard, rankedProducts, workingRelaxations } from "./catalog.server";
import { findOrder, orderView, recentOrdersOf } from "./orders.server";
import {
  STYLIST_REPLY,
  chooser,
  csatQuestion,
  escalationForm,
  message,
  orderLookupForm,
  quickReplies,
  returnForm,
  stylistOffer,
  text,
} from "./replies.server";
import { previewReturn } from "./returns.server";
import { LOW_CSAT_TOPIC, submitCsat } from "./csat.server";

const PAGE_SIZE = 4;
const ACT_DIRECTLY = 0.7;
const TRANSCRIPT_LIMIT = 200;

export interface DialogueState {
  lastIntent: Intent | null;
  filters: ProductFilters | null;
  terms: string[];
  /** A price order asked for with no price to move ("cheaper ones"); kept while paging the same search. */
  sort: "price_asc" | "price_desc" | null;
  page: number;
  shortlist: string[];
  /** The order this conversation has proven access to (number + contact, or the logged-in owner). */
  order: { id: string; number: string; status: string } | null;
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
const initialState = (): DialogueState => ({
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

export interface TurnInput {
  shop: Shop;
  visitorId: string;
  conversationId?: string;
  text?: string;
  action?: Action;
  customerId: string | null;
  now: Date;
  consumeLookup: () => Promise<void>;
}

export interface TurnResult {
  conversationId: string;
  understanding: Pick<Understanding, "intent" | "confidence" | "entities">;
  messages: Message[];
}

interface Turn {
  runtime: Runtime;
  input: TurnInput;
  state: DialogueState;
  understanding: Understanding;
  replies: Message[];
}

// ---------- conversation records ----------

export async function ownedConversation(
  runtime: Runtime,
  shop: string,
  id: string,
  visitorId: string,
): Promise<Conversation> {
  const conversation = await runtime.store.conversations.get(shop, id);
  if (!conversation || conversation.erasedAt || conversation.visitorId !== visitorId) {
    throw new AppError("conversation.not_found", 404, "We couldn't find that conversation.");
  }
  return conversation;
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
    return {
      conversation: await ownedConversation(runtime, input.shop.shop, input.conversationId, input.visitorId),
      isNew: false,
    };
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

// ---------- understanding an action ----------

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
      return {
        ...base,
        intent: "track_order",
        entities: pick({
          orderNumber: normaliseOrderNumber(action.orderNumber),
          email: action.email,
          postalCode: action.postalCode,
        }),
      };
    case "return_preview":
      return {
        ...base,
        intent: "return_exchange",
        entities: pick({
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

function pick(entities: Entities): Entities {
  return Object.fromEntries(Object.entries(entities).filter(([, v]) => v !== undefined && v !== "")) as Entities;
}

function shopperText(input: TurnInput): string {
  if (input.text !== undefined) return input.text;
  const action = input.action!;
  switch (action.type) {
    case "start":
      return `[${action.intent.replace(/_/g, " ")}]`;
    case "order_lookup":
    case "return_preview":
      return `[${action.type.replace("_", " ")}]`;
    case "csat":
      return `[rated ${action.rating}]`;
    default:
      return `[${action.type.replace("_", " ")}]`;
  }
}

// ---------- journeys ----------

function productFilters(entities: Entities): ProductFilters {
  const { category, metal, priceMin, priceMax, readyToShip, gift, ringSize } = entities;
  return pick({ category, metal, priceMin, priceMax, readyToShip, gift, ringSize }) as ProductFilters;
}

function describeFilters(filters: ProductFilters, currency: string): string {
  const parts: string[] = [];
  if (filters.readyToShip === true) parts.push("ready-to-ship");
  if (filters.readyToShip === false) parts.push("made-to-order");
  if (filters.metal) parts.push(filters.metal.replace("_", " "));
  parts.push(filters.category ? `${filters.category}s` : "pieces");
  if (filters.ringSize) parts.push(`in size ${filters.ringSize}`);
  if (filters.priceMin !== undefined && filters.priceMax !== undefined)
    parts.push(`between ${formatMoney(filters.priceMin, currency)} and ${formatMoney(filters.priceMax, currency)}`);
  else if (filters.priceMax !== undefined) parts.push(`up to ${formatMoney(filters.priceMax, currency)}`);
  else if (filters.priceMin !== undefined) parts.push(`from ${formatMoney(filters.priceMin, currency)}`);
  return parts.join(" ");
}

async function findProducts(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding } = turn;
  const more = understanding.followUp === "more";
  const filters = more ? (state.filters ?? {}) : productFilters(understanding.entities);
  const terms = more ? state.terms : understanding.terms;
  const sort = more ? state.sort : (understanding.sort ?? null);
  const page = more ? state.page + 1 : 0;
  const ranked = await rankedProducts(runtime, input.shop.shop, { filters, terms, sort });
  const slice = ranked.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const currency = input.shop.currency;
  state.filters = filters;
  state.terms = terms;
  state.sort = sort;
  state.page = page;

  if (ranked.length === 0) {
    const relaxations = await workingRelaxations(runtime, input.shop, filters);
    turn.replies.push(
      message({
        type: "product_cards",
        text: `I couldn't find ${describeFilters(filters, currency)} right now.${relaxations.length ? " Would one of these help?" : ""}`,
        products: [],
        relaxations: [
          ...relaxations.map((r) => ({ label: r.label, action: { type: "search", filters: r.filters } as Action })),
          STYLIST_REPLY,
        ],
      }),
    );
    return;
  }
  if (slice.length === 0) {
    turn.replies.push(
      quickReplies(
        [{ label: "Start a new search", action: { type: "start", intent: "find_product" } }, STYLIST_REPLY],
        "That's everything that matches. Want to widen the search or ask a stylist?",
      ),
    );
    return;
  }
  const hasMore = ranked.length > (page + 1) * PAGE_SIZE;
  const order = sort === "price_asc" ? ", lowest price first" : sort === "price_desc" ? ", highest price first" : "";
  const intro = more
    ? "Here are more:"
    : Object.keys(filters).length || terms.length
      ? ranked.length === 1
        ? `Here's the one match for ${describeFilters(filters, currency)}:`
        : `Here are ${Math.min(ranked.length, PAGE_SIZE)} of ${ranked.length} ${describeFilters(filters, currency)}${order}:`
      : `Here are a few of our favourites${order}:`;
  turn.replies.push(
    message({
      type: "product_cards",
      text: intro,
      products: slice.map((r) => productCard(runtime, input.shop, r.product, r.why)),
      hasMore,
    }),
  );
  const next: QuickReply[] = [];
  if (hasMore) next.push({ label: "Show me more", action: { type: "more" } });
  if (filters.readyToShip === undefined)
    next.push({ label: "Ready to ship only", action: { type: "search", filters: { ...filters, readyToShip: true } } });
  next.push(STYLIST_REPLY);
  turn.replies.push(quickReplies(next));
}

async function lookupAndShow(
  turn: Turn,
  orderNumber: string,
  contact: { email?: string; postalCode?: string },
): Promise<Order | null> {
  const { runtime, input, state } = turn;
  await input.consumeLookup();
  try {
    const order = await findOrder(runtime, input.shop.shop, { orderNumber, ...contact, customerId: input.customerId });
    state.order = { id: order.id, number: order.number, status: order.status };
    state.awaiting = null;
    state.pendingOrderNumber = null;
    return order;
  } catch (error) {
    if (error instanceof AppError && error.code === "order.not_found") {
      // Either part may be the typo: a corrected email or postal code alone retries this number, a new number
      // starts over (the reply is the same whether the number exists or not).
      state.awaiting = "order_contact";
      state.pendingOrderNumber = orderNumber;
      turn.replies.push(
        text(error.message),
        orderLookupForm({ orderNumber }),
        stylistOffer("Or a stylist can look into it for you."),
      );
      return null;
    }
    throw error;
  }
}

function showOrder(turn: Turn, order: Order): void {
  turn.replies.push(message({ type: "order_status", order: orderView(order) }));
  if (needsStylist(order, turn.input.now)) {
    turn.state.handoffTopic = order.status === "exception" ? "order_exception" : "order_late";
    turn.replies.push(stylistOffer("This order needs attention. A stylist can chase it for you right away."));
  }
  complete(turn, "track_order");
}

function contactOf(entities: Entities): { email?: string; postalCode?: string } {
  return pick({ email: entities.email, postalCode: entities.postalCode }) as { email?: string; postalCode?: string };
}

async function trackOrder(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding } = turn;
  const entities = understanding.entities;
  const orderNumber = entities.orderNumber ?? (state.awaiting === "order_contact" ? state.pendingOrderNumber : null);
  const contact = contactOf(entities);

  if (orderNumber) {
    if (!contact.email && !contact.postalCode && !input.customerId) {
      if (state.order?.number === orderNumber) {
        const order = await runtime.store.orders.get(input.shop.shop, state.order.id);
        if (order) return showOrder(turn, order);
      }
      state.awaiting = "order_contact";
      state.pendingOrderNumber = orderNumber;
      turn.replies.push(
        text(`To keep your order private, what email or postal code did you use at checkout for #${orderNumber}?`),
        orderLookupForm({ orderNumber }),
      );
      return;
    }
    const order = await lookupAndShow(turn, orderNumber, contact);
    if (order) showOrder(turn, order);
    return;
  }
  if (input.customerId) {
    await input.consumeLookup();
    const recent = await recentOrdersOf(runtime, input.shop.shop, input.customerId);
    if (recent.length > 0) {
      const [latest, ...others] = recent;
      state.order = { id: latest.id, number: latest.number, status: latest.status };
      showOrder(turn, latest);
      if (others.length) {
        turn.replies.push(
          quickReplies(
            others.map((o) => ({ label: `Order ${o.name}`, action: { type: "order_lookup", orderNumber: o.number } })),
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

const REQUEST_NOUN: Record<ReturnOptionName, string> = {
  return: "return",
  resize: "resize",
  exchange: "exchange",
  care: "care refresh",
};

/** A request for an order: which order, proof it is theirs, then per-item eligibility before anything is submitted. */
async function returnsJourney(turn: Turn): Promise<void> {
  const { runtime, input, state, understanding } = turn;
  const entities = understanding.entities;
  const option = requestedOption(input, state, understanding.intent);
  const lineItemId = input.action?.type === "return_preview" ? input.action.lineItemId : undefined;
  // A number given earlier in this flow still counts when the shopper now only answers with the contact.
  const orderNumber =
    entities.orderNumber ?? (state.awaiting === "order_contact" ? (state.pendingOrderNumber ?? undefined) : undefined);
  const given = contactOf(entities);
  const proven = orderNumber !== undefined && state.order?.number === orderNumber;

  if (!orderNumber) {
    state.awaiting = "return_order";
    state.pendingOption = option;
    const intro: Record<ReturnOptionName, string> = {
      return: "I can start a return for you. Which order is it?",
      exchange: "I can start an exchange for you. Which order is it?",
      resize: "I can start a resize. Which order is the ring from?",
      care: "I can arrange a cleaning and care check. Which order is the piece from?",
    };
    turn.replies.push(text(intro[option]), returnForm(option, { newSize: entities.ringSize }));
    // A logged-in customer picks from their delivered orders instead of typing a number.
    if (input.customerId) {
      await input.consumeLookup();
      const delivered = (await recentOrdersOf(runtime, input.shop.shop, input.customerId, 50))
        .filter((o) => o.status === "delivered")
        .slice(0, 3);
      if (delivered.length > 0) {
        turn.replies.push(
          quickReplies(
            delivered.map((o) => ({
              label: `Order ${o.name}`,
              action: { type: "return_preview", orderNumber: o.number, option },
            })),
            "Or pick one of your orders:",
          ),
        );
      }
    }
    return;
  }
  if (!given.email && !given.postalCode && !input.customerId && !proven) {
    state.awaiting = "order_contact";
    state.pendingOrderNumber = orderNumber;
    state.pendingOption = option;
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
  const provenOrder =
    proven && !given.email && !given.postalCode
      ? await runtime.store.orders.get(input.shop.shop, state.order!.id)
      : null;
  const contact = provenOrder ? { email: provenOrder.email } : given;
  let preview: Awaited<ReturnType<typeof previewReturn>>;
  try {
    preview = await previewReturn(
      runtime,
      input.shop,
      { orderNumber, ...contact, customerId: input.customerId, option, reason: "", lineItemId },
      input.now,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "order.not_found") {
      state.awaiting = "order_contact";
      state.pendingOrderNumber = orderNumber;
      state.pendingOption = option;
      turn.replies.push(
        text(error.message),
        returnForm(option, { orderNumber }),
        stylistOffer("Or a stylist can help."),
      );
      return;
    }
    throw error;
  }
  const { order, overall, items } = preview;
  state.order = { id: order.id, number: order.number, status: order.status };
  state.awaiting = null;
  state.pendingOrderNumber = null;
  state.pendingOption = null;
  // Named piece: its own verdict. Otherwise the order is eligible when any piece is (the form then asks which).
  const eligible = lineItemId ? overall.eligible : items.some((i) => i.eligible);
  turn.replies.push(
    message({
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
    }),
  );
  if (!eligible) {
    turn.replies.push(stylistOffer("A stylist can look at options with you."));
    return;
  }
  const pieces = items.filter((i) => i.eligible && i.item).map((i) => ({ value: i.item!.id, label: i.item!.title }));
  turn.replies.push(
    message({
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
                ...(entities.ringSize ? { value: entities.ringSize } : {}),
              },
            ]
          : []),
        { name: "reason", label: "Reason", kind: "textarea", required: true },
      ],
      submitAction: { type: "return_submit", endpoint: "returns" },
      context: { orderNumber: order.number, option },
    }),
  );
}

async function answerFromFaq(turn: Turn, intent: Intent, followUps: QuickReply[], topic?: string): Promise<void> {
  const { runtime, input } = turn;
  const entries = await runtime.store.faq.list(input.shop.shop);
  const entry = bestFaq(entries, intent, input.text ?? "", topic);
  if (entry) {
    turn.replies.push(text(entry.answer));
    complete(turn, intent);
  } else {
    turn.replies.push(text("I don't have a written answer for that yet, but a stylist can help you directly."));
  }
  turn.replies.push(quickReplies([...followUps, STYLIST_REPLY]));
}

function sizing(turn: Turn): void {
  const size = turn.understanding.entities.ringSize;
  const guide = turn.input.shop.settings.sizeGuideUrl;
  turn.replies.push(
    text(
      (size ? `Got it — size ${size}. ` : "") +
        "To find your ring size, measure a ring that fits the right finger, or wrap a strip of paper around the finger and measure its length." +
        (guide ? ` Our size guide: ${guide}` : "") +
        " If a ring you bought doesn't fit, we can resize it.",
    ),
    quickReplies([
      { label: "Start a resize", action: { type: "start", intent: "return_exchange", option: "resize" } },
      { label: "Ring size guide", action: { type: "faq", topic: "sizing" } },
      STYLIST_REPLY,
    ]),
  );
  complete(turn, "sizing");
}

function customization(turn: Turn): void {
  const url = turn.input.shop.settings.customizationUrl;
  turn.replies.push(
    text(
      "I can't design or engrave pieces here, but our stylists do custom work and engraving every day." +
        (url ? ` You can also start a design at ${url}.` : " Leave your details and a stylist will get back to you."),
    ),
    escalationForm("customization", "Ask a stylist about custom work"),
  );
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

function complete(turn: Turn, journey: string): void {
  if (!turn.state.completed.includes(journey)) turn.state.completed.push(journey);
}

function maybeAskCsat(turn: Turn): void {
  const { state } = turn;
  if (state.csatAsked || state.csatDone || state.completed.length === 0) return;
  state.csatAsked = true;
  turn.replies.push(csatQuestion());
}

async function shortlistAction(
  turn: Turn,
  action: Extract<Action, { type: "shortlist_add" | "shortlist_remove" }>,
): Promise<void> {
  const { runtime, input, state } = turn;
  const product = await runtime.store.products.get(input.shop.shop, action.productId);
  if (!product) throw new AppError("product.not_found", 404, "That piece is not in this shop.");
  if (action.type === "shortlist_add") {
    if (!state.shortlist.includes(product.id)) state.shortlist.push(product.id);
    turn.replies.push(text(`Saved ${product.title} to your shortlist (${state.shortlist.length}).`));
    complete(turn, "find_product");
  } else {
    state.shortlist = state.shortlist.filter((id) => id !== product.id);
    turn.replies.push(text(`Removed ${product.title} from your shortlist.`));
  }
}

/** Below the confidence bar the concierge confirms instead of acting. */
function confirm(turn: Turn): void {
  const { understanding } = turn;
  const guess: QuickReply =
    understanding.intent === "find_product"
      ? { label: "Yes, show me pieces", action: { type: "search", filters: productFilters(understanding.entities) } }
      : {
          label: `Yes, ${understanding.intent.replace(/_/g, " ")}`,
          action: { type: "start", intent: understanding.intent as Extract<Action, { type: "start" }>["intent"] },
        };
  turn.replies.push(
    ...chooser("Just to check — is this what you're after?").map((m) =>
      m.type === "quick_replies"
        ? {
            ...m,
            replies: [guess, ...m.replies.filter((r) => JSON.stringify(r.action) !== JSON.stringify(guess.action))],
          }
        : m,
    ),
  );
}

async function respond(turn: Turn): Promise<void> {
  const { input, understanding, state } = turn;
  const action = input.action;
  if (action?.type === "csat") {
    state.csatAsked = true;
    state.csatDone = true;
    try {
      const { followUp } = await submitCsat(
        turn.runtime,
        input.shop.shop,
        {
          conversationId: input.conversationId!,
          rating: action.rating,
          comment: action.comment,
          visitorId: input.visitorId,
        },
        input.now,
      );
      turn.replies.push(text("Thank you for the feedback."));
      if (followUp) {
        state.handoffTopic = LOW_CSAT_TOPIC;
        turn.replies.push(followUp);
      }
    } catch (error) {
      // A second tap on the thumbs (another tab, a double click) is not an error for the conversation.
      if (!(error instanceof AppError && error.code === "csat.already_submitted")) throw error;
      turn.replies.push(text(error.message));
    }
    return;
  }
  if (action?.type === "shortlist_add" || action?.type === "shortlist_remove") return shortlistAction(turn, action);

  const intent = understanding.intent;
  if (intent !== "clarify" && understanding.confidence < ACT_DIRECTLY) return confirm(turn);

  switch (intent) {
    case "find_product":
      if (action?.type === "start") {
        turn.replies.push(
          text(
            "What are you looking for? Tell me a category, metal or budget — for example “rose gold rings under $800”.",
          ),
        );
        turn.replies.push(
          quickReplies(
            (["ring", "necklace", "earring", "bracelet"] as const).map((category) => ({
              label: `${category[0].toUpperCase()}${category.slice(1)}s`,
              action: { type: "search", filters: { category } },
            })),
          ),
        );
        return;
      }
      return findProducts(turn);
    case "track_order":
      return trackOrder(turn);
    case "return_exchange":
      return returnsJourney(turn);
    case "sizing":
      if (action?.type === "faq") return answerFromFaq(turn, "sizing", [], "sizing");
      // "resize my ring from order 1008", or the contact asked for in a resize flow: the resize request itself.
      if (understanding.entities.orderNumber || (state.awaiting !== null && state.pendingOption === "resize"))
        return returnsJourney(turn);
      return sizing(turn);
    case "care_warranty":
      return answerFromFaq(turn, intent, [
        { label: "Book a cleaning", action: { type: "start", intent: "return_exchange", option: "care" } },
      ]);
    case "financing":
      return answerFromFaq(turn, intent, [
        { label: "Browse pieces", action: { type: "start", intent: "find_product" } },
      ]);
    case "faq":
      return answerFromFaq(
        turn,
        intent,
        [{ label: "Browse pieces", action: { type: "start", intent: "find_product" } }],
        action?.type === "faq" ? action.topic : undefined,
      );
    case "stylist_contact": {
      const topic =
        state.handoffTopic ??
        (state.lastIntent && !["stylist_contact", "thanks", "greeting"].includes(state.lastIntent)
          ? state.lastIntent
          : "general");
      turn.replies.push(escalationForm(topic, "Talk to a stylist"));
      return;
    }
    case "customization":
      return customization(turn);
    case "greeting":
      turn.replies.push(...chooser(`${input.shop.settings.appearance.greeting} What can I help with?`));
      return;
    case "thanks":
      turn.replies.push(text("You're very welcome. Anything else I can help with?"));
      return;
    case "clarify":
      turn.replies.push(...chooser("I'm not sure I understood. Here's what I can help with — or ask a stylist:"));
      return;
  }
}

// ---------- the turn ----------

export async function handleTurn(runtime: Runtime, input: TurnInput): Promise<TurnResult> {
  const { conversation, isNew } = await openConversation(runtime, input);
  const state = dialogueState(conversation);
  const understanding =
    input.action !== undefined
      ? fromAction(input.action, state)
      : understand(input.text!, {
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
  };
  await respond(turn);
  if (understanding.intent !== "thanks" || input.action?.type !== "csat") maybeAskCsat(turn);
  if (understanding.intent !== "clarify") state.lastIntent = understanding.intent;

  const at = input.now.toISOString();
  const shopperMessage: StoredMessage = {
    id: newId("msg"),
    conversationId: conversation.id,
    role: "shopper",
    type: "text",
    payload: input.action ? { type: "action", action: input.action } : { type: "text", text: input.text },
    text: shopperText(input),
    intent: understanding.intent,
    createdAt: at,
  };
  const replies: StoredMessage[] = turn.replies.map((m) => ({
    id: m.id,
    conversationId: conversation.id,
    role: "concierge",
    type: m.type,
    payload: m as unknown as Record<string, unknown>,
    text: "text" in m && typeof m.text === "string" ? m.text : "",
    intent: null,
    createdAt: at,
  }));
  const resolved = state.completed.length > 0 && conversation.outcome === "open";
  const changes = {
    state: state as unknown as Record<string, unknown>,
    lastIntent: state.lastIntent,
    ...(resolved ? { outcome: "resolved" as const } : {}),
    updatedAt: at,
  };
  if (isNew) {
    await runtime.store.conversations.create(input.shop.shop, { ...conversation, ...changes });
    runtime.metrics.conversations.inc({ outcome: "started" });
    await runtime.store.conversations.appendMessages(input.shop.shop, conversation.id, [shopperMessage, ...replies]);
  } else {
    await runtime.store.conversations.appendMessages(input.shop.shop, conversation.id, [shopperMessage, ...replies]);
    await runtime.store.conversations.update(input.shop.shop, conversation.id, changes);
  }
  if (resolved) runtime.metrics.conversations.inc({ outcome: "resolved" });
  runtime.metrics.messages.inc({ intent: understanding.intent });

  return {
    conversationId: conversation.id,
    understanding: {
      intent: understanding.intent,
      confidence: understanding.confidence,
      entities: understanding.entities,
    },
    messages: turn.replies,
  };
}

/** The transcript for a reload or another page. */
export async function transcript(runtime: Runtime, shop: string, id: string, visitorId: string) {
  const conversation = await ownedConversation(runtime, shop, id, visitorId);
  const stored = await runtime.store.conversations.messages(shop, id, TRANSCRIPT_LIMIT);
  const messages = stored.map((m) =>
    m.role === "shopper"
      ? { id: m.id, type: "text", role: "shopper", text: m.text }
      : (m.payload as unknown as Message),
  );
  if (conversation.unread > 0) await runtime.store.conversations.update(shop, id, { unread: 0 });
  const state = dialogueState(conversation);
  return {
    id: conversation.id,
    messages,
    state: {
      lastIntent: state.lastIntent,
      filters: state.filters,
      shortlist: state.shortlist,
      csatAsked: state.csatAsked,
      csatDone: state.csatDone,
      escalated: conversation.escalated,
    },
  };
}

export async function eraseConversation(runtime: Runtime, shop: string, id: string, visitorId: string): Promise<void> {
  await ownedConversation(runtime, shop, id, visitorId);
  await runtime.store.conversations.erase(shop, id);
}
