// The durable job queue (webhooks to apply, emails to send, backfill steps) and named leases across processes.

import { DuplicateError, JOB_STATUSES, type Job, type JobStatus, type Store } from "../port";
import { codec, v } from "./codec";
import { unique, type Sql } from "./sql";

const jobRow = codec<Job>({
  id: v,
  shop: v,
  kind: v,
  key: v,
  payload: "json",
  status: v,
  attempts: v,
  runAt: v,
  leaseOwner: v,
  leaseExpiresAt: v,
  lastError: v,
  createdAt: v,
  updatedAt: v,
});

const KINDS = "kind IN (SELECT value FROM json_each(?))";

export function jobsRepository({ db, write, one, run, insert, maybe, byId }: Sql): Store["jobs"] {
  const claim = db.transaction((kinds: string, owner: string, now: string, until: string): Job | null => {
    // Due pending work first, then work whose worker died (its lease ran out).
    const next =
      one(
        `SELECT shop, id FROM jobs WHERE status = 'pending' AND run_at <= ? AND ${KINDS} ORDER BY run_at LIMIT 1`,
        now,
        kinds,
      ) ??
      one(
        `SELECT shop, id FROM jobs WHERE status = 'running' AND lease_expires_at <= ? AND ${KINDS} ORDER BY lease_expires_at LIMIT 1`,
        now,
        kinds,
      );
    if (!next) return null;
    run(
      "UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ? " +
        "WHERE shop = ? AND id = ?",
      owner,
      until,
      now,
      next.shop,
      next.id,
    );
    return maybe(jobRow, one(byId("jobs"), next.shop, next.id));
  });

  const held = "shop = ? AND id = ? AND status = 'running' AND lease_owner = ?";

  return {
    async enqueue(shop, job) {
      const row = jobRow.toRow(
        {
          ...job,
          shop,
          status: "pending",
          attempts: 0,
          leaseOwner: null,
          leaseExpiresAt: null,
          lastError: null,
          updatedAt: job.createdAt,
        },
        undefined,
      );
      try {
        await write(() => unique("job", () => insert("jobs", row)));
        return true;
      } catch (error) {
        if (error instanceof DuplicateError) return false;
        throw error;
      }
    },
    async claim(kinds, owner, now, leaseMs) {
      // A plain read first (WAL: never waits on the write lock): an idle poll takes no lock and writes nothing.
      const at = now.toISOString();
      const list = JSON.stringify(kinds);
      const due =
        one(`SELECT 1 FROM jobs WHERE status = 'pending' AND run_at <= ? AND ${KINDS} LIMIT 1`, at, list) ??
        one(`SELECT 1 FROM jobs WHERE status = 'running' AND lease_expires_at <= ? AND ${KINDS} LIMIT 1`, at, list);
      if (!due) return null;
      return write(() =>
        claim(JSON.stringify(kinds), owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()),
      );
    },
    async finish(shop, id, owner, status, error, now) {
      return write(
        () =>
          run(
            `UPDATE jobs SET status = ?, payload = '{}', last_error = ?, lease_owner = NULL, lease_expires_at = NULL, ` +
              `updated_at = ? WHERE ${held}`,
            status,
            error,
            now.toISOString(),
            shop,
            id,
            owner,
          ).changes > 0,
      );
    },
    async reschedule(shop, id, owner, change, now) {
      return write(
        () =>
          run(
            "UPDATE jobs SET status = 'pending', run_at = ?, last_error = ?, payload = coalesce(?, payload), " +
              "attempts = CASE WHEN ? THEN 0 ELSE attempts END, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? " +
              `WHERE ${held}`,
            change.runAt.toISOString(),
            change.error,
            change.payload === undefined ? null : JSON.stringify(change.payload),
            change.resetAttempts ? 1 : 0,
            now.toISOString(),
            shop,
            id,
            owner,
          ).changes > 0,
      );
    },
    async get(shop, id) {
      return maybe(jobRow, one(byId("jobs"), shop, id));
    },
    async counts(shop, kind) {
      const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
      const rows = db
        .prepare("SELECT status, count(*) AS n FROM jobs WHERE shop = ? AND kind = ? GROUP BY status")
        .all(shop, kind) as { status: JobStatus; n: number }[];
      for (const r of rows) out[r.status] = r.n;
      return out;
    },
    async scrub(shop, needles) {
      return write(() => {
        let changed = 0;
        for (const needle of needles.filter((n) => n.trim() !== "")) {
          changed += run(
            "UPDATE jobs SET payload = '{}', last_error = 'redacted', " +
              "status = CASE WHEN status = 'pending' THEN 'dead' ELSE status END " +
              "WHERE shop = ? AND status != 'running' AND instr(lower(payload), lower(?)) > 0",
            shop,
            needle,
          ).changes;
        }
        return changed;
      });
    },
    async backlog(now) {
      // The jobs_due index (status, run_at) serves the status filter: only unfinished rows are read.
      const rows = db
        .prepare(
          "SELECT kind, count(*) AS queued, min(CASE WHEN status = 'pending' AND run_at <= ? THEN run_at END) AS oldest " +
            "FROM jobs WHERE status IN ('pending', 'running') GROUP BY kind ORDER BY kind",
        )
        .all(now.toISOString()) as { kind: string; queued: number; oldest: string | null }[];
      return rows.map((r) => ({ kind: r.kind, queued: r.queued, oldestDueAt: r.oldest }));
    },
    async purgeFinished(before) {
      return write(
        () =>
          run(
            "DELETE FROM jobs WHERE rowid IN (SELECT rowid FROM jobs WHERE status IN ('done', 'dead') AND updated_at < ? LIMIT 5000)",
            before.toISOString(),
          ).changes,
      );
    },
  };
}

// Leases coordinate workers; like idempotency claims they are not promises, so no wait for the log sync.
const NOT_A_PROMISE = { durable: false };

export function leasesRepository({ run, write }: Sql): Store["leases"] {
  return {
    async acquire(shop, name, holder, now, ttlMs) {
      // Taken when free, expired, or already ours (a renewal); otherwise the conditional update changes nothing.
      const taken = await write(
        () =>
          run(
            "INSERT INTO leases (shop, name, holder, expires_at) VALUES (?, ?, ?, ?) " +
              "ON CONFLICT (shop, name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
              "WHERE leases.holder = excluded.holder OR leases.expires_at <= ?",
            shop,
            name,
            holder,
            now.getTime() + ttlMs,
            now.getTime(),
          ),
        NOT_A_PROMISE,
      );
      return taken.changes > 0;
    },
    async release(shop, name, holder) {
      await write(
        () => run("DELETE FROM leases WHERE shop = ? AND name = ? AND holder = ?", shop, name, holder),
        NOT_A_PROMISE,
      );
    },
  };
}
