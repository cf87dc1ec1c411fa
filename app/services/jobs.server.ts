// What the in-app worker runs: the job kinds (webhooks, emails, backfill steps, CSV import batches) and the periodic
// tasks (retention, the SLA sweep, the guarded rollout). Webhooks and backfill share a lane; email and imports have
// their own, so a slow mail server or a large upload delays nothing else.

import type { Runtime } from "~/platform/runtime.server";
import type { JobHandler, Lane, PeriodicTask } from "~/platform/worker.server";
import { BACKFILL_JOB, runBackfillStep } from "./sync/backfill.server";
import { CSV_IMPORT_JOB, runProductImportBatch } from "./sync/productImport.server";
import { MAIL_JOB, sendQueuedMail } from "./mail/outbox.server";
import { guardedRolloutTask } from "./guardedRollout.server";
import { retentionTasks } from "./retention.server";
import { slaSweepTask } from "./mail/slaSweep.server";
import { applyWebhook } from "./webhooks/apply.server";
import { WEBHOOK_JOB } from "./webhooks/receive.server";

export const LANES: Lane[] = [
  { name: "shopify", kinds: [WEBHOOK_JOB, BACKFILL_JOB] },
  { name: "mail", kinds: [MAIL_JOB] },
  // A large CSV upload is many batches: its own lane, so webhooks are never queued behind it.
  { name: "import", kinds: [CSV_IMPORT_JOB] },
];

export function jobHandlers(runtime: Runtime): Record<string, JobHandler> {
  return {
    [WEBHOOK_JOB]: (job) => applyWebhook(runtime, job),
    [MAIL_JOB]: (job) => sendQueuedMail(runtime, job),
    [BACKFILL_JOB]: (job) => runBackfillStep(runtime, job),
    [CSV_IMPORT_JOB]: (job) => runProductImportBatch(runtime, job),
  };
}

export function periodicTasks(runtime: Runtime): PeriodicTask[] {
  return [...retentionTasks(runtime), slaSweepTask(runtime), guardedRolloutTask(runtime)];
}
