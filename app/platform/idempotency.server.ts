// Store-backed idempotency (API.md §1): scoped by shop and route, body-hashed, 24 h, safe across instances.

import { createHash } from "node:crypto";
import { AppError } from "./errors.server";
import type { IdempotentAnswer } from "~/store/port";
import type { JsonResult } from "./http.server";
import type { Runtime } from "./runtime.server";

const TTL_MS = 24 * 60 * 60 * 1000;
// An in-progress claim lapses after this lease, so a process that died mid-request frees the key soon.
const LEASE_MS = 60 * 1000;
const KEY_FORMAT = /^[\x21-\x7e]{8,128}$/;

/** Key order and whitespace do not change what a body means, so they do not change its hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function bodyHash(body: unknown): string {
  return createHash("sha256").update(canonical(body)).digest("hex");
}

export function checkIdempotencyKey(key: string): void {
  if (!KEY_FORMAT.test(key)) {
    throw new AppError("validation.failed", 400, "Idempotency-Key must be 8–128 visible ASCII characters.", {
      issues: [{ path: "Idempotency-Key", message: "must be 8-128 visible ASCII characters" }],
    });
  }
}

/** A claimed key, handed to the handler so it can store the answer inside its own durable write. */
export interface IdempotencyClaim {
  /** The record to write with the handler's write (a 200 with `body`); then the key needs no write of its own. */
  settleWith(body: Record<string, unknown>): IdempotentAnswer;
}

/** Runs `execute` at most once per (shop, route, key); a repeat replays the stored answer. */
export async function withIdempotency(
  runtime: Runtime,
  scope: { shop: string; route: string; key: string },
  body: unknown,
  execute: (claim: IdempotencyClaim) => Promise<JsonResult>,
): Promise<JsonResult> {
  const { shop, route, key } = scope;
  const claimedAt = new Date();
  const hash = bodyHash(body);
  const claim = await runtime.store.idempotency.begin(shop, route, key, hash, claimedAt, LEASE_MS);
  if (claim.state === "replay") {
    return {
      status: claim.response.status,
      body: JSON.parse(claim.response.body) as Record<string, unknown>,
      headers: { ...claim.response.headers, "Idempotent-Replay": "true" },
    };
  }
  if (claim.state === "conflict") {
    throw new AppError("idempotency.conflict", 422, "This Idempotency-Key was used with a different request body.");
  }
  if (claim.state === "in_progress") {
    throw new AppError(
      "idempotency.in_progress",
      409,
      "A request with this Idempotency-Key is still being processed.",
      undefined,
      {
        "Retry-After": "1",
      },
    );
  }
  const expiresAt = new Date(claimedAt.getTime() + TTL_MS);
  let settledBody: string | null = null;
  const settle: IdempotencyClaim = {
    settleWith(answer) {
      settledBody = JSON.stringify(answer);
      return { route, key, bodyHash: hash, response: { status: 200, body: settledBody, headers: {} }, expiresAt };
    },
  };
  let result: JsonResult;
  try {
    result = await execute(settle);
  } catch (error) {
    await runtime.store.idempotency.release(shop, route, key).catch(() => undefined);
    throw error;
  }
  const status = result.status ?? 200;
  const stored = { status, body: JSON.stringify(result.body), headers: result.headers ?? {} };
  if (status >= 500) {
    await runtime.store.idempotency.release(shop, route, key);
  } else if (settledBody === null || settledBody !== stored.body || status !== 200 || result.headers) {
    // Not settled by the handler's own write (or settled with another answer): store the answer now.
    await runtime.store.idempotency.complete(shop, route, key, stored, expiresAt);
  }
  return result;
}
