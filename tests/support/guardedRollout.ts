// A guarded rollout's gate breach as the stored metrics show it: the stage's traffic of 120 conversations and 1,000
// storefront requests this hour, 30 of them 5xx (3% over the default 2% error-rate gate).

import { execute } from "./storefront";

export function seedErrorRateBreach(databasePath: string, shop: string, idPrefix: string): void {
  const now = new Date().toISOString();
  for (let i = 0; i < 120; i++) {
    execute(
      databasePath,
      "INSERT INTO conversations (shop, id, visitor_id, customer_id, state, last_intent, outcome, escalated, rating, " +
        "message_count, unread, started_at, updated_at, erased_at) VALUES (?, ?, ?, NULL, '{}', 'find_product', 'resolved', 0, NULL, 2, 0, ?, ?, NULL)",
      shop,
      `conv-${idPrefix}-${i}`,
      `v-${idPrefix}-${i}`,
      now,
      now,
    );
  }
  const hour = new Date(Date.now() - (Date.now() % 3_600_000)).toISOString();
  execute(
    databasePath,
    "INSERT INTO request_stats (shop, hour, requests, errors, latency) VALUES (?, ?, 1000, 30, ?) " +
      "ON CONFLICT (shop, hour) DO UPDATE SET requests = requests + 1000, errors = errors + 30",
    shop,
    hour,
    JSON.stringify([900, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  );
}
