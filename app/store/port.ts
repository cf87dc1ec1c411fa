// The persistence port: every adapter (SQLite, MongoDB) implements `Store` and passes the same contract suite.
// Every call that touches shop data takes `shop` first, so tenant isolation is visible at each call site.

import type { Category, Metal } from "~/concierge/understanding/types";

export type Iso = string; // ISO-8601 timestamp, UTC

// ---------- shops ----------

export interface BusinessHours {
  timezone: string; // IANA, e.g. "America/New_York"
  /** 0 = Sunday … 6 = Saturday; minutes from midnight, local time. A day absent = closed. */
  days: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, { open: number; close: number }>>;
}

export interface ShopSettings {
  appearance: {
    position: "bottom-right" | "bottom-left";
    accentColor: string;
    launcherLabel: string;
    greeting: string;
  };
  businessHours: BusinessHours;
  sla: { standardHours: number; priorityHours: number };
  returns: { returnWindowDays: number; resizeWindowDays: number; exchangeWindowDays: number };
  /** Where customization requests are routed (a page on the shop), if the shop has one. */
  customizationUrl?: string;
  sizeGuideUrl?: string;
  /** When staff last saved business hours and SLA: the setup checklist's "business hours set". */
  hoursConfirmedAt?: Iso;
  /** How synced products map to category, metal and ready-to-ship (defaults: see concierge/catalogMapping). */
  catalogMapping?: CatalogMapping;
  /**
   * The shop's primary language (BCP 47, default "en"): of the emails staff receive, of shoppers' emails when
   * their own is unknown, and of the concierge's replies when a request names none of en/fr/es/de.
   */
  locale?: string;
  /** When staff last chose the primary language in Settings: from then on the backfill no longer sets it. */
  localeChosenAt?: Iso;
}

/** Where a product attribute is read from, tried in order: the first source that yields a value wins. */
export type AttributeSource =
  | { from: "option"; name: string }
  | { from: "tag"; prefix?: string }
  | { from: "metafield"; namespace: string; key: string }
  | { from: "product_type" }
  | { from: "title" };

export interface CatalogMapping {
  category: AttributeSource[];
  metal: AttributeSource[];
  readyToShip: AttributeSource[];
}

export interface RolloutStage {
  name: string;
  percent: number; // 0 = allowlist only
  days: number;
}

export interface RolloutState {
  enabled: boolean; // false = kill switch on
  percent: number; // 0..100
  allowlist: { customerIds: string[]; emails: string[] };
  previewToken: string | null;
  guarded?: {
    active: boolean;
    stageIndex: number;
    stageStartedAt: Iso | null;
    stages: RolloutStage[];
    paused?: { at: Iso; reason: string } | null;
  };
  updatedAt: Iso;
}

export interface Shop {
  shop: string; // myshopify domain
  name: string;
  currency: string; // ISO 4217
  orderPrefix: string; // "" for plain numeric order names
  settings: ShopSettings;
  rollout: RolloutState;
  installedAt: Iso;
  uninstalledAt: Iso | null;
  updatedAt: Iso;
}

// ---------- staff ----------

export const STAFF_ROLES = ["owner", "admin", "support_lead", "agent", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  updatedAt: Iso;
}

// ---------- catalog ----------

export interface ProductImage {
  url: string;
  alt: string;
}

export interface ProductVariant {
  id: string;
  title: string;
  price: number;
  compareAtPrice?: number | null;
  sku?: string | null;
  ringSize?: number | null;
  inventory: number;
  available: boolean;
  /** Shopify's inventory item behind the variant (inventory_levels/update names only this). */
  inventoryItemId?: string | null;
  /** Units per location, when the shop syncs from Shopify: `inventory` is their sum. */
  inventoryByLocation?: Record<string, number>;
}

export interface Product {
  id: string;
  handle: string;
  title: string;
  description: string;
  category: Category;
  metal: Metal | null;
  /** Lowest variant price: what a card shows and what price filters compare. */
  price: number;
  compareAtPrice: number | null;
  readyToShip: boolean;
  featured: boolean;
  status: "active" | "draft" | "archived";
  tags: string[];
  images: ProductImage[];
  variants: ProductVariant[];
  inventory: number;
  shippingPromise: string | null;
  /**
   * What the catalog mapping says about the piece itself (a tag, option or metafield), before stock is counted:
   * `readyToShip` is this and "in stock", so a sold-out piece stops being ready to ship and a restock brings it back.
   */
  readyToShipMapped?: boolean;
  updatedAt: Iso;
}

