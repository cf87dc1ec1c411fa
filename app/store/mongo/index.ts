// The scale-out store: the official MongoDB driver, one collection per entity, every document carrying `shop`.
// Query shapes live in ./queries (pure, unit-tested); this file only runs them. Relative imports only.
// Each port call is one atomic write where the contract needs atomicity (claims, counters, sequences,
// uniqueness), and a short, ordered series elsewhere. A turn is one multi-document transaction where the
// deployment has them (replica set, sharded cluster); on a standalone server, an order of writes a crash cannot
// turn into a lost or doubled turn (see recordTurn and ADR 0008).

import { randomBytes } from "node:crypto";
import { MongoClient, type ClientSession, type Collection, type Document, type Filter, type Sort } from "mongodb";
import { encodeCursor } from "../cursor";
import {
  ConflictError,
  DuplicateError,
  LATENCY_BUCKETS_MS,
  pageLimit,
  type AuditEntry,
  type Conversation,
  type CsatRating,
  type Customer,
  type FaqEntry,
  type Order,
  type Page,
  type PageRequest,
  type Product,
  type ReturnRequest,
  type SessionRecord,
  type Shop,
  type Shortlist,
  type StaffMember,
  type Store,
  type StoredMessage,
  type Ticket,
  type TurnRecord,
} from "../port";
import { mongoDataRequests, mongoJobs, mongoLeases, mongoRedaction, mongoSyncProgress } from "./platform";
import * as q from "./queries";

type Collections = Record<q.CollectionName, Collection<Document>>;

const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 11000;

/** Runs a write, turning a duplicate key (a uniqueness rule) into the port's DuplicateError. */
async function unique<T>(entity: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKey(error)) throw new DuplicateError(entity);
    throw error;
  }
}

/** Two upserts racing on a new key: one inserts, the other may get 11000 and simply runs again as an update. */
async function upsertRetry<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
}

/** A bulk insert whose only failures are duplicates (a retried batch), so nothing is lost. */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors: unknown = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return isDuplicateKey(error) && list.every(isDuplicateKey);
}

/** The database named in the URI's path, or "aurora". */
export function mongoDbName(uri: string, dbName?: string): string {
  return dbName ?? q.dbNameFromUri(uri) ?? "aurora";
}

