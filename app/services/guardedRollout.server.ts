// The guarded rollout's job: every few seconds to a minute, each shop whose guarded rollout is running is judged
// from its stored metrics (conversations, storefront errors and latency, CSAT since the stage began) and advanced,
// paused or rolled back, with the reason in the audit log. A lease in the store lets only one process judge a shop
// at a time; the write is a compare-and-set on the rollout, so a merchant's change in between is never undone.

import {
  applyGuardedDecision,
  evaluateGuardedRollout,
  type GuardedDecision,
  type StageMetrics,
} from "~/concierge/guardedRollout";
import { addHistograms, emptyHistogram, quantileMs } from "~/concierge/latencyHistogram";
import type { Runtime } from "~/platform/runtime.server";
import { withLease, type PeriodicTask } from "~/platform/worker.server";
import { ConflictError, type Shop } from "~/store/port";
import { updateRollout } from "./rollout.server";

export const GUARD_ACTOR = "guarded-rollout";
const LEASE_NAME = "rollout.guard";
const LEASE_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;

export function isGuardRunning(shop: Shop): boolean {
  const guarded = shop.rollout.guarded;
  return Boolean(!shop.uninstalledAt && shop.rollout.enabled && guarded?.active && !guarded.paused);
}

/** What the storefront did since `since`: the numbers the gates judge. */
export async function stageMetrics(runtime: Runtime, shop: string, since: Date, now: Date): Promise<StageMetrics> {
  const { store } = runtime;
  const from = since.toISOString();
  const to = new Date(now.getTime() + 1).toISOString();
  // Request stats are hourly: the stage's first hour counts whole (a few minutes before the stage at most).
  const firstHour = new Date(since.getTime() - (since.getTime() % HOUR_MS)).toISOString();
  const [conversations, hours, csat] = await Promise.all([
    store.conversations.count(shop, { from }),
    store.requestStats.list(shop, firstHour, to),
    store.reports.csatByDay(shop, from, to),
  ]);
  const latency = hours.reduce((sum, h) => addHistograms(sum, h.latency), emptyHistogram());
  const csatCount = csat.reduce((n, r) => n + r.count, 0);
  const csatSum = csat.reduce((n, r) => n + r.rating * r.count, 0);
  return {
    conversations,
    requests: hours.reduce((n, h) => n + h.requests, 0),
    errors: hours.reduce((n, h) => n + h.errors, 0),
    p95Ms: quantileMs(latency, 0.95),
    csatCount,
    csatAverage: csatCount > 0 ? csatSum / csatCount : null,
  };
}

/** The current stage's metrics and what the job would decide now (read-only: the Rollout page shows it). */
export async function guardedStatus(runtime: Runtime, shop: Shop, now = new Date()) {
  const guarded = shop.rollout.guarded;
  if (!guarded?.active) return null;
  const since = guarded.stageStartedAt ? new Date(guarded.stageStartedAt) : now;
  const metrics = await stageMetrics(runtime, shop.shop, since, now);
  const decision = evaluateGuardedRollout({ rollout: shop.rollout, metrics, now });
  return { metrics, decision };
}

/** Judges one shop now and stores the outcome; returns the decision (for logs and tests). */
export async function evaluateShop(runtime: Runtime, shopDomain: string, now = new Date()): Promise<GuardedDecision> {
  const shop = await runtime.store.shops.get(shopDomain);
  if (!shop || !isGuardRunning(shop)) return { kind: "idle" };
  const status = await guardedStatus(runtime, shop, now);
  if (!status) return { kind: "idle" };
  const { decision, metrics } = status;
  const next = applyGuardedDecision(shop.rollout, decision, now);
  if (!next || decision.kind === "idle" || decision.kind === "hold") return decision;
  try {
    await updateRollout(runtime.store, shopDomain, { percent: next.percent, guarded: next.guarded }, GUARD_ACTOR, now, {
      ifUpdatedAt: shop.rollout.updatedAt,
      action: `rollout.guarded.${decision.kind}`,
      reason: decision.reason,
    });
  } catch (error) {
    // A merchant changed the rollout while we judged it: their change stands, the next round judges again.
    if (error instanceof ConflictError) return { kind: "idle" };
    throw error;
  }
  if (decision.kind === "pause" || decision.kind === "rollback")
    for (const gate of decision.gates) runtime.metrics.gateBreaches.inc({ gate, action: decision.kind });
  runtime.logger.info({ shop: shopDomain, decision: decision.kind, metrics }, "guarded rollout decision");
  return decision;
}

/** The job: every shop with a running guarded rollout, each under a lease so one process judges it at a time. */
export async function evaluateGuardedRollouts(runtime: Runtime, now = new Date()): Promise<void> {
  // This process's latest storefront numbers count in this round.
  await runtime.requestStats.flush();
  const shops = (await runtime.store.shops.list()).filter(isGuardRunning);
  for (const shop of shops) {
    await withLease(
      runtime.store,
      { shop: shop.shop, name: LEASE_NAME, ttlMs: LEASE_MS },
      () => evaluateShop(runtime, shop.shop, now),
      now,
    );
  }
}

/** The worker's periodic task (once per ROLLOUT_CHECK_SECONDS across processes; shops are leased one by one). */
export function guardedRolloutTask(runtime: Runtime): PeriodicTask {
  return {
    name: "rollout.guard",
    intervalMs: runtime.env.rolloutCheckSeconds * 1000,
    run: () => evaluateGuardedRollouts(runtime),
  };
}
