// The embedded store: better-sqlite3 on one file (WAL), schema from ./migrations, every query shop-scoped.
// Relative imports only: the crash test runs this file under plain tsx, which does not know the `~` alias.

import { closeSync, fdatasync, fsyncSync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Store } from "../port";
import { conversationsRepository } from "./conversations";
import { customersRepository } from "./customers";
import { faqRepository } from "./content";
import { csatRepository, shortlistsRepository } from "./feedback";
import { MIGRATIONS } from "./migrations";
import { ordersRepository } from "./orders";
import { productsRepository } from "./products";
import { analyticsRepository, auditRepository } from "./records";
import { DEFAULT_BUSY_BUDGET_MS, whenUnlocked } from "./commit";
import { reportsRepository, requestStatsRepository } from "./reports";
import { idempotencyRepository, rateLimitsRepository, settleIdempotency } from "./requestGuards";
import { returnsRepository } from "./returns";
import { sessionsRepository } from "./sessions";
import { shopsRepository, staffRepository } from "./shops";
import { backgroundCheckpointer, inlineCheckpointer, type Checkpointer } from "./checkpointer";
import { groupCommitter } from "./commit";
import { searchIndexer } from "./searchIndex";
import { sqlToolkit, type Db } from "./sql";
import { ticketsRepository } from "./tickets";
import { jobsRepository, leasesRepository } from "./jobs";
import { dataRequestsRepository, syncProgressRepository } from "./sync";

export { ftsQuery } from "./conversations";

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

export interface SqliteOptions {
  /** How long a call may wait for another process's write lock, on timers, before it fails. */
  busyBudgetMs?: number;
  /** Checkpoint the WAL on a worker thread rather than inside whichever commit crosses the threshold. */
  backgroundCheckpoints?: boolean;
}

/**
 * Makes every commit so far durable: fdatasync of the WAL file on libuv's thread pool. With synchronous=NORMAL
 * a commit writes its frames without syncing; acknowledging only after this sync gives FULL's guarantee (an
 * acknowledged write survives power loss) while the event loop never waits on the disk (ADR 0008).
 */
function logSyncer(filePath: string): { sync: () => Promise<void>; close: () => void } {
  // The WAL's directory entry is made durable once; its content at every sync.
  const dir = openSync(dirname(resolve(filePath)), "r");
  fsyncSync(dir);
  closeSync(dir);
  const wal = openSync(`${filePath}-wal`, "r");
  let open = true;
  return {
    sync: () => new Promise((done, fail) => fdatasync(wal, (error) => (error ? fail(error) : done()))),
    close: () => {
      if (open) closeSync(wal);
      open = false;
    },
  };
}

export function openSqliteStore(filePath: string, options: SqliteOptions = {}): Store {
  const memory = filePath === ":memory:" || filePath === "";
  if (!memory) mkdirSync(dirname(resolve(filePath)), { recursive: true });
  const db = new Database(filePath);
  // Opening may meet another process's migration or checkpoint: a blocking wait is fine before we serve.
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  // Durable writes are acknowledged after an explicit sync of the log (see logSyncer), not a sync per commit.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Deleted and overwritten content is zeroed on disk, so an erased chat is not recoverable from free pages.
  db.pragma("secure_delete = ON");
  migrate(db);
  // Serving: a locked database never blocks the event loop; calls wait on timers instead (./commit).
  db.pragma("busy_timeout = 0");
  let checkpointer = inlineCheckpointer(db);
  if (options.backgroundCheckpoints && !memory) {
    db.pragma("wal_autocheckpoint = 0");
    checkpointer = backgroundCheckpointer(filePath);
  }
  const log = memory ? null : logSyncer(filePath);
  return createStore(db, log, checkpointer, options.busyBudgetMs ?? DEFAULT_BUSY_BUDGET_MS);
}

// ---------- the store ----------

/**
 * Every port method, retried on timers while another process holds the lock, within the budget. Each method is
 * one statement or one transaction, so a retry repeats nothing that took effect.
 */
function retryingWhenLocked<T extends object>(target: T, budgetMs: number): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    out[name] =
      typeof value === "function"
        ? (...args: unknown[]) =>
            whenUnlocked(() => (value as (...a: unknown[]) => Promise<unknown>)(...args), budgetMs)
        : value && typeof value === "object"
          ? retryingWhenLocked(value as object, budgetMs)
          : value;
  }
  return out as T;
}

/** The store over its connection: each aggregate's repository lives in its own file. */
function createStore(
  db: Db,
  log: { sync: () => Promise<void>; close: () => void } | null,
  checkpointer: Checkpointer,
  busyBudgetMs: number,
): Store {
  const sql = sqlToolkit(db, groupCommitter(db, { busyBudgetMs, syncLog: log?.sync }));
  const search = searchIndexer(sql);
  const store: Store = {
    kind: "sqlite",
    async ping() {
      sql.one("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1");
      // Takes the write lock, appends to the WAL and syncs it: a lock held elsewhere or a full disk shows here.
      await sql.write(() =>
        sql.run(
          "INSERT INTO store_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
          Date.now(),
        ),
      );
    },
    async close() {
      // Messages still waiting for the search index are indexed now (else the next open of the file does it).
      await search.catchUp().catch(() => undefined);
      search.close();
      // Writes already queued are committed (and synced) before the connection closes.
      while (sql.pending() > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      if (db.open) db.close();
      log?.close();
      await checkpointer.close();
    },
    shops: shopsRepository(sql),
    staff: staffRepository(sql),
    products: productsRepository(sql),
    customers: customersRepository(sql),
    orders: ordersRepository(sql),
    conversations: conversationsRepository(sql, settleIdempotency(sql), checkpointer.truncate, search),
    tickets: ticketsRepository(sql),
    returns: returnsRepository(sql),
    csat: csatRepository(sql),
    faq: faqRepository(sql),
    shortlists: shortlistsRepository(sql),
    analytics: analyticsRepository(sql),
    audit: auditRepository(sql),
    reports: reportsRepository(sql),
    requestStats: requestStatsRepository(sql),
    idempotency: idempotencyRepository(sql),
    rateLimits: rateLimitsRepository(sql),
    sessions: sessionsRepository(sql),
    jobs: jobsRepository(sql),
    leases: leasesRepository(sql),
    syncProgress: syncProgressRepository(sql),
    dataRequests: dataRequestsRepository(sql),
    async nextSequence(shop, name) {
      return sql.write(() => sql.nextSequence(shop, name));
    },
  };
  return retryingWhenLocked(store, busyBudgetMs);
}
