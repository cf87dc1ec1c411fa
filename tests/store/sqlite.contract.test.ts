// The store contract against SQLite (always), plus what only SQLite has: migrations, pragmas, crash safety, speed.

import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { backgroundCheckpointer } from "~/store/sqlite/checkpointer";
import { groupCommitter } from "~/store/sqlite/commit";
import { MIGRATIONS } from "~/store/sqlite/migrations";
import { ftsQuery, openSqliteStore, sqlitePathFromUrl } from "~/store/sqlite";
import type { Store } from "~/store/port";
import { storeContract } from "./contract";
import { at, conversation, message, product, ticket } from "./fixtures/entities";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");

function tempDbPath(): string {
  return join(tmpdir(), `aurora-store-${process.pid}-${randomUUID()}.sqlite`);
}

async function removeDb(path: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(path + suffix, { force: true });
}

storeContract("sqlite", async () => {
  const path = tempDbPath();
  const store = openSqliteStore(path);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await removeDb(path);
    },
  };
});

describe("sqlite store", () => {
  const paths: string[] = [];
  const stores: Store[] = [];
  const open = (path = tempDbPath()): Store => {
    paths.push(path);
    const store = openSqliteStore(path);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const path of paths.splice(0)) await removeDb(path);
  });

  it("records every migration once, and re-opening applies nothing", async () => {
    const path = tempDbPath();
    await open(path).close();
    const raw = new Database(path, { readonly: true });
    const first = raw.prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all();
    raw.close();
    expect(first.map((r) => (r as { version: number }).version)).toEqual(MIGRATIONS.map((m) => m.version));

    const again = open(path);
    await again.products.put("s.myshopify.com", product("p-1"));
    await again.close();
    const reread = new Database(path, { readonly: true });
    expect(reread.prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all()).toEqual(
      first,
    );
    expect(reread.pragma("journal_mode", { simple: true })).toBe("wal");
    reread.close();
  });

  it("migration versions are unique and increasing", () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
  });

  it("refuses a database written by a newer build", async () => {
    const path = tempDbPath();
    await open(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', ?)").run(at(0));
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/newer/);
  });

  it("creates the parent directory and works in memory", async () => {
    const dir = join(tmpdir(), `aurora-store-dir-${randomUUID()}`);
    const path = join(dir, "nested", "aurora.sqlite");
    const store = open(path);
    await store.products.put("s.myshopify.com", product("p-1"));
    expect(existsSync(path)).toBe(true);
    await store.close();
    await rm(dir, { recursive: true, force: true });

    const memory = open(":memory:");
    await memory.products.put("s.myshopify.com", product("p-1"));
    expect(await memory.products.get("s.myshopify.com", "p-1")).toEqual(product("p-1"));
  });

  it("two connections to one file share idempotency claims and ticket numbers", async () => {
    const path = tempDbPath();
    const one = open(path);
    const two = open(path);
    const shop = "s.myshopify.com";
    const now = new Date();
    const claims = await Promise.all([
      one.idempotency.begin(shop, "/r", "k", "h", now, 60_000),
      two.idempotency.begin(shop, "/r", "k", "h", now, 60_000),
    ]);
    expect(claims.map((c) => c.state).sort()).toEqual(["in_progress", "new"]);
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++) numbers.push((await (i % 2 ? one : two).tickets.create(shop, ticket(`t-${i}`))).number);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  // Speed on this data is measured in bench/ (admin lists); here: keyset paging and filters stay correct at scale.
  it("pages and filters 100,000 conversations correctly with keyset cursors", async () => {
    const path = tempDbPath();
    const store = open(path);
    const shop = "big.myshopify.com";
    await store.conversations.create(shop, conversation("seed"));
    // Bulk load through a side connection: 100k acknowledged single writes would only measure fsync.
    const raw = new Database(path);
    raw.pragma("synchronous = OFF");
    const insert = raw.prepare(
      "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
        "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, ?, NULL, '{}', ?, ?, ?, ?, 3, 0, ?, ?, NULL)",
    );
    const outcomes = ["open", "resolved", "escalated", "abandoned"];
    raw.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const when = at(i);
        insert.run(
          shop,
          `c-${i}`,
          `v-${i % 5000}`,
          i % 7 ? "find_product" : "track_order",
          outcomes[i % 4],
          i % 4 === 2 ? 1 : 0,
          i % 5 ? null : (i % 5) + 1,
          when,
          when,
        );
      }
      insert.run("other.myshopify.com", "c-0", "v", "faq", "open", 0, null, at(0), at(0));
    })();
    raw.close();

    const first = await store.conversations.list(shop, {}, { limit: 50 });
    expect(first.items[0].id).toBe("c-99999");
    expect(first.items).toHaveLength(50);
    let cursor = first.nextCursor;
    for (let i = 0; i < 20; i++) cursor = (await store.conversations.list(shop, {}, { cursor, limit: 50 })).nextCursor;
    const deep = await store.conversations.list(shop, {}, { cursor, limit: 50 });
    expect(deep.items[0].id).toBe(`c-${99999 - 21 * 50}`);
    const escalated = await store.conversations.list(shop, { escalated: true }, { limit: 50 });
    expect(escalated.items.every((c) => c.escalated)).toBe(true);
    const byIntent = await store.conversations.list(shop, { intent: "track_order", outcome: "resolved" });
    expect(byIntent.items.every((c) => c.lastIntent === "track_order" && c.outcome === "resolved")).toBe(true);
    const count = await store.conversations.count(shop);
    expect(count).toBe(100_001);
  });

  // Common words take another path (a newest-first walk over the conversations, see searchWalk): same answers.
  it("a search for a common word pages exactly like the definition, with filters, and a lone old match is found", async () => {
    const path = tempDbPath();
    const store = open(path);
    const shop = "search.myshopify.com";
    await store.conversations.create(shop, conversation("seed"));
    const raw = new Database(path);
    raw.pragma("synchronous = OFF");
    const insertConversation = raw.prepare(
      "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
        "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, 'v', NULL, '{}', NULL, 'open', 0, ?, 2, 0, ?, ?, NULL)",
    );
    const insertMessage = raw.prepare(
      "INSERT INTO messages (shop, id, conversation_id, role, type, payload, text, intent, created_at) " +
        "VALUES (?, ?, ?, 'shopper', 'text', '{}', ?, NULL, ?)",
    );
    const expected: { id: string; updatedAt: string; rating: number }[] = [];
    raw.transaction(() => {
      // 30,000 conversations; every third mentions sapphire twice (20,000 matching messages), updated out of order.
      for (let i = 0; i < 30_000; i++) {
        const id = `c-${String(i).padStart(5, "0")}`;
        const updatedAt = at((i * 7919) % 30_000);
        const rating = (i % 5) + 1;
        insertConversation.run(shop, id, rating, updatedAt, updatedAt);
        const hit = i % 3 === 0;
        insertMessage.run(shop, `${id}-a`, id, hit ? "a sapphire ring" : "a gold ring", updatedAt);
        insertMessage.run(shop, `${id}-b`, id, hit ? "sapphire please" : "thanks", updatedAt);
        if (hit) expected.push({ id, updatedAt, rating });
      }
      // The shop's oldest conversation is the only one saying "tanzanite", 3,500 times: the walk gives up on so
      // sparse a word (after 20,000 conversations) and the plain search finds it.
      insertConversation.run(shop, "lonely", 1, at(-5), at(-5));
      for (let i = 0; i < 3_500; i++) insertMessage.run(shop, `t-${i}`, "lonely", "tanzanite", at(-5));
    })();
    raw.close();
    const order = (a: { id: string; updatedAt: string }, b: { id: string; updatedAt: string }) =>
      b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);
    expected.sort(order);

    const walk = async (filter: Parameters<Store["conversations"]["list"]>[1], limit: number, pages: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let p = 0; p < pages; p++) {
        const page = await store.conversations.list(shop, filter, { cursor, limit });
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return ids;
    };
    expect(await walk({ q: "sapphire" }, 100, 30)).toEqual(expected.slice(0, 3_000).map((c) => c.id));
    expect(await walk({ q: "sapphire ring" }, 100, 3)).toEqual(expected.slice(0, 300).map((c) => c.id));
    expect(await walk({ q: "sapphire", rating: 4 }, 50, 4)).toEqual(
      expected
        .filter((c) => c.rating === 4)
        .slice(0, 200)
        .map((c) => c.id),
    );
    expect(await store.conversations.count(shop, { q: "sapphire" })).toBe(10_000);
    expect((await store.conversations.list(shop, { q: "tanzanite" })).items.map((c) => c.id)).toEqual(["lonely"]);
    expect((await store.conversations.list("other.myshopify.com", { q: "tanzanite" })).items).toEqual([]);
  });

  it("an erased chat leaves no trace of its words in the database or WAL files", async () => {
    const path = tempDbPath();
    const store = open(path);
    const shop = "erase.myshopify.com";
    const secret = "Zanzibarsapphire";
    await store.conversations.create(shop, conversation("c-erase"));
    // Enough history that the words sit in several pages, the FTS index and the WAL.
    for (let i = 0; i < 40; i++) {
      await store.conversations.appendMessages(shop, "c-erase", [
        message(`m-${i}`, "c-erase", { text: `my ${secret} ring number ${i}` }),
      ]);
    }
    expect((await store.conversations.list(shop, { q: secret })).items).toHaveLength(1);
    expect(await store.conversations.erase(shop, "c-erase")).toBe(true);
    const bytes = (file: string) => (existsSync(file) ? readFileSync(file).toString("latin1") : "");
    expect(bytes(path)).not.toContain(secret);
    expect(bytes(`${path}-wal`)).not.toContain(secret);
    expect((await store.conversations.list(shop, { q: secret })).items).toHaveLength(0);
  });

  it("with background checkpoints, a worker folds the WAL in (no commit does), and an erasure still leaves no trace", async () => {
    const path = tempDbPath();
    paths.push(path);
    const store = openSqliteStore(path, { backgroundCheckpoints: true });
    stores.push(store);
    const shop = "bg.myshopify.com";
    const secret = "Kilimanjarotanzanite";
    await store.conversations.create(shop, conversation("c-bg"));
    for (let i = 0; i < 40; i++) {
      await store.conversations.appendMessages(shop, "c-bg", [
        message(`m-${i}`, "c-bg", { text: `my ${secret} pendant ${i}` }),
      ]);
    }
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return done();
    };
    const bytes = (file: string) => (existsSync(file) ? readFileSync(file).toString("latin1") : "");
    // The words reach the database file itself only through a checkpoint: 40 small commits never reach SQLite's
    // own threshold (1,000 pages), so the worker made it.
    expect(await settle(() => bytes(path).includes(secret))).toBe(true);
    expect(await store.conversations.erase(shop, "c-bg")).toBe(true);
    expect(await settle(() => !bytes(`${path}-wal`).includes(secret) && !bytes(path).includes(secret))).toBe(true);
  });

  it("with background checkpoints, writes that never pause still see the log started over", async () => {
    const path = tempDbPath();
    paths.push(path);
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.pragma("busy_timeout = 0");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
    // A RESTART past 256 frames (1 MB). A PASSIVE checkpoint alone seldom catches up with a writer that never
    // pauses, and the log is only started over once it has: without the bound, it grows by every commit.
    const checkpointer = backgroundCheckpointer(path, 5, 256);
    const committer = groupCommitter(db);
    const row = db.prepare("INSERT INTO t (v) VALUES (randomblob(200))");
    await committer.write(() => row.run());
    // Bytes 12–15 of the WAL header count the times the log was started over.
    const restarts = () => readFileSync(`${path}-wal`).readUInt32BE(12);
    const before = restarts();
    // 20,000 commits back to back (about 80 MB of log frames).
    for (let i = 0; i < 20_000; i++) await committer.write(() => row.run());
    const after = restarts();
    await checkpointer.close();
    db.close();
    expect(after - before).toBeGreaterThanOrEqual(5);
  });

  it("every acknowledged write survives SIGKILL of the writing process", async () => {
    const path = tempDbPath();
    paths.push(path);
    const script = join(here, "fixtures", "crash-writer.ts");
    // `node --import tsx` keeps the writer in this one child; the tsx CLI would put it in a grandchild.
    const child = spawn(process.execPath, ["--import", "tsx", script, path], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acks = new Map<number, number>();
    let stderr = "";
    let pending = "";
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.on("close", (_code, signal) => resolveExit(signal)),
    );
    const giveUp = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const [, i, number] = line.split(" ");
        acks.set(Number(i), Number(number));
      }
      if (acks.size >= 200) child.kill("SIGKILL");
    });
    const signal = await exited;
    clearTimeout(giveUp);
    expect(signal, stderr).toBe("SIGKILL");
    expect(acks.size, stderr).toBeGreaterThanOrEqual(200);
    // The kill must have landed mid-stream, with the WAL not yet checkpointed into the main file.
    expect(existsSync(`${path}-wal`)).toBe(true);

    const store = openSqliteStore(path);
    stores.push(store);
    const shop = "crash.myshopify.com";
    for (const [i, number] of acks) {
      const id = `conv-${i}`;
      expect(await store.conversations.get(shop, id)).toMatchObject({ id, visitorId: `visitor-${i}`, messageCount: 2 });
      expect((await store.conversations.messages(shop, id)).map((m) => m.text)).toEqual([
        `shopper line ${i}`,
        `concierge line ${i}`,
      ]);
      expect(await store.tickets.get(shop, `ticket-${i}`)).toMatchObject({
        number,
        conversationId: id,
        topic: `topic ${i}`,
      });
    }
    expect(new Set(acks.values()).size).toBe(acks.size);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
  });
});

