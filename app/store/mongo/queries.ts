// Pure builders for the MongoDB adapter's filters, sorts and updates: no I/O, so each shape is unit-tested.
// Rules: every filter starts with `{ shop }`; caller values are checked with `typeof` and used only as literal
// operands, so an object such as `{ "$gt": "" }` can never become an operator (PRODUCT.md §5).

import type { Document, IndexDescription, Sort } from "mongodb";
import { METALS } from "../../concierge/understanding/types";
import { decodeCursor, InvalidCursorError, type CursorKey } from "../cursor";
import type {
  AuditEntry,
  Conversation,
  ConversationFilter,
  CsatRating,
  Customer,
  IdempotencyBegin,
  Order,
  Product,
  ProductQuery,
  ReturnRequest,
  ReturnStatus,
  StoredResponse,
  Ticket,
  TicketFilter,
  TurnRecord,
} from "../port";

export type Filter = Document;

// ---------- literal guards ----------

/** A caller value that must be a string; anything else is a bug or an injection attempt, never a query. */
export function str(value: unknown, name: string): string {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  return value;
}

function num(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`${name} must be a finite number`);
  return value;
}

function bool(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${name} must be a boolean`);
  return value;
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of strings`);
  return value.map((v, i) => str(v, `${name}[${i}]`));
}

// null and undefined both mean "no condition": neither can turn into an operator.
const given = (value: unknown): boolean => value !== undefined && value !== null;

// ---------- shared normalisation (same rules as the SQLite adapter) ----------

export function normalizeEmail(email: string): string {
  return str(email, "email").trim().toLowerCase();
}

