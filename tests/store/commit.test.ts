// The group committer on its own: one transaction per tick, savepoints per write, durable acknowledgements only
// after the log sync, and waits for another connection's lock on timers within a budget.

import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { groupCommitter, StoreBusyError, whenUnlocked } from "~/store/sqlite/commit";

const files: string[] = [];
function database(): { db: Database.Database; path: string } {
  const path = join(tmpdir(), `aurora-commit-${randomUUID()}.sqlite`);
  files.push(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 0");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
  return { db, path };
}
afterEach(() => {
  for (const path of files.splice(0)) for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
});

const insert = (db: Database.Database, v: string) => () => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes;
const values = (db: Database.Database) =>
  (db.prepare("SELECT v FROM t ORDER BY id").all() as { v: string }[]).map((r) => r.v);

describe("group commit", () => {
  it("commits the writes of one tick in one transaction, each in its own savepoint", async () => {
    const { db } = database();
    let commits = 0;
    const committer = groupCommitter(db, { syncLog: async () => void commits++ });
    const outcomes = await Promise.allSettled([
      committer.write(insert(db, "a")),
      committer.write(insert(db, "b")),
      committer.write(insert(db, "a")), // a uniqueness violation: only this write is refused
      committer.write(insert(db, "c")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(values(db)).toEqual(["a", "b", "c"]);
    expect(commits).toBe(1); // one log sync acknowledged the three durable writes
    db.close();
  });

  it("acknowledges durable writes only after the log sync, and others at commit", async () => {
    const { db } = database();
    let releaseSync: () => void = () => undefined;
    const committer = groupCommitter(db, {
      syncLog: () => new Promise<void>((resolve) => (releaseSync = resolve)),
    });
    const settled: string[] = [];
    const durable = committer.write(insert(db, "promise")).then(() => settled.push("durable"));
    const counter = committer.write(insert(db, "counter"), { durable: false }).then(() => settled.push("counter"));
    await counter;
    expect(settled).toEqual(["counter"]);
    expect(values(db)).toEqual(["promise", "counter"]); // committed, visible, but not yet acknowledged
    releaseSync();
    await durable;
    expect(settled).toEqual(["counter", "durable"]);
    db.close();
  });

  it("fails the durable writes of a group whose log sync fails", async () => {
    const { db } = database();
    const committer = groupCommitter(db, { syncLog: async () => Promise.reject(new Error("EIO")) });
    await expect(committer.write(insert(db, "x"))).rejects.toThrow("EIO");
    await expect(committer.write(insert(db, "y"), { durable: false })).resolves.toBe(1);
    db.close();
  });

  it("waits for another connection's write lock on timers, then fails within the budget, then recovers", async () => {
    const { db, path } = database();
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    const committer = groupCommitter(db, { busyBudgetMs: 200 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const started = performance.now();
    await expect(committer.write(insert(db, "late"))).rejects.toBeInstanceOf(StoreBusyError);
    const waited = performance.now() - started;
    clearInterval(ticker);
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(1_000);
    expect(ticks, "the event loop kept running while the write waited").toBeGreaterThan(10);
    other.exec("ROLLBACK");
    await expect(committer.write(insert(db, "now"))).resolves.toBe(1);
    other.close();
    db.close();
  });

  it("whenUnlocked retries a locked read-modify-write until the lock goes", async () => {
    const { db, path } = database();
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("ROLLBACK"), 60);
    const changed = await whenUnlocked(async () => insert(db, "eventually")(), 1_000);
    expect(changed).toBe(1);
    other.close();
    db.close();
  });
});
