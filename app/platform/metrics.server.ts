// Prometheus metrics (API.md §3, and what on-call needs: queue depth and lag, rollout stage, gate breaches, task
// runs). Every family is registered at start-up and every labelled counter starts at 0 for its known labels, so an
// alert or a panel never names a missing series (Docs/runbooks/concierge-ops.md lists them all).

import client from "prom-client";
import type { MailKind } from "~/concierge/mail/catalog";
import type { GateName } from "~/concierge/guardedRollout";
import type { RolloutReason } from "~/concierge/rollout";
import { INTENTS } from "~/concierge/understanding/types";
import type { JobBacklog } from "~/store/port";

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
  /** The guarded rollout's stage, counted from 1; 0 when no guarded rollout is active. */
  stage: number;
  /** A guarded rollout is active and paused (a breached gate, or by hand). */
  paused: boolean;
}

/** Labels every counter starts with (at 0), so expressions over them always have a series. */
export const JOB_KINDS = ["webhook", "mail", "backfill"] as const;
export const JOB_OUTCOMES = ["done", "retry", "dead", "continued"] as const;
export const CONVERSATION_OUTCOMES = ["started", "resolved", "escalated"] as const;
export const RATE_LIMIT_SCOPES = ["general", "lookup"] as const;
export const ROLLOUT_REASONS = [
  "in_rollout",
  "allowlisted",
  "preview",
  "not_in_rollout",
  "killed",
] as const satisfies readonly RolloutReason[];
export const GATES = ["error_rate", "p95_latency", "csat"] as const satisfies readonly GateName[];
export const GATE_ACTIONS = ["pause", "rollback"] as const;
// A record, so a new mail kind fails the typecheck here until it is listed.
const MAIL_KIND_SET: Record<MailKind, true> = {
  ticket_acknowledged: true,
  agent_reply: true,
  return_decision: true,
  staff_escalation: true,
  staff_sla_breach: true,
};
export const MAIL_KINDS = Object.keys(MAIL_KIND_SET) as MailKind[];
export const MAIL_OUTCOMES = ["queued", "sent", "failed", "not_configured"] as const;
/** Storefront routes (and their method) whose request series exist from the start: alerts divide by them. */
export const STOREFRONT_ROUTES = { "proxy.config": "GET", "proxy.messages": "POST" } as const;

/** Shares one call of `read` for `ms`: one scrape reads the store once for all the gauges that use it. */
function sharedReading<T>(read: () => Promise<T>, ms = 250): () => Promise<T | null> {
  let last: { at: number; value: Promise<T | null> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ms) last = { at: now, value: read().catch(() => null) };
    return last.value;
  };
}

