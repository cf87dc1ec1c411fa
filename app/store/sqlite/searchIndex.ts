// Message text reaches the full-text index in batches, not in every turn's commit (ADR 0008): FTS5 writes a new
// segment per transaction, and merges them, which was about a third of a turn's write cost. Rows above the mark
// in `messages_fts_progress` are not indexed yet; the triggers of migration 65 keep the indexed rows exact.
// Bound: a process indexes its own messages within INDEX_DELAY_MS of writing them; any process picks up what
// another left (a crash between commit and indexing) within POLL_MS; and every search brings the index up to
// date first, so a search never misses a stored message.

import type { Sql } from "./sql";

/** How soon messages written by this process are indexed: one segment per interval instead of one per commit. */
export const INDEX_DELAY_MS = 250;
/** How often a process looks for messages nobody indexed (another process died before its batch). */
const POLL_MS = 5_000;
/** Rows per indexing transaction: bounds how long one batch holds the event loop. */
const BATCH_ROWS = 1_000;

export interface SearchIndexer {
  /** A write stored messages: index them within INDEX_DELAY_MS. */
  written(): void;
  /** Indexes every message not yet indexed, whichever process stored it (before a search reads the index). */
  catchUp(): Promise<void>;
  close(): void;
}

export function searchIndexer({ one, run, write }: Sql): SearchIndexer {
  /** One batch, inside the committer's transaction: true when more rows are waiting. */
  const indexBatch = (): boolean => {
    const upto = one("SELECT upto FROM messages_fts_progress WHERE id = 1")!.upto as number;
    const top = one(
      "SELECT max(seq) AS top FROM (SELECT seq FROM messages WHERE seq > ? ORDER BY seq LIMIT ?)",
      upto,
      BATCH_ROWS,
    )!.top as number | null;
    if (top === null) return false;
    run("INSERT INTO messages_fts (rowid, text) SELECT seq, text FROM messages WHERE seq > ? AND seq <= ?", upto, top);
    run("UPDATE messages_fts_progress SET upto = ? WHERE id = 1", top);
    return one("SELECT EXISTS (SELECT 1 FROM messages WHERE seq > ?) AS more", top)!.more === 1;
  };
  const behind = (): boolean =>
    one(
      "SELECT coalesce((SELECT max(seq) FROM messages), 0) > (SELECT upto FROM messages_fts_progress WHERE id = 1) AS behind",
    )!.behind === 1;

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;

  // Derived data, rebuilt from the messages after a crash: acknowledged at commit, never waits for a log sync.
  async function drain(): Promise<void> {
    while (!closed && (await write(indexBatch, { durable: false })));
  }
  function catchUp(): Promise<void> {
    // One drain at a time; a caller arriving during one waits for it, then for its own (rows may have arrived).
    const next = (running ?? Promise.resolve()).then(drain, drain);
    // The chain only orders drains: its failure is the caller's (returned below), never an unhandled rejection.
    const settled: Promise<void> = next
      .catch(() => undefined)
      .finally(() => {
        if (running === settled) running = null;
      });
    running = settled;
    return next;
  }
  const schedule = (delayMs: number) => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      catchUp().catch(() => schedule(INDEX_DELAY_MS)); // locked past the budget, or closing: try again later
    }, delayMs);
    timer.unref();
  };
  const poll = setInterval(() => {
    try {
      if (behind()) schedule(0);
    } catch {
      // Closed, or locked for a moment: the next poll looks again.
    }
  }, POLL_MS);
  poll.unref();
  // What an earlier process left unindexed.
  if (behind()) schedule(0);

  return {
    written: () => schedule(INDEX_DELAY_MS),
    catchUp,
    close() {
      closed = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
