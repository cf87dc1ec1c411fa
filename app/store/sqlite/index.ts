// The embedded store: better-sqlite3 on one file (WAL), schema from ./migrations, every query shop-scoped.
// Relative imports only: the crash test runs this file under plain tsx, which does not know the `~` alias.

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { decodeCursor, encodeCursor, InvalidCursorError, type CursorKey } from "../cursor";
import {
  DuplicateError,
  pageLimit,
  type AnalyticsEvent,
  type AuditEntry,
  type Conversation,
  type ConversationFilter,
  type CsatRating,
  type Customer,
  type FaqEntry,
  type IdempotencyBegin,
  type Order,
  type Page,
  type PageRequest,
  type Product,
  type ProductQuery,
  type ReturnRequest,
  type SessionRecord,
  type Shop,
  type Shortlist,
  type StaffMember,
  type Store,
  type StoredMessage,
  type StoredResponse,
  type Ticket,
  type TicketFilter,
} from "../port";
import { MIGRATIONS, SHOP_TABLES } from "./migrations";

type Db = Database.Database;

// ---------- opening ----------

/**
 * Turns DATABASE_URL into a file path: `file:./data/aurora.sqlite`, `file:/abs.sqlite`, `file:///abs.sqlite`,
 * `sqlite:…`, `:memory:` or a plain path. Any other scheme is a configuration error.
 */