/** Same normalisation as `Order.number`: "#1042" and "1042" find the same order. */
export function normalizeOrderNumber(number: string): string {
  return str(number, "number")
    .replace(/[#\s-]/g, "")
    .toUpperCase();
}

// Gold families: a shopper asking for "gold" accepts any of them.
export const GOLD_METALS: readonly string[] = METALS.filter((m) => m.endsWith("gold"));

export const priorityRank = (priority: Ticket["priority"]): number => (priority === "high" ? 0 : 1);

// A request holds its line item while requested or approved; the partial unique index keys on this flag.
export const isOpenReturn = (status: ReturnStatus): boolean => status === "requested" || status === "approved";

// ---------- documents (entity + shop + adapter-only helper fields) ----------

// Adapter-only fields never reach callers: Mongo's _id, the tenant key, and sort/uniqueness helpers.
export const ENTITY_PROJECTION = { _id: 0, shop: 0, priorityRank: 0, open: 0, emailLower: 0, lastTurnId: 0 } as const;
// Shops and sessions carry `shop` as part of the entity.
export const SHOP_PROJECTION = { _id: 0 } as const;

// The entity is spread first so a stray `shop` property on it can never re-home the document.
export const shopDoc = <T extends object>(shop: string, entity: T): Document => ({
  ...entity,
  shop: str(shop, "shop"),
});
export const ticketDoc = (shop: string, t: Ticket): Document => ({
  ...shopDoc(shop, t),
  priorityRank: priorityRank(t.priority),
});
export const returnDoc = (shop: string, r: ReturnRequest): Document => ({
  ...shopDoc(shop, r),
  open: isOpenReturn(r.status),
});
export const customerDoc = (shop: string, c: Customer): Document => ({
  ...shopDoc(shop, c),
  emailLower: normalizeEmail(c.email),
});
export const orderDoc = (shop: string, o: Order): Document => ({
  ...shopDoc(shop, o),
  emailLower: normalizeEmail(o.email),
});

export const shopFilter = (shop: string): Filter => ({ shop: str(shop, "shop") });

/** shops.patch: only rollout, settings and name are set; `ifRolloutUpdatedAt` makes it a compare-and-set. */
export function shopPatch(
  shop: string,
  patch: { rollout?: unknown; settings?: unknown; name?: unknown; updatedAt: string },
  ifRolloutUpdatedAt?: string,
) {
  const set: Document = { updatedAt: str(patch.updatedAt, "updatedAt") };
  if (patch.rollout !== undefined) set.rollout = patch.rollout;
  if (patch.settings !== undefined) set.settings = patch.settings;
  if (patch.name !== undefined) set.name = str(patch.name, "name");
  const filter: Filter = shopFilter(shop);
  if (ifRolloutUpdatedAt !== undefined) filter["rollout.updatedAt"] = str(ifRolloutUpdatedAt, "ifRolloutUpdatedAt");
  return { filter, update: { $set: set } };
}

/** `{ shop, <field>: value }`: the point lookup every get/put/remove uses. */
export function byKey(shop: string, field: string, value: unknown): Filter {
  return { shop: str(shop, "shop"), [field]: str(value, field) };
}

// ---------- keyset pagination ----------

export interface KeyField {
  field: string;
  dir: 1 | -1;
  type: "string" | "number";
}

/** A total order (it always ends in `id`) plus how to read an item's cursor key. */
export interface Keyset<T> {
  fields: readonly KeyField[];
  key(item: T): CursorKey;
}

export const PRODUCT_ORDER: Keyset<Product> = {
  fields: [{ field: "id", dir: 1, type: "string" }],
  key: (p) => [p.id],
};
export const CONVERSATION_ORDER: Keyset<Conversation> = {
  fields: [
    { field: "updatedAt", dir: -1, type: "string" },
    { field: "id", dir: -1, type: "string" },
  ],
  key: (c) => [c.updatedAt, c.id],
};
export const TICKET_ORDER: Keyset<Ticket> = {
  fields: [
    { field: "priorityRank", dir: 1, type: "number" },
    { field: "slaDueAt", dir: 1, type: "string" },
    { field: "id", dir: 1, type: "string" },
  ],
  key: (t) => [priorityRank(t.priority), t.slaDueAt, t.id],
};
export const RETURN_ORDER: Keyset<ReturnRequest> = {
  fields: [
    { field: "createdAt", dir: -1, type: "string" },
    { field: "id", dir: -1, type: "string" },
  ],
  key: (r) => [r.createdAt, r.id],
};
export const CSAT_ORDER: Keyset<CsatRating> = {
  fields: [
    { field: "createdAt", dir: -1, type: "string" },
    { field: "id", dir: -1, type: "string" },
  ],
  key: (c) => [c.createdAt, c.id],
};
export const AUDIT_ORDER: Keyset<AuditEntry> = {
  fields: [
    { field: "at", dir: -1, type: "string" },
    { field: "id", dir: -1, type: "string" },
  ],
  key: (a) => [a.at, a.id],
};
export const CUSTOMER_ORDERS_ORDER: Keyset<Order> = {
  fields: [
    { field: "placedAt", dir: -1, type: "string" },
    { field: "id", dir: -1, type: "string" },
  ],
  key: (o) => [o.placedAt, o.id],
};

export function sortOf(order: Keyset<never>): Sort {
  return Object.fromEntries(order.fields.map((f) => [f.field, f.dir])) as Sort;
}

/** Decodes a cursor and checks each position's type, so a forged cursor is refused, not half-applied. */
export function afterKey(cursor: string | null | undefined, order: Keyset<never>): CursorKey | null {
  const key = decodeCursor(cursor, order.fields.length);
  if (key && key.some((v, i) => typeof v !== order.fields[i].type)) throw new InvalidCursorError();
  return key;
}

/**
 * "Strictly after `key` in this order". For (a, b, id) that is a > A, or a = A and b > B, or ...; the extra
 * bound on the first field (a ≥ A) gives the index a range to seek instead of scanning the whole shop.
 */
export function keysetAfter(order: Keyset<never>, key: CursorKey): Filter {
  const { fields } = order;
  const op = (f: KeyField, strict: boolean) => (f.dir === 1 ? (strict ? "$gt" : "$gte") : strict ? "$lt" : "$lte");
  if (fields.length === 1) return { [fields[0].field]: { [op(fields[0], true)]: key[0] } };
  const clauses = fields.map((f, i) => {
    const clause: Document = {};
    for (let j = 0; j < i; j++) clause[fields[j].field] = key[j];
    clause[f.field] = { [op(f, true)]: key[i] };
    return clause;
  });
  return { [fields[0].field]: { [op(fields[0], false)]: key[0] }, $or: clauses };
}

/** Adds the keyset condition, merging range operators when the filter already bounds the same field. */
export function withKeyset(filter: Filter, order: Keyset<never>, key: CursorKey | null): Filter {
  if (!key) return filter;
  const out: Filter = { ...filter };
  for (const [field, condition] of Object.entries(keysetAfter(order, key))) {
    const existing: unknown = out[field];
    out[field] = isOperatorObject(existing) && isOperatorObject(condition) ? { ...existing, ...condition } : condition;
  }
  return out;
}

function isOperatorObject(value: unknown): value is Document {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).every((k) => k.startsWith("$"))
  );
}

// ---------- products ----------