export interface ProductQuery {
  category?: Category;
  /** "gold" matches every gold family. */
  metal?: Metal;
  /** Metals ruled out ("gold" rules out every gold family); a product without a metal is never ruled out. */
  excludeMetals?: Metal[];
  /** Categories ruled out. */
  excludeCategories?: Category[];
  priceMin?: number;
  priceMax?: number;
  readyToShip?: boolean;
  tag?: string;
  /** Only products with a variant of this ring size. */
  ringSize?: number;
  /** Only `active` products unless false. */
  activeOnly?: boolean;
  ids?: string[];
}

// ---------- customers and orders ----------

export interface Customer {
  id: string; // Shopify customer id
  email: string;
  firstName: string;
  lastName: string;
  updatedAt: Iso;
}

export const ORDER_STATUSES = [
  "placed",
  "paid",
  "in_production",
  "shipped",
  "out_for_delivery",
  "delivered",
  "cancelled",
  "exception",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLineItem {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  price: number;
  ringSize?: number | null;
  custom: boolean;
  engraved: boolean;
  finalSale: boolean;
}

export interface OrderFulfillment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: Iso | null;
  estimatedDelivery: Iso | null;
}

export interface Order {
  id: string;
  /** Normalised order number: `#`, spaces and hyphens removed, upper-cased ("#1042" → "1042"). */
  number: string;
  name: string; // as the shop shows it, "#1042"
  customerId: string | null;
  email: string;
  postalCode: string;
  status: OrderStatus;
  placedAt: Iso;
  deliveredAt: Iso | null;
  lineItems: OrderLineItem[];
  fulfillments: OrderFulfillment[];
  statusHistory: { status: OrderStatus; at: Iso; note?: string }[];
  total: number;
  currency: string;
  /** The conversation this order is attributed to (conversion), if any. */
  conversationId: string | null;
  updatedAt: Iso;
}

// ---------- conversations ----------

export type MessageRole = "shopper" | "concierge" | "agent";

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: MessageRole;
  /** The Message vocabulary type: text, product_cards, order_status, form, ... */
  type: string;
  /** The whole Message as sent to the widget (JSON-safe). */
  payload: Record<string, unknown>;
  /** Plain text for full-text search and transcripts ("" when none). */
  text: string;
  intent: string | null;
  createdAt: Iso;
}

export interface Conversation {
  id: string;
  visitorId: string;
  customerId: string | null;
  /** The dialogue state (JSON-safe), owned by the concierge domain. */
  state: Record<string, unknown>;
  lastIntent: string | null;
  outcome: "open" | "resolved" | "escalated" | "abandoned";
  escalated: boolean;
  rating: number | null;
  messageCount: number;
  /** Agent replies the shopper has not seen yet (the launcher's unread badge). */
  unread: number;
  startedAt: Iso;
  updatedAt: Iso;
  erasedAt: Iso | null;
}

export interface ConversationFilter {
  intent?: string;
  outcome?: Conversation["outcome"];
  escalated?: boolean;
  rating?: number;
  /** startedAt >= from */
  from?: Iso;
  /** startedAt < to */
  to?: Iso;
  /** Full-text search over message text: every word must occur in one message of the conversation. */
  q?: string;
  visitorId?: string;
  customerId?: string;
  /** updatedAt < updatedBefore (retention). */
  updatedBefore?: Iso;
  /** true = only tombstones, false = only conversations not erased. */
  erased?: boolean;
}

/**
 * One shopper turn, written as one durable commit: the conversation it starts (or the changes to the one it
 * continues), its messages, and — when the request carried an Idempotency-Key — the answer to replay.
 */
export interface TurnRecord {
  conversationId: string;
  /** The conversation this turn starts; absent when the turn continues `conversationId`. */
  start?: Conversation;
  /** Applied to the conversation (after `start`, when given), before the messages are counted in. */
  patch: Partial<Omit<Conversation, "id" | "visitorId" | "startedAt">>;
  messages: StoredMessage[];
  idempotency?: IdempotentAnswer;
}

