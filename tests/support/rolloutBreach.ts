// A guarded-rollout stage's traffic written where the app keeps it, so the rollout job has something to judge:
// `conversations` conversations started now and `requests` storefront requests this hour, `errors` of them 5xx.

import { execute } from "./storefront";

export function seedStageTraffic(
  databasePath: string,
  shop: string,
  o: { conversations: number; requests: number; errors: number; prefix: string },
): void {
  const now = new Date().toISOString();
  for (let i = 0; i < o.conversations; i++) {
    execute(
      databasePath,
      "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
        "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, ?, NULL, '{}', 'find_product', 'resolved', 0, NULL, 2, 0, ?, ?, NULL)",
      shop,
      `conv-${o.prefix}-${i}`,
      `v-${o.prefix}-${i}`,
      now,
      now,
    );
  }
  const hour = new Date(Date.now() - (Date.now() % 3_600_000)).toISOString();
  const fast = o.requests - Math.floor(o.requests / 10);
  execute(
    databasePath,
    "INSERT INTO request_stats (shop, hour, requests, errors, latency) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (shop, hour) DO UPDATE SET requests = requests + excluded.requests, errors = errors + excluded.errors",
    shop,
    hour,
    o.requests,
    o.errors,
    JSON.stringify([fast, o.requests - fast, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  );
}
