// Periodic jobs inside the app process: each runs on its own timer, never overlaps itself, logs its failures
// and keeps going; timers do not hold the process open, and `stop` waits for runs in flight.

import type { Logger } from "pino";

export interface Jobs {
  every(name: string, intervalMs: number, run: () => Promise<void>): void;
  /** Runs a job now (tests, and a last flush on shutdown); resolves when that run ends. */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function createJobs(logger: Logger): Jobs {
  const jobs = new Map<string, { timer: NodeJS.Timeout; run: () => Promise<void>; running: Promise<void> | null }>();

  function start(name: string): Promise<void> {
    const job = jobs.get(name);
    if (!job) return Promise.resolve();
    if (job.running) return job.running;
    job.running = job
      .run()
      .catch((err: unknown) => logger.error({ err, job: name }, "job failed"))
      .finally(() => {
        job.running = null;
      });
    return job.running;
  }

  return {
    every(name, intervalMs, run) {
      const timer = setInterval(() => void start(name), intervalMs);
      timer.unref();
      jobs.set(name, { timer, run, running: null });
    },
    runNow: start,
    async stop() {
      for (const job of jobs.values()) clearInterval(job.timer);
      await Promise.all([...jobs.values()].map((j) => j.running));
    },
  };
}
