// Retention (PRODUCT.md §5): conversation text anonymised after RETENTION_CONVERSATION_DAYS (default 90), raw
// analytics events purged after RETENTION_ANALYTICS_DAYS (default 180), idempotency records once expired (24 h),
// finished rate-limit windows, expired shortlists, and finished jobs after a week. Each task runs in one process per
// interval: the worker takes a lease in the store before running it. Work is done in bounded batches.

import type { Runtime } from "~/platform/runtime.server";
import type { PeriodicTask } from "~/platform/worker.server";
import { eraseConversations, erasureContext } from "./privacy/erasure.server";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Long enough to outlast Shopify's 48 h of webhook redeliveries, which the job keys deduplicate. */
export const FINISHED_JOB_DAYS = 7;
const MAX_BATCHES = 20;

export async function anonymiseIdleConversations(runtime: Runtime, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - runtime.env.retentionConversationDays * DAY).toISOString();
  let erased = 0;
  for (const shop of await runtime.store.shops.list()) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const page = await runtime.store.conversations.list(
        shop.shop,
        { updatedBefore: before, erased: false },
        { limit: 100 },
      );
      if (page.items.length === 0) break;
      const ids = page.items.map((c) => c.id);
      await eraseConversations(erasureContext(runtime), shop.shop, ids, "transcript", "retention");
      erased += ids.length;
    }
  }
  return erased;
}

export async function purgeOldAnalytics(runtime: Runtime, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - runtime.env.retentionAnalyticsDays * DAY).toISOString();
  let purged = 0;
  for (const shop of await runtime.store.shops.list()) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const n = await runtime.store.analytics.purgeBefore(shop.shop, before);
      purged += n;
      if (n === 0) break;
    }
  }
  return purged;
}

async function repeat(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const n = await step();
    total += n;
    if (n === 0) break;
  }
  return total;
}

export async function purgeHousekeeping(runtime: Runtime, now = new Date()) {
  const { store } = runtime;
  const idempotency = await repeat(() => store.idempotency.purgeExpired(now));
  const rateLimits = await repeat(() => store.rateLimits.purgeExpired(now));
  const jobs = await repeat(() => store.jobs.purgeFinished(new Date(now.getTime() - FINISHED_JOB_DAYS * DAY)));
  let shortlists = 0;
  for (const shop of await store.shops.list())
    shortlists += await store.shortlists.purgeExpired(shop.shop, now.toISOString());
  return { idempotency, rateLimits, jobs, shortlists };
}

export function retentionTasks(runtime: Runtime): PeriodicTask[] {
  const log = (task: string) => (result: unknown) => runtime.logger.info({ task, result }, "retention ran");
  return [
    {
      name: "retention-conversations",
      intervalMs: HOUR,
      run: () => anonymiseIdleConversations(runtime).then(log("conversations")),
    },
    { name: "retention-analytics", intervalMs: HOUR, run: () => purgeOldAnalytics(runtime).then(log("analytics")) },
    {
      name: "retention-housekeeping",
      intervalMs: 10 * 60_000,
      run: () => purgeHousekeeping(runtime).then(log("housekeeping")),
    },
  ];
}
