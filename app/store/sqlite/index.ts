// The embedded store: better-sqlite3 on one file (WAL), schema from ./migrations, every query shop-scoped.
// Relative imports only: the crash test runs this file under plain tsx, which does not know the `~` alias.

import { mkdirSync } from "node:fs";
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
import { reportsRepository, requestStatsRepository } from "./reports";
import { idempotencyRepository, rateLimitsRepository } from "./requestGuards";
import { returnsRepository } from "./returns";
import { sessionsRepository } from "./sessions";
import { shopsRepository, staffRepository } from "./shops";
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

// ---------- the store ----------

/** The store over one open connection: each aggregate's repository lives in its own file. */
function createStore(db: Db): Store {
  const sql = sqlToolkit(db);
  return {
    kind: "sqlite",
    async ping() {
      sql.one("SELECT 1");
    },
    async close() {
      if (db.open) db.close();
    },
    shops: shopsRepository(sql),
    staff: staffRepository(sql),
    products: productsRepository(sql),
    customers: customersRepository(sql),
    orders: ordersRepository(sql),
    conversations: conversationsRepository(sql),
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
      return sql.nextSequence(shop, name);
    },
  };
}
