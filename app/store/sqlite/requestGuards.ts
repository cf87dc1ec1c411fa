// What protects the storefront API across processes: idempotency records and rate-limit counters.

import type { IdempotencyBegin, Store, StoredResponse } from "../port";
import type { Sql } from "./sql";

export function idempotencyRepository({ db, one, run }: Sql): Store["idempotency"] {
  let claims = 0;
  const begin = db.transaction(
    (shop: string, route: string, key: string, bodyHash: string, now: number, ttlMs: number): IdempotencyBegin => {
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
    },
  );
  return {
    async begin(shop, route, key, bodyHash, now, ttlMs) {
      return begin.immediate(shop, route, key, bodyHash, now.getTime(), ttlMs);
    },
    async complete(shop, route, key, response, expiresAt) {
      run(
        "UPDATE idempotency_records SET state = 'done', response = ?, expires_at = coalesce(?, expires_at) " +
          "WHERE shop = ? AND route = ? AND key = ?",
        JSON.stringify(response),
        expiresAt ? expiresAt.getTime() : null,
        shop,
        route,
        key,
      );
    },
    async release(shop, route, key) {
      run(
        "DELETE FROM idempotency_records WHERE shop = ? AND route = ? AND key = ? AND state = 'in_progress'",
        shop,
        route,
        key,
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

export function rateLimitsRepository({ one, run }: Sql): Store["rateLimits"] {
  let hits = 0;
  return {
    async hit(shop, bucket, key, now, windowMs) {
      if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
      const at = now.getTime();
      const windowStart = Math.floor(at / windowMs) * windowMs;
      const resetAt = windowStart + windowMs;
      // Cheap housekeeping: every few hundred hits, drop a bounded batch of finished windows.
      if (++hits % 256 === 0) {
        run(
          "DELETE FROM rate_limit_counters WHERE rowid IN " +
            "(SELECT rowid FROM rate_limit_counters WHERE reset_at <= ? LIMIT 500)",
          at,
        );
      }
      const counted = one(
        "INSERT INTO rate_limit_counters (shop, bucket, key, window_start, reset_at, count) VALUES (?, ?, ?, ?, ?, 1) " +
          "ON CONFLICT (shop, bucket, key, window_start) DO UPDATE SET count = count + 1 RETURNING count",
        shop,
        bucket,
        key,
        windowStart,
        resetAt,
      )!;
      return { count: counted.count as number, resetAt: new Date(resetAt) };
    },
    async purgeExpired(now) {
      return run(
        "DELETE FROM rate_limit_counters WHERE rowid IN (SELECT rowid FROM rate_limit_counters WHERE reset_at <= ? LIMIT 5000)",
        now.getTime(),
      ).changes;
    },
  };
}