export async function openMongoStore(uri: string, dbName?: string): Promise<Store> {
  const client = new MongoClient(uri, {
    // An `undefined` field is left out (as the port's optional fields mean), never stored as null.
    ignoreUndefined: true,
    // Readiness should fail in seconds when the server is gone, not after the 30 s default.
    serverSelectionTimeoutMS: 5_000,
    // An acknowledged write survives a primary failover.
    writeConcern: { w: "majority" },
  });
  try {
    await client.connect();
    const db = client.db(mongoDbName(uri, dbName));
    const collections = Object.fromEntries(q.COLLECTIONS.map((name) => [name, db.collection(name)])) as Collections;
    await Promise.all(q.COLLECTIONS.map((name) => collections[name].createIndexes(q.INDEXES[name])));
    await collections.tickets.updateMany(q.TICKET_VERSION_BACKFILL.filter, q.TICKET_VERSION_BACKFILL.update);
    // Multi-document transactions exist on replica sets and behind mongos, not on a standalone server.
    const hello = await db.admin().command({ hello: 1 });
    const transactions = Boolean(hello.setName) || hello.msg === "isdbgrid";
    return createStore(client, collections, db.collection("storeProbe"), transactions);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

function createStore(client: MongoClient, c: Collections, probe: Collection<Document>, transactions: boolean): Store {
  const projection = q.ENTITY_PROJECTION;

  const one = async <T>(coll: Collection<Document>, filter: Filter<Document>, sort?: Sort): Promise<T | null> =>
    (await coll.findOne(filter, { projection, sort })) as T | null;
  const many = async <T>(coll: Collection<Document>, filter: Filter<Document>, sort: Sort): Promise<T[]> =>
    (await coll.find(filter, { projection, sort }).toArray()) as T[];
  const replace = async (coll: Collection<Document>, filter: Filter<Document>, doc: Document): Promise<void> => {
    await upsertRetry(() => coll.replaceOne(filter, doc, { upsert: true }));
  };
  const removed = async (coll: Collection<Document>, filter: Filter<Document>): Promise<boolean> =>
    (await coll.deleteOne(filter)).deletedCount > 0;
  const updated = async <T>(
    coll: Collection<Document>,
    filter: Filter<Document>,
    update: Document,
  ): Promise<T | null> =>
    (await coll.findOneAndUpdate(filter, update, { projection, returnDocument: "after" })) as T | null;

  /** One keyset page: `limit + 1` rows fetched, the extra one only says whether there is a next page. */
  async function page<T>(
    coll: Collection<Document>,
    filter: Filter<Document>,
    order: q.Keyset<T>,
    req?: PageRequest,
  ): Promise<Page<T>> {
    const limit = pageLimit(req);
    const rows = (await coll.find(filter, { projection, sort: q.sortOf(order), limit: limit + 1 }).toArray()) as T[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(order.key(last)) : null };
  }

  /** Conversation ids whose messages match `q`; null when there is no search, [] when q has no words. */
  async function matchingConversations(shop: string, text: string | undefined): Promise<string[] | null> {
    if (!q.wantsTextSearch({ q: text })) return null;
    const pipeline = q.messageSearchPipeline(shop, text as string);
    if (!pipeline) return [];
    const groups = await c.messages.aggregate<{ _id: string }>(pipeline).toArray();
    return groups.map((g) => g._id);
  }

  const bumpCatalog = async (shop: string): Promise<void> => {
    const { filter, update } = q.catalogVersionBump(shop, randomBytes(8).toString("hex"));
    await upsertRetry(() => c.catalogVersions.updateOne(filter, update, { upsert: true }));
  };

  /**
   * A turn's writes, each safe to repeat: the conversation insert (a duplicate is this turn's own earlier attempt
   * when `replaying`), messages by id, and the counters guarded by lastTurnId.
   */
  async function applyTurn(shop: string, turn: TurnRecord, replaying: boolean, session?: ClientSession) {
    if (turn.start) {
      try {
        await c.conversations.insertOne(q.turnStartDoc(shop, turn), { session });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (!replaying) throw new DuplicateError("conversation");
      }
    }
    if (turn.messages.length > 0) {
      try {
        await c.messages.insertMany(q.turnMessageDocs(shop, turn), { ordered: false, session });
      } catch (error) {
        if (!(replaying && onlyDuplicates(error))) throw isDuplicateKey(error) ? new DuplicateError("message") : error;
      }
    }
    const { filter, update } = q.turnConversationUpdate(shop, turn);
    const changed = await c.conversations.updateOne(filter, update, { session });
    if (changed.matchedCount === 0 && !replaying) throw new Error(`conversation ${turn.conversationId} not found`);
  }

  async function settleTurn(shop: string, turn: TurnRecord, session?: ClientSession) {
    const answer = turn.idempotency;
    if (!answer) return;
    await c.idempotencyRecords.updateOne(
      { ...q.idempotencyKey(shop, answer.route, answer.key), bodyHash: answer.bodyHash },
      q.idempotencySettled(turn),
      { session },
    );
  }

  async function recordTurn(shop: string, turn: TurnRecord): Promise<void> {
    if (transactions) {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          await applyTurn(shop, turn, false, session);
          await settleTurn(shop, turn, session);
        });
      } finally {
        await session.endSession();
      }
      return;
    }
    // Standalone: the claim first records the whole turn ("committing"), so a crash anywhere below is finished
    // by the next claim of the key (rollForward) rather than run twice; then the writes; then "done".
    if (turn.idempotency) {
      const { filter, update } = q.idempotencyCommitting(shop, turn);
      await c.idempotencyRecords.updateOne(filter, update);
    }
    await applyTurn(shop, turn, false);
    await settleTurn(shop, turn);
  }

  /** Finishes a turn a crash interrupted after its claim recorded it; its answer can then be replayed. */
  async function rollForward(shop: string, record: q.IdempotencyRecord): Promise<void> {
    const turn = q.committingTurn(record);
    if (!turn) return;
    await applyTurn(shop, turn, true);
    await settleTurn(shop, turn);
  }

  const nextSequence = async (shop: string, name: string): Promise<number> => {
    const { filter, update } = q.sequenceIncrement(shop, name);
    const doc = await upsertRetry(() =>
      c.sequences.findOneAndUpdate(filter, update, {
        upsert: true,
        returnDocument: "after",
        projection: { _id: 0, value: 1 },
      }),
    );
    return (doc as unknown as { value: number }).value;
  };

  const redaction = mongoRedaction(c);

  return {
    kind: "mongo",

    async ping() {
      await client.db("admin").command({ ping: 1 });
      // A majority-acknowledged write: a primary is elected and the disk accepts writes.
      await probe.updateOne({ probe: "readiness" }, { $set: { at: new Date() } }, { upsert: true });
    },

    async close() {
      await client.close();
    },

    shops: {
      async get(shop) {
        return (await c.shops.findOne(q.shopFilter(shop), { projection: q.SHOP_PROJECTION })) as Shop | null;
      },
      async put(shop, value) {
        const saved: Shop = { ...value, shop };
        await replace(c.shops, q.shopFilter(shop), q.shopDoc(shop, saved));
        return saved;
      },
      async patch(shop, patch, guard) {
        const { filter, update } = q.shopPatch(shop, patch, guard?.ifRolloutUpdatedAt);
        const saved = (await c.shops.findOneAndUpdate(filter, update, {
          projection: q.SHOP_PROJECTION,
          returnDocument: "after",
        })) as Shop | null;
        if (saved || guard?.ifRolloutUpdatedAt === undefined) return saved;
        // No match under the guard: either there is no such shop, or its rollout moved on.
        if (await c.shops.findOne(q.shopFilter(shop), { projection: { _id: 1 } }))
          throw new ConflictError("rollout", 0);
        return null;
      },
      async list() {
        return (await c.shops
          .find({}, { projection: q.SHOP_PROJECTION, sort: { shop: 1 } })
          .toArray()) as unknown as Shop[];
      },
      async purge(shop) {
        const filter = q.shopFilter(shop);
        // A running job (the shop/redact being applied) finishes and drops its payload itself.
        await Promise.all(q.COLLECTIONS.filter((name) => name !== "jobs").map((name) => c[name].deleteMany(filter)));
        await c.jobs.deleteMany({ ...filter, status: { $ne: "running" } });
      },
    },

    staff: {
      async list(shop) {
        return many<StaffMember>(c.staff, q.shopFilter(shop), { userId: 1 });
      },
      async get(shop, userId) {
        return one<StaffMember>(c.staff, q.byKey(shop, "userId", userId));
      },
      async put(shop, member) {
        await replace(c.staff, q.byKey(shop, "userId", member.userId), q.shopDoc(shop, member));
        return member;
      },
      async remove(shop, userId) {
        return removed(c.staff, q.byKey(shop, "userId", userId));
      },
    },

    products: {
      async put(shop, product) {
        await replace(c.products, q.byKey(shop, "id", product.id), q.shopDoc(shop, product));
        await bumpCatalog(shop);
        return product;
      },
      async get(shop, id) {
        return one<Product>(c.products, q.byKey(shop, "id", id));
      },
      async getByHandle(shop, handle) {
        return one<Product>(c.products, q.byKey(shop, "handle", handle), { id: 1 });
      },
      async find(shop, query, req) {
        const filter = q.productFilter(shop, query, q.afterKey(req?.cursor, q.PRODUCT_ORDER));
        return page(c.products, filter, q.PRODUCT_ORDER, req);
      },
      async remove(shop, id) {
        const gone = await removed(c.products, q.byKey(shop, "id", id));
        if (gone) await bumpCatalog(shop);
        return gone;
      },
      async count(shop) {
        return c.products.countDocuments(q.shopFilter(shop));
      },
      async catalogVersion(shop) {
        const doc = await c.catalogVersions.findOne(q.shopFilter(shop), { projection: { _id: 0, version: 1 } });
        return (doc?.version as string | undefined) ?? "";
      },
      ...redaction.products,
    },

    customers: {
      async put(shop, customer) {
        await replace(c.customers, q.byKey(shop, "id", customer.id), q.customerDoc(shop, customer));
        return customer;
      },
      async get(shop, id) {
        return one<Customer>(c.customers, q.byKey(shop, "id", id));
      },
      async findByEmail(shop, email) {
        return one<Customer>(
          c.customers,
          { ...q.shopFilter(shop), emailLower: q.normalizeEmail(email) },
          { updatedAt: -1, id: 1 },
        );
      },
      async remove(shop, id) {
        return removed(c.customers, q.byKey(shop, "id", id));
      },
    },

    orders: {
      async put(shop, order) {
        await replace(c.orders, q.byKey(shop, "id", order.id), q.orderDoc(shop, order));
        return order;
      },
      async get(shop, id) {
        return one<Order>(c.orders, q.byKey(shop, "id", id));
      },
      async getByNumber(shop, number) {
        return one<Order>(c.orders, q.byKey(shop, "number", q.normalizeOrderNumber(number)), { placedAt: -1, id: 1 });
      },
      async listByCustomer(shop, customerId, req) {
        const filter = q.customerOrdersFilter(shop, customerId, q.afterKey(req?.cursor, q.CUSTOMER_ORDERS_ORDER));
        return page(c.orders, filter, q.CUSTOMER_ORDERS_ORDER, req);
      },
      async attribute(shop, orderId, conversationId) {
        const result = await c.orders.updateOne(
          { ...q.byKey(shop, "id", orderId), conversationId: null },
          { $set: { conversationId: q.str(conversationId, "conversationId") } },
        );
        return result.matchedCount > 0;
      },
      async redactCustomer(shop, customerId, email) {
        const filter = q.redactFilter(shop, customerId, email);
        if (!filter) return 0;
        return (await c.orders.updateMany(filter, q.redactOrderUpdate())).matchedCount;
      },
    },

    conversations: {
      async create(shop, conversation) {
        await unique("conversation", () => c.conversations.insertOne(q.shopDoc(shop, conversation)));
        return conversation;
      },
      async get(shop, id) {
        return one<Conversation>(c.conversations, q.byKey(shop, "id", id));
      },
      async update(shop, id, patch) {
        const filter = q.byKey(shop, "id", id);
        const update = q.conversationPatch(patch);
        return update
          ? updated<Conversation>(c.conversations, filter, update)
          : one<Conversation>(c.conversations, filter);
      },
      async list(shop, filter = {}, req) {
        const ids = await matchingConversations(shop, filter.q);
        const query = q.conversationFilter(shop, filter, q.afterKey(req?.cursor, q.CONVERSATION_ORDER), ids);
        return page(c.conversations, query, q.CONVERSATION_ORDER, req);
      },
      async appendMessages(shop, conversationId, messages) {
        if (messages.length === 0) return;
        const conversation = q.byKey(shop, "id", conversationId);
        if (!(await c.conversations.findOne(conversation, { projection: { _id: 1 } }))) {
          throw new Error(`conversation ${conversationId} not found`);
        }
        // Messages first, counters after: a refused (duplicate) batch does not bump the counters.
        const docs = messages.map((m) => ({ ...q.shopDoc(shop, m), conversationId }));
        await unique("message", () => c.messages.insertMany(docs, { ordered: true }));
        await c.conversations.updateOne(conversation, q.appendMessagesUpdate(messages));
      },
      recordTurn,
      async messages(shop, conversationId, limit) {
        const filter = q.messagesFilter(shop, conversationId);
        if (limit === undefined) return many<StoredMessage>(c.messages, filter, q.MESSAGE_ORDER_ASC);
        const n = Math.floor(limit);
        if (!(n > 0)) return [];
        // The most recent `limit` messages, returned oldest first like a transcript.
        const newest = (await c.messages
          .find(filter, { projection, sort: q.MESSAGE_ORDER_DESC, limit: n })
          .toArray()) as unknown as StoredMessage[];
        return newest.reverse();
      },
      async erase(shop, id) {
        const found = await c.conversations.updateOne(q.byKey(shop, "id", id), q.eraseConversationUpdate());
        if (found.matchedCount === 0) return false;
        // Blank the words (and the text index entries) before stamping the tombstone, so a retry finishes the job.
        await c.messages.updateMany(q.messagesFilter(shop, id), q.eraseMessagesUpdate());
        const { filter, update } = q.firstErasure(shop, id, new Date().toISOString());
        await c.conversations.updateOne(filter, update);
        return true;
      },
      async count(shop, filter = {}) {
        const ids = await matchingConversations(shop, filter.q);
        return c.conversations.countDocuments(q.conversationFilter(shop, filter, null, ids));
      },
      ...redaction.conversations,
    },

    tickets: {
      async create(shop, ticket) {
        const created: Ticket = { ...ticket, number: await nextSequence(shop, "ticket"), version: 1 };
        await unique("ticket", () => c.tickets.insertOne(q.ticketDoc(shop, created)));
        return created;
      },
      async get(shop, id) {
        return one<Ticket>(c.tickets, q.byKey(shop, "id", id));
      },
      async list(shop, filter = {}, req) {
        const query = q.ticketFilter(shop, filter, q.afterKey(req?.cursor, q.TICKET_ORDER));
        return page(c.tickets, query, q.TICKET_ORDER, req);
      },
      async count(shop, filter = {}) {
        return c.tickets.countDocuments(q.ticketFilter(shop, filter));
      },
      async update(shop, id, patch, event, expectedVersion) {
        if (expectedVersion === undefined) {
          return updated<Ticket>(c.tickets, q.byKey(shop, "id", id), q.ticketUpdate(patch, event));
        }
        // Compare-and-set on the version: no match means it is gone or someone else changed it first.
        const saved = await updated<Ticket>(
          c.tickets,
          q.ticketAtVersion(shop, id, expectedVersion),
          q.ticketUpdate(patch, event),
        );
        if (saved) return saved;
        const current = await one<Ticket>(c.tickets, q.byKey(shop, "id", id));
        if (!current) return null;
        throw new ConflictError("ticket", current.version);
      },
      async addNote(shop, id, note, event) {
        return updated<Ticket>(c.tickets, q.byKey(shop, "id", id), q.ticketNoteUpdate(note, event));
      },
      ...redaction.tickets,
    },

    returns: {
      async create(shop, request) {
        await unique("return_request", () => c.returnRequests.insertOne(q.returnDoc(shop, request)));
        return request;
      },
      async get(shop, id) {
        return one<ReturnRequest>(c.returnRequests, q.byKey(shop, "id", id));
      },
      async findOpenForItem(shop, orderId, lineItemId) {
        return one<ReturnRequest>(c.returnRequests, q.openReturnFilter(shop, orderId, lineItemId));
      },
      async list(shop, filter = {}, req) {
        const query = q.returnFilter(shop, filter, q.afterKey(req?.cursor, q.RETURN_ORDER));
        return page(c.returnRequests, query, q.RETURN_ORDER, req);
      },
      async decide(shop, id, decision) {
        return unique("return_request", () =>
          updated<ReturnRequest>(c.returnRequests, q.byKey(shop, "id", id), q.returnDecision(decision)),
        );
      },
      ...redaction.returns,
    },

    csat: {
      async create(shop, rating) {
        await unique("csat", () => c.csatRatings.insertOne(q.shopDoc(shop, rating)));
        return rating;
      },
      async getForConversation(shop, conversationId) {
        return one<CsatRating>(c.csatRatings, q.byKey(shop, "conversationId", conversationId));
      },
      async list(shop, filter = {}, req) {
        const query = q.csatFilter(shop, filter, q.afterKey(req?.cursor, q.CSAT_ORDER));
        return page(c.csatRatings, query, q.CSAT_ORDER, req);
      },
      ...redaction.csat,
    },

    faq: {
      async list(shop) {
        return many<FaqEntry>(c.faqEntries, q.shopFilter(shop), { topic: 1, id: 1 });
      },
      async put(shop, entry) {
        await replace(c.faqEntries, q.byKey(shop, "id", entry.id), q.shopDoc(shop, entry));
        return entry;
      },
      async remove(shop, id) {
        return removed(c.faqEntries, q.byKey(shop, "id", id));
      },
    },

    shortlists: {
      async put(shop, shortlist) {
        await replace(c.shortlists, q.byKey(shop, "id", shortlist.id), q.shopDoc(shop, shortlist));
        return shortlist;
      },
      async get(shop, id) {
        return one<Shortlist>(c.shortlists, q.byKey(shop, "id", id));
      },
      ...redaction.shortlists,
    },

    analytics: {
      async record(shop, events) {
        if (events.length === 0) return;
        try {
          await c.analyticsEvents.insertMany(
            events.map((e) => q.shopDoc(shop, e)),
            { ordered: false },
          );
        } catch (error) {
          // A retried batch must not count twice: the event id makes recording idempotent.
          if (!onlyDuplicates(error)) throw error;
        }
      },
      async counts(shop, from, to) {
        const rows = await c.analyticsEvents
          .aggregate<{ _id: string; n: number }>(q.analyticsCountsPipeline(shop, from, to))
          .toArray();
        return Object.fromEntries(rows.map((r) => [r._id, r.n]));
      },
      ...redaction.analytics,
    },

    audit: {
      async record(shop, entry) {
        await unique("audit", () => c.auditLog.insertOne(q.shopDoc(shop, entry)));
      },
      async list(shop, req, filter = {}) {
        return page<AuditEntry>(
          c.auditLog,
          q.auditFilter(shop, q.afterKey(req?.cursor, q.AUDIT_ORDER), filter),
          q.AUDIT_ORDER,
          req,
        );
      },
      ...redaction.audit,
    },

    reports: {
      async conversationsByDay(shop, from, to) {
        const rows = await c.conversations
          .aggregate<{ _id: string; conversations: number; escalated: number; resolved: number }>(
            q.conversationsByDayPipeline(shop, from, to),
          )
          .toArray();
        return rows.map(({ _id, ...counts }) => ({ day: _id, ...counts }));
      },
      async intents(shop, from, to) {
        const rows = await c.conversations
          .aggregate<{ _id: string; n: number }>(q.intentsPipeline(shop, from, to))
          .toArray();
        return Object.fromEntries(rows.map((r) => [r._id, r.n]));
      },
      async csatByDay(shop, from, to) {
        const rows = await c.csatRatings
          .aggregate<{ _id: { day: string; rating: number }; count: number }>(q.csatByDayPipeline(shop, from, to))
          .toArray();
        return rows.map((r) => ({ day: r._id.day, rating: r._id.rating, count: r.count }));
      },
      async conversionsByDay(shop, from, to) {
        const rows = await c.orders
          .aggregate<{ _id: string; orders: number; revenue: number }>(q.conversionsByDayPipeline(shop, from, to))
          .toArray();
        return rows.map(({ _id, ...totals }) => ({ day: _id, ...totals }));
      },
      async eventsByDay(shop, name, from, to) {
        const rows = await c.analyticsEvents
          .aggregate<{ _id: string; count: number }>(q.eventsByDayPipeline(shop, name, from, to))
          .toArray();
        return rows.map((r) => ({ day: r._id, count: r.count }));
      },
    },

    requestStats: {
      async add(shop, increments) {
        for (const increment of increments) {
          const { filter, update } = q.requestStatsIncrement(shop, increment);
          await upsertRetry(() => c.requestStats.updateOne(filter, update, { upsert: true }));
        }
      },
      async list(shop, from, to) {
        const docs = await c.requestStats
          .find(
            { shop: q.str(shop, "shop"), hour: { $gte: q.str(from, "from"), $lt: q.str(to, "to") } },
            { projection: { _id: 0 }, sort: { hour: 1 } },
          )
          .toArray();
        return docs.map((d) => ({
          hour: d.hour as string,
          requests: d.requests as number,
          errors: d.errors as number,
          latency: q.latencyArray(d.latency, LATENCY_BUCKETS_MS.length + 1),
        }));
      },
    },

    idempotency: {
      async begin(shop, route, key, bodyHash, now, ttlMs) {
        // A few rounds only when the record vanishes or changes hands between our claim and our read.
        for (let round = 0; round < 3; round++) {
          try {
            await c.idempotencyRecords.insertOne(
              q.idempotencyClaim(shop, route, key, bodyHash, now, ttlMs, new Date()),
            );
            return { state: "new" };
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
          const existing = (await c.idempotencyRecords.findOne(
            q.idempotencyKey(shop, route, key),
          )) as q.IdempotencyRecord | null;
          if (!existing) continue; // released or reaped since: claim again
          if (existing.state === "committing" && existing.bodyHash === bodyHash) {
            await rollForward(shop, existing);
            continue; // now done: read it again and replay
          }
          if (existing.expiresAt.getTime() > now.getTime()) return q.idempotencyOutcome(existing, bodyHash);
          const { filter, update } = q.idempotencyTakeover(shop, route, key, bodyHash, now, ttlMs, new Date());
          if ((await c.idempotencyRecords.updateOne(filter, update)).modifiedCount === 1) return { state: "new" };
          // another caller took the expired record over first: read it again
        }
        return { state: "in_progress" };
      },
      async complete(shop, route, key, response, expiresAt) {
        await c.idempotencyRecords.updateOne(
          q.idempotencyKey(shop, route, key),
          q.idempotencyComplete(response, expiresAt),
        );
      },
      async release(shop, route, key) {
        await c.idempotencyRecords.deleteOne({ ...q.idempotencyKey(shop, route, key), state: "in_progress" });
      },
      ...redaction.idempotency,
    },

    rateLimits: {
      async hit(shop, bucket, key, now, windowMs) {
        const { filter, update, resetAt } = q.rateLimitHit(shop, bucket, key, now, windowMs, new Date());
        const doc = await upsertRetry(() =>
          c.rateLimitCounters.findOneAndUpdate(filter, update, {
            upsert: true,
            returnDocument: "after",
            projection: { _id: 0, count: 1 },
          }),
        );
        return { count: (doc as unknown as { count: number }).count, resetAt };
      },
      ...redaction.rateLimits,
    },

    sessions: {
      // `data` is kept as JSON text, exactly what the port promises and what the SQLite adapter stores.
      async store(record) {
        const doc = {
          id: q.str(record.id, "id"),
          shop: q.str(record.shop, "shop"),
          data: JSON.stringify(record.data ?? null),
        };
        await replace(c.sessions, q.sessionFilter(record.id), doc);
      },
      async load(id) {
        const doc = await c.sessions.findOne(q.sessionFilter(id), { projection: q.SHOP_PROJECTION });
        return doc ? sessionFromDoc(doc) : null;
      },
      async delete(id) {
        await c.sessions.deleteOne(q.sessionFilter(id));
      },
      async deleteMany(ids) {
        if (ids.length > 0) await c.sessions.deleteMany(q.sessionsFilter(ids));
      },
      async findByShop(shop) {
        const docs = await c.sessions
          .find(q.shopFilter(shop), { projection: q.SHOP_PROJECTION, sort: { id: 1 } })
          .toArray();
        return docs.map(sessionFromDoc);
      },
    },

    jobs: mongoJobs(c),
    leases: mongoLeases(c),
    syncProgress: mongoSyncProgress(c),
    dataRequests: mongoDataRequests(c),

    nextSequence,
  };
}

function sessionFromDoc(doc: Document): SessionRecord {
  return { id: doc.id as string, shop: doc.shop as string, data: JSON.parse(doc.data as string) as unknown };
}
