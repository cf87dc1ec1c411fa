// Aggregates for the admin overview and the rollout gates: per-day counts and hourly storefront request stats.

import { LATENCY_BUCKETS_MS, type RequestRollup, type Store } from "../port";
import type { Sql } from "./sql";

const day = (column: string) => `substr(${column}, 1, 10)`;

export function reportsRepository({ all }: Sql): Store["reports"] {
  return {
    async conversationsByDay(shop, from, to) {
      return all(
        `SELECT ${day("started_at")} AS day, count(*) AS conversations, sum(escalated) AS escalated, ` +
          "sum(outcome = 'resolved') AS resolved FROM conversations " +
          "WHERE shop = ? AND started_at >= ? AND started_at < ? GROUP BY day ORDER BY day",
        shop,
        from,
        to,
      ).map((r) => ({
        day: r.day as string,
        conversations: r.conversations as number,
        escalated: r.escalated as number,
        resolved: r.resolved as number,
      }));
    },
    async intents(shop, from, to) {
      const rows = all(
        "SELECT coalesce(last_intent, 'unknown') AS intent, count(*) AS n FROM conversations " +
          "WHERE shop = ? AND started_at >= ? AND started_at < ? GROUP BY intent",
        shop,
        from,
        to,
      );
      return Object.fromEntries(rows.map((r) => [r.intent as string, r.n as number]));
    },
    async csatByDay(shop, from, to) {
      return all(
        `SELECT ${day("created_at")} AS day, rating, count(*) AS count FROM csat_ratings ` +
          "WHERE shop = ? AND created_at >= ? AND created_at < ? GROUP BY day, rating ORDER BY day, rating",
        shop,
        from,
        to,
      ).map((r) => ({ day: r.day as string, rating: r.rating as number, count: r.count as number }));
    },
    async conversionsByDay(shop, from, to) {
      return all(
        `SELECT ${day("placed_at")} AS day, count(*) AS orders, sum(total) AS revenue FROM orders ` +
          "WHERE shop = ? AND placed_at >= ? AND placed_at < ? AND conversation_id IS NOT NULL " +
          "GROUP BY day ORDER BY day",
        shop,
        from,
        to,
      ).map((r) => ({ day: r.day as string, orders: r.orders as number, revenue: r.revenue as number }));
    },
    async eventsByDay(shop, name, from, to) {
      return all(
        `SELECT ${day("at")} AS day, count(*) AS count FROM analytics_events ` +
          "WHERE shop = ? AND at >= ? AND at < ? AND name = ? GROUP BY day ORDER BY day",
        shop,
        from,
        to,
        name,
      ).map((r) => ({ day: r.day as string, count: r.count as number }));
    },
  };
}

const BUCKETS = LATENCY_BUCKETS_MS.length + 1;

/** Element-wise sum of two histograms, tolerant of a stored array of another length. */
function addBuckets(a: number[], b: number[]): number[] {
  return Array.from({ length: BUCKETS }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

export function requestStatsRepository({ db, one, all, run }: Sql): Store["requestStats"] {
  const addAll = db.transaction((shop: string, increments: RequestRollup[]) => {
    for (const inc of increments) {
      const current = one("SELECT latency FROM request_stats WHERE shop = ? AND hour = ?", shop, inc.hour);
      const latency = addBuckets(current ? (JSON.parse(current.latency as string) as number[]) : [], inc.latency);
      run(
        "INSERT INTO request_stats (shop, hour, requests, errors, latency) VALUES (?, ?, ?, ?, ?) " +
          "ON CONFLICT (shop, hour) DO UPDATE SET requests = requests + excluded.requests, " +
          "errors = errors + excluded.errors, latency = excluded.latency",
        shop,
        inc.hour,
        inc.requests,
        inc.errors,
        JSON.stringify(latency),
      );
    }
  });
  return {
    async add(shop, increments) {
      if (increments.length > 0) addAll.immediate(shop, increments);
    },
    async list(shop, from, to) {
      return all(
        "SELECT hour, requests, errors, latency FROM request_stats WHERE shop = ? AND hour >= ? AND hour < ? ORDER BY hour",
        shop,
        from,
        to,
      ).map((r) => ({
        hour: r.hour as string,
        requests: r.requests as number,
        errors: r.errors as number,
        latency: addBuckets(JSON.parse(r.latency as string) as number[], []),
      }));
    },
  };
}
