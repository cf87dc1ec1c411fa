// Message text reaches the full-text index in batches (ADR 0008, migration 65): searches still find every stored
// message, the index stays exact whatever happens to rows before they are indexed, erased words leave it, and a
// process that dies before indexing leaves nothing unsearchable.

import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "~/store/port";
import { openSqliteStore } from "~/store/sqlite";
import { INDEX_DELAY_MS } from "~/store/sqlite/searchIndex";
import { conversation, message } from "./fixtures/entities";

const SHOP = "search.myshopify.com";
const paths: string[] = [];
const stores: Store[] = [];

function open(
  path = join(tmpdir(), `aurora-search-${process.pid}-${randomUUID()}.sqlite`),
  options: { busyBudgetMs?: number } = {},
): Store {
  paths.push(path);
  const store = openSqliteStore(path, options);
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const path of paths.splice(0))
    for (const suffix of ["", "-wal", "-shm"]) await rm(path + suffix, { force: true });
});

/** Read through a second connection, as an operator's sqlite3 shell or another process would. */
function raw<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const indexed = (path: string, word: string) =>
  raw(path, (db) => db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?").get(word)) as {
    n: number;
  };
const pending = (path: string) =>
  raw(
    path,
    (db) =>
      (
        db.prepare("SELECT count(*) AS n FROM messages WHERE seq > (SELECT upto FROM messages_fts_progress)").get() as {
          n: number;
        }
      ).n,
  );

/** FTS5's own check that an external-content index matches its table exactly (throws SQLITE_CORRUPT_VTAB). */
function integrityCheck(path: string): void {
  const db = new Database(path);
  try {
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the batched full-text index", () => {
  it("indexes a turn's words within the documented delay, without any search asking", async () => {
    const store = open();
    const path = paths[0];
    await store.conversations.create(SHOP, conversation("c-1"));
    await store.conversations.recordTurn(SHOP, {
      conversationId: "c-1",
      patch: {},
      messages: [message("m-1", "c-1", { text: "a tourmaline pendant" })],
    });
    // Not in the turn's own commit: the turn paid for no segment.
    expect(indexed(path, "tourmaline").n).toBe(0);
    await sleep(INDEX_DELAY_MS + 400);
    expect(indexed(path, "tourmaline").n).toBe(1);
    expect(pending(path)).toBe(0);
  });

  it("a search right after a write finds it: the index is brought up to date first", async () => {
    const store = open();
    await store.conversations.create(SHOP, conversation("c-1"));
    await store.conversations.appendMessages(SHOP, "c-1", [message("m-1", "c-1", { text: "moonstone studs" })]);
    expect((await store.conversations.list(SHOP, { q: "moonstone" })).items.map((c) => c.id)).toEqual(["c-1"]);
    expect(await store.conversations.count(SHOP, { q: "moonstone" })).toBe(1);
    await store.conversations.appendMessages(SHOP, "c-1", [message("m-2", "c-1", { text: "and alexandrite" })]);
    expect(await store.conversations.findMentioning(SHOP, "alexandrite")).toEqual(["c-1"]);
  });

  it("stays exact when rows are erased, purged or re-inserted before and after they are indexed", async () => {
    const store = open();
    const path = paths[0];
    const shops = [SHOP, "other.myshopify.com"];
    for (const shop of shops) await store.conversations.create(shop, conversation("c-old"));
    // Indexed rows, then rows still waiting: erase, purge and new rows on both sides of the mark.
    for (const shop of shops) {
      await store.conversations.appendMessages(shop, "c-old", [
        message("m-1", "c-old", { text: "old peridot ring" }),
        message("m-2", "c-old", { text: "old garnet ring" }),
      ]);
    }
    expect(await store.conversations.count(SHOP, { q: "peridot" })).toBe(1); // indexes everything so far
    for (const shop of shops) {
      await store.conversations.create(shop, conversation("c-new"));
      await store.conversations.appendMessages(shop, "c-new", [message("m-3", "c-new", { text: "new peridot ring" })]);
    }
    expect(pending(path)).toBeGreaterThan(0);
    expect(await store.conversations.erase(SHOP, "c-old")).toBe(true); // indexed rows: the trigger removes them
    expect(await store.conversations.erase(SHOP, "c-new")).toBe(true); // waiting rows: nothing indexed yet
    await store.shops.purge("other.myshopify.com"); // both kinds deleted
    // The highest rowid is gone now: a new row may reuse a rowid at or below the mark, and is indexed at once.
    await store.conversations.create(SHOP, conversation("c-again"));
    await store.conversations.appendMessages(SHOP, "c-again", [message("m-4", "c-again", { text: "peridot again" })]);
    expect(await store.conversations.findMentioning(SHOP, "peridot")).toEqual(["c-again"]);
    expect(await store.conversations.count(SHOP, { q: "garnet" })).toBe(0);
    integrityCheck(path);
    expect(indexed(path, "peridot").n).toBe(1);
  });

  it("a process that dies before indexing leaves nothing unsearchable: the next one indexes it", async () => {
    const store = open();
    const path = paths[0];
    await store.conversations.create(SHOP, conversation("c-1"));
    await store.conversations.appendMessages(SHOP, "c-1", [message("m-1", "c-1", { text: "spinel bangle" })]);
    // What a SIGKILL leaves: the messages committed, the progress mark not moved (a raw write, no store).
    const db = new Database(path);
    db.prepare(
      "INSERT INTO messages (shop, id, conversation_id, role, type, payload, text, intent, created_at) " +
        "VALUES (?, 'm-raw', 'c-1', 'shopper', 'text', '{}', 'spinel anklet', NULL, '2025-01-01T00:00:00.000Z')",
    ).run(SHOP);
    db.close();
    await stores.splice(0)[0].close();
    const again = open(path);
    await sleep(INDEX_DELAY_MS + 400); // opening finds the waiting rows and indexes them: no search needed
    expect(indexed(path, "spinel").n).toBe(2);
    expect((await again.conversations.list(SHOP, { q: "anklet" })).items).toHaveLength(1);
    integrityCheck(path);
  });

  it("a batch locked out by another process past the budget fails quietly and is indexed once the lock is gone", async () => {
    const store = open(undefined, { busyBudgetMs: 100 });
    const path = paths[0];
    await store.conversations.create(SHOP, conversation("c-1"));
    await store.conversations.appendMessages(SHOP, "c-1", [message("m-1", "c-1", { text: "tanzanite drops" })]);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const holder = new Database(path);
    try {
      holder.exec("BEGIN IMMEDIATE");
      // The timed batch, then a search's catch-up, both wait out the budget behind the other writer.
      await sleep(INDEX_DELAY_MS + 300);
      await expect(store.conversations.count(SHOP, { q: "tanzanite" })).rejects.toThrow(/locked/);
      await sleep(50);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
      process.off("unhandledRejection", onUnhandled);
    }
    // A failed drain is the caller's error, never an unhandled rejection that would end the server.
    expect(unhandled).toEqual([]);
    expect(await store.conversations.count(SHOP, { q: "tanzanite" })).toBe(1);
  });
});
