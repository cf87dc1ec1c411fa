// Prometheus metrics (API.md §3). One registry per process, kept on globalThis so dev reloads don't re-register.

import client from "prom-client";

/** What became of a message the rules could not read (services/modelFallback.server.ts). */
export const LANGUAGE_MODEL_OUTCOMES = [
  "used",
  "invalid",
  "timeout",
  "error",
  "breaker_open",
  "over_budget",
  "cached",
] as const;

export interface RolloutReading {
  shop: string;
  enabled: boolean;
  percent: number;
}

export function createMetrics() {
  const registry = new client.Registry();
  // Rollout gauges read the store at scrape time, so every instance reports what the store holds now.
  let rolloutSource: (() => Promise<RolloutReading[]>) | null = null;
  async function collectRollout(this: client.Gauge<"shop">) {
    if (!rolloutSource) return;
    const readings = await rolloutSource().catch(() => null);
    if (!readings) return;
    this.reset();
    for (const r of readings)
      this.set({ shop: r.shop }, metricFor(this) === "enabled" ? (r.enabled ? 1 : 0) : r.percent);
  }
  const metricFor = (g: client.Gauge<"shop">) => (g === m.enabled ? "enabled" : "percent");
  client.collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    httpRequests: new client.Counter({
      name: "concierge_http_requests_total",
      help: "HTTP requests by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "concierge_http_request_duration_seconds",
      help: "HTTP request duration by route",
      labelNames: ["route"] as const,
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 2.5, 5],
      registers: [registry],
    }),
    messages: new client.Counter({
      name: "concierge_messages_total",
      help: "Shopper messages understood, by intent",
      labelNames: ["intent"] as const,
      registers: [registry],
    }),
    widgetOpens: new client.Counter({
      name: "concierge_widget_opens_total",
      help: "Widget opens reported by the storefront",
      registers: [registry],
    }),
    conversations: new client.Counter({
      name: "concierge_conversations_total",
      help: "Conversations by outcome",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    ticketsCreated: new client.Counter({
      name: "concierge_tickets_created_total",
      help: "Stylist tickets created",
      registers: [registry],
    }),
    csatRatings: new client.Counter({
      name: "concierge_csat_ratings_total",
      help: "CSAT ratings by value",
      labelNames: ["rating"] as const,
      registers: [registry],
    }),
    clientAborts: new client.Counter({
      name: "concierge_client_aborts_total",
      help: "Requests the client abandoned before they were read (not server errors), by route",
      labelNames: ["route"] as const,
      registers: [registry],
    }),
    rateLimited: new client.Counter({
      name: "concierge_rate_limited_total",
      help: "Requests refused by a rate limit, by bucket",
      labelNames: ["scope"] as const,
      registers: [registry],
    }),
    languageModelCalls: new client.Counter({
      name: "concierge_language_model_calls_total",
      help: "Messages the rules could not read, by what the optional language model did with them",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    languageModelDuration: new client.Histogram({
      name: "concierge_language_model_duration_seconds",
      help: "Time the language model took to answer (or to fail)",
      buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 5],
      registers: [registry],
    }),
    storeErrors: new client.Counter({
      name: "concierge_store_errors_total",
      help: "Store operations that failed",
      registers: [registry],
    }),
    rolloutPercent: new client.Gauge({
      name: "concierge_rollout_percent",
      help: "Rollout percentage per shop",
      labelNames: ["shop"] as const,
      registers: [registry],
      collect: collectRollout,
    }),
    enabled: new client.Gauge({
      name: "concierge_enabled",
      help: "1 when the concierge is switched on for the shop, 0 when the kill switch is on",
      labelNames: ["shop"] as const,
      registers: [registry],
      collect: collectRollout,
    }),
    webhooks: new client.Counter({
      name: "concierge_webhooks_total",
      help: "Shopify webhooks received, by topic and outcome (queued, duplicate)",
      labelNames: ["topic", "outcome"] as const,
      registers: [registry],
    }),
    jobs: new client.Counter({
      name: "concierge_jobs_total",
      help: "Background jobs run, by kind and outcome (done, retry, dead, continued)",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    emails: new client.Counter({
      name: "concierge_emails_total",
      help: "Emails by kind and outcome (queued, sent, failed, not_configured)",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    conversions: new client.Counter({
      name: "concierge_conversions_total",
      help: "Orders attributed to a conversation",
      registers: [registry],
    }),
    setRolloutSource(source: () => Promise<RolloutReading[]>) {
      rolloutSource = source;
    },
    /** One answered request: its count and duration, through label children bound once per label set. */
    countRequest(route: string, method: string, status: number, seconds: number) {
      const key = `${route} ${method} ${status}`;
      let bound = boundRequests.get(key);
      if (!bound) {
        bound = {
          count: m.httpRequests.labels({ route, method, status: String(status) }),
          duration: m.httpDuration.labels({ route }),
        };
        boundRequests.set(key, bound);
      }
      bound.count.inc();
      bound.duration.observe(seconds);
    },
  };
  // Label sets are few (routes × methods × statuses), so the map stays small.
  const boundRequests = new Map<
    string,
    { count: client.Counter.Internal; duration: client.Histogram.Internal<"route"> }
  >();
  // Every labelled counter starts at 0 for known labels so alert expressions have a series to read.
  m.storeErrors.inc(0);
  m.widgetOpens.inc(0);
  m.ticketsCreated.inc(0);
  m.conversions.inc(0);
  for (const kind of ["webhook", "mail", "backfill"]) m.jobs.inc({ kind, outcome: "dead" }, 0);
  for (const scope of ["general", "lookup"]) m.rateLimited.inc({ scope }, 0);
  for (const outcome of LANGUAGE_MODEL_OUTCOMES) m.languageModelCalls.inc({ outcome }, 0);
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A small JSON summary for humans (`/api/metrics?format=summary`). */
export async function metricsSummary(metrics: Metrics): Promise<Record<string, unknown>> {
  const json = await metrics.registry.getMetricsAsJSON();
  const sum = (name: string) =>
    json
      .find((m) => m.name === name)
      ?.values.reduce((acc, v) => acc + (typeof v.value === "number" ? v.value : 0), 0) ?? 0;
  const byLabel = (name: string, label: string) => {
    const out: Record<string, number> = {};
    for (const v of json.find((m) => m.name === name)?.values ?? []) {
      const key = String((v.labels as Record<string, unknown>)[label] ?? "");
      out[key] = (out[key] ?? 0) + v.value;
    }
    return out;
  };
  return {
    httpRequests: sum("concierge_http_requests_total"),
    httpRequestsByStatus: byLabel("concierge_http_requests_total", "status"),
    messagesByIntent: byLabel("concierge_messages_total", "intent"),
    widgetOpens: sum("concierge_widget_opens_total"),
    ticketsCreated: sum("concierge_tickets_created_total"),
    rateLimited: byLabel("concierge_rate_limited_total", "scope"),
    storeErrors: sum("concierge_store_errors_total"),
    enabled: byLabel("concierge_enabled", "shop"),
    rolloutPercent: byLabel("concierge_rollout_percent", "shop"),
  };
}
