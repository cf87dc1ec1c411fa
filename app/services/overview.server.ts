// The overview's numbers: opens, conversations, intents, deflection (conversations that needed no ticket), CSAT,
// conversion (orders attributed to a conversation), storefront p95 latency and error rate — totals and per day.
// Days are UTC calendar days; revenue is included only for roles that may see financial totals.

import { addHistograms, emptyHistogram, quantileMs } from "~/concierge/latencyHistogram";
import type { OverviewRange } from "~/contract/admin";
import type { Runtime } from "~/platform/runtime.server";
import type { Day } from "~/store/port";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OverviewDay {
  day: Day;
  opens: number;
  conversations: number;
  /** Share of the day's conversations that needed no ticket (null without conversations). */
  deflection: number | null;
  csatAverage: number | null;
  conversions: number;
  p95Ms: number | null;
  /** Share of storefront requests answered with a 5xx (null without requests). */
  errorRate: number | null;
}

export interface Overview {
  range: { days: OverviewRange; from: string; to: string };
  totals: {
    opens: number;
    conversations: number;
    escalated: number;
    deflection: number | null;
    csatAverage: number | null;
    csatCount: number;
    /** Ratings 1..5, index 0 = one star. */
    csatDistribution: number[];
    conversions: number;
    conversionRate: number | null;
    /** Attributed revenue in the shop currency; absent for roles that may not see money. */
    revenue?: number;
    requests: number;
    errorRate: number | null;
    p95Ms: number | null;
  };
  intents: { intent: string; count: number }[];
  days: OverviewDay[];
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function daysOf(from: Date, count: number): Day[] {
  return Array.from({ length: count }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
}

export async function overview(
  runtime: Runtime,
  shop: string,
  input: { days: OverviewRange; financials: boolean; now: Date },
): Promise<Overview> {
  const { store } = runtime;
  const today = Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate());
  const fromDate = new Date(today - (input.days - 1) * DAY_MS);
  const from = fromDate.toISOString();
  const to = new Date(today + DAY_MS).toISOString();
  const [opens, conversations, intents, csat, conversions, hours] = await Promise.all([
    store.reports.eventsByDay(shop, "widget_open", from, to),
    store.reports.conversationsByDay(shop, from, to),
    store.reports.intents(shop, from, to),
    store.reports.csatByDay(shop, from, to),
    store.reports.conversionsByDay(shop, from, to),
    store.requestStats.list(shop, from, to),
  ]);

  const days = daysOf(fromDate, input.days).map((day): OverviewDay => {
    const conv = conversations.find((c) => c.day === day);
    const ratings = csat.filter((c) => c.day === day);
    const rated = ratings.reduce((n, r) => n + r.count, 0);
    const dayHours = hours.filter((h) => h.hour.startsWith(day));
    const requests = dayHours.reduce((n, h) => n + h.requests, 0);
    return {
      day,
      opens: opens.find((o) => o.day === day)?.count ?? 0,
      conversations: conv?.conversations ?? 0,
      deflection: conv ? ratio(conv.conversations - conv.escalated, conv.conversations) : null,
      csatAverage: rated > 0 ? ratings.reduce((n, r) => n + r.rating * r.count, 0) / rated : null,
      conversions: conversions.find((c) => c.day === day)?.orders ?? 0,
      p95Ms: quantileMs(
        dayHours.reduce((sum, h) => addHistograms(sum, h.latency), emptyHistogram()),
        0.95,
      ),
      errorRate: ratio(
        dayHours.reduce((n, h) => n + h.errors, 0),
        requests,
      ),
    };
  });

  const totalConversations = conversations.reduce((n, c) => n + c.conversations, 0);
  const escalated = conversations.reduce((n, c) => n + c.escalated, 0);
  const distribution = [1, 2, 3, 4, 5].map((r) => csat.filter((c) => c.rating === r).reduce((n, c) => n + c.count, 0));
  const csatCount = distribution.reduce((n, c) => n + c, 0);
  const orders = conversions.reduce((n, c) => n + c.orders, 0);
  const requests = hours.reduce((n, h) => n + h.requests, 0);
  return {
    range: { days: input.days, from, to },
    totals: {
      opens: opens.reduce((n, o) => n + o.count, 0),
      conversations: totalConversations,
      escalated,
      deflection: ratio(totalConversations - escalated, totalConversations),
      csatAverage: csatCount > 0 ? distribution.reduce((n, c, i) => n + c * (i + 1), 0) / csatCount : null,
      csatCount,
      csatDistribution: distribution,
      conversions: orders,
      conversionRate: ratio(orders, totalConversations),
      ...(input.financials ? { revenue: Math.round(conversions.reduce((n, c) => n + c.revenue, 0) * 100) / 100 } : {}),
      requests,
      errorRate: ratio(
        hours.reduce((n, h) => n + h.errors, 0),
        requests,
      ),
      p95Ms: quantileMs(
        hours.reduce((sum, h) => addHistograms(sum, h.latency), emptyHistogram()),
        0.95,
      ),
    },
    intents: Object.entries(intents)
      .map(([intent, count]) => ({ intent, count }))
      .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)),
    days,
  };
}