export function productFilter(shop: string, query: ProductQuery, after: CursorKey | null = null): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(query.category)) f.category = str(query.category, "category");
  const excludedCategories = given(query.excludeCategories)
    ? strings(query.excludeCategories, "excludeCategories")
    : [];
  if (excludedCategories.length > 0) {
    const out = { $nin: excludedCategories };
    f.category = given(query.category) ? { $eq: f.category, ...out } : out;
  }
  if (given(query.metal)) {
    const metal = str(query.metal, "metal");
    f.metal = metal === "gold" ? { $in: [...GOLD_METALS] } : metal;
  }
  // $nin also matches a product without a metal, as the SQLite adapter's `metal IS NULL OR …` does.
  const excludedMetals = given(query.excludeMetals) ? strings(query.excludeMetals, "excludeMetals") : [];
  if (excludedMetals.length > 0) {
    const out = excludedMetals.flatMap((m) => (m === "gold" ? [...GOLD_METALS] : [m]));
    const chosen = f.metal as string | Document | undefined;
    f.metal = typeof chosen === "string" ? { $eq: chosen, $nin: out } : { ...chosen, $nin: out };
  }
  // Prices are inclusive at both ends and compare the product's lowest variant price.
  const price: Document = {};
  if (given(query.priceMin)) price.$gte = num(query.priceMin, "priceMin");
  if (given(query.priceMax)) price.$lte = num(query.priceMax, "priceMax");
  if (Object.keys(price).length > 0) f.price = price;
  if (given(query.readyToShip)) f.readyToShip = bool(query.readyToShip, "readyToShip");
  if (given(query.tag)) f.tags = str(query.tag, "tag");
  if (given(query.ringSize)) f["variants.ringSize"] = num(query.ringSize, "ringSize");
  if (query.activeOnly !== false) f.status = "active";
  if (given(query.ids)) f.id = { $in: strings(query.ids, "ids") };
  return withKeyset(f, PRODUCT_ORDER, after);
}

// ---------- conversations ----------

/**
 * Full-text `q` → a `$text` search string where every word is a quoted phrase: phrases are ANDed and
 * quoting disables `-negation`, so nothing typed is interpreted. `$text` has no escape for `"`, so quotes are
 * dropped. Null when there is nothing to search for (blank q = no condition).
 */
export function textSearch(q: string): string | null {
  const words = str(q, "q")
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ""))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(" ");
}

/** Ids of the shop's conversations with a message matching `q`: `[{$match}, {$group}]` on `messages`. */
export function messageSearchPipeline(shop: string, q: string): Document[] | null {
  const search = textSearch(q);
  if (search === null) return null;
  return [{ $match: { shop: str(shop, "shop"), $text: { $search: search } } }, { $group: { _id: "$conversationId" } }];
}

/** True when `filter.q` asks for a search at all (a q of only spaces or punctuation does not). */
export const wantsTextSearch = (filter: ConversationFilter): boolean =>
  given(filter.q) && str(filter.q, "q").trim() !== "";

/**
 * `matchingIds`: the conversations whose messages matched `filter.q` (from `messageSearchPipeline`), or
 * null when there is no q. Dates: `from` inclusive, `to` exclusive, on `startedAt`.
 */
export function conversationFilter(
  shop: string,
  filter: ConversationFilter,
  after: CursorKey | null = null,
  matchingIds: string[] | null = null,
): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(filter.intent)) f.lastIntent = str(filter.intent, "intent");
  if (given(filter.outcome)) f.outcome = str(filter.outcome, "outcome");
  if (given(filter.escalated)) f.escalated = bool(filter.escalated, "escalated");
  if (given(filter.rating)) f.rating = num(filter.rating, "rating");
  const started: Document = {};
  if (given(filter.from)) started.$gte = str(filter.from, "from");
  if (given(filter.to)) started.$lt = str(filter.to, "to");
  if (Object.keys(started).length > 0) f.startedAt = started;
  // Before the keyset is merged in: both bound updatedAt and must end up in one operator object.
  if (given(filter.updatedBefore)) f.updatedAt = { $lt: str(filter.updatedBefore, "updatedBefore") };
  if (given(filter.visitorId)) f.visitorId = str(filter.visitorId, "visitorId");
  if (given(filter.customerId)) f.customerId = str(filter.customerId, "customerId");
  if (given(filter.erased)) f.erasedAt = bool(filter.erased, "erased") ? { $ne: null } : null;
  // q itself is searched in `messages` (messageSearchPipeline); here it only has to be a string.
  if (given(filter.q)) str(filter.q, "q");
  if (matchingIds !== null) f.id = { $in: strings(matchingIds, "matchingIds") };
  return withKeyset(f, CONVERSATION_ORDER, after);
}

// The only fields a conversation patch may set; a stray key (or a "$where") is dropped, not written.
const CONVERSATION_PATCH_FIELDS = [
  "customerId",
  "state",
  "lastIntent",
  "outcome",
  "escalated",
  "rating",
  "messageCount",
  "unread",
  "updatedAt",
  "erasedAt",
] as const;

/** `$set` document for conversations.update; undefined means "leave alone". Null when nothing to set. */
export function conversationPatch(patch: Partial<Conversation>): Document | null {
  const set: Document = {};
  for (const field of CONVERSATION_PATCH_FIELDS) if (patch[field] !== undefined) set[field] = patch[field];
  return Object.keys(set).length > 0 ? { $set: set } : null;
}

