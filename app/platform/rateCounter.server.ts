// Where rate-limit hits are counted (ADR 0010). A server process alone on its store counts them in memory and
// saves them to the shared counters every second; while other server processes are alive, every hit is counted
// in the store, so a client's limit holds across all of them. Each process beats in the store every second
// (`instances`), which tells it whether it is alone, and a process that starts beside one counting in memory
// waits until that one has saved its counts and moved to the store: the counts are exact across the hand-over.

import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Counting, RateCount, Store } from "~/store/port";

export interface RateCounter {
  /** Counts one hit, as the store's `rateLimits.hit` does, wherever this process counts now. */
  hit: Store["rateLimits"]["hit"];
  /** Where this process counts now. */
  counting(): Counting;
  /** Registers the process, and waits until no other process counts in memory (at most `aliveMs` + `beatMs`). */
  start(): Promise<void>;
  /** Saves the counts kept in memory and leaves, so the others know at once that they may be alone. */
  stop(): Promise<void>;
  /** Saves the counts kept in memory now (also done every beat). */
  save(): Promise<void>;
  /** One beat now: save, tell the store this process is alive, and count where the answer says (tests). */
  beat(): Promise<void>;
}

export interface RateCounterOptions {
  logger?: Logger;
  /** How often the process beats (and saves its counts). */
  beatMs?: number;
  /** A process silent longer than this is taken for gone. */
  aliveMs?: number;
  /** Windows kept in memory before the saved ones are dropped (each is read back from the store when seen again). */
  maxTallies?: number;
}

/** One (shop, bucket, key) window counted in memory: `base` saved in the store (null while it is read), plus `unsaved`. */
interface Tally {
  name: string;
  shop: string;
  bucket: string;
  key: string;
  windowStart: number;
  resetAt: number;
  base: number | null;
  loading: Promise<void> | null;
  unsaved: number;
}