/** The finished answer of an idempotent request, stored for replay under (shop, route, key). */
export interface IdempotentAnswer {
  route: string;
  key: string;
  bodyHash: string;
  response: StoredResponse;
  expiresAt: Date;
}

// ---------- tickets ----------

export const TICKET_STATUSES = ["open", "in_progress", "waiting", "resolved"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface TicketNote {
  id: string;
  author: string;
  body: string;
  at: Iso;
}

export interface TicketEvent {
  at: Iso;
  actor: string;
  type: string; // created, status_changed, assigned, replied, noted, sla_breached
  data?: Record<string, unknown>;
}

export interface Ticket {
  id: string;
  number: number; // per-shop sequence
  conversationId: string | null;
  status: TicketStatus;
  priority: "normal" | "high";
  topic: string;
  contact: { name: string; email: string; phone: string | null };
  notes: string | null;
  preferredTime: string | null;
  assignee: string | null;
  /** What the shopper was doing: shortlist, order, transcript excerpt, origin intent. */
  context: Record<string, unknown>;
  internalNotes: TicketNote[];
  events: TicketEvent[];
  slaDueAt: Iso;
  createdAt: Iso;
  updatedAt: Iso;
  /** Starts at 1; every write (update, addNote) adds 1, so an edit made on a stale copy can be refused. */
  version: number;
}

export interface TicketFilter {
  status?: TicketStatus;
  /** Any of these statuses (the open queue is open, in_progress and waiting). */
  statuses?: TicketStatus[];
  /** A staff user id; null = unassigned tickets only. */
  assignee?: string | null;
  priority?: Ticket["priority"];
  conversationId?: string;
  /** slaDueAt <= dueBefore (the SLA sweep). */
  dueBefore?: Iso;
  /** Only tickets not resolved. */
  unresolved?: boolean;
}

// ---------- returns ----------

export const RETURN_OPTIONS = ["return", "resize", "exchange", "care"] as const;
export type ReturnOption = (typeof RETURN_OPTIONS)[number];
export const RETURN_STATUSES = ["requested", "approved", "declined", "completed"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface ReturnRequest {
  id: string;
  rma: string;
  orderId: string;
  orderNumber: string;
  lineItemId: string;
  option: ReturnOption;
  reason: string;
  newSize: number | null;
  status: ReturnStatus;
  eligibility: Record<string, unknown>;
  conversationId: string | null;
  decisionNote: string | null;
  createdAt: Iso;
  decidedAt: Iso | null;
}

// ---------- CSAT, FAQ, shortlist, analytics, audit ----------

export interface CsatRating {
  id: string;
  conversationId: string;
  rating: number; // 1..5
  comment: string | null;
  intent: string | null;
  createdAt: Iso;
}

export interface FaqEntry {
  id: string;
  topic: string; // shipping, returns, materials, warranty, financing, care, sizing, ...
  question: string;
  answer: string;
  keywords: string[];
  updatedAt: Iso;
}

export interface Shortlist {
  id: string;
  visitorId: string;
  conversationId: string | null;
  productIds: string[];
  createdAt: Iso;
  expiresAt: Iso;
}

export interface AnalyticsEvent {
  id: string;
  name: string;
  at: Iso;
  /** Salted hash of the visitor id; never the raw id. */
  visitorHash: string;
  conversationId: string | null;
  /** Sanitised properties: no raw email, phone, order number or free text. */
  props: Record<string, string | number | boolean | null>;
}

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  at: Iso;
  /** Why, in words a merchant can read (the guarded rollout's gate results, a decline note). */
  reason?: string;
}

// ---------- reports (the admin overview) ----------

/** A UTC calendar day, "2025-01-31". */
export type Day = string;

export interface ConversationDay {
  day: Day;
  conversations: number;
  escalated: number;
  resolved: number;
}

export interface CsatDayCount {
  day: Day;
  rating: number;
  count: number;
}

export interface ConversionDay {
  day: Day;
  orders: number;
  revenue: number;
}

export interface DayCount {
  day: Day;
  count: number;
}

// Relative: adapters import this file under plain tsx too (the crash test), where the `~` alias is unknown.
export { LATENCY_BUCKETS_MS } from "../concierge/latencyHistogram";

/** Storefront requests of one shop in one UTC hour: recorded in memory, flushed as increments. */
export interface RequestRollup {
  /** Start of the hour, ISO ("2025-01-31T13:00:00.000Z"). */
  hour: Iso;
  requests: number;
  /** Answers with a 5xx status. */
  errors: number;
  /** Counts per LATENCY_BUCKETS_MS bucket, plus the open last one (length LATENCY_BUCKETS_MS.length + 1). */
  latency: number[];
}

// ---------- idempotency, rate limits, sessions ----------

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type IdempotencyBegin =
  { state: "new" } | { state: "replay"; response: StoredResponse } | { state: "conflict" } | { state: "in_progress" };

export interface SessionRecord {
  id: string;
  shop: string;
  /** The library's `session.toPropertyArray(true)`, as JSON. */
  data: unknown;
}

// ---------- pagination ----------

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number; // default 25, max 100
}