/** Bumps the counters appendMessages owes the conversation: count, unread agent replies, latest activity. */
export function appendMessagesUpdate(messages: { role: string; createdAt: string }[]): Document {
  const latest = messages.reduce((max, m) => (m.createdAt > max ? m.createdAt : max), "");
  const agentReplies = messages.filter((m) => m.role === "agent").length;
  return { $inc: { messageCount: messages.length, unread: agentReplies }, $max: { updatedAt: latest } };
}

// Insertion order breaks createdAt ties: driver-made ObjectIds increase within one process and batch.
export const MESSAGE_ORDER_ASC: Sort = { createdAt: 1, _id: 1 };
export const MESSAGE_ORDER_DESC: Sort = { createdAt: -1, _id: -1 };

export function messagesFilter(shop: string, conversationId: string): Filter {
  return { shop: str(shop, "shop"), conversationId: str(conversationId, "conversationId") };
}

/** "Delete my chat": what stays is a tombstone with counters and dates, nothing the shopper said. */
export const eraseConversationUpdate = (): Document => ({ $set: { state: {}, customerId: null, visitorId: "" } });
export const eraseMessagesUpdate = (): Document => ({ $set: { text: "", payload: {} } });
/** The first erasure's time is kept: erasing twice does not move erasedAt. */
export function firstErasure(shop: string, id: string, at: string) {
  return { filter: { ...byKey(shop, "id", id), erasedAt: null }, update: { $set: { erasedAt: at } } };
}

// ---------- turns (one atomic write; without transactions, an order a crash cannot double) ----------

/** A turn's identity: its first message (the shopper's), unique by construction. */
export function turnIdOf(turn: TurnRecord): string {
  return str(turn.messages[0]?.id ?? turn.conversationId, "turnId");
}

/** The conversation a turn starts, before the turn's own update counts its messages in. */
export function turnStartDoc(shop: string, turn: TurnRecord): Document {
  const start = turn.start!;
  return { ...shopDoc(shop, { ...start, id: str(turn.conversationId, "conversationId") }), lastTurnId: null };
}

/**
 * The turn's patch and counters as one conditional update: `lastTurnId` makes it apply once, so replaying an
 * interrupted turn (roll-forward) never counts its messages twice. updatedAt ends as the later of the patch's
 * and the newest message's, as appendMessages would leave it.
 */
export function turnConversationUpdate(shop: string, turn: TurnRecord): { filter: Filter; update: Document } {
  const turnId = turnIdOf(turn);
  const set: Document = { ...(conversationPatch(turn.patch)?.$set as Document | undefined), lastTurnId: turnId };
  const counters = appendMessagesUpdate(turn.messages);
  const update: Document = { $set: set, $inc: counters.$inc };
  const latest = (counters.$max as { updatedAt: string }).updatedAt;
  if (typeof set.updatedAt === "string") set.updatedAt = set.updatedAt > latest ? set.updatedAt : latest;
  else if (latest) update.$max = { updatedAt: latest };
  return { filter: { ...byKey(shop, "id", turn.conversationId), lastTurnId: { $ne: turnId } }, update };
}

/** A turn's messages as documents: their ids make a replayed insert a duplicate, not a second copy. */
export function turnMessageDocs(shop: string, turn: TurnRecord): Document[] {
  return turn.messages.map((m) => ({
    ...shopDoc(shop, m),
    conversationId: str(turn.conversationId, "conversationId"),
  }));
}

/**
 * Before the turn's own writes (no transactions): the claim becomes "committing" and carries the whole turn and
 * its answer, so whoever next claims the key finishes an interrupted turn instead of running it again.
 */
export function idempotencyCommitting(shop: string, turn: TurnRecord, wallClock = new Date()) {
  const answer = turn.idempotency!;
  const { $set } = idempotencyComplete(answer.response, answer.expiresAt, wallClock) as { $set: Document };
  return {
    filter: { ...idempotencyKey(shop, answer.route, answer.key), bodyHash: str(answer.bodyHash, "bodyHash") },
    update: { $set: { ...$set, state: "committing", turn: JSON.stringify(turn) } },
  };
}

/** A turn's answer stored for replay; the turn the claim carried while committing is dropped. */
export function idempotencySettled(turn: TurnRecord, wallClock = new Date()) {
  const answer = turn.idempotency!;
  const { $set } = idempotencyComplete(answer.response, answer.expiresAt, wallClock) as { $set: Document };
  return { $set, $unset: { turn: "" } };
}

/** A committing record's turn, read back (dates as the port types them). */
export function committingTurn(record: { turn?: string | null }): TurnRecord | null {
  if (typeof record.turn !== "string") return null;
  const turn = JSON.parse(record.turn) as TurnRecord & { idempotency?: { expiresAt: string | Date } };
  if (turn.idempotency) turn.idempotency.expiresAt = new Date(turn.idempotency.expiresAt);
  return turn;
}