export function sqlitePathFromUrl(url: string): string {
  const value = url.trim();
  if (value === "") throw new Error("DATABASE_URL is empty: expected file:./data/aurora.sqlite or a path");
  if (value === ":memory:") return value;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1];
  // A single letter before ":" is a Windows drive, not a scheme.
  if (!scheme || /^[a-zA-Z]:[\\/]/.test(value)) return value;
  if (scheme !== "file" && scheme !== "sqlite") {
    // Only the scheme is named: the rest of a URL may hold a password.
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:… or sqlite:…) or a path, not "${scheme}:"`);
  }
  let path = value.slice(scheme.length + 1).replace(/\?.*$/, "");
  if (path.startsWith("//")) path = path.slice(2).replace(/^localhost(?=\/)/, "");
  path = decodeURIComponent(path);
  if (path === "") throw new Error("DATABASE_URL names no file: expected file:./data/aurora.sqlite");
  return path;
}

/** Applies pending migrations, one immediate transaction each, so concurrent openers apply each exactly once. */
export function migrate(db: Db): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const applied = db.prepare("SELECT max(version) AS v FROM schema_migrations").pluck();
  const known = (applied.get() as number | null) ?? 0;
  if (known > latest) {
    throw new Error(`database schema version ${known} is newer than this build knows (${latest}): refusing to open`);
  }
  const isApplied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").pluck();
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      if (isApplied.get(migration.version)) return; // another process got here first
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}

export function openSqliteStore(filePath: string): Store {
  const memory = filePath === ":memory:" || filePath === "";
  if (!memory) mkdirSync(dirname(resolve(filePath)), { recursive: true });
  const db = new Database(filePath);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  // FULL: an acknowledged ticket or RMA must also survive power loss, not just a process kill; measured ~0.2 ms/commit.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // Deleted and overwritten content is zeroed on disk, so an erased chat is not recoverable from free pages.
  db.pragma("secure_delete = ON");
  migrate(db);
  return createStore(db);
}

// ---------- row mapping ----------

type Row = Record<string, unknown>;
/** How a field is stored: as is, as 0/1, as JSON text, or as JSON text where SQL NULL stands for `undefined`. */
type Kind = "value" | "bool" | "json" | "optionalJson";
/** Every field of T must say how it is stored, so a new port field cannot be silently dropped. */
type Fields<T> = { [K in keyof T]-?: Kind };

interface Codec<T> {
  /** The row to write: `shop` (when given), one column per field, and any derived columns. */
  toRow(value: T, shop?: string): Row;
  fromRow(row: Row): T;
}

/** Maps an entity to a row whose columns are its fields in snake_case (`readyToShip` → `ready_to_ship`). */
function codec<T>(fields: Fields<T>, derived?: (value: T) => Row): Codec<T> {
  const columns = Object.entries(fields as Record<string, Kind>).map(([field, kind]) => ({
    field,
    column: field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    kind,
  }));
  return {
    toRow(value, shop) {
      const row: Row = shop === undefined ? {} : { shop };
      for (const { field, column, kind } of columns) {
        const v = (value as Row)[field];
        if (kind === "bool") row[column] = v ? 1 : 0;
        else if (kind === "json") row[column] = JSON.stringify(v ?? null);
        else if (kind === "optionalJson") row[column] = v === undefined ? null : JSON.stringify(v);
        else row[column] = v ?? null;
      }
      return derived ? { ...row, ...derived(value) } : row;
    },
    fromRow(row) {
      const value: Row = {};
      for (const { field, column, kind } of columns) {
        const v = row[column];
        if (kind === "bool") value[field] = v === 1;
        else if (kind === "json") value[field] = JSON.parse(v as string);
        else if (kind === "optionalJson") value[field] = v === null ? undefined : JSON.parse(v as string);
        else value[field] = v;
      }
      return value as T;
    },
  };
}

const v = "value" as const;
const rows = {
  shop: codec<Shop>({
    shop: v,
    name: v,
    currency: v,
    orderPrefix: v,
    settings: "json",
    rollout: "json",
    installedAt: v,
    uninstalledAt: v,
    updatedAt: v,
  }),
  staff: codec<StaffMember>({ userId: v, email: v, name: v, role: v, updatedAt: v }),
  product: codec<Product>({
    id: v,
    handle: v,
    title: v,
    description: v,
    category: v,
    metal: v,
    price: v,
    compareAtPrice: v,
    readyToShip: "bool",
    featured: "bool",
    status: v,
    tags: "json",
    images: "json",
    variants: "json",
    inventory: v,
    shippingPromise: v,
    updatedAt: v,
  }),
  customer: codec<Customer>({ id: v, email: v, firstName: v, lastName: v, updatedAt: v }, (c) => ({
    email_lc: normalizeEmail(c.email),
  })),
  order: codec<Order>(
    {
      id: v,
      number: v,
      name: v,
      customerId: v,
      email: v,
      postalCode: v,
      status: v,
      placedAt: v,
      deliveredAt: v,
      lineItems: "json",
      fulfillments: "json",
      statusHistory: "json",
      total: v,
      currency: v,
      conversationId: v,
      updatedAt: v,
    },
    (o) => ({ email_lc: normalizeEmail(o.email) }),
  ),
  conversation: codec<Conversation>({
    id: v,
    visitorId: v,
    customerId: v,
    state: "json",
    lastIntent: v,
    outcome: v,
    escalated: "bool",
    rating: v,
    messageCount: v,
    unread: v,
    startedAt: v,
    updatedAt: v,
    erasedAt: v,
  }),
  message: codec<StoredMessage>({
    id: v,
    conversationId: v,
    role: v,
    type: v,
    payload: "json",
    text: v,
    intent: v,
    createdAt: v,
  }),
  ticket: codec<Ticket>(
    {
      id: v,
      number: v,
      conversationId: v,
      status: v,
      priority: v,
      topic: v,
      contact: "json",
      notes: v,
      preferredTime: v,
      assignee: v,
      context: "json",
      internalNotes: "json",
      events: "json",
      slaDueAt: v,
      createdAt: v,
      updatedAt: v,
    },
    // The queue's sort key (high = 0) as a column, so an index can serve "high first, then SLA".
    (t) => ({ priority_rank: t.priority === "high" ? 0 : 1 }),
  ),
  returnRequest: codec<ReturnRequest>({
    id: v,
    rma: v,
    orderId: v,
    orderNumber: v,
    lineItemId: v,
    option: v,
    reason: v,
    newSize: v,
    status: v,
    eligibility: "json",
    conversationId: v,
    decisionNote: v,
    createdAt: v,
    decidedAt: v,
  }),
  csat: codec<CsatRating>({ id: v, conversationId: v, rating: v, comment: v, intent: v, createdAt: v }),
  faq: codec<FaqEntry>({ id: v, topic: v, question: v, answer: v, keywords: "json", updatedAt: v }),
  shortlist: codec<Shortlist>({
    id: v,
    visitorId: v,
    conversationId: v,
    productIds: "json",
    createdAt: v,
    expiresAt: v,
  }),
  analytics: codec<AnalyticsEvent>({ id: v, name: v, at: v, visitorHash: v, conversationId: v, props: "json" }),
  audit: codec<AuditEntry>({ id: v, actor: v, action: v, before: "optionalJson", after: "optionalJson", at: v }),
  session: codec<SessionRecord>({ id: v, shop: v, data: "json" }),
};

/** Gold families: a shopper asking for "gold" accepts any of them. */
const GOLD_METALS = ["yellow_gold", "white_gold", "rose_gold", "gold"];

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Same normalisation as `Order.number`: "#1042" and "1042" find the same order. */
function normalizeOrderNumber(number: string): string {
  return number.replace(/[#\s-]/g, "").toUpperCase();
}

/**
 * User text → an FTS5 query where every word is a quoted string (implicitly ANDed), so quotes, `OR`,
 * `NEAR(`, `*` or `col:` typed by a merchant are searched for, never interpreted. Null when no words.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .filter((w) => w !== "")
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" ");
}

// ---------- SQL helpers ----------

function upsertSql(table: string, columns: string[], key: string[]): string {
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")}) ` +
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${updates.join(", ")}`
  );
}

function insertSql(table: string, columns: string[], verb = "INSERT"): string {
  return `${verb} INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;
}

