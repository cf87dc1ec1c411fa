// Fixed-window rate limits kept in the store (so they hold across instances), keyed by (shop, client IP).

import { createHash } from "node:crypto";
import { AppError } from "./errors.server";
import type { Runtime } from "./runtime.server";

export type RateLimitBucket = "general" | "lookup";
const WINDOW_MS = 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

// Hashes of recent client addresses, so a returning client costs a map lookup (cleared when it grows large).
const hashedIps = new Map<string, string>();

/** Client addresses are stored hashed: the counter table holds no raw IPs. */
function clientKey(runtime: Runtime, clientIp: string): string {
  const memo = `${runtime.analyticsSalt}:ip:${clientIp}`;
  let key = hashedIps.get(memo);
  if (key === undefined) {
    if (hashedIps.size >= 10_000) hashedIps.clear();
    key = createHash("sha256").update(memo).digest("base64url").slice(0, 22);
    hashedIps.set(memo, key);
  }
  return key;
}

/** Counts one request in the bucket; throws 429 rate.limited (with the headers) when over the limit. */
export async function consumeRateLimit(
  runtime: Runtime,
  shop: string,
  bucket: RateLimitBucket,
  clientIp: string,
  now = new Date(),
): Promise<RateLimitState> {
  const limit = bucket === "lookup" ? runtime.env.rateLimitLookupsPerMinute : runtime.env.rateLimitPerMinute;
  const { count, resetAt } = await runtime.store.rateLimits.hit(
    shop,
    bucket,
    clientKey(runtime, clientIp),
    now,
    WINDOW_MS,
  );
  const state: RateLimitState = {
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
  if (count > limit) {
    runtime.metrics.rateLimited.inc({ scope: bucket });
    throw new AppError(
      "rate.limited",
      429,
      bucket === "lookup"
        ? "Too many order lookups. Please wait a minute and try again."
        : "Too many requests. Please slow down.",
      { bucket, retryAfterSeconds: state.resetSeconds },
      { ...rateLimitHeaders(state), "Retry-After": String(state.resetSeconds) },
    );
  }
  return state;
}