// ---------- background jobs, leases, sync progress, privacy requests ----------

export const JOB_STATUSES = ["pending", "running", "done", "dead"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One unit of queued work (a webhook to apply, an email to send, a backfill step), run by the in-app worker. */
export interface Job {
  id: string;
  shop: string;
  kind: string;
  /** Unique per shop while the row lives (a webhook id): enqueueing the same key again is refused. */
  key: string | null;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  runAt: Iso;
  /** The worker holding the job and until when; an expired lease lets another worker take it over. */
  leaseOwner: string | null;
  leaseExpiresAt: Iso | null;
  lastError: string | null;
  createdAt: Iso;
  updatedAt: Iso;
}

export type NewJob = Pick<Job, "id" | "kind" | "key" | "payload" | "runAt" | "createdAt">;

/** The queue's backlog of one job kind, across shops (for the ops metrics). */
export interface JobBacklog {
  kind: string;
  /** Jobs still to finish: pending (due or waiting to retry) and running. */
  queued: number;
  /** runAt of the oldest pending job already due (waiting for a worker), or null. */
  oldestDueAt: Iso | null;
}

export interface SyncProgress {
  runId: string;
  status: "running" | "done" | "failed";
  phase: "products" | "customers" | "orders" | "done";
  /** The Admin API cursor of the next page of `phase` (null = its first page). */
  cursor: string | null;
  counts: { products: number; customers: number; orders: number };
  /** Orders placed on or after this are synced. */
  ordersSince: Iso;
  startedAt: Iso;
  finishedAt: Iso | null;
  updatedAt: Iso;
  lastError: string | null;
}

/** A customers/data_request: ids and the contact to search by; the report itself is built when downloaded. */
export interface DataRequest {
  id: string;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  ordersRequested: string[];
  requestedAt: Iso;
}

/** Who a redaction is about: any of a customer id, an email, or explicit conversations. */
export interface RedactionTarget {
  conversationIds: string[];
  email?: string | null;
  orderIds?: string[];
}

// ---------- the port ----------

export interface Store {
  readonly kind: "sqlite" | "mongo";
  /** Readiness: proves the database serves a read and accepts a (tiny, non-durable) write right now. */
  ping(): Promise<void>;
  close(): Promise<void>;

  shops: {
    get(shop: string): Promise<Shop | null>;
    /** Creates or replaces the shop row. */
    put(shop: string, value: Omit<Shop, "shop">): Promise<Shop>;
    list(): Promise<Shop[]>;
    /**
     * Replaces only the given parts (rollout, settings, name), so a settings edit never undoes a rollout change.
     * With `ifRolloutUpdatedAt`, writes only while the stored `rollout.updatedAt` still equals it, else throws
     * `ConflictError` (someone changed the rollout first). Null when the shop does not exist.
     */
    patch(
      shop: string,
      patch: Partial<Pick<Shop, "rollout" | "settings" | "name">> & { updatedAt: Iso },
      guard?: { ifRolloutUpdatedAt?: Iso },
    ): Promise<Shop | null>;
    /** Deletes the shop and every row that belongs to it (shop/redact, tests). */
    purge(shop: string): Promise<void>;
  };

  staff: {
    list(shop: string): Promise<StaffMember[]>;
    get(shop: string, userId: string): Promise<StaffMember | null>;
    put(shop: string, member: StaffMember): Promise<StaffMember>;
    remove(shop: string, userId: string): Promise<boolean>;
  };

  products: {
    put(shop: string, product: Product): Promise<Product>;
    get(shop: string, id: string): Promise<Product | null>;
    getByHandle(shop: string, handle: string): Promise<Product | null>;
    /** Filtered, in id order, keyset-paginated. */
    find(shop: string, query: ProductQuery, page?: PageRequest): Promise<Page<Product>>;
    remove(shop: string, id: string): Promise<boolean>;
    count(shop: string): Promise<number>;
    /**
     * A token that changes whenever any product of the shop is written or removed, by any process or path
     * (in-memory catalog indexes compare it to know they are stale). "" when the shop has no catalog yet.
     */
    catalogVersion(shop: string): Promise<string>;
    /** The product one of whose variants is stocked by this Shopify inventory item. */
    findByInventoryItem(shop: string, inventoryItemId: string): Promise<Product | null>;
  };

  customers: {
    put(shop: string, customer: Customer): Promise<Customer>;
    get(shop: string, id: string): Promise<Customer | null>;
    /** Case-insensitive. */
    findByEmail(shop: string, email: string): Promise<Customer | null>;
    remove(shop: string, id: string): Promise<boolean>;
  };

  orders: {
    put(shop: string, order: Order): Promise<Order>;
    get(shop: string, id: string): Promise<Order | null>;
    /** `number` is normalised like `Order.number` ("#1042" finds "1042"). */
    getByNumber(shop: string, number: string): Promise<Order | null>;
    /** Newest first (placedAt desc, id desc), keyset-paginated. */
    listByCustomer(shop: string, customerId: string, page?: PageRequest): Promise<Page<Order>>;
    /** Sets the attributed conversation (conversion), once. Returns false if already attributed. */
    attribute(shop: string, orderId: string, conversationId: string): Promise<boolean>;
    /** customers/redact: removes the customer's contact details from their orders. */
    redactCustomer(shop: string, customerId: string | null, email: string | null): Promise<number>;
  };

  conversations: {
    create(shop: string, conversation: Conversation): Promise<Conversation>;
    get(shop: string, id: string): Promise<Conversation | null>;
    update(
      shop: string,
      id: string,
      patch: Partial<Omit<Conversation, "id" | "visitorId" | "startedAt">>,
    ): Promise<Conversation | null>;
    /** Newest first (updatedAt desc, id desc), keyset-paginated. */
    list(shop: string, filter?: ConversationFilter, page?: PageRequest): Promise<Page<Conversation>>;
    /**
     * In one write: stores the messages, adds them to messageCount, adds agent messages to unread, and moves
     * updatedAt to the newest message's createdAt when that is later.
     */
    appendMessages(shop: string, conversationId: string, messages: StoredMessage[]): Promise<void>;
    /**
     * A whole turn in one atomic, durable write: `start` created (DuplicateError if it exists) or the existing
     * conversation patched, the messages appended as by `appendMessages`, and the idempotent answer stored.
     * Acknowledged means all of it survives a crash; a failure leaves none of it.
     */
    recordTurn(shop: string, turn: TurnRecord): Promise<void>;
    /** Oldest first; with `limit`, the most recent `limit` messages (still oldest first). */
    messages(shop: string, conversationId: string, limit?: number): Promise<StoredMessage[]>;
    /** "Delete my chat": message text, payloads and contact details erased; the row stays as a tombstone. */
    erase(shop: string, id: string): Promise<boolean>;
    count(shop: string, filter?: ConversationFilter): Promise<number>;
    /** Ids of conversations with a message whose text contains `needle` (case-insensitive), e.g. an email typed in. */
    findMentioning(shop: string, needle: string): Promise<string[]>;
  };

  tickets: {
    /** Allocates the next per-shop ticket number atomically; the new ticket is version 1. */
    create(shop: string, ticket: Omit<Ticket, "number" | "version">): Promise<Ticket>;
    get(shop: string, id: string): Promise<Ticket | null>;
    /** Priority first (high before normal), then SLA deadline ascending, keyset-paginated. */
    list(shop: string, filter?: TicketFilter, page?: PageRequest): Promise<Page<Ticket>>;
    count(shop: string, filter?: TicketFilter): Promise<number>;
    /**
     * Applies the patch, appends the event and adds 1 to the version. With `expectedVersion`, a ticket whose
     * version differs is left alone and `ConflictError` is thrown (someone else changed it first).
     */
    update(
      shop: string,
      id: string,
      patch: Partial<Pick<Ticket, "status" | "priority" | "assignee" | "slaDueAt">>,
      event: TicketEvent,
      expectedVersion?: number,
    ): Promise<Ticket | null>;
    /** Appends an internal note (and, when given, an event) and adds 1 to the version. */
    addNote(shop: string, id: string, note: TicketNote, event?: TicketEvent): Promise<Ticket | null>;
    /** Ids of tickets made from these conversations or with this contact email (case-insensitive). */
    findForRedaction(shop: string, target: RedactionTarget): Promise<string[]>;
    /**
     * Erases the shopper's words from a ticket: "transcript" blanks the transcript copy in its context; "all" also
     * blanks the contact, notes, preferred time, internal note bodies and event data. The event is appended.
     */
    redact(shop: string, id: string, scope: "transcript" | "all", event: TicketEvent): Promise<boolean>;
  };

  returns: {
    /** Throws `DuplicateError` when the line item already has an open (requested/approved) request. */
    create(shop: string, request: ReturnRequest): Promise<ReturnRequest>;
    get(shop: string, id: string): Promise<ReturnRequest | null>;
    findOpenForItem(shop: string, orderId: string, lineItemId: string): Promise<ReturnRequest | null>;
    /** Newest first (createdAt desc, id desc), keyset-paginated. */
    list(shop: string, filter?: { status?: ReturnStatus }, page?: PageRequest): Promise<Page<ReturnRequest>>;
    decide(
      shop: string,
      id: string,
      decision: { status: ReturnStatus; note: string | null; at: Iso },
    ): Promise<ReturnRequest | null>;
    /** Ids of requests made from these conversations or for these orders. */
    findForRedaction(shop: string, target: RedactionTarget): Promise<string[]>;
    /** Blanks the shopper's own words (reason, any transcript copy); the request and its decision stay. */
    redact(shop: string, id: string): Promise<boolean>;
  };

  csat: {
    /** Throws `DuplicateError` when the conversation already has a rating. */
    create(shop: string, rating: CsatRating): Promise<CsatRating>;
    getForConversation(shop: string, conversationId: string): Promise<CsatRating | null>;
    /** Newest first (createdAt desc, id desc), keyset-paginated; `maxRating` and `from` are inclusive. */
    list(shop: string, filter?: { maxRating?: number; from?: Iso }, page?: PageRequest): Promise<Page<CsatRating>>;
    /** Drops the comments of these conversations' ratings (the numbers stay). */
    redactComments(shop: string, conversationIds: string[]): Promise<number>;
  };

  faq: {
    list(shop: string): Promise<FaqEntry[]>;
    put(shop: string, entry: FaqEntry): Promise<FaqEntry>;
    remove(shop: string, id: string): Promise<boolean>;
  };

  shortlists: {
    put(shop: string, shortlist: Shortlist): Promise<Shortlist>;
    get(shop: string, id: string): Promise<Shortlist | null>;
    /** Deletes the shortlists of these conversations or visitors. */
    removeFor(shop: string, owners: { conversationIds: string[]; visitorIds: string[] }): Promise<number>;
    /** Deletes shortlists whose expiresAt <= now. */
    purgeExpired(shop: string, now: Iso): Promise<number>;
  };

  analytics: {
    record(shop: string, events: AnalyticsEvent[]): Promise<void>;
    /** Counts per event name in [from, to). */
    counts(shop: string, from: Iso, to: Iso): Promise<Record<string, number>>;
    /**
     * Breaks the links back to a person: events of these conversations or visitor hashes lose their conversation id
     * and get `replacementHash` as visitor hash, and property values equal to one of the conversation ids are dropped.
     */
    unlink(
      shop: string,
      target: { conversationIds: string[]; visitorHashes: string[] },
      replacementHash: string,
    ): Promise<number>;
    /** Deletes events with at < before. */
    purgeBefore(shop: string, before: Iso): Promise<number>;
  };

  audit: {
    record(shop: string, entry: AuditEntry): Promise<void>;
    /** Newest first (at desc, id desc), keyset-paginated; `actionPrefix` keeps actions starting with it. */
    list(shop: string, page?: PageRequest, filter?: { actionPrefix?: string }): Promise<Page<AuditEntry>>;
    /** Blanks before/after of entries whose values contain one of `needles` (case-insensitive). */
    scrub(shop: string, needles: string[]): Promise<number>;
  };

  /** Aggregates for the admin overview and the rollout gates; days are UTC, ranges are [from, to). */
  reports: {
    /** Conversations by the day they started, with how many were escalated and resolved. */
    conversationsByDay(shop: string, from: Iso, to: Iso): Promise<ConversationDay[]>;
    /** Conversations started in the range, by last intent ("unknown" when none). */
    intents(shop: string, from: Iso, to: Iso): Promise<Record<string, number>>;
    /** CSAT ratings given in the range, by day and rating. */
    csatByDay(shop: string, from: Iso, to: Iso): Promise<CsatDayCount[]>;
    /** Orders placed in the range that are attributed to a conversation, by day, with their total. */
    conversionsByDay(shop: string, from: Iso, to: Iso): Promise<ConversionDay[]>;
    /** Analytics events of one name in the range, by day. */
    eventsByDay(shop: string, name: string, from: Iso, to: Iso): Promise<DayCount[]>;
  };

  /** Storefront request counts, errors and latency per shop and hour (flushed from memory in batches). */
  requestStats: {
    /** Adds each increment to its hour's totals (creating the hour when new). */
    add(shop: string, increments: RequestRollup[]): Promise<void>;
    /** Hours in [from, to), oldest first. */
    list(shop: string, from: Iso, to: Iso): Promise<RequestRollup[]>;
  };

  idempotency: {
    /**
     * Claims (shop, route, key) atomically. Exactly one of several concurrent callers gets `new`;
     * an expired record counts as absent.
     */
    begin(
      shop: string,
      route: string,
      key: string,
      bodyHash: string,
      now: Date,
      ttlMs: number,
    ): Promise<IdempotencyBegin>;
    /**
     * Stores the answer to replay. `expiresAt`, when given, replaces the claim's expiry: callers claim with a short
     * lease (so a crash mid-request frees the key soon) and keep the finished answer for the full replay window.
     */
    complete(shop: string, route: string, key: string, response: StoredResponse, expiresAt?: Date): Promise<void>;
    /** Releases a claim whose request failed, so the caller may retry with the same key. */
    release(shop: string, route: string, key: string): Promise<void>;
    /** Deletes records whose stored answer contains one of `needles` (case-insensitive). */
    scrub(shop: string, needles: string[]): Promise<number>;
    /** Deletes every record expired at `now` (any shop); returns how many. */
    purgeExpired(now: Date): Promise<number>;
  };

  rateLimits: {
    /** Counts one hit in the fixed window containing `now`; returns the count so far and the window end. */
    hit(
      shop: string,
      bucket: string,
      key: string,
      now: Date,
      windowMs: number,
    ): Promise<{ count: number; resetAt: Date }>;
    /** Deletes every counter whose window ended at `now` (any shop); returns how many. */
    purgeExpired(now: Date): Promise<number>;
  };

  /** Shopify session storage (the library's five methods build on these). Sessions are keyed by id. */
  sessions: {
    store(record: SessionRecord): Promise<void>;
    load(id: string): Promise<SessionRecord | null>;
    delete(id: string): Promise<void>;
    deleteMany(ids: string[]): Promise<void>;
    findByShop(shop: string): Promise<SessionRecord[]>;
  };

  /** The durable job queue. Claims are across shops (one worker serves them all); everything else is per shop. */
  jobs: {
    /** False when a job with the same key already exists for the shop (a redelivered webhook). */
    enqueue(shop: string, job: NewJob): Promise<boolean>;
    /**
     * Atomically takes the next due job of these kinds (pending with runAt <= now, or running with an expired lease),
     * marks it running under `owner` until now + leaseMs and counts an attempt. Exactly one claimer gets a job.
     */
    claim(kinds: string[], owner: string, now: Date, leaseMs: number): Promise<Job | null>;
    /** done (success) or dead (given up): the payload is dropped. False when `owner` no longer holds the job. */
    finish(
      shop: string,
      id: string,
      owner: string,
      status: "done" | "dead",
      error: string | null,
      now: Date,
    ): Promise<boolean>;
    /** Back to pending at `runAt` (a retry after a failure, or the next step of a long job with a new payload). */
    reschedule(
      shop: string,
      id: string,
      owner: string,
      change: { runAt: Date; error: string | null; payload?: Record<string, unknown>; resetAttempts?: boolean },
      now: Date,
    ): Promise<boolean>;
    get(shop: string, id: string): Promise<Job | null>;
    /** Jobs of this kind per status. */
    counts(shop: string, kind: string): Promise<Record<JobStatus, number>>;
    /** Jobs not running whose payload contains one of `needles` (case-insensitive): payload dropped, pending ones dead. */
    scrub(shop: string, needles: string[]): Promise<number>;
    /** Deletes done and dead jobs last updated before `before` (any shop). */
    purgeFinished(before: Date): Promise<number>;
    /** Per kind with unfinished jobs, across shops (operations' view, nothing shop-specific leaves it). */
    backlog(now: Date): Promise<JobBacklog[]>;
  };

  /** Short exclusive leases, so that with several app processes one run of a periodic task owns it at a time. */
  leases: {
    /** True when `holder` now holds (shop, name) until now + ttl: it was free, expired, or already theirs. */
    acquire(shop: string, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
    /** Frees the lease if `holder` still holds it. */
    release(shop: string, name: string, holder: string): Promise<void>;
  };

  /** Progress of the initial catalog/customer/order backfill, one row per shop. */
  syncProgress: {
    get(shop: string): Promise<SyncProgress | null>;
    put(shop: string, progress: SyncProgress): Promise<SyncProgress>;
  };

  /** customers/data_request records (the report is built from the live data when downloaded). */
  dataRequests: {
    put(shop: string, request: DataRequest): Promise<DataRequest>;
    get(shop: string, id: string): Promise<DataRequest | null>;
    /** Newest first (requestedAt desc, id desc), keyset-paginated. */
    list(shop: string, page?: PageRequest): Promise<Page<DataRequest>>;
    /** Deletes the requests of this customer (by id or case-insensitive email); returns how many. */
    removeFor(shop: string, customerId: string | null, email: string | null): Promise<number>;
  };

  /** Next value of a per-shop sequence (ticket numbers, RMA numbers). */
  nextSequence(shop: string, name: string): Promise<number>;
}

/** A uniqueness rule refused the write (duplicate return request, second CSAT rating, ...). */
export class DuplicateError extends Error {
  constructor(readonly entity: string) {
    super(`duplicate ${entity}`);
    this.name = "DuplicateError";
  }
}

/** A write made on a stale copy: someone else changed the record first (optimistic concurrency). */
export class ConflictError extends Error {
  constructor(
    readonly entity: string,
    readonly currentVersion: number,
  ) {
    super(`${entity} changed since it was read (now version ${currentVersion})`);
    this.name = "ConflictError";
  }
}

/**
 * Another writer held the store longer than the caller's budget (a lock held elsewhere, a write conflict). Unlike a
 * fault (full disk, I/O error), it says nothing about the next call: the store is fine once the other writer is done.
 */
export class StoreBusyError extends Error {
  constructor(budgetMs: number, cause: unknown) {
    super(`the store stayed locked for ${budgetMs} ms`, { cause });
    this.name = "StoreBusyError";
  }
}

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;

export function pageLimit(page?: PageRequest): number {
  const limit = page?.limit ?? DEFAULT_PAGE_LIMIT;
  return Math.max(1, Math.min(MAX_PAGE_LIMIT, Math.floor(limit)));
}
