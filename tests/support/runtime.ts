// An in-process runtime over a real SQLite file, for service tests that drive the worker directly (email outbox
// against a loopback SMTP server, the backfill against a fake Admin API) with short leases and retry delays.

import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createAdminApi } from "~/platform/adminApi.server";
import { parseEnv } from "~/platform/env.server";
import { createMailer } from "~/platform/mailer.server";
import { createMetrics } from "~/platform/metrics.server";
import type { Runtime } from "~/platform/runtime.server";
import { createWorker, type WorkerOptions } from "~/platform/worker.server";
import { LANES, jobHandlers } from "~/services/jobs.server";
import { openSqliteStore } from "~/store/sqlite";

export interface TestRuntimeOptions {
  smtpUrl?: string;
  adminApiUrl?: string;
  worker?: Partial<Pick<WorkerOptions, "leaseMs" | "retryBaseMs" | "retryMaxMs" | "maxAttempts" | "pollMs">>;
  env?: Record<string, string>;
}

export async function testRuntime(options: TestRuntimeOptions = {}) {
  const path = join(tmpdir(), `aurora-rt-${process.pid}-${randomUUID()}.sqlite`);
  const store = openSqliteStore(path);
  const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: `file:${path}`, ...options.env });
  const logger = pino({ level: "silent" });
  const runtime = {
    env,
    logger,
    metrics: createMetrics(),
    store,
    analyticsSalt: "test-analytics-salt-0123456789",
    mailer: createMailer(options.smtpUrl, options.smtpUrl ? "concierge@aurora.example" : undefined),
    adminApi: createAdminApi({ store, baseUrl: options.adminApiUrl }),
  } as unknown as Runtime;
  const makeWorker = (extra: TestRuntimeOptions["worker"] = {}) =>
    createWorker({
      store,
      logger,
      handlers: jobHandlers(runtime),
      lanes: LANES,
      leaseMs: 2_000,
      retryBaseMs: 200,
      retryMaxMs: 1_000,
      pollMs: 50,
      ...options.worker,
      ...extra,
    });
  runtime.worker = makeWorker();
  return {
    runtime,
    store,
    path,
    makeWorker,
    async close() {
      await runtime.worker.stop();
      runtime.mailer?.close();
      await store.close();
      for (const suffix of ["", "-wal", "-shm"]) await rm(path + suffix, { force: true });
    },
  };
}
