// The in-app worker: claims due jobs from the store's queue and runs them, and runs periodic tasks once per interval
// across every process (each under a lease in the store). Several processes may run it: claims and leases are atomic.

import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Job, Store } from "~/store/port";
import { newId } from "./ids.server";

/** What a job handler may answer besides finishing: run again later, with a fresh payload (a long job's next step). */
export interface Continue {
  continueAt: Date;
  payload: Record<string, unknown>;
}

const STORE_FAILURE_BACKOFF_MS = 5_000;
const STOP_GRACE_MS = 5_000;

/** Periodic tasks serve every shop: their leases are kept under this pseudo-shop. */
export const ALL_SHOPS = "*";

/** This process, as a job or lease holder (a restarted process is someone else). */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** Queues a job due at `runAt` (now by default); false when the shop already has a job with this key. */
export async function enqueueJob(
  store: Store,
  shop: string,
  job: { kind: string; key: string | null; payload: Record<string, unknown>; runAt?: Date },
  now = new Date(),
): Promise<boolean> {
  return store.jobs.enqueue(shop, {
    id: newId(job.kind),
    kind: job.kind,
    key: job.key,
    payload: job.payload,
    runAt: (job.runAt ?? now).toISOString(),
    createdAt: now.toISOString(),
  });
}

/**
 * Runs `work` only if this process gets the (shop, name) lease, then frees it; null when another holds it. The lease
 * outlives a crashed holder by `ttlMs` at most.
 */
export async function withLease<T>(
  store: Store,
  lease: { shop: string; name: string; ttlMs: number },
  work: () => Promise<T>,
  now = new Date(),
): Promise<T | null> {
  if (!(await store.leases.acquire(lease.shop, lease.name, PROCESS_ID, now, lease.ttlMs))) return null;
  try {
    return await work();
  } finally {
    await store.leases.release(lease.shop, lease.name, PROCESS_ID);
  }
}

export type JobHandler = (job: Job) => Promise<void | Continue>;

/** A failure that retrying cannot fix (a malformed payload): the job is buried at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

export interface Lane {
  name: string;
  kinds: string[];
}

export interface PeriodicTask {
  name: string;
  intervalMs: number;
  run: () => Promise<void>;
}

export interface WorkerOptions {
  store: Store;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** Each lane claims only its kinds, so a slow mail server never delays webhooks. */
  lanes: Lane[];
  tasks?: PeriodicTask[];
  leaseMs?: number;
  pollMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
  /** After each attempt at a job (metrics): the job as claimed, and what became of it. */
  onOutcome?: (kind: string, outcome: "done" | "retry" | "dead" | "continued", job: Job) => void;
  /** After each run of a periodic task this process took the lease for. */
  onTask?: (task: string, outcome: "done" | "failed") => void;
}

export interface Worker {
  readonly owner: string;
  start(): void;
  /** Stops claiming, waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Work was just enqueued: look now instead of at the next poll. */
  nudge(): void;
  /** Runs the lanes until no job is due (tests and the CLI). */
  drain(): Promise<void>;
}

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt n up to base·2^(n-1), capped. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function createWorker(options: WorkerOptions): Worker {
  const {
    store,
    logger,
    handlers,
    lanes,
    tasks = [],
    leaseMs = 60_000,
    pollMs = 1_000,
    retryBaseMs = 5_000,
    retryMaxMs = 15 * 60_000,
    maxAttempts = 10,
  } = options;
  // Each worker is its own claimant (tests run several in one process).
  const owner = `${PROCESS_ID}:${randomBytes(2).toString("hex")}`;
  let running = false;
  const wakers = new Set<() => void>();
  const loops: Promise<void>[] = [];
  const lastTaskRun = new Map<string, number>();
  let attempt = 0;

  async function runOne(lane: Lane): Promise<boolean> {
    const job = await store.jobs.claim(lane.kinds, owner, new Date(), leaseMs);
    if (!job) return false;
    const handler = handlers[job.kind];
    const log = logger.child({ job: job.id, kind: job.kind, shop: job.shop, attempt: job.attempts });
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      const next = await handler(job);
      if (next) {
        await store.jobs.reschedule(
          job.shop,
          job.id,
          owner,
          { runAt: next.continueAt, error: null, payload: next.payload, resetAttempts: true },
          new Date(),
        );
        options.onOutcome?.(job.kind, "continued", job);
      } else {
        await store.jobs.finish(job.shop, job.id, owner, "done", null, new Date());
        options.onOutcome?.(job.kind, "done", job);
      }
    } catch (error) {
      // Only the message: an error may quote the payload, and logs never hold personal data.
      const message = error instanceof Error ? error.message.slice(0, 300) : "job failed";
      if (error instanceof PermanentJobError || job.attempts >= maxAttempts) {
        log.error({ error: message }, "job failed for good");
        await store.jobs.finish(job.shop, job.id, owner, "dead", message, new Date());
        options.onOutcome?.(job.kind, "dead", job);
      } else {
        const delay = retryDelay(job.attempts, retryBaseMs, retryMaxMs);
        log.warn({ error: message, retryInMs: delay }, "job failed; will retry");
        await store.jobs.reschedule(
          job.shop,
          job.id,
          owner,
          { runAt: new Date(Date.now() + delay), error: message },
          new Date(),
        );
        options.onOutcome?.(job.kind, "retry", job);
      }
    }
    return true;
  }

  async function runTasks(): Promise<void> {
    const now = Date.now();
    for (const task of tasks) {
      // Locally, look at most once per interval; across processes the lease decides who runs it.
      if (now - (lastTaskRun.get(task.name) ?? 0) < Math.min(task.intervalMs, 60_000)) continue;
      lastTaskRun.set(task.name, now);
      // A holder per attempt: a lease this process took earlier is not "already ours" — the interval must pass.
      const acquired = await store.leases.acquire(
        ALL_SHOPS,
        `task:${task.name}`,
        `${owner}#${++attempt}`,
        new Date(now),
        task.intervalMs,
      );
      if (!acquired) continue;
      try {
        await task.run();
        options.onTask?.(task.name, "done");
      } catch (error) {
        options.onTask?.(task.name, "failed");
        logger.error(
          { task: task.name, error: error instanceof Error ? error.message : "failed" },
          "periodic task failed",
        );
      }
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  async function loop(lane: Lane, withTasks: boolean): Promise<void> {
    while (running) {
      let worked = false;
      let failed = false;
      try {
        if (withTasks) await runTasks();
        worked = await runOne(lane);
      } catch (error) {
        // The store itself failed (a lock, an outage): back off and try again; the job's lease brings it back.
        failed = true;
        logger.error(
          { lane: lane.name, error: error instanceof Error ? error.message : "failed" },
          "worker loop error",
        );
      }
      // After a store failure wait longer: a locked SQLite file must not be hammered by the worker as well.
      if (!worked && running) await sleep(failed ? Math.max(pollMs, STORE_FAILURE_BACKOFF_MS) : pollMs);
    }
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      lanes.forEach((lane, i) => loops.push(loop(lane, i === 0)));
    },
    async stop() {
      running = false;
      for (const wake of [...wakers]) wake();
      // A job in hand gets a few seconds to finish; past that, shutdown goes on and its lease brings it back later.
      const settled = Promise.all(loops.splice(0));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
        timer.unref?.();
      });
      await Promise.race([settled, grace]);
      clearTimeout(timer);
    },
    nudge() {
      for (const wake of [...wakers]) wake();
    },
    async drain() {
      for (const lane of lanes) while (await runOne(lane));
    },
  };
}
