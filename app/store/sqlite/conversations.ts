// Conversations and their messages, with full-text search over message text (FTS5).

import {
  pageLimit,
  type Conversation,
  type ConversationFilter,
  type IdempotentAnswer,
  type Store,
  type StoredMessage,
  type TurnRecord,
} from "../port";
import type { CursorKey } from "../cursor";
import { codec, v, type Row } from "./codec";
import type { SearchIndexer } from "./searchIndex";
import { conditions, cursorKey, definedOnly, toPage, unique, type Sql } from "./sql";

// Below this many matching messages the plain subquery is cheap; past this many conversations walked, so is it.
const WALK_MIN_HITS = 3_000;
const WALK_MAX_CONVERSATIONS = 20_000;

const conversationRow = codec<Conversation>({
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
});

const messageRow = codec<StoredMessage>({
  id: v,
  conversationId: v,
  role: v,
  type: v,
  payload: "json",
  text: v,
  intent: v,
  createdAt: v,
});

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

/** The columns of a conversation patch (what the port lets a caller change), encoded as the row stores them. */
function conversationPatchRow(patch: Partial<Conversation>): Record<string, unknown> {
  const { id: _id, visitorId: _visitor, startedAt: _started, ...changeable } = patch;
  const full = conversationRow.toRow(changeable as Conversation);
  const row: Record<string, unknown> = {};
  for (const field of Object.keys(changeable)) {
    const column = columnOf(field);
    row[column] = full[column];
  }
  return row;
}

const columnNames = new Map<string, string>();
/** `lastIntent` → `last_intent`, worked out once per field. */
function columnOf(field: string): string {
  let column = columnNames.get(field);
  if (column === undefined) {
    column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    columnNames.set(field, column);
  }
  return column;
}

function conversationWhere(shop: string, filter: ConversationFilter, t = "c") {
  const where = conditions(`${t}.shop = ?`, shop);
  if (filter.intent !== undefined) where.add(`${t}.last_intent = ?`, filter.intent);
  if (filter.outcome !== undefined) where.add(`${t}.outcome = ?`, filter.outcome);
  // A literal, not a parameter, so the planner can use the partial index on escalated = 1.
  if (filter.escalated !== undefined) where.add(filter.escalated ? `${t}.escalated = 1` : `${t}.escalated = 0`);
  if (filter.rating !== undefined) where.add(`${t}.rating = ?`, filter.rating);
  if (filter.from !== undefined) where.add(`${t}.started_at >= ?`, filter.from);
  if (filter.to !== undefined) where.add(`${t}.started_at < ?`, filter.to);
  if (filter.visitorId !== undefined) where.add(`${t}.visitor_id = ?`, filter.visitorId);
  if (filter.customerId !== undefined) where.add(`${t}.customer_id = ?`, filter.customerId);
  if (filter.updatedBefore !== undefined) where.add(`${t}.updated_at < ?`, filter.updatedBefore);
  if (filter.erased !== undefined) where.add(filter.erased ? `${t}.erased_at IS NOT NULL` : `${t}.erased_at IS NULL`);
  const match = filter.q === undefined ? null : ftsQuery(filter.q);
  if (match !== null) {
    // Uncorrelated: the FTS index is searched once, then the shop's matching conversation ids are probed.
    where.add(
      `${t}.id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid ` +
        "WHERE messages_fts MATCH ? AND m.shop = ?)",
      match,
      shop,
    );
  }
  return where;
}

const turnUpdateSqls = new Map<string, string>();
/** A continuing turn's conversation update, counters included (positional: the patch's columns, then the rest). */
function turnUpdateSql(columns: string[]): string {
  const key = columns.join();
  let source = turnUpdateSqls.get(key);
  if (source === undefined) {
    source =
      `UPDATE conversations SET ${columns.map((column) => `${column} = ?, `).join("")}` +
      "message_count = coalesce(?, message_count) + ?, unread = coalesce(?, unread) + ?, " +
      "updated_at = max(coalesce(?, updated_at), ?) WHERE shop = ? AND id = ?";
    turnUpdateSqls.set(key, source);
  }
  return source;
}

const MESSAGE_COLUMNS = "shop, id, conversation_id, role, type, payload, text, intent, created_at";

const insertMessagesSqls = new Map<number, string>();
/** A turn's messages in one statement (one row each): one bind and one step rather than one per message. */
function insertMessagesSql(count: number): string {
  let source = insertMessagesSqls.get(count);
  if (source === undefined) {
    const row = `(${MESSAGE_COLUMNS.split(", ")
      .map(() => "?")
      .join(", ")})`;
    source = `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES ${Array.from({ length: count }, () => row).join(", ")}`;
    insertMessagesSqls.set(count, source);
  }
  return source;
}

