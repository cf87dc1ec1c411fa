// What protects the storefront API across processes: idempotency records and rate-limit counters.
// Claims (leases) and counters are not promises to a shopper: they are acknowledged at commit, without waiting
// for the log to reach the disk (a process crash keeps them; a power cut may lose the last ones).
const NOT_A_PROMISE = { durable: false };
// A finished answer is a promise: it is written on the durable connection, with the turn when there is one.

import type { IdempotencyBegin, IdempotentAnswer, Store, StoredResponse } from "../port";
import type { Sql } from "./sql";

const SETTLE =
  "INSERT INTO idempotency_records (shop, route, key, body_hash, state, response, expires_at) " +
  "VALUES (?, ?, ?, ?, 'done', ?, ?) ON CONFLICT (shop, route, key) DO UPDATE SET state = 'done', " +
  "response = excluded.response, expires_at = excluded.expires_at WHERE body_hash = excluded.body_hash";

/** Stores a finished answer inside the caller's transaction (the claim may have lapsed: then it is recreated). */
export function settleIdempotency({ run }: Sql): (shop: string, answer: IdempotentAnswer) => void {
  return (shop, { route, key, bodyHash, response, expiresAt }) =>
    void run(SETTLE, shop, route, key, bodyHash, JSON.stringify(response), expiresAt.getTime());
}

export function idempotencyRepository({ one, run, write }: Sql): Store["idempotency"] {
  let claims = 0;
  // Plain: the committer already runs each write in its own savepoint.
  const begin = (
    shop: string,
    route: string,
    key: string,
    bodyHash: string,
    now: number,
    ttlMs: number,
  ): IdempotencyBegin => {
    if (++claims % 100 === 0) {
      run(
        "DELETE FROM idempotency_records WHERE rowid IN " +
          "(SELECT rowid FROM idempotency_records WHERE expires_at <= ? LIMIT 500)",
        now,
      );
    }
    run(
      "DELETE FROM idempotency_records WHERE shop = ? AND route = ? AND key = ? AND expires_at <= ?",
      shop,
      route,
      key,
      now,
    );
    const claimed = run(
      "INSERT INTO idempotency_records (shop, route, key, body_hash, state, response, expires_at) " +
        "VALUES (?, ?, ?, ?, 'in_progress', NULL, ?) ON CONFLICT (shop, route, key) DO NOTHING",
      shop,
      route,
      key,
      bodyHash,
      now + ttlMs,
    );
    if (claimed.changes === 1) return { state: "new" };
    const existing = one(
      "SELECT body_hash, state, response FROM idempotency_records WHERE shop = ? AND route = ? AND key = ?",
      shop,
      route,
      key,
    )!;
    if (existing.body_hash !== bodyHash) return { state: "conflict" };
    if (existing.state === "in_progress" || existing.response === null) return { state: "in_progress" };
    return { state: "replay", response: JSON.parse(existing.response as string) as StoredResponse };
  };
  return {
    async begin(shop, route, key, bodyHash, now, ttlMs) {
      return write(() => begin(shop, route, key, bodyHash, now.getTime(), ttlMs), NOT_A_PROMISE);
    },
    async complete(shop, route, key, response, expiresAt) {
      await write(() =>
        run(
          "UPDATE idempotency_records SET state = 'done', response = ?, expires_at = coalesce(?, expires_at) " +
            "WHERE shop = ? AND route = ? AND key = ?",
          JSON.stringify(response),
          expiresAt ? expiresAt.getTime() : null,
          shop,
          route,
          key,
        ),
      );
    },
    async release(shop, route, key) {
      await write(
        () =>
          run(
            "DELETE FROM idempotency_records WHERE shop = ? AND route = ? AND key = ? AND state = 'in_progress'",
            shop,
            route,
            key,
          ),
        NOT_A_PROMISE,
      );
    },
    async scrub(shop, needles) {
      let removed = 0;
      for (const needle of needles.filter((n) => n.trim() !== "")) {
        removed += run(
          "DELETE FROM idempotency_records WHERE shop = ? AND instr(lower(coalesce(response, '')), lower(?)) > 0",
          shop,
          needle,
        ).changes;
      }
      return removed;
    },
    async purgeExpired(now) {
      return run(
        "DELETE FROM idempotency_records WHERE rowid IN (SELECT rowid FROM idempotency_records WHERE expires_at <= ? LIMIT 5000)",
        now.getTime(),
      ).changes;
    },
  };
}

export function rateLimitsRepository({ one, run, write }: Sql): Store["rateLimits"] {
  let hits = 0;
  return {
    async hit(shop, bucket, key, now, windowMs) {
      if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
      const at = now.getTime();
      const windowStart = Math.floor(at / windowMs) * windowMs;
      const resetAt = windowStart + windowMs;
      const count = await write(() => {
        // Cheap housekeeping: every few hundred hits, drop a bounded batch of finished windows.
        if (++hits % 256 === 0) {
          run(
            "DELETE FROM rate_limit_counters WHERE rowid IN " +
              "(SELECT rowid FROM rate_limit_counters WHERE reset_at <= ? LIMIT 500)",
            at,
          );
        }
        return one(
          "INSERT INTO rate_limit_counters (shop, bucket, key, window_start, reset_at, count) " +
            "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (shop, bucket, key, window_start) DO UPDATE SET count = count + 1 " +
            "RETURNING count",
          shop,
          bucket,
          key,
          windowStart,
          resetAt,
        )!.count as number;
      }, NOT_A_PROMISE);
      return { count, resetAt: new Date(resetAt) };
    },
    async purgeExpired(now) {
      return run(
        "DELETE FROM rate_limit_counters WHERE rowid IN (SELECT rowid FROM rate_limit_counters WHERE reset_at <= ? LIMIT 5000)",
        now.getTime(),
      ).changes;
    },
  };
}
