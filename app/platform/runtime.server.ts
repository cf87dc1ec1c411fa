// The process's one set of long-lived parts (env, logger, metrics, store, Shopify), built once at start-up.

import type { Logger } from "pino";
import { seedDemoShop, isDemoShopSeeded } from "~/services/demoShop.server";
import { createModelFallback, type ModelFallback } from "~/services/modelFallback.server";
import { openStore } from "~/store/index.server";
import type { Store } from "~/store/port";
import { parseEnv, type AppEnv } from "./env.server";
import { healthyStore, instrumentStore, type StoreHealth } from "./instrumentedStore.server";
import { openAiCompatibleModel } from "./languageModel.server";
import { createLogger } from "./logger.server";
import { createMetrics, type Metrics } from "./metrics.server";
import { createRequestStatsRecorder, type RequestStatsRecorder } from "./requestStats.server";
import { dataDirFor, persistentSecret } from "./secrets.server";
import { createShopify, type ShopifyContext } from "./shopify.server";
import { createAdminApi, type AdminApi } from "./adminApi.server";
import { createMailer, type Mailer } from "./mailer.server";
import { createWorker, type Worker } from "./worker.server";
import { LANES, jobHandlers, periodicTasks } from "~/services/jobs.server";
import { WEBHOOK_JOB } from "~/services/webhooks/receive.server";
import { WEBHOOK_TOPICS } from "~/services/webhooks/topics";
import { onInstalled } from "~/services/install.server";

export const LOCAL_DEMO_SHOP = "aurora-demo.myshopify.com";

export interface Runtime {
  env: AppEnv;
  logger: Logger;
  metrics: Metrics;
  store: Store;
  /** When a store call last failed; readiness reads it. */
  storeHealth?: StoreHealth;
  shopify: ShopifyContext;
  /** The secret app-proxy signatures are checked with (the API secret, or the generated local one). */
  proxySecret: string;
  analyticsSalt: string;
  /** The optional language model for messages the rules cannot read (null when not configured). */
  languageModel: ModelFallback | null;
  /** Storefront request counts, errors and latency per shop, flushed to the store every few seconds. */
  requestStats: RequestStatsRecorder;
  /** Null without SMTP_URL: nothing is sent, and the admin says so. */
  mailer: Mailer | null;
  adminApi: AdminApi;
  /** The in-app worker: queued webhooks, emails, backfill steps and the periodic retention tasks. */
  worker: Worker;
  startedAt: number;
  version: string;
  close(): Promise<void>;
}

const VERSION = process.env.npm_package_version ?? "0.1.0";

async function createRuntime(): Promise<Runtime> {
  const env = parseEnv(process.env);
  const logger = createLogger(env.logLevel);
  const metrics = createMetrics();
  const dataDir = dataDirFor(env.databaseUrl, Boolean(env.mongodbUri));
  const rawStore = await openStore({
    databaseUrl: env.databaseUrl,
    mongodbUri: env.mongodbUri,
    backgroundCheckpoints: true,
  });
  const storeHealth = healthyStore();
  const store = instrumentStore(rawStore, metrics, logger, storeHealth);
  const localSecret = env.mode === "local" ? persistentSecret(dataDir, "dev-app-secret") : "";
  const proxySecret = env.shopifyApiSecret ?? localSecret;
  const analyticsSalt = env.analyticsSalt ?? persistentSecret(dataDir, "analytics-salt");
  const shopify = createShopify(env, store, localSecret, {
    afterInstall: (shop) => onInstalled(runtime, shop),
  });

  metrics.setRolloutSource(async () =>
    (await store.shops.list())
      .filter((s) => !s.uninstalledAt)
      .map(({ shop, rollout }) => ({
        shop,
        enabled: rollout.enabled,
        percent: rollout.percent,
        stage: rollout.guarded?.active ? rollout.guarded.stageIndex + 1 : 0,
        paused: Boolean(rollout.guarded?.active && rollout.guarded.paused),
      })),
  );
  metrics.setQueueSource(() => store.jobs.backlog(new Date()));

  if (env.mode === "local" && !(await isDemoShopSeeded(store, LOCAL_DEMO_SHOP))) {
    const counts = await seedDemoShop(store, LOCAL_DEMO_SHOP);
    logger.info({ shop: LOCAL_DEMO_SHOP, ...counts }, "seeded the local demo shop");
  }

  if (env.mode === "shopify" && !env.metricsToken) {
    logger.warn("METRICS_TOKEN is not set: /api/metrics is open to anyone who can reach this port");
  }
  if (env.mongodbUri && !env.analyticsSalt) {
    logger.warn("ANALYTICS_SALT is not set: each instance on MongoDB generates its own, so analytics hashes differ");
  }
  const languageModel = env.languageModel
    ? createModelFallback({
        model: openAiCompatibleModel(env.languageModel),
        timeoutMs: env.languageModel.timeoutMs,
        dailyBudget: env.languageModel.dailyBudget,
        record: (outcome, seconds) => {
          metrics.languageModelCalls.inc({ outcome });
          if (seconds !== undefined) metrics.languageModelDuration.observe(seconds);
        },
      })
    : null;
  logger.info(
    { mode: env.mode, store: store.kind, appUrl: env.appUrl, languageModel: env.languageModel?.model ?? null },
    "runtime ready",
  );
  const requestStats = createRequestStatsRecorder(store, logger);
  const mailer = createMailer(env.smtpUrl, env.mailFrom);
  if (!mailer) logger.info("SMTP_URL is not set: no email will be sent");
  const runtime: Runtime = {
    env,
    logger,
    metrics,
    store,
    storeHealth,
    shopify,
    proxySecret,
    analyticsSalt,
    languageModel,
    requestStats,
    mailer,
    adminApi: createAdminApi({ store, baseUrl: env.adminApiUrl }),
    worker: undefined as unknown as Worker,
    startedAt: Date.now(),
    version: VERSION,
    close: async () => {
      await runtime.worker.stop();
      await requestStats.stop();
      mailer?.close();
      await rawStore.close();
    },
  };
  // The worker's handlers close over the runtime they run in.
  const tasks = periodicTasks(runtime);
  metrics.knowLabels({ tasks: tasks.map((t) => t.name), webhookTopics: WEBHOOK_TOPICS });
  runtime.worker = createWorker({
    store,
    logger: logger.child({ component: "worker" }),
    handlers: jobHandlers(runtime),
    lanes: LANES,
    tasks,
    leaseMs: env.jobsLeaseSeconds * 1000,
    onOutcome: (kind, outcome, job) => {
      metrics.jobs.inc({ kind, outcome });
      // A webhook's lag ends when its work is applied (or given up on): from receipt, retries included.
      if (kind === WEBHOOK_JOB && (outcome === "done" || outcome === "dead"))
        metrics.webhookLag.observe(Math.max(0, Date.now() - Date.parse(job.createdAt)) / 1000);
    },
    onTask: (task, outcome) => metrics.taskRuns.inc({ task, outcome }),
  });
  runtime.worker.start();
  return runtime;
}

const holder = globalThis as unknown as { __auroraRuntime?: Promise<Runtime> };

/** The runtime, built on first use (the server builds it before listening so a bad env fails fast). */
export function getRuntime(): Promise<Runtime> {
  holder.__auroraRuntime ??= createRuntime();
  return holder.__auroraRuntime;
}