/**
 * `settle` stores a turn's idempotent answer inside its transaction; `foldLog` empties the WAL after an erasure;
 * `search` indexes message text in batches, and is brought up to date before any search reads it.
 */
export function conversationsRepository(
  { db, write, one, all, run, upsert, insert, maybe, byId }: Sql,
  settle: (shop: string, answer: IdempotentAnswer) => void,
  foldLog: () => void,
  search: SearchIndexer,
): Store["conversations"] {
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
        insert("messages", { ...messageRow.toRow(message, shop), conversation_id: conversationId }),
      );
    }
  });

  const updateConversation = db.transaction((shop: string, id: string, patch: Partial<Conversation>) => {
    const current = maybe(conversationRow, one(byId("conversations"), shop, id));
    if (!current) return null;
    const { visitorId, startedAt } = current;
    const next: Conversation = { ...current, ...definedOnly(patch), id, visitorId, startedAt };
    upsert("conversations", ["shop", "id"], conversationRow.toRow(next, shop));
    return next;
  });

  const eraseConversation = db.transaction((shop: string, id: string, at: string): boolean => {
    const erased = run(
      "UPDATE conversations SET state = '{}', customer_id = NULL, visitor_id = '', erased_at = coalesce(erased_at, ?) " +
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

  const createConversation = (shop: string, conversation: Conversation) =>
    unique("conversation", () => insert("conversations", conversationRow.toRow(conversation, shop)));

  const insertMessages = (shop: string, conversationId: string, messages: StoredMessage[]) => {
    const params: unknown[] = [];
    for (const m of messages) {
      params.push(shop, m.id, conversationId, m.role, m.type, JSON.stringify(m.payload), m.text, m.intent, m.createdAt);
    }
    return run(insertMessagesSql(messages.length), ...params);
  };

  /**
   * Every statement of the turn or none (the committer runs each write in its own savepoint), and as few as
   * possible: the conversation row is inserted or updated once, counters included, without reading it first.
   */
  const writeTurn = (shop: string, turn: TurnRecord): void => {
    const { conversationId: id, messages } = turn;
    const latest = messages.reduce((max, m) => (m.createdAt > max ? m.createdAt : max), "");
    const added = messages.length;
    const agentReplies = messages.filter((m) => m.role === "agent").length;
    const patch = definedOnly(turn.patch);
    if (turn.start) {
      const start = { ...turn.start, ...patch, id };
      createConversation(shop, {
        ...start,
        messageCount: start.messageCount + added,
        unread: start.unread + agentReplies,
        updatedAt: latest > start.updatedAt ? latest : start.updatedAt,
      });
    } else {
      const { messageCount, unread, updatedAt, ...rest } = patch;
      const columns = conversationPatchRow(rest);
      const changed = run(
        turnUpdateSql(Object.keys(columns)),
        ...Object.values(columns),
        messageCount ?? null,
        added,
        unread ?? null,
        agentReplies,
        updatedAt ?? null,
        latest,
        shop,
        id,
      );
      if (changed.changes === 0) throw new Error(`conversation ${id} not found`);
    }
    if (messages.length > 0) unique("message", () => insertMessages(shop, id, messages));
    if (turn.idempotency) settle(shop, turn.idempotency);
  };

  /** One page newest first; a search runs as a subquery over the full-text index (fine when matches are few). */
  function newestFirst(shop: string, filter: ConversationFilter, after: CursorKey | null, limit: number): Row[] {
    const searching = filter.q !== undefined && ftsQuery(filter.q) !== null;
    // A search ranks its matches on the covering (shop, id, updated_at, filters…) index, then reads only the page.
    const where = conversationWhere(shop, filter, searching ? "k" : "c");
    const t = searching ? "k" : "c";
    if (after) where.add(`(${t}.updated_at, ${t}.id) < (?, ?)`, after[0], after[1]);
    const page = `SELECT ${t}.${searching ? "id" : "*"} FROM conversations ${t} WHERE ${where.sql()} ORDER BY ${t}.updated_at DESC, ${t}.id DESC LIMIT ?`;
    if (!searching) return all(page, ...where.params, limit + 1);
    return all(
      `SELECT c.* FROM conversations c WHERE c.shop = ? AND c.id IN (${page}) ORDER BY c.updated_at DESC, c.id DESC`,
      shop,
      ...where.params,
      limit + 1,
    );
  }

  /**
   * A search for common words: instead of collecting every matching conversation and sorting them (tens of
   * thousands for "diamond"), walk the conversations newest first in growing chunks and keep those with a matching
   * message, until the page is full. Each chunk asks the full-text index only about the rowid range of its own
   * messages (rowids grow with time, so recent chunks read a thin slice of the index). Null hands the search back to
   * `newestFirst`: few matches in all, or matches so sparse in the walk that collecting them all is cheaper.
   */
  function searchWalk(shop: string, filter: ConversationFilter, after: CursorKey | null, limit: number): Row[] | null {
    const match = filter.q === undefined ? null : ftsQuery(filter.q);
    if (match === null) return null;
    const common = one(
      "SELECT count(*) AS n FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)",
      match,
      WALK_MIN_HITS + 1,
    )!.n as number;
    if (common <= WALK_MIN_HITS) return null;
    const { q: _q, ...rest } = filter;
    const found: Row[] = [];
    let cursor = after;
    let walked = 0;
    for (let chunk = 250; found.length <= limit; chunk = Math.min(chunk * 2, 4_000)) {
      if (walked >= WALK_MAX_CONVERSATIONS) return null;
      const rows = newestFirst(shop, rest, cursor, chunk - 1);
      if (rows.length === 0) break;
      // The chunk's message rowids from the (shop, conversation_id, …, seq) index, without reading message rows.
      const messages = all(
        "SELECT conversation_id, seq FROM messages WHERE shop = ? AND conversation_id IN (SELECT value FROM json_each(?))",
        shop,
        JSON.stringify(rows.map((r) => r.id)),
      );
      const seqs = messages.map((m) => m.seq as number);
      const hits = new Set(
        messages.length === 0
          ? []
          : (all(
              "SELECT rowid AS seq FROM messages_fts WHERE messages_fts MATCH ? AND rowid >= ? AND rowid <= ?",
              match,
              Math.min(...seqs),
              Math.max(...seqs),
            ).map((h) => h.seq) as number[]),
      );
      const withHit = new Set(
        messages.filter((m) => hits.has(m.seq as number)).map((m) => m.conversation_id as string),
      );
      for (const row of rows) if (withHit.has(row.id as string) && found.length <= limit) found.push(row);
      walked += rows.length;
      const last = rows[rows.length - 1];
      cursor = [last.updated_at as string, last.id as string];
      if (rows.length < chunk) break;
    }
    return found;
  }

  return {
    async create(shop, conversation) {
      await write(() => createConversation(shop, conversation));
      return conversation;
    },
    async get(shop, id) {
      return maybe(conversationRow, one(byId("conversations"), shop, id));
    },
    async update(shop, id, patch) {
      return write(() => updateConversation(shop, id, patch));
    },
    async list(shop, filter = {}, page) {
      const limit = pageLimit(page);
      const after = cursorKey(page, ["string", "string"]);
      if (filter.q !== undefined) await search.catchUp();
      const found = searchWalk(shop, filter, after, limit) ?? newestFirst(shop, filter, after, limit);
      return toPage(found, limit, conversationRow.fromRow, (r) => [r.updated_at as string, r.id as string]);
    },
    async appendMessages(shop, conversationId, messages) {
      if (messages.length === 0) return;
      await write(() => appendMessages(shop, conversationId, messages));
      search.written();
    },
    async recordTurn(shop, turn) {
      await write(() => writeTurn(shop, turn));
      if (turn.messages.length > 0) search.written();
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
      return found.map(messageRow.fromRow);
    },
    async erase(shop, id) {
      const erased = await write(() => eraseConversation(shop, id, new Date().toISOString()));
      // Older page versions holding the text live on in the WAL until a checkpoint: fold them in now.
      if (erased) foldLog();
      return erased;
    },
    async findMentioning(shop, needle) {
      const match = ftsQuery(needle);
      if (match === null) return [];
      await search.catchUp();
      // The index narrows the search to messages with the same words in a row; the exact check follows.
      return all(
        "SELECT DISTINCT m.conversation_id AS id FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid " +
          "WHERE messages_fts MATCH ? AND m.shop = ? AND instr(lower(m.text), lower(?)) > 0",
        `"${needle.replace(/"/g, '""')}"`,
        shop,
        needle,
      ).map((r) => r.id as string);
    },
    async count(shop, filter = {}) {
      if (filter.q !== undefined) await search.catchUp();
      const where = conversationWhere(shop, filter);
      return one(`SELECT count(*) AS n FROM conversations c WHERE ${where.sql()}`, ...where.params)!.n as number;
    },
  };
}
