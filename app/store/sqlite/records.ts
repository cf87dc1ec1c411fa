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
  reason: "optionalJson",
});

export function analyticsRepository({ db, write, all, run, insert }: Sql): Store["analytics"] {
  const recordAnalytics = db.transaction((shop: string, events: AnalyticsEvent[]) => {
    // A retried batch must not count twice: the event id makes recording idempotent.
    for (const event of events) insert("analytics_events", analyticsRow.toRow(event, shop), "INSERT OR IGNORE");
  });
  const unlinkEvents = db.transaction(
    (shop: string, conversationIds: string[], visitorHashes: string[], replacement: string): number => {
      const found = all(
        "SELECT id, props FROM analytics_events WHERE shop = ? AND (conversation_id IN (SELECT value FROM json_each(?)) " +
          "OR visitor_hash IN (SELECT value FROM json_each(?)) OR EXISTS (SELECT 1 FROM json_each(props) p " +
          "WHERE p.value IN (SELECT value FROM json_each(?))))",
        shop,
        JSON.stringify(conversationIds),
        JSON.stringify(visitorHashes),
        JSON.stringify(conversationIds),
      );
      const ids = new Set(conversationIds);
      for (const row of found) {
        const props = JSON.parse(row.props as string) as Record<string, unknown>;
        const kept = Object.fromEntries(Object.entries(props).filter(([, value]) => !ids.has(value as string)));
        run(
          "UPDATE analytics_events SET conversation_id = NULL, visitor_hash = ?, props = ? WHERE shop = ? AND id = ?",
          replacement,
          JSON.stringify(kept),
          shop,
          row.id,
        );
      }
      return found.length;
    },
  );
  return {
    async record(shop, events) {
      if (events.length > 0) await write(() => recordAnalytics(shop, events));
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
    async unlink(shop, target, replacementHash) {
      return write(() => unlinkEvents(shop, target.conversationIds, target.visitorHashes, replacementHash));
    },
    async purgeBefore(shop, before) {
      return write(
        () =>
          run(
            "DELETE FROM analytics_events WHERE rowid IN (SELECT rowid FROM analytics_events WHERE shop = ? AND at < ? LIMIT 5000)",
            shop,
            before,
          ).changes,
      );
    },
  };
}

export function auditRepository({ write, run, insert, newestFirst }: Sql): Store["audit"] {
  return {
    async record(shop, entry) {
      await write(() => insert("audit_log", auditRow.toRow(entry, shop)));
    },
    async list(shop, page, filter = {}) {
      const where = conditions("shop = ?", shop);
      // A range rather than LIKE, so the (shop, action, at) index serves it whatever the collation.
      if (filter.actionPrefix)
        where.add("action >= ? AND action < ?", filter.actionPrefix, `${filter.actionPrefix}\uffff`);
      return newestFirst("audit_log", "at", where, page, auditRow);
    },
    async scrub(shop, needles) {
      let changed = 0;
      for (const needle of needles.filter((n) => n.trim() !== "")) {
        changed += run(
          "UPDATE audit_log SET before = 'null', after = 'null' WHERE shop = ? AND " +
            "(instr(lower(coalesce(before, '')), lower(?)) > 0 OR instr(lower(coalesce(after, '')), lower(?)) > 0)",
          shop,
          needle,
          needle,
        ).changes;
      }
      return changed;
    },
  };
}