describe("sqlitePathFromUrl", () => {
  it.each([
    ["file:./data/aurora.sqlite", "./data/aurora.sqlite"],
    ["file:/var/lib/aurora/aurora.sqlite", "/var/lib/aurora/aurora.sqlite"],
    ["file:///var/lib/aurora/aurora.sqlite", "/var/lib/aurora/aurora.sqlite"],
    ["file://localhost/var/aurora.sqlite", "/var/aurora.sqlite"],
    ["file:./dev.db?connection_limit=1", "./dev.db"],
    ["file:./my%20data/a.sqlite", "./my data/a.sqlite"],
    ["sqlite:./data/aurora.sqlite", "./data/aurora.sqlite"],
    ["sqlite:///tmp/a.sqlite", "/tmp/a.sqlite"],
    ["./data/aurora.sqlite", "./data/aurora.sqlite"],
    ["/abs/aurora.sqlite", "/abs/aurora.sqlite"],
    ["data/aurora.sqlite", "data/aurora.sqlite"],
    [":memory:", ":memory:"],
    ["C:\\data\\aurora.sqlite", "C:\\data\\aurora.sqlite"],
  ])("%s → %s", (url, path) => {
    expect(sqlitePathFromUrl(url)).toBe(path);
  });

  it.each(["postgres://user:secret@db/aurora", "mongodb://localhost/aurora", "mysql:x", "", "file:"])(
    "rejects %j naming DATABASE_URL and never echoing secrets",
    (url) => {
      expect(() => sqlitePathFromUrl(url)).toThrow(/DATABASE_URL/);
      try {
        sqlitePathFromUrl(url);
      } catch (error) {
        expect(String(error)).not.toContain("secret");
      }
    },
  );
});

describe("ftsQuery", () => {
  it("quotes every word so FTS5 operators in user text are searched for, not run", () => {
    expect(ftsQuery('gold "ring" OR NEAR(x) col:y*')).toBe('"gold" """ring""" "OR" "NEAR(x)" "col:y*"');
    expect(ftsQuery("  \t ")).toBeNull();
  });
});