export function createMetrics() {
  const registry = new client.Registry();
  // Rollout and queue gauges read the store at scrape time, so every instance reports what the store holds now.
  let rolloutSource: (() => Promise<RolloutReading[]>) | null = null;
  let queueSource: (() => Promise<JobBacklog[]>) | null = null;
  const readRollout = sharedReading(async () => (rolloutSource ? rolloutSource() : null));
  const readQueue = sharedReading(async () => (queueSource ? queueSource() : null));

  /** A per-shop gauge filled from the rollout reading at scrape time (left as it was if the store cannot answer). */
  const shopGauge = (name: string, help: string, value: (r: RolloutReading) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ["shop"] as const,
      registers: [registry],
      async collect() {
        const readings = await readRollout();
        if (!readings) return;
        this.reset();
        for (const r of readings) this.set({ shop: r.shop }, value(r));
      },
    });
  /** A per-kind gauge of the job queue, 0 for every known kind with nothing queued. */
  const queueGauge = (name: string, help: string, value: (b: JobBacklog, now: number) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ["kind"] as const,
      registers: [registry],
      async collect() {
        const backlog = queueSource ? await readQueue() : [];
        if (!backlog) return;
        const now = Date.now();
        this.reset();
        for (const kind of JOB_KINDS) this.set({ kind }, 0);
        for (const b of backlog) this.set({ kind: b.kind }, value(b, now));
      },
    });
  client.collectDefaultMetrics({ register: registry });
  // Node's GC histogram has no series until the first collection is observed: start it at 0 like ours.
  const gc = registry.getSingleMetric("nodejs_gc_duration_seconds") as client.Histogram<"kind"> | undefined;
  for (const kind of ["minor", "major", "incremental", "weakcb"]) gc?.zero({ kind });
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
    csatPoints: new client.Counter({
      name: "concierge_csat_points_total",
      help: "Sum of every CSAT rating given (divided by concierge_csat_ratings_total: the average)",
      registers: [registry],
    }),
    widgetConfig: new client.Counter({
      name: "concierge_widget_config_total",
      help: "Launcher config answers (one per page view, cached 20 s per tab), by rollout decision",
      labelNames: ["reason"] as const,
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
    rolloutPercent: shopGauge("concierge_rollout_percent", "Rollout percentage per shop", (r) => r.percent),
    enabled: shopGauge(
      "concierge_enabled",
      "1 when the concierge is switched on for the shop, 0 when the kill switch is on",
      (r) => (r.enabled ? 1 : 0),
    ),
    rolloutStage: shopGauge(
      "concierge_rollout_stage",
      "The guarded rollout's current stage per shop, counted from 1 (0 = no guarded rollout)",
      (r) => r.stage,
    ),
    rolloutPaused: shopGauge(
      "concierge_rollout_paused",
      "1 when the shop's guarded rollout is paused (a breached gate, or paused by hand)",
      (r) => (r.paused ? 1 : 0),
    ),
    gateBreaches: new client.Counter({
      name: "concierge_rollout_gate_breaches_total",
      help: "Guarded-rollout gates found breached, by gate and what the rollout did (pause, rollback)",
      labelNames: ["gate", "action"] as const,
      registers: [registry],
    }),
    jobsQueued: queueGauge(
      "concierge_jobs_queued",
      "Jobs not finished yet (pending, waiting to retry, or running), all shops, by kind; kind=mail is the outbox",
      (b) => b.queued,
    ),
    jobsOldestDue: queueGauge(
      "concierge_jobs_oldest_due_seconds",
      "Age of the oldest due job no worker has taken yet, by kind (0 = none waiting)",
      (b, now) => (b.oldestDueAt ? Math.max(0, (now - Date.parse(b.oldestDueAt)) / 1000) : 0),
    ),
    webhookLag: new client.Histogram({
      name: "concierge_webhook_lag_seconds",
      help: "From a webhook's receipt to its work being applied (queue wait, retries included)",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    taskRuns: new client.Counter({
      name: "concierge_task_runs_total",
      help: "Periodic tasks run by this process (retention, SLA sweep, guarded rollout), by task and outcome",
      labelNames: ["task", "outcome"] as const,
      registers: [registry],
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
    setQueueSource(source: () => Promise<JobBacklog[]>) {
      queueSource = source;
    },
    /** The periodic tasks and webhook topics this app has (services know them), so their counters start at 0. */
    knowLabels({ tasks, webhookTopics }: { tasks: string[]; webhookTopics: readonly string[] }) {
      for (const task of tasks) for (const outcome of ["done", "failed"]) m.taskRuns.inc({ task, outcome }, 0);
      for (const topic of webhookTopics)
        for (const outcome of ["queued", "duplicate"]) m.webhooks.inc({ topic, outcome }, 0);
    },
    /** One launcher config answer (every page view: label children bound once). */
    countConfig(reason: RolloutReason) {
      let bound = boundConfig.get(reason);
      if (!bound) boundConfig.set(reason, (bound = m.widgetConfig.labels({ reason })));
      bound.inc();
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
  const boundConfig = new Map<RolloutReason, client.Counter.Internal>();
  // Label sets are few (routes × methods × statuses), so the map stays small.
  const boundRequests = new Map<
    string,
    { count: client.Counter.Internal; duration: client.Histogram.Internal<"route"> }
  >();
  // Every counter starts at 0 for its known labels so alert expressions have a series to read.
  for (const c of [m.storeErrors, m.widgetOpens, m.ticketsCreated, m.conversions, m.csatPoints]) c.inc(0);
  for (const intent of INTENTS) m.messages.inc({ intent }, 0);
  for (const outcome of CONVERSATION_OUTCOMES) m.conversations.inc({ outcome }, 0);
  for (const rating of [1, 2, 3, 4, 5]) m.csatRatings.inc({ rating: String(rating) }, 0);
  for (const reason of ROLLOUT_REASONS) m.widgetConfig.inc({ reason }, 0);
  for (const kind of JOB_KINDS) for (const outcome of JOB_OUTCOMES) m.jobs.inc({ kind, outcome }, 0);
  for (const kind of MAIL_KINDS) for (const outcome of MAIL_OUTCOMES) m.emails.inc({ kind, outcome }, 0);
  for (const gate of GATES) for (const action of GATE_ACTIONS) m.gateBreaches.inc({ gate, action }, 0);
  for (const scope of RATE_LIMIT_SCOPES) m.rateLimited.inc({ scope }, 0);
  for (const outcome of LANGUAGE_MODEL_OUTCOMES) m.languageModelCalls.inc({ outcome }, 0);
  for (const [route, method] of Object.entries(STOREFRONT_ROUTES)) {
    m.httpRequests.inc({ route, method, status: "200" }, 0);
    m.httpDuration.zero({ route });
    m.clientAborts.inc({ route }, 0);
  }
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
    rolloutStage: byLabel("concierge_rollout_stage", "shop"),
    csatAverage: sum("concierge_csat_ratings_total")
      ? sum("concierge_csat_points_total") / sum("concierge_csat_ratings_total")
      : null,
    jobsQueued: byLabel("concierge_jobs_queued", "kind"),
    jobsOldestDueSeconds: byLabel("concierge_jobs_oldest_due_seconds", "kind"),
  };
}
