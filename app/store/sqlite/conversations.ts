// Conversations and their messages, with full-text search over message text (FTS5).

import { pageLimit, type Conversation, type ConversationFilter, type Store, type StoredMessage } from "../port";
import { codec, v } from "./codec";
import { conditions, cursorKey, definedOnly, toPage, unique, type Sql } from "./sql";

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
  if (filter.customerId !== undefined) where.add("c.customer_id = ?", filter.customerId);
  if (filter.updatedBefore !== undefined) where.add("c.updated_at < ?", filter.updatedBefore);
  if (filter.erased !== undefined) where.add(filter.erased ? "c.erased_at IS NOT NULL" : "c.erased_at IS NULL");
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

export function conversationsRepository({
  db,
  one,
  all,
  run,
  upsert,
  insert,
  maybe,
  byId,
}: Sql): Store["conversations"] {
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

  return {
    async create(shop, conversation) {
      unique("conversation", () => insert("conversations", conversationRow.toRow(conversation, shop)));
      return conversation;
    },
    async get(shop, id) {
      return maybe(conversationRow, one(byId("conversations"), shop, id));
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
      return toPage(found, limit, conversationRow.fromRow, (r) => [r.updated_at as string, r.id as string]);
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
      return found.map(messageRow.fromRow);
    },
    async erase(shop, id) {
      const erased = eraseConversation.immediate(shop, id, new Date().toISOString());
      // Older page versions holding the text live on in the WAL until a checkpoint: fold them in now.
      if (erased) db.pragma("wal_checkpoint(TRUNCATE)");
      return erased;
    },
    async findMentioning(shop, needle) {
      const match = ftsQuery(needle);
      if (match === null) return [];
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
      const where = conversationWhere(shop, filter);
      return one(`SELECT count(*) AS n FROM conversations c WHERE ${where.sql()}`, ...where.params)!.n as number;
    },
  };
}
