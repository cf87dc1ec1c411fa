// Seeds a shop with admin-scale history, fast: 100,000 conversations (about 1,000,000 messages, indexed for full
// text) and 10,000 tickets, written through one connection in batched transactions with the same schema the app
// migrates (the store opens the file first). Deterministic: the same seed gives the same data.

import Database from "better-sqlite3";
import { INTENTS } from "../app/concierge/understanding/types";
import { prng } from "../app/demo/catalog";
import { openSqliteStore } from "../app/store/sqlite";
import { BENCH_MESSAGES } from "./messages";

export interface AdminSeedOptions {
  conversations: number;
  tickets: number;
  /** Conversations per transaction. */
  batch?: number;
}

export interface AdminSeedResult {
  conversations: number;
  messages: number;
  tickets: number;
  seconds: number;
}

// Words that make searches realistic: a stone or a metal appears in a few percent of messages each.
const STONES = ["sapphire", "emerald", "ruby", "opal", "pearl", "diamond", "topaz", "garnet", "amethyst", "onyx"];
const REPLIES = [
  "Here are 3 of 12 rose gold rings up to $800:",
  "Your order #{n} shipped with UPS on Monday and should arrive Thursday.",
  "Returns are accepted within 30 days of delivery. Which piece would you like to return?",
  "Our ring size guide helps you measure at home. Most people wear a 6 or a 7.",
  "A stylist has your request and will reply tomorrow by 1:00 PM.",
  "We offer financing through Affirm on orders over $250.",
  "Polish silver with a soft cloth and store it in the pouch it came in.",
  "I couldn't find that. Would you like rings up to $1,000 instead?",
];
const OUTCOMES = ["open", "resolved", "resolved", "resolved", "abandoned", "escalated"] as const;
const DAY = 86_400_000;

export function seedAdminScale(databasePath: string, shop: string, opts: AdminSeedOptions): AdminSeedResult {
  const started = performance.now();
  openSqliteStore(databasePath).close(); // migrates the file to the app's schema
  const db = new Database(databasePath);
  // Bulk load: no fsync per commit; the app reopens the file with its own durable settings afterwards.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const rand = prng(42); // deterministic: every run measures the same data
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const now = Date.now();

  const insertConversation = db.prepare(
    "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
      "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, ?, NULL, '{}', ?, ?, ?, ?, ?, 0, ?, ?, NULL)",
  );
  const insertMessage = db.prepare(
    "INSERT INTO messages (shop, id, conversation_id, role, type, payload, text, intent, created_at) " +
      "VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?)",
  );
  const insertTicket = db.prepare(
    "INSERT INTO tickets (shop, id, number, conversation_id, status, priority, priority_rank, topic, contact, notes, " +
      "preferred_time, assignee, context, internal_notes, events, sla_due_at, created_at, updated_at, version) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, '{}', '[]', '[]', ?, ?, ?, 1)",
  );

  let messages = 0;
  const batch = opts.batch ?? 5_000;
  // Written in the order they happened, as the app writes them: message rowids grow with time.
  const starts = Array.from({ length: opts.conversations }, () => now - rand() * 90 * DAY).sort((a, b) => a - b);
  const writeConversations = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `conv_bench_${i}`;
      const startedAt = starts[i];
      const count = 4 + Math.floor(rand() * 13); // 4..16, about 10 on average
      const outcome = pick(OUTCOMES);
      const intent = pick(INTENTS);
      let at = startedAt;
      for (let m = 0; m < count; m++) {
        const shopper = m % 2 === 0;
        let text = shopper ? pick(BENCH_MESSAGES) : pick(REPLIES).replace("{n}", String(1001 + (i % 500)));
        if (rand() < 0.2) text += ` ${pick(STONES)}`;
        at += 2_000 + rand() * 30_000;
        const iso = new Date(at).toISOString();
        insertMessage.run(
          shop,
          `msg_bench_${i}_${m}`,
          id,
          shopper ? "shopper" : "concierge",
          JSON.stringify({ type: "text", text }),
          text,
          shopper ? intent : null,
          iso,
        );
      }
      messages += count;
      const rating = rand() < 0.3 ? 1 + Math.floor(rand() * 5) : null;
      insertConversation.run(
        shop,
        id,
        `visitor_bench_${i % 40_000}`,
        intent,
        outcome,
        outcome === "escalated" ? 1 : 0,
        rating,
        count,
        new Date(startedAt).toISOString(),
        new Date(at).toISOString(),
      );
    }
  });
  // Messages reference conversations: the foreign key is checked at commit time only if deferred, so insert order
  // matters — write the conversation first by turning the check off for the load (the data is consistent).
  db.pragma("foreign_keys = OFF");
  // The full-text index is built once after the load (FTS5 'rebuild'), not row by row through its trigger.
  const trigger = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_insert'")
    .pluck()
    .get() as string;
  db.exec("DROP TRIGGER messages_fts_insert");
  for (let from = 0; from < opts.conversations; from += batch) {
    writeConversations(from, Math.min(opts.conversations, from + batch));
  }
  db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
  db.exec(trigger);

  const STATUSES = ["open", "open", "in_progress", "waiting", "resolved", "resolved", "resolved", "resolved"];
  const STAFF = ["1001", "1002", "1003", "1004", null, null];
  db.transaction(() => {
    for (let i = 0; i < opts.tickets; i++) {
      const high = rand() < 0.15;
      const createdAt = now - rand() * 60 * DAY;
      const due = now + (rand() - 0.3) * 5 * DAY;
      insertTicket.run(
        shop,
        `tkt_bench_${i}`,
        i + 1,
        `conv_bench_${Math.floor(rand() * opts.conversations)}`,
        pick(STATUSES),
        high ? "high" : "normal",
        high ? 0 : 1,
        pick(["custom_ring", "order_exception", "sizing", "stylist_contact"]),
        JSON.stringify({ name: `Shopper ${i}`, email: `shopper${i}@example.com`, phone: null }),
        pick(STAFF),
        new Date(due).toISOString(),
        new Date(createdAt).toISOString(),
        new Date(createdAt).toISOString(),
      );
    }
    db.prepare(
      "INSERT INTO sequences (shop, name, value) VALUES (?, 'ticket', ?) ON CONFLICT (shop, name) DO UPDATE SET value = excluded.value",
    ).run(shop, opts.tickets);
  })();
  db.pragma("foreign_keys = ON");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  return {
    conversations: opts.conversations,
    messages,
    tickets: opts.tickets,
    seconds: (performance.now() - started) / 1000,
  };
}