/** A WHERE clause built from a filter's shape; the same shape always yields the same SQL (one prepared statement). */
function conditions(first: string, ...params: unknown[]) {
  const clauses = [first];
  const values = [...params];
  return {
    add(clause: string, ...more: unknown[]): void {
      clauses.push(clause);
      values.push(...more);
    },
    sql: (): string => clauses.join(" AND "),
    params: values,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Runs a write, turning a uniqueness violation into the port's DuplicateError. */
function unique<T>(entity: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError(entity);
    throw error;
  }
}

/** Decodes a cursor and checks each position's type, so a forged cursor is refused, not half-applied. */
function cursorKey(page: PageRequest | undefined, types: ("string" | "number")[]): CursorKey | null {
  const key = decodeCursor(page?.cursor, types.length);
  if (key && key.some((v, i) => typeof v !== types[i])) throw new InvalidCursorError();
  return key;
}

/** `rows` was fetched with limit + 1: the extra row only says whether there is a next page. */
function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => CursorKey): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last ? encodeCursor(key(last)) : null };
}

// ---------- the store ----------

function createStore(db: Db): Store {
  // Every statement, fixed or built from a filter's shape, is prepared once and reused.
  const statements = new Map<string, Database.Statement>();
  const sql = (source: string): Database.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      statement = db.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  const one = (source: string, ...params: unknown[]): Row | undefined => sql(source).get(...params) as Row | undefined;
  const all = (source: string, ...params: unknown[]): Row[] => sql(source).all(...params) as Row[];
  const run = (source: string, ...params: unknown[]): Database.RunResult => sql(source).run(...params);
  const upsert = (table: string, key: string[], row: Row): void =>
    void run(upsertSql(table, Object.keys(row), key), row);
  const insert = (table: string, row: Row, verb?: string): void =>
    void run(insertSql(table, Object.keys(row), verb), row);
  const maybe = <T>(codec: Codec<T>, row: Row | undefined): T | null => (row ? codec.fromRow(row) : null);
  const byId = (table: string) => `SELECT * FROM ${table} WHERE shop = ? AND id = ?`;

  let rateLimitHits = 0;
  let idempotencyClaims = 0;

  const nextSequence = (shop: string, name: string): number =>
    one(
      "INSERT INTO sequences (shop, name, value) VALUES (?, ?, 1) " +
        "ON CONFLICT (shop, name) DO UPDATE SET value = value + 1 RETURNING value",
      shop,
      name,
    )!.value as number;

  function conversationWhere(shop: string, filter: ConversationFilter) {
    const where = conditions("c.shop = ?", shop);
    if (filter.intent !== undefined) where.add("c.last_intent = ?", filter.intent);
    if (filter.outcome !== undefined) where.add("c.outcome = ?", filter.outcome);
    // A literal, not a parameter, so the planner can use the partial index on escalated = 1.
    if (filter.escalated !== undefined) where.add(filter.escalated ? "c.escalated = 1" : "c.escalated = 0");
    if (filter.rating !== undefined) where.add("c.rating = ?", filter.rating);
    if (filter.from !== undefined) where.add("c.started_at >= ?", filter.from);
    if (filter.to !== undefined) where.add("c.started_at < ?", filter.to);
    if (filter.visitorId !== undefined) where.add("c.visitor_id = ?", filter.visitorId);
    const match = filter.q === undefined ? null : ftsQuery(filter.q);
    if (match !== null) {
      // Uncorrelated: the FTS index is searched once, then the shop's matching conversation ids are probed.
      where.add(
        "c.id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid " +
          "WHERE messages_fts MATCH ? AND m.shop = ?)",
        match,
        shop,
      );
    }
    return where;
  }

  /** Newest-first keyset page over `table` by (timeColumn desc, id desc). */
  function newestFirst<T>(
    table: string,
    timeColumn: string,
    where: ReturnType<typeof conditions>,
    page: PageRequest | undefined,
    codec: Codec<T>,
  ): Page<T> {
    const limit = pageLimit(page);
    const after = cursorKey(page, ["string", "string"]);
    if (after) where.add(`(${timeColumn}, id) < (?, ?)`, after[0], after[1]);
    const found = all(
      `SELECT * FROM ${table} WHERE ${where.sql()} ORDER BY ${timeColumn} DESC, id DESC LIMIT ?`,
      ...where.params,
      limit + 1,
    );
    return toPage(found, limit, codec.fromRow, (r) => [r[timeColumn] as string, r.id as string]);
  }

  const appendMessages = db.transaction((shop: string, conversationId: string, messages: StoredMessage[]) => {
    const latest = messages.reduce((max, m) => (m.createdAt > max ? m.createdAt : max), "");
    const agentReplies = messages.filter((m) => m.role === "agent").length;
    const bumped = run(
      "UPDATE conversations SET message_count = message_count + ?, unread = unread + ?, " +
        "updated_at = max(updated_at, ?) WHERE shop = ? AND id = ?",
      messages.length,
      agentReplies,
      latest,
      shop,
      conversationId,
    );
    if (bumped.changes === 0) throw new Error(`conversation ${conversationId} not found`);
    for (const message of messages) {
      unique("message", () =>
        insert("messages", { ...rows.message.toRow(message, shop), conversation_id: conversationId }),
      );
    }
  });

  const updateConversation = db.transaction((shop: string, id: string, patch: Partial<Conversation>) => {
    const current = maybe(rows.conversation, one(byId("conversations"), shop, id));
    if (!current) return null;
    const { visitorId, startedAt } = current;
    const next: Conversation = { ...current, ...definedOnly(patch), id, visitorId, startedAt };
    upsert("conversations", ["shop", "id"], rows.conversation.toRow(next, shop));
    return next;
  });

  const eraseConversation = db.transaction((shop: string, id: string, at: string): boolean => {
    const erased = run(
      "UPDATE conversations SET state = '{}', customer_id = NULL, erased_at = coalesce(erased_at, ?) " +
        "WHERE shop = ? AND id = ?",
      at,
      shop,
      id,
    );
    if (erased.changes === 0) return false;
    // The text update fires the FTS trigger, so the words leave the search index too.
    run("UPDATE messages SET text = '', payload = '{}' WHERE shop = ? AND conversation_id = ?", shop, id);
    return true;
  });

  const createTicket = db.transaction((shop: string, ticket: Omit<Ticket, "number">): Ticket => {
    const created: Ticket = { ...ticket, number: nextSequence(shop, "ticket") };
    unique("ticket", () => insert("tickets", rows.ticket.toRow(created, shop)));
    return created;
  });

  const changeTicket = db.transaction((shop: string, id: string, change: (t: Ticket) => Ticket): Ticket | null => {
    const current = maybe(rows.ticket, one(byId("tickets"), shop, id));
    if (!current) return null;
    const next = change(current);
    upsert("tickets", ["shop", "id"], rows.ticket.toRow(next, shop));
    return next;
  });

  const decideReturn = db.transaction(
    (shop: string, id: string, decision: { status: ReturnRequest["status"]; note: string | null; at: string }) => {
      const changed = run(
        "UPDATE return_requests SET status = ?, decision_note = ?, decided_at = ? WHERE shop = ? AND id = ?",
        decision.status,
        decision.note,
        decision.at,
        shop,
        id,
      );
      return changed.changes === 0 ? null : maybe(rows.returnRequest, one(byId("return_requests"), shop, id));
    },
  );

  const purge = db.transaction((shop: string) => {
    for (const table of SHOP_TABLES) run(`DELETE FROM ${table} WHERE shop = ?`, shop);
  });

  const recordAnalytics = db.transaction((shop: string, events: AnalyticsEvent[]) => {
    // A retried batch must not count twice: the event id makes recording idempotent.
    for (const event of events) insert("analytics_events", rows.analytics.toRow(event, shop), "INSERT OR IGNORE");
  });

  const beginIdempotent = db.transaction(
    (shop: string, route: string, key: string, bodyHash: string, now: number, ttlMs: number): IdempotencyBegin => {
      if (++idempotencyClaims % 100 === 0) {
        run(
          "DELETE FROM idempotency_records WHERE rowid IN " +
            "(SELECT rowid FROM idempotency_records WHERE expires_at <= ? LIMIT 500)",
          now,
        );
      }
      run(
        "DELETE FROM idempotency_records WHERE shop = ? AND route = ? AND key = ? AND expires_at <= ?",
        shop,
        route,
        key,
        now,
      );
      const claimed = run(
        "INSERT INTO idempotency_records (shop, route, key, body_hash, state, response, expires_at) " +
          "VALUES (?, ?, ?, ?, 'in_progress', NULL, ?) ON CONFLICT (shop, route, key) DO NOTHING",
        shop,
        route,
        key,
        bodyHash,
        now + ttlMs,
      );
      if (claimed.changes === 1) return { state: "new" };
      const existing = one(
        "SELECT body_hash, state, response FROM idempotency_records WHERE shop = ? AND route = ? AND key = ?",
        shop,
        route,
        key,
      )!;
      if (existing.body_hash !== bodyHash) return { state: "conflict" };
      if (existing.state === "in_progress" || existing.response === null) return { state: "in_progress" };
      return { state: "replay", response: JSON.parse(existing.response as string) as StoredResponse };
    },
  );

  return {
    kind: "sqlite",

    async ping() {
      one("SELECT 1");
    },

    async close() {
      if (db.open) db.close();
    },

    shops: {
      async get(shop) {
        return maybe(rows.shop, one("SELECT * FROM shops WHERE shop = ?", shop));
      },
      async put(shop, value) {
        const saved: Shop = { ...value, shop };
        upsert("shops", ["shop"], rows.shop.toRow(saved));
        return saved;
      },
      async list() {
        return all("SELECT * FROM shops ORDER BY shop").map(rows.shop.fromRow);
      },
      async purge(shop) {
        purge.immediate(shop);
      },
    },

    staff: {
      async list(shop) {
        return all("SELECT * FROM staff WHERE shop = ? ORDER BY user_id", shop).map(rows.staff.fromRow);
      },
      async get(shop, userId) {
        return maybe(rows.staff, one("SELECT * FROM staff WHERE shop = ? AND user_id = ?", shop, userId));
      },
      async put(shop, member) {
        upsert("staff", ["shop", "user_id"], rows.staff.toRow(member, shop));
        return member;
      },
      async remove(shop, userId) {
        return run("DELETE FROM staff WHERE shop = ? AND user_id = ?", shop, userId).changes > 0;
      },
    },

    products: {
      async put(shop, product) {
        upsert("products", ["shop", "id"], rows.product.toRow(product, shop));
        return product;
      },
      async get(shop, id) {
        return maybe(rows.product, one(byId("products"), shop, id));
      },
      async getByHandle(shop, handle) {
        return maybe(
          rows.product,
          one("SELECT * FROM products WHERE shop = ? AND handle = ? ORDER BY id LIMIT 1", shop, handle),
        );
      },
      async find(shop, query: ProductQuery, page) {
        const limit = pageLimit(page);
        const after = cursorKey(page, ["string"]);
        const where = conditions("shop = ?", shop);
        if (query.category !== undefined) where.add("category = ?", query.category);
        if (query.metal !== undefined) {
          where.add(
            "metal IN (SELECT value FROM json_each(?))",
            JSON.stringify(query.metal === "gold" ? GOLD_METALS : [query.metal]),
          );
        }
        if (query.excludeCategories?.length) {
          where.add("category NOT IN (SELECT value FROM json_each(?))", JSON.stringify(query.excludeCategories));
        }
        if (query.excludeMetals?.length) {
          where.add(
            "(metal IS NULL OR metal NOT IN (SELECT value FROM json_each(?)))",
            JSON.stringify(query.excludeMetals.flatMap((m) => (m === "gold" ? GOLD_METALS : [m]))),
          );
        }
        if (query.priceMin !== undefined) where.add("price >= ?", query.priceMin);
        if (query.priceMax !== undefined) where.add("price <= ?", query.priceMax);
        if (query.readyToShip !== undefined) where.add("ready_to_ship = ?", query.readyToShip ? 1 : 0);
        if (query.tag !== undefined) where.add("EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?)", query.tag);
        if (query.ringSize !== undefined) {
          where.add(
            "EXISTS (SELECT 1 FROM json_each(variants) WHERE json_extract(value, '$.ringSize') = ?)",
            query.ringSize,
          );
        }
        if (query.activeOnly !== false) where.add("status = 'active'");
        if (query.ids !== undefined) where.add("id IN (SELECT value FROM json_each(?))", JSON.stringify(query.ids));
        if (after) where.add("id > ?", after[0]);
        const found = all(
          `SELECT * FROM products WHERE ${where.sql()} ORDER BY id LIMIT ?`,
          ...where.params,
          limit + 1,
        );
        return toPage(found, limit, rows.product.fromRow, (r) => [r.id as string]);
      },
      async remove(shop, id) {
        return run("DELETE FROM products WHERE shop = ? AND id = ?", shop, id).changes > 0;
      },
      async count(shop) {
        return one("SELECT count(*) AS n FROM products WHERE shop = ?", shop)!.n as number;
      },
    },

    customers: {
      async put(shop, customer) {
        upsert("customers", ["shop", "id"], rows.customer.toRow(customer, shop));
        return customer;
      },
      async get(shop, id) {
        return maybe(rows.customer, one(byId("customers"), shop, id));
      },
      async findByEmail(shop, email) {
        const sqlText = "SELECT * FROM customers WHERE shop = ? AND email_lc = ? ORDER BY updated_at DESC, id LIMIT 1";
        return maybe(rows.customer, one(sqlText, shop, normalizeEmail(email)));
      },
      async remove(shop, id) {
        return run("DELETE FROM customers WHERE shop = ? AND id = ?", shop, id).changes > 0;
      },
    },

    orders: {
      async put(shop, order) {
        upsert("orders", ["shop", "id"], rows.order.toRow(order, shop));
        return order;
      },
      async get(shop, id) {
        return maybe(rows.order, one(byId("orders"), shop, id));
      },
      async getByNumber(shop, number) {
        const sqlText = "SELECT * FROM orders WHERE shop = ? AND number = ? ORDER BY placed_at DESC, id LIMIT 1";
        return maybe(rows.order, one(sqlText, shop, normalizeOrderNumber(number)));
      },
      async listByCustomer(shop, customerId, page) {
        return newestFirst(
          "orders",
          "placed_at",
          conditions("shop = ? AND customer_id = ?", shop, customerId),
          page,
          rows.order,
        );
      },
      async attribute(shop, orderId, conversationId) {
        const sqlText = "UPDATE orders SET conversation_id = ? WHERE shop = ? AND id = ? AND conversation_id IS NULL";
        return run(sqlText, conversationId, shop, orderId).changes > 0;
      },
      async redactCustomer(shop, customerId, email) {
        if (customerId === null && email === null) return 0;
        return run(
          "UPDATE orders SET customer_id = NULL, email = '', email_lc = '', postal_code = '' " +
            "WHERE shop = ? AND ((? IS NOT NULL AND customer_id = ?) OR (? IS NOT NULL AND email_lc = ?))",
          shop,
          customerId,
          customerId,
          email,
          email === null ? null : normalizeEmail(email),
        ).changes;
      },
    },

    conversations: {
      async create(shop, conversation) {
        unique("conversation", () => insert("conversations", rows.conversation.toRow(conversation, shop)));
        return conversation;
      },
      async get(shop, id) {
        return maybe(rows.conversation, one(byId("conversations"), shop, id));
      },
      async update(shop, id, patch) {
        return updateConversation.immediate(shop, id, patch);
      },
      async list(shop, filter = {}, page) {
        const limit = pageLimit(page);
        const after = cursorKey(page, ["string", "string"]);
        const where = conversationWhere(shop, filter);
        if (after) where.add("(c.updated_at, c.id) < (?, ?)", after[0], after[1]);
        const found = all(
          `SELECT c.* FROM conversations c WHERE ${where.sql()} ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`,
          ...where.params,
          limit + 1,
        );
        return toPage(found, limit, rows.conversation.fromRow, (r) => [r.updated_at as string, r.id as string]);
      },
      async appendMessages(shop, conversationId, messages) {
        if (messages.length > 0) appendMessages.immediate(shop, conversationId, messages);
      },
      async messages(shop, conversationId, limit) {
        const found =
          limit === undefined
            ? all(
                "SELECT * FROM messages WHERE shop = ? AND conversation_id = ? ORDER BY created_at, seq",
                shop,
                conversationId,
              )
            : // The most recent `limit` messages, returned oldest first like a transcript.
              all(
                "SELECT * FROM (SELECT * FROM messages WHERE shop = ? AND conversation_id = ? " +
                  "ORDER BY created_at DESC, seq DESC LIMIT ?) ORDER BY created_at, seq",
                shop,
                conversationId,
                Math.max(0, Math.floor(limit)),
              );
        return found.map(rows.message.fromRow);
      },
      async erase(shop, id) {
        const erased = eraseConversation.immediate(shop, id, new Date().toISOString());
        // Older page versions holding the text live on in the WAL until a checkpoint: fold them in now.
        if (erased) db.pragma("wal_checkpoint(TRUNCATE)");
        return erased;
      },
      async count(shop, filter = {}) {
        const where = conversationWhere(shop, filter);
        return one(`SELECT count(*) AS n FROM conversations c WHERE ${where.sql()}`, ...where.params)!.n as number;
      },
    },

    tickets: {
      async create(shop, ticket) {
        return createTicket.immediate(shop, ticket);
      },
      async get(shop, id) {
        return maybe(rows.ticket, one(byId("tickets"), shop, id));
      },
      async list(shop, filter: TicketFilter = {}, page) {
        const limit = pageLimit(page);
        const after = cursorKey(page, ["number", "string", "string"]);
        const where = conditions("shop = ?", shop);
        if (filter.status !== undefined) where.add("status = ?", filter.status);
        if (filter.assignee !== undefined) where.add("assignee = ?", filter.assignee);
        if (filter.priority !== undefined) where.add("priority = ?", filter.priority);
        if (after) where.add("(priority_rank, sla_due_at, id) > (?, ?, ?)", ...after);
        const found = all(
          `SELECT * FROM tickets WHERE ${where.sql()} ORDER BY priority_rank, sla_due_at, id LIMIT ?`,
          ...where.params,
          limit + 1,
        );
        return toPage(found, limit, rows.ticket.fromRow, (r) => [
          r.priority_rank as number,
          r.sla_due_at as string,
          r.id as string,
        ]);
      },
      async update(shop, id, patch, event) {
        const { status, priority, assignee, slaDueAt } = patch; // only what the port lets a caller change
        return changeTicket.immediate(shop, id, (ticket) => ({
          ...ticket,
          ...definedOnly({ status, priority, assignee, slaDueAt }),
          events: [...ticket.events, event],
          updatedAt: event.at,
        }));
      },
      async addNote(shop, id, note) {
        return changeTicket.immediate(shop, id, (ticket) => ({
          ...ticket,
          internalNotes: [...ticket.internalNotes, note],
          updatedAt: note.at,
        }));
      },
    },

    returns: {
      async create(shop, request) {
        unique("return_request", () => insert("return_requests", rows.returnRequest.toRow(request, shop)));
        return request;
      },
      async get(shop, id) {
        return maybe(rows.returnRequest, one(byId("return_requests"), shop, id));
      },
      async findOpenForItem(shop, orderId, lineItemId) {
        const sqlText =
          "SELECT * FROM return_requests WHERE shop = ? AND order_id = ? AND line_item_id = ? " +
          "AND status IN ('requested', 'approved')";
        return maybe(rows.returnRequest, one(sqlText, shop, orderId, lineItemId));
      },
      async list(shop, filter = {}, page) {
        const where = conditions("shop = ?", shop);
        if (filter.status !== undefined) where.add("status = ?", filter.status);
        return newestFirst("return_requests", "created_at", where, page, rows.returnRequest);
      },
      async decide(shop, id, decision) {
        return unique("return_request", () => decideReturn.immediate(shop, id, decision));
      },
    },

    csat: {
      async create(shop, rating) {
        unique("csat", () => insert("csat_ratings", rows.csat.toRow(rating, shop)));
        return rating;
      },
      async getForConversation(shop, conversationId) {
        const sqlText = "SELECT * FROM csat_ratings WHERE shop = ? AND conversation_id = ?";
        return maybe(rows.csat, one(sqlText, shop, conversationId));
      },
      async list(shop, filter = {}, page) {
        const where = conditions("shop = ?", shop);
        if (filter.maxRating !== undefined) where.add("rating <= ?", filter.maxRating);
        if (filter.from !== undefined) where.add("created_at >= ?", filter.from);
        return newestFirst("csat_ratings", "created_at", where, page, rows.csat);
      },
    },

    faq: {
      async list(shop) {
        return all("SELECT * FROM faq_entries WHERE shop = ? ORDER BY topic, id", shop).map(rows.faq.fromRow);
      },
      async put(shop, entry) {
        upsert("faq_entries", ["shop", "id"], rows.faq.toRow(entry, shop));
        return entry;
      },
      async remove(shop, id) {
        return run("DELETE FROM faq_entries WHERE shop = ? AND id = ?", shop, id).changes > 0;
      },
    },

    shortlists: {
      async put(shop, shortlist) {
        upsert("shortlists", ["shop", "id"], rows.shortlist.toRow(shortlist, shop));
        return shortlist;
      },
      async get(shop, id) {
        return maybe(rows.shortlist, one(byId("shortlists"), shop, id));
      },
    },

    analytics: {
      async record(shop, events) {
        if (events.length > 0) recordAnalytics.immediate(shop, events);
      },
      async counts(shop, from, to) {
        const found = all(
          "SELECT name, count(*) AS n FROM analytics_events WHERE shop = ? AND at >= ? AND at < ? GROUP BY name",
          shop,
          from,
          to,
        );
        return Object.fromEntries(found.map((r) => [r.name as string, r.n as number]));
      },
    },

    audit: {
      async record(shop, entry) {
        insert("audit_log", rows.audit.toRow(entry, shop));
      },
      async list(shop, page) {
        return newestFirst("audit_log", "at", conditions("shop = ?", shop), page, rows.audit);
      },
    },

    idempotency: {
      async begin(shop, route, key, bodyHash, now, ttlMs) {
        return beginIdempotent.immediate(shop, route, key, bodyHash, now.getTime(), ttlMs);
      },
      async complete(shop, route, key, response, expiresAt) {
        run(
          "UPDATE idempotency_records SET state = 'done', response = ?, expires_at = coalesce(?, expires_at) " +
            "WHERE shop = ? AND route = ? AND key = ?",
          JSON.stringify(response),
          expiresAt ? expiresAt.getTime() : null,
          shop,
          route,
          key,
        );
      },
      async release(shop, route, key) {
        run(
          "DELETE FROM idempotency_records WHERE shop = ? AND route = ? AND key = ? AND state = 'in_progress'",
          shop,
          route,
          key,
        );
      },
    },

    rateLimits: {
      async hit(shop, bucket, key, now, windowMs) {
        if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
        const at = now.getTime();
        const windowStart = Math.floor(at / windowMs) * windowMs;
        const resetAt = windowStart + windowMs;
        // Cheap housekeeping: every few hundred hits, drop a bounded batch of finished windows.
        if (++rateLimitHits % 256 === 0) {
          run(
            "DELETE FROM rate_limit_counters WHERE rowid IN " +
              "(SELECT rowid FROM rate_limit_counters WHERE reset_at <= ? LIMIT 500)",
            at,
          );
        }
        const counted = one(
          "INSERT INTO rate_limit_counters (shop, bucket, key, window_start, reset_at, count) VALUES (?, ?, ?, ?, ?, 1) " +
            "ON CONFLICT (shop, bucket, key, window_start) DO UPDATE SET count = count + 1 RETURNING count",
          shop,
          bucket,
          key,
          windowStart,
          resetAt,
        )!;
        return { count: counted.count as number, resetAt: new Date(resetAt) };
      },
    },

    sessions: {
      async store(record) {
        upsert("sessions", ["id"], rows.session.toRow(record));
      },
      async load(id) {
        return maybe(rows.session, one("SELECT * FROM sessions WHERE id = ?", id));
      },
      async delete(id) {
        run("DELETE FROM sessions WHERE id = ?", id);
      },
      async deleteMany(ids) {
        if (ids.length > 0)
          run("DELETE FROM sessions WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(ids));
      },
      async findByShop(shop) {
        return all("SELECT * FROM sessions WHERE shop = ? ORDER BY id", shop).map(rows.session.fromRow);
      },
    },

    async nextSequence(shop, name) {
      return nextSequence(shop, name);
    },
  };
}

/** Drops keys whose value is undefined, so `{ rating: undefined }` in a patch leaves the rating alone. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