// ---------- tickets ----------

export function ticketFilter(shop: string, filter: TicketFilter, after: CursorKey | null = null): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(filter.status)) f.status = str(filter.status, "status");
  if (given(filter.statuses)) {
    const statuses = strings(filter.statuses, "statuses");
    f.status = given(filter.status) ? { $in: statuses.filter((s) => s === filter.status) } : { $in: statuses };
  }
  // null asks for unassigned tickets (a literal null, never an operator).
  if (filter.assignee === null) f.assignee = null;
  else if (given(filter.assignee)) f.assignee = str(filter.assignee, "assignee");
  if (given(filter.priority)) f.priority = str(filter.priority, "priority");
  if (given(filter.conversationId)) f.conversationId = str(filter.conversationId, "conversationId");
  if (given(filter.dueBefore)) f.slaDueAt = { $lte: str(filter.dueBefore, "dueBefore") };
  if (filter.unresolved === true) {
    const status: unknown = f.status;
    f.status =
      status === undefined
        ? { $ne: "resolved" }
        : typeof status === "string"
          ? { $eq: status, $ne: "resolved" }
          : { ...(status as Document), $ne: "resolved" };
  }
  return withKeyset(f, TICKET_ORDER, after);
}

/** The ticket at exactly this version: an update through it is a compare-and-set. */
export function ticketAtVersion(shop: string, id: string, version: number): Filter {
  return { ...byKey(shop, "id", id), version: num(version, "version") };
}

/** tickets.update: only the four patchable fields, the event appended, updatedAt = the event's time. */
export function ticketUpdate(
  patch: Partial<Pick<Ticket, "status" | "priority" | "assignee" | "slaDueAt">>,
  event: Ticket["events"][number],
): Document {
  const set: Document = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.priority !== undefined) {
    set.priority = patch.priority;
    set.priorityRank = priorityRank(patch.priority);
  }
  if (patch.assignee !== undefined) set.assignee = patch.assignee;
  if (patch.slaDueAt !== undefined) set.slaDueAt = patch.slaDueAt;
  set.updatedAt = event.at;
  return { $set: set, $push: { events: event }, $inc: { version: 1 } };
}

export function ticketNoteUpdate(note: Ticket["internalNotes"][number], event?: Ticket["events"][number]): Document {
  const push: Document = { internalNotes: note };
  if (event) push.events = event;
  return { $set: { updatedAt: note.at }, $push: push, $inc: { version: 1 } };
}

/** Tickets written before versions existed count as version 1 (what SQLite's column default gives them). */
export const TICKET_VERSION_BACKFILL = {
  filter: { version: { $exists: false } },
  update: { $set: { version: 1 } },
} as const;

// ---------- returns, CSAT, orders, audit ----------

export function returnFilter(shop: string, filter: { status?: ReturnStatus }, after: CursorKey | null = null): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(filter.status)) f.status = str(filter.status, "status");
  return withKeyset(f, RETURN_ORDER, after);
}

export function openReturnFilter(shop: string, orderId: string, lineItemId: string): Filter {
  return {
    shop: str(shop, "shop"),
    orderId: str(orderId, "orderId"),
    lineItemId: str(lineItemId, "lineItemId"),
    open: true,
  };
}

export function returnDecision(decision: { status: ReturnStatus; note: string | null; at: string }): Document {
  return {
    $set: {
      status: decision.status,
      decisionNote: decision.note,
      decidedAt: decision.at,
      open: isOpenReturn(decision.status),
    },
  };
}

export function csatFilter(
  shop: string,
  filter: { maxRating?: number; from?: string },
  after: CursorKey | null = null,
): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(filter.maxRating)) f.rating = { $lte: num(filter.maxRating, "maxRating") };
  if (given(filter.from)) f.createdAt = { $gte: str(filter.from, "from") };
  return withKeyset(f, CSAT_ORDER, after);
}

export function customerOrdersFilter(shop: string, customerId: string, after: CursorKey | null = null): Filter {
  return withKeyset(
    { shop: str(shop, "shop"), customerId: str(customerId, "customerId") },
    CUSTOMER_ORDERS_ORDER,
    after,
  );
}

/** customers/redact: the customer's orders by id or (case-insensitive) email; null when neither is given. */
export function redactFilter(shop: string, customerId: string | null, email: string | null): Filter | null {
  const or: Document[] = [];
  if (given(customerId)) or.push({ customerId: str(customerId, "customerId") });
  if (given(email)) or.push({ emailLower: normalizeEmail(str(email, "email")) });
  return or.length === 0 ? null : { shop: str(shop, "shop"), $or: or };
}

