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

/** Client addresses are stored hashed: the counter table holds no raw IPs. */
function clientKey(runtime: Runtime, clientIp: string): string {
  return createHash("sha256").update(`${runtime.analyticsSalt}:ip:${clientIp}`).digest("base64url").slice(0, 22);
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
