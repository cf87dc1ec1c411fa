// Append-only records: analytics events (hashed identifiers only) and the audit log.

import type { AnalyticsEvent, AuditEntry, Store } from "../port";
import { codec, v } from "./codec";
import { conditions, type Sql } from "./sql";

const analyticsRow = codec<AnalyticsEvent>({ id: v, name: v, at: v, visitorHash: v, conversationId: v, props: "json" });
const auditRow = codec<AuditEntry>({
  id: v,
  actor: v,
  action: v,
  before: "optionalJson",
  after: "optionalJson",
  at: v,
});

export function analyticsRepository({ db, all, insert }: Sql): Store["analytics"] {
  const recordAnalytics = db.transaction((shop: string, events: AnalyticsEvent[]) => {
    // A retried batch must not count twice: the event id makes recording idempotent.
    for (const event of events) insert("analytics_events", analyticsRow.toRow(event, shop), "INSERT OR IGNORE");
  });
  return {
    async record(shop, events) {
      if (events.length > 0) recordAnalytics.immediate(shop, events);
    },
    async counts(shop, from, to) {
      const found = all(
        "SELECT name, count(*) AS n FROM analytics_events WHERE shop = ? AND at >= ? AND at < ? GROUP BY name",
        shop,
        from,
        to,
      );
      return Object.fromEntries(found.map((r) => [r.name as string, r.n as number]));
    },
  };
}

export function auditRepository({ insert, newestFirst }: Sql): Store["audit"] {
  return {
    async record(shop, entry) {
      insert("audit_log", auditRow.toRow(entry, shop));
    },
    async list(shop, page) {
      return newestFirst("audit_log", "at", conditions("shop = ?", shop), page, auditRow);
    },
  };
}
