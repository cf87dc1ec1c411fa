// Durable writes with group commit, and waiting on another process's lock without blocking the event loop.
// Writes queued during one turn of the event loop share one transaction, each in its own savepoint (one refused
// write does not refuse the others). A durable write is acknowledged only once the log holding its commit is
// on disk: one fdatasync of the WAL, on libuv's thread pool, covers every commit made before it started — the
// guarantee of synchronous=FULL, without the event loop waiting on the disk (ADR 0008). Writes that are not
// promises to anyone (rate-limit counters, idempotency claims) are acknowledged at commit.

import type Database from "better-sqlite3";
import { StoreBusyError } from "../port";

type Db = Database.Database;

/** How long a store call may wait for another process's write lock before it fails (503 store.unavailable). */
export const DEFAULT_BUSY_BUDGET_MS = 1000;
/** At most this many writes share one commit: bounds the time one commit holds the event loop. */
const MAX_BATCH = 256;

/** SQLite's "another connection holds the lock" answers: worth waiting for, unlike any other error. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

// The lock not released within the budget is the port's StoreBusyError, with the last SQLite error as its cause.
export { StoreBusyError };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** 1, 2, 4, 8, 16, 20, 20 ... ms between attempts, with jitter so two waiting processes do not stay in step. */
const backoff = (attempt: number) => Math.min(20, 2 ** attempt) * (0.75 + Math.random() / 2);

/**
 * Runs `operation` (synchronous SQLite work, wrapped in a promise), retrying while the database is locked by
 * another connection, on timers (busy_timeout is 0, so an attempt never sleeps inside SQLite).
 */
export async function whenUnlocked<T>(operation: () => Promise<T>, budgetMs = DEFAULT_BUSY_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) throw new StoreBusyError(budgetMs, error);
      await sleep(backoff(attempt));
    }
  }
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  deadline: number;
  durable: boolean;
}

export interface WriteOptions {
  /** false: acknowledged at commit, not after the log reaches the disk (counters, claims). Default true. */
  durable?: boolean;
}

export interface Committer {
  /** Runs `write` inside a transaction shared with the other writes of this tick; resolves once it is durable. */
  write<T>(write: () => T, options?: WriteOptions): Promise<T>;
  /** Writes queued, or committed and waiting for the log to reach the disk (for shutdown and tests). */
  pending(): number;
}

export interface CommitterOptions {
  busyBudgetMs?: number;
  /** Makes every commit so far durable (fdatasync of the WAL); absent for a database that has no file. */
  syncLog?: () => Promise<void>;
}

export function groupCommitter(db: Db, options: CommitterOptions = {}): Committer {
  const budgetMs = options.busyBudgetMs ?? DEFAULT_BUSY_BUDGET_MS;
  const { syncLog } = options;
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  // Called inside the open transaction, better-sqlite3 runs this as a savepoint and rolls back to it on a throw.
  const inSavepoint = db.transaction((write: () => unknown) => write());
  let queue: Pending[] = [];
  let scheduled = false;
  let attempt = 0;
  // Committed durable writes waiting for the next log sync, and whether one is running.
  let unsynced: { p: Pending; value: unknown }[] = [];
  let syncing = false;

  async function syncCommitted(): Promise<void> {
    syncing = true;
    while (unsynced.length > 0) {
      const group = unsynced;
      unsynced = [];
      try {
        await syncLog!();
        for (const { p, value } of group) p.resolve(value);
      } catch (error) {
        for (const { p } of group) p.reject(error);
      }
    }
    syncing = false;
  }

  const schedule = (delayMs: number) => {
    if (scheduled) return;
    scheduled = true;
    if (delayMs > 0) setTimeout(flush, delayMs);
    else setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    if (!db.open) {
      for (const p of queue.splice(0)) p.reject(new TypeError("The database connection is not open"));
      return;
    }
    try {
      begin.run();
    } catch (error) {
      if (!isBusy(error)) {
        for (const p of queue.splice(0)) p.reject(error);
        return;
      }
      // Locked by another process: fail the writes whose budget is spent, wait for the others.
      const now = Date.now();
      queue = queue.filter((p) => now < p.deadline || (p.reject(new StoreBusyError(budgetMs, error)), false));
      schedule(backoff(attempt++));
      return;
    }
    attempt = 0;
    const batch = queue.splice(0, MAX_BATCH);
    // Optimistically without savepoints (two statements fewer per write); should any write throw, the batch is
    // rolled back and run again with one savepoint per write, so only that write is refused.
    let outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      for (const p of batch) outcomes.push({ ok: true, value: p.write() });
    } catch {
      outcomes = [];
      if (db.inTransaction) rollback.run();
      try {
        begin.run();
      } catch (error) {
        // Another process took the lock in between: the batch waits its turn again, like any locked write.
        if (isBusy(error)) {
          queue = batch.concat(queue);
          schedule(backoff(attempt++));
        } else {
          for (const p of batch) p.reject(error);
          if (queue.length > 0) schedule(0);
        }
        return;
      }
      for (const p of batch) {
        try {
          outcomes.push({ ok: true, value: inSavepoint(p.write) });
        } catch (error) {
          outcomes.push({ ok: false, value: error });
        }
      }
    }
    try {
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const p of batch) p.reject(error);
      if (queue.length > 0) schedule(0);
      return;
    }
    batch.forEach((p, i) => {
      const { ok, value } = outcomes[i];
      if (!ok) p.reject(value);
      else if (p.durable && syncLog) unsynced.push({ p, value });
      else p.resolve(value);
    });
    if (unsynced.length > 0 && !syncing) void syncCommitted();
    if (queue.length > 0) schedule(0);
  }

  return {
    write<T>(write: () => T, { durable = true }: WriteOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const deadline = Date.now() + budgetMs;
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject, deadline, durable });
        schedule(0);
      });
    },
    pending: () => queue.length + unsynced.length + (syncing ? 1 : 0),
  };
}
