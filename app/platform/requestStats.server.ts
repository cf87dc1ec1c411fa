// Storefront request stats per shop and hour, counted in memory on the request path (a map lookup and three
// increments) and flushed to the store as increments every few seconds: the admin's latency and error-rate charts
// and the guarded rollout's gates read them back. Several processes each flush their own increments.

import type { Logger } from "pino";
import { bucketIndex, emptyHistogram } from "~/concierge/latencyHistogram";
import type { RequestRollup, Store } from "~/store/port";

const HOUR_MS = 60 * 60 * 1000;
/** Every process flushes its own counts (not a cluster-wide task): increments from several processes add up. */
export const STATS_FLUSH_MS = 5_000;

export interface RequestStatsRecorder {
  /** One storefront answer for `shop`: its status and how long it took. */
  record(shop: string, status: number, ms: number, now?: number): void;
  /** Writes what was counted since the last flush; what fails to write is kept for the next one. */
  flush(): Promise<void>;
  /** Stops the periodic flush and writes what is left (shutdown). */
  stop(): Promise<void>;
}

/** With a `logger`, flushes every STATS_FLUSH_MS on an unref'd timer (never holding the process open). */
export function createRequestStatsRecorder(store: Pick<Store, "requestStats">, logger?: Logger): RequestStatsRecorder {
  let pending = new Map<string, Map<number, RequestRollup>>();
  // The current hour's ISO string, cached: toISOString on every request would be the costliest step.
  let hourStart = -1;
  let hourIso = "";

  function rollupFor(shop: string, now: number): RequestRollup {
    const start = now - (now % HOUR_MS);
    if (start !== hourStart) {
      hourStart = start;
      hourIso = new Date(start).toISOString();
    }
    let hours = pending.get(shop);
    if (!hours) pending.set(shop, (hours = new Map()));
    let rollup = hours.get(start);
    if (!rollup) hours.set(start, (rollup = { hour: hourIso, requests: 0, errors: 0, latency: emptyHistogram() }));
    return rollup;
  }

  function merge(into: Map<string, Map<number, RequestRollup>>, shop: string, start: number, r: RequestRollup) {
    let hours = into.get(shop);
    if (!hours) into.set(shop, (hours = new Map()));
    const existing = hours.get(start);
    if (!existing) hours.set(start, r);
    else {
      existing.requests += r.requests;
      existing.errors += r.errors;
      r.latency.forEach((n, i) => (existing.latency[i] += n));
    }
  }

  let flushing: Promise<void> | null = null;
  const timer = logger
    ? setInterval(() => {
        flushing ??= recorder
          .flush()
          .catch((err: unknown) => logger.error({ err }, "request stats flush failed"))
          .finally(() => (flushing = null));
      }, STATS_FLUSH_MS)
    : null;
  timer?.unref();

  const recorder: RequestStatsRecorder = {
    record(shop, status, ms, now = Date.now()) {
      const rollup = rollupFor(shop, now);
      rollup.requests += 1;
      if (status >= 500) rollup.errors += 1;
      rollup.latency[bucketIndex(ms)] += 1;
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      for (const [shop, hours] of batch) {
        try {
          await store.requestStats.add(shop, [...hours.values()]);
        } catch {
          // Keep the counts for the next flush rather than lose them; the store wrapper has logged the failure.
          for (const [start, rollup] of hours) merge(pending, shop, start, rollup);
        }
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      await flushing;
      await recorder.flush();
    },
  };
  return recorder;
}