export const redactOrderUpdate = (): Document => ({
  $set: { customerId: null, email: "", emailLower: "", postalCode: "" },
});

/** A regular expression matching `text` literally (for anchored prefix searches). */
export function literalPattern(text: string): string {
  return str(text, "text").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function auditFilter(
  shop: string,
  after: CursorKey | null = null,
  filter: { actionPrefix?: string } = {},
): Filter {
  const f: Filter = { shop: str(shop, "shop") };
  if (given(filter.actionPrefix) && filter.actionPrefix !== "") {
    f.action = { $regex: `^${literalPattern(filter.actionPrefix as string)}` };
  }
  return withKeyset(f, AUDIT_ORDER, after);
}

// ---------- reports ----------

const dayOf = (field: string): Document => ({ $substrBytes: [`$${field}`, 0, 10] });

function inRange(shop: string, field: string, from: string, to: string): Filter {
  return { shop: str(shop, "shop"), [field]: { $gte: str(from, "from"), $lt: str(to, "to") } };
}

export function conversationsByDayPipeline(shop: string, from: string, to: string): Document[] {
  return [
    { $match: inRange(shop, "startedAt", from, to) },
    {
      $group: {
        _id: dayOf("startedAt"),
        conversations: { $sum: 1 },
        escalated: { $sum: { $cond: ["$escalated", 1, 0] } },
        resolved: { $sum: { $cond: [{ $eq: ["$outcome", "resolved"] }, 1, 0] } },
      },
    },
    { $sort: { _id: 1 } },
  ];
}

export function intentsPipeline(shop: string, from: string, to: string): Document[] {
  return [
    { $match: inRange(shop, "startedAt", from, to) },
    { $group: { _id: { $ifNull: ["$lastIntent", "unknown"] }, n: { $sum: 1 } } },
  ];
}

export function csatByDayPipeline(shop: string, from: string, to: string): Document[] {
  return [
    { $match: inRange(shop, "createdAt", from, to) },
    { $group: { _id: { day: dayOf("createdAt"), rating: "$rating" }, count: { $sum: 1 } } },
    { $sort: { "_id.day": 1, "_id.rating": 1 } },
  ];
}

export function conversionsByDayPipeline(shop: string, from: string, to: string): Document[] {
  return [
    { $match: { ...inRange(shop, "placedAt", from, to), conversationId: { $type: "string" } } },
    { $group: { _id: dayOf("placedAt"), orders: { $sum: 1 }, revenue: { $sum: "$total" } } },
    { $sort: { _id: 1 } },
  ];
}

export function eventsByDayPipeline(shop: string, name: string, from: string, to: string): Document[] {
  return [
    { $match: { ...inRange(shop, "at", from, to), name: str(name, "name") } },
    { $group: { _id: dayOf("at"), count: { $sum: 1 } } },
    { $sort: { _id: 1 } },
  ];
}

// ---------- request stats ----------

/**
 * Adds one hour's increment. Latency buckets live in an object keyed by bucket index ("0", "1", ...), so one
 * upsert with `$inc` creates or adds to every bucket atomically.
 */
export function requestStatsIncrement(
  shop: string,
  increment: { hour: string; requests: number; errors: number; latency: number[] },
) {
  const inc: Document = { requests: num(increment.requests, "requests"), errors: num(increment.errors, "errors") };
  increment.latency.forEach((n, i) => {
    if (num(n, `latency[${i}]`) !== 0) inc[`latency.${i}`] = n;
  });
  return { filter: { shop: str(shop, "shop"), hour: str(increment.hour, "hour") }, update: { $inc: inc } };
}

/** The stored latency object back as the port's array of `buckets` counts. */
export function latencyArray(stored: unknown, buckets: number): number[] {
  const source = (stored ?? {}) as Record<string, unknown>;
  return Array.from({ length: buckets }, (_, i) => {
    const n = source[String(i)];
    return typeof n === "number" ? n : 0;
  });
}

/** Events in [from, to), counted per name. */
export function analyticsCountsPipeline(shop: string, from: string, to: string): Document[] {
  return [
    { $match: { shop: str(shop, "shop"), at: { $gte: str(from, "from"), $lt: str(to, "to") } } },
    { $group: { _id: "$name", n: { $sum: 1 } } },
  ];
}

// ---------- idempotency ----------

export function idempotencyKey(shop: string, route: string, key: string): Filter {
  return { shop: str(shop, "shop"), route: str(route, "route"), key: str(key, "key") };
}

/** A fresh claim, live until `now + ttl`; `wallClock` only dates the housekeeping. Responses are JSON text. */
export function idempotencyClaim(
  shop: string,
  route: string,
  key: string,
  bodyHash: string,
  now: Date,
  ttlMs: number,
  wallClock: Date,
): Document {
  return {
    ...idempotencyKey(shop, route, key),
    bodyHash: str(bodyHash, "bodyHash"),
    state: "in_progress",
    response: null,
    expiresAt: new Date(now.getTime() + num(ttlMs, "ttlMs")),
    reapAt: new Date(wallClock.getTime() + ttlMs),
  };
}

/** Takes over an expired record; the expiry condition makes the takeover a compare-and-set. */
export function idempotencyTakeover(
  shop: string,
  route: string,
  key: string,
  bodyHash: string,
  now: Date,
  ttlMs: number,
  wallClock: Date,
) {
  const {
    bodyHash: hash,
    state,
    response,
    expiresAt,
    reapAt,
  } = idempotencyClaim(shop, route, key, bodyHash, now, ttlMs, wallClock);
  return {
    filter: { ...idempotencyKey(shop, route, key), expiresAt: { $lte: now } },
    update: { $set: { bodyHash: hash, state, response, expiresAt, reapAt } },
  };
}

export interface IdempotencyRecord {
  bodyHash: string;
  /** "committing": a turn's writes were under way (see idempotencyCommitting); the adapter finishes them first. */
  state: "in_progress" | "committing" | "done";
  response: string | null;
  expiresAt: Date;
  turn?: string | null;
}

/** What a live (unexpired) record means for a caller with this body hash. */
export function idempotencyOutcome(record: IdempotencyRecord, bodyHash: string): IdempotencyBegin {
  if (record.bodyHash !== bodyHash) return { state: "conflict" };
  if (record.state === "committing") return { state: "in_progress" };
  if (record.state !== "done" || record.response === null) return { state: "in_progress" };
  return { state: "replay", response: JSON.parse(record.response) as StoredResponse };
}

/** Marks the claim done; a given `expiresAt` replaces the short in-progress lease with the replay window. */
export function idempotencyComplete(response: StoredResponse, expiresAt?: Date, wallClock = new Date()): Document {
  const set: Document = { state: "done", response: JSON.stringify(response) };
  if (expiresAt) {
    set.expiresAt = expiresAt;
    // Housekeeping on the server's clock: keep the record for the same span from now.
    set.reapAt = new Date(wallClock.getTime() + Math.max(0, expiresAt.getTime() - wallClock.getTime()));
  }
  return { $set: set };
}

// ---------- sessions (keyed by id alone, as the Shopify library wants) ----------

export const sessionFilter = (id: string): Filter => ({ id: str(id, "id") });
export const sessionsFilter = (ids: string[]): Filter => ({ id: { $in: strings(ids, "ids") } });

// ---------- rate limits and sequences ----------

/** Fixed windows aligned to the epoch: one counter document per (shop, bucket, key, window). */
export function rateLimitHit(shop: string, bucket: string, key: string, now: Date, windowMs: number, wallClock: Date) {
  if (!(num(windowMs, "windowMs") > 0)) throw new RangeError("windowMs must be positive");
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const resetAt = new Date(windowStart + windowMs);
  return {
    filter: { shop: str(shop, "shop"), bucket: str(bucket, "bucket"), key: str(key, "key"), windowStart },
    // A window's counter is dead one window after its first hit (wall clock): then the TTL index reaps it.
    update: { $inc: { count: 1 }, $setOnInsert: { reapAt: new Date(wallClock.getTime() + windowMs) } },
    resetAt,
  };
}

/** A new random catalog version for the shop, upserted on every product write or removal. */
export function catalogVersionBump(shop: string, version: string) {
  return { filter: shopFilter(shop), update: { $set: { version: str(version, "version") } } };
}

export function sequenceIncrement(shop: string, name: string) {
  return { filter: { shop: str(shop, "shop"), name: str(name, "name") }, update: { $inc: { value: 1 } } };
}

// ---------- collections and their indexes ----------

const SHOP_ID: IndexDescription = { key: { shop: 1, id: 1 }, unique: true };
// Housekeeping only: the server's TTL monitor runs on its own clock, so it reaps by `reapAt` (wall clock at
// write + ttl) with an hour of slack for clock skew; correctness always compares `expiresAt` with the caller's `now`.
const TTL: IndexDescription = { key: { reapAt: 1 }, expireAfterSeconds: 3600 };

// Keeps the collection names as literal keys while checking every index description.
const indexes = <K extends string>(spec: Record<K, IndexDescription[]>): Record<K, IndexDescription[]> => spec;

/** One collection per entity; each index serves a query above (uniqueness is always per shop). */
export const INDEXES = indexes({
  shops: [{ key: { shop: 1 }, unique: true }],
  staff: [{ key: { shop: 1, userId: 1 }, unique: true }],
  products: [
    SHOP_ID,
    { key: { shop: 1, handle: 1, id: 1 } },
    { key: { shop: 1, category: 1, price: 1 } },
    { key: { shop: 1, "variants.inventoryItemId": 1 } },
  ],
  customers: [SHOP_ID, { key: { shop: 1, emailLower: 1, updatedAt: -1 } }],
  orders: [
    SHOP_ID,
    { key: { shop: 1, number: 1, placedAt: -1 } },
    { key: { shop: 1, customerId: 1, placedAt: -1, id: -1 } },
    { key: { shop: 1, emailLower: 1 } },
    { key: { shop: 1, placedAt: 1 }, partialFilterExpression: { conversationId: { $type: "string" } } },
  ],
  conversations: [
    SHOP_ID,
    { key: { shop: 1, updatedAt: -1, id: -1 } },
    { key: { shop: 1, startedAt: 1, escalated: 1, outcome: 1, lastIntent: 1 } },
    { key: { shop: 1, visitorId: 1, updatedAt: -1, id: -1 } },
    { key: { shop: 1, lastIntent: 1, updatedAt: -1, id: -1 } },
    { key: { shop: 1, outcome: 1, updatedAt: -1, id: -1 } },
    { key: { shop: 1, escalated: 1, updatedAt: -1, id: -1 } },
    { key: { shop: 1, startedAt: 1 } },
  ],
  messages: [
    SHOP_ID,
    { key: { shop: 1, conversationId: 1, createdAt: 1, _id: 1 } },
    // shop is an equality prefix, so every $text search is tenant-scoped by the index itself. "none": no
    // stemming or stop words (words match whole, like SQLite's FTS5); a message field never picks the language.
    { key: { shop: 1, text: "text" }, default_language: "none", language_override: "textSearchLanguage" },
  ],
  tickets: [
    SHOP_ID,
    { key: { shop: 1, number: 1 }, unique: true },
    { key: { shop: 1, priorityRank: 1, slaDueAt: 1, id: 1 } },
    { key: { shop: 1, status: 1, priorityRank: 1, slaDueAt: 1, id: 1 } },
    { key: { shop: 1, assignee: 1, priorityRank: 1, slaDueAt: 1, id: 1 } },
    { key: { shop: 1, conversationId: 1 } },
  ],
  returnRequests: [
    SHOP_ID,
    // One open request per line item. Partial indexes cannot use $in, hence the stored `open` flag.
    { key: { shop: 1, orderId: 1, lineItemId: 1 }, unique: true, partialFilterExpression: { open: true } },
    { key: { shop: 1, createdAt: -1, id: -1 } },
    { key: { shop: 1, status: 1, createdAt: -1, id: -1 } },
  ],
  csatRatings: [
    SHOP_ID,
    { key: { shop: 1, conversationId: 1 }, unique: true },
    { key: { shop: 1, createdAt: -1, id: -1 } },
    { key: { shop: 1, createdAt: 1, rating: 1 } },
  ],
  faqEntries: [SHOP_ID],
  shortlists: [SHOP_ID],
  analyticsEvents: [SHOP_ID, { key: { shop: 1, at: 1, name: 1 } }],
  auditLog: [SHOP_ID, { key: { shop: 1, at: -1, id: -1 } }, { key: { shop: 1, action: 1, at: -1, id: -1 } }],
  requestStats: [{ key: { shop: 1, hour: 1 }, unique: true }],
  idempotencyRecords: [{ key: { shop: 1, route: 1, key: 1 }, unique: true }, TTL],
  rateLimitCounters: [{ key: { shop: 1, bucket: 1, key: 1, windowStart: 1 }, unique: true }, TTL],
  sessions: [{ key: { id: 1 }, unique: true }, { key: { shop: 1 } }],
  sequences: [{ key: { shop: 1, name: 1 }, unique: true }],
  jobs: [
    SHOP_ID,
    // A redelivered webhook carries the same key; only keyed jobs take part in the uniqueness.
    { key: { shop: 1, key: 1 }, unique: true, partialFilterExpression: { key: { $type: "string" } } },
    { key: { status: 1, runAt: 1 } },
    { key: { status: 1, leaseExpiresAt: 1 } },
    { key: { status: 1, updatedAt: 1 } },
    { key: { shop: 1, kind: 1, status: 1 } },
  ],
  leases: [{ key: { shop: 1, name: 1 }, unique: true }],
  syncProgress: [{ key: { shop: 1 }, unique: true }],
  dataRequests: [SHOP_ID, { key: { shop: 1, requestedAt: -1, id: -1 } }, { key: { shop: 1, emailLower: 1 } }],
  catalogVersions: [{ key: { shop: 1 }, unique: true }],
});

export type CollectionName = keyof typeof INDEXES;
export const COLLECTIONS = Object.keys(INDEXES) as CollectionName[];

// ---------- connection ----------

/** The database named in the URI's path (`mongodb://h1,h2/aurora?…`), if any. */
export function dbNameFromUri(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}
