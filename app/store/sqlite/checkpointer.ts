// WAL checkpoints off the event loop. A checkpoint copies the log into the database file and fsyncs it: done by
// the committing connection (SQLite's default), it stalls whichever request happens to commit past the
// threshold for milliseconds. The server runs them on a worker thread instead, every 200 ms (PASSIVE: never
// blocks readers or writers; a RESTART when the log has grown past a bound); "delete my chat" asks for a
// TRUNCATE there, so erased text leaves the log soon.

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./sql";

export interface Checkpointer {
  /** Folds the whole log into the database and empties it (after an erasure). */
  truncate(): void;
  close(): Promise<void>;
}

/** Checkpoints on the connection that commits (tests, CLIs, in-memory stores). */
export function inlineCheckpointer(db: Db): Checkpointer {
  return {
    truncate: () => void db.pragma("wal_checkpoint(TRUNCATE)"),
    close: async () => undefined,
  };
}

// CommonJS run by the worker: its own connection, waiting as long as it likes (it blocks only itself).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 2000");
db.pragma("synchronous = FULL");
db.pragma("cache_size = -512");
const checkpoint = (mode) => { try { return db.pragma("wal_checkpoint(" + mode + ")")[0]; } catch {} };
// Under steady writes a PASSIVE checkpoint never catches up with the writer, so the log is never started over and
// grows without bound (hundreds of MB a minute at full load): past maxLogFrames, one RESTART makes the next commit
// write from the log's start again. It holds writers off for the last frames' copy and a sync (they wait on timers).
const tick = () => {
  const done = checkpoint("PASSIVE");
  if (!done || done.log <= workerData.maxLogFrames) return;
  // RESTART holds the write lock while it waits for readers: wait briefly, and try again next time.
  db.pragma("busy_timeout = 20");
  checkpoint("RESTART");
  db.pragma("busy_timeout = 2000");
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message === "truncate") checkpoint("TRUNCATE");
  if (message === "close") {
    clearInterval(timer);
    checkpoint("PASSIVE");
    db.close();
    parentPort.close();
  }
});
`;

/** Past this many frames (16 MB of 4 KB pages) the log is started over even while writes keep coming. */
const MAX_LOG_FRAMES = 4096;

/** Checkpoints on a worker thread; the caller's connections must have wal_autocheckpoint = 0. */
export function backgroundCheckpointer(file: string, everyMs = 200, maxLogFrames = MAX_LOG_FRAMES): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // A few megabytes of heap are all it needs: keep its isolate small (RSS counts it).
  const resourceLimits = { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1, codeRangeSizeMb: 2, stackSizeMb: 1 };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, everyMs, maxLogFrames, driver },
    resourceLimits,
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    truncate: () => worker.postMessage("truncate"),
    close: async () => {
      // Referenced again while it finishes, so the process waits for the last checkpoint.
      worker.ref();
      worker.postMessage("close");
      await exited;
    },
  };
}