/** Counts saved per store write: bounds how long one save holds the event loop. */
const SAVE_CHUNK = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRateCounter(store: Store, options: RateCounterOptions = {}): RateCounter {
  const { logger, beatMs = 1_000, aliveMs = 3_000, maxTallies = 20_000 } = options;
  const id = randomUUID();
  // In the store until the first beat says this process is alone.
  let counting: Counting = "store";
  const tallies = new Map<string, Tally>();
  // Alone since then: a window starting later holds in the store only what this process saved, so a tally whose
  // name is not among `savedHere` (hashes of the names saved, per window start) starts at 0 without a read.
  let aloneSince = Infinity;
  const savedHere = new Map<number, { resetAt: number; hashes: Set<number> }>();
  let saving: Promise<void> = Promise.resolve();
  let saveQueued = false;
  let sawNoPeers = false;
  let beating: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function tallyFor(shop: string, bucket: string, key: string, windowStart: number, windowMs: number): Tally {
    const name = `${shop}\n${bucket}\n${key}\n${windowStart}`;
    const known = tallies.get(name);
    if (known) return known;
    const tally: Tally = {
      name,
      shop,
      bucket,
      key,
      windowStart,
      resetAt: windowStart + windowMs,
      base: null,
      loading: null,
      unsaved: 0,
    };
    tallies.set(name, tally);
    if (tallies.size > maxTallies)
      save().catch((error: unknown) => logger?.warn({ err: error }, "rate-limit save failed"));
    if (windowStart >= aloneSince && !savedHere.get(windowStart)?.hashes.has(nameHash(name))) {
      tally.base = 0;
      return tally;
    }
    // The window may have hits saved already (by this process before it dropped the tally, or by another one).
    tally.loading = store.rateLimits.count(shop, bucket, key, new Date(windowStart)).then(
      (saved) => {
        tally.base = saved;
        tally.loading = null;
      },
      (error: unknown) => {
        if (tallies.get(name) === tally) tallies.delete(name);
        throw error;
      },
    );
    return tally;
  }

  /** Adds every loaded tally's unsaved hits to the store, a chunk per write; then drops what memory need not keep. */
  async function saveNow(): Promise<void> {
    const batch: [Tally, number][] = [];
    for (const tally of tallies.values()) {
      if (tally.base !== null && tally.unsaved > 0) batch.push([tally, tally.unsaved]);
    }
    for (let i = 0; i < batch.length; i += SAVE_CHUNK) {
      const chunk = batch.slice(i, i + SAVE_CHUNK);
      await store.rateLimits.add(chunk.map(([t, count]): RateCount => toCount(t, count)));
      // Hits counted while the write was queued stay unsaved, for the next save.
      for (const [tally, count] of chunk) {
        tally.base! += count;
        tally.unsaved -= count;
        if (tally.windowStart >= aloneSince) savedIn(tally).add(nameHash(tally.name));
      }
    }
    const now = Date.now();
    const crowded = tallies.size > maxTallies;
    for (const [name, t] of tallies) {
      if (t.base !== null && t.unsaved === 0 && (crowded || t.resetAt <= now)) tallies.delete(name);
    }
    for (const [windowStart, { resetAt }] of savedHere) if (resetAt <= now) savedHere.delete(windowStart);
  }

  function savedIn({ windowStart, resetAt }: Tally): Set<number> {
    let saved = savedHere.get(windowStart);
    if (!saved) savedHere.set(windowStart, (saved = { resetAt, hashes: new Set() }));
    return saved.hashes;
  }

  /** One save at a time, and at most one waiting behind it (it saves whatever is unsaved when it runs). */
  function save(): Promise<void> {
    if (saveQueued) return saving;
    saveQueued = true;
    saving = saving
      .catch(() => undefined)
      .then(() => {
        saveQueued = false;
        return saveNow();
      });
    return saving;
  }

  async function beatOnce(): Promise<{ peers: number; countingInMemory: number }> {
    if (counting === "memory") await save();
    const now = Date.now();
    // A process that found itself alone last time announces that it counts in memory, and does so if it is still
    // alone in this very write: any process that beats later reads the announcement and waits for a hand-over.
    const announced: Counting = counting === "memory" || sawNoPeers ? "memory" : "store";
    const seen = await store.instances.beat(id, announced, new Date(now), new Date(now - aliveMs));
    sawNoPeers = seen.peers === 0;
    if (counting === "memory" && seen.peers > 0) {
      // Another process is alive: from now on every hit goes to the store; what memory holds is saved first,
      // and only then does this process's row say so (a process starting waits for that).
      counting = "store";
      aloneSince = Infinity;
      await Promise.allSettled([...tallies.values()].map((t) => t.loading));
      await save();
      tallies.clear();
      savedHere.clear();
      await store.instances.beat(id, counting, new Date(), new Date(Date.now() - aliveMs));
      logger?.info({ peers: seen.peers }, "rate limits counted in the store: other server processes share it");
    } else if (counting === "store" && announced === "memory" && seen.peers === 0) {
      // Windows still open may have hits in the store already (counted there before): those are read back.
      aloneSince = (await store.rateLimits.anyOpen(new Date(now))) ? now : -Infinity;
      counting = "memory";
      logger?.info("rate limits counted in memory: the only server process on this store");
    }
    return seen;
  }

  function beat(): Promise<void> {
    beating ??= beatOnce()
      .then(() => undefined)
      .catch((error: unknown) => logger?.warn({ err: error }, "rate-limit beat failed; counting where it was"))
      .finally(() => (beating = null));
    return beating;
  }

  return {
    async hit(shop, bucket, key, now, windowMs) {
      if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
      if (counting === "store") return store.rateLimits.hit(shop, bucket, key, now, windowMs);
      const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
      const tally = tallyFor(shop, bucket, key, windowStart, windowMs);
      const ordinal = ++tally.unsaved;
      const resetAt = new Date(tally.resetAt);
      if (tally.base !== null) return { count: tally.base + tally.unsaved, resetAt };
      // A tally is never saved while it loads, so its base does not move under the hits waiting for it.
      await tally.loading;
      return { count: tally.base! + ordinal, resetAt };
    },
    counting: () => counting,
    async start() {
      const deadline = Date.now() + aliveMs + beatMs;
      for (;;) {
        const { peers, countingInMemory } = await beatOnce();
        // Alone: a second beat at once announces counting in memory and starts it.
        if (peers === 0 && counting === "store") continue;
        if (countingInMemory === 0 || Date.now() >= deadline) break;
        await sleep(Math.min(100, beatMs));
      }
      timer = setInterval(() => void beat(), beatMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await beating;
      try {
        await Promise.allSettled([...tallies.values()].map((t) => t.loading));
        await save();
        await store.instances.leave(id);
      } catch (error) {
        logger?.warn({ err: error }, "rate-limit counts not saved at stop");
      }
    },
    save,
    beat,
  };
}

function toCount(tally: Tally, count: number): RateCount {
  const { shop, bucket, key } = tally;
  return { shop, bucket, key, windowStart: new Date(tally.windowStart), resetAt: new Date(tally.resetAt), count };
}

/** FNV-1a, 31 bits (a small integer in V8): two names sharing a hash only cost one needless read of the store. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h & 0x7fffffff;
}
