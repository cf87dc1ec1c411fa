// Where rate-limit hits are counted (ADR 0010), on real SQLite files: in memory while a process is alone on its
// store, in the store while others are alive, with exact counts across every hand-over.

import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createRateCounter, type RateCounter, type RateCounterOptions } from "~/platform/rateCounter.server";
import { openSqliteStore } from "~/store/sqlite";
import type { Store } from "~/store/port";

const SHOP = "aurora-demo.myshopify.com";
const MINUTE = 60_000;
const FAST: RateCounterOptions = { beatMs: 40, aliveMs: 150 };

let path = "";
const open: { store: Store; counter: RateCounter }[] = [];

function processOn(file: string, options: RateCounterOptions = FAST) {
  const store = openSqliteStore(file);
  const counter = createRateCounter(store, options);
  open.push({ store, counter });
  return { store, counter };
}

const storedCount = (key: string, at = Date.now()) => {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare(
        "SELECT count FROM rate_limit_counters WHERE shop = ? AND bucket = 'general' AND key = ? AND window_start = ?",
      )
      .get(SHOP, key, Math.floor(at / MINUTE) * MINUTE) as { count: number } | undefined;
    return row?.count ?? 0;
  } finally {
    db.close();
  }
};

const hits = async (counter: RateCounter, key: string, n: number) => {
  const counts: number[] = [];
  for (let i = 0; i < n; i++) counts.push((await counter.hit(SHOP, "general", key, new Date(), MINUTE)).count);
  return counts;
};

const eventually = async (check: () => boolean, ms = 3_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

afterEach(async () => {
  for (const { store, counter } of open.splice(0).reverse()) {
    await counter.stop();
    await store.close();
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
});

const freshPath = () => (path = join(tmpdir(), `aurora-rate-${process.pid}-${randomUUID()}.sqlite`));

describe("rate counter", () => {
  it("alone on its store, counts in memory: exact counts, written to the store only when saved", async () => {
    const { counter } = processOn(freshPath());
    await counter.start();
    expect(counter.counting()).toBe("memory");
    expect(await hits(counter, "k-1", 5)).toEqual([1, 2, 3, 4, 5]);
    expect(storedCount("k-1")).toBe(0);
    await counter.save();
    expect(storedCount("k-1")).toBe(5);
    expect(await hits(counter, "k-1", 2)).toEqual([6, 7]);
    expect(await hits(counter, "k-2", 1)).toEqual([1]);
    // Concurrent hits each get their own count.
    const together = await Promise.all(
      Array.from({ length: 10 }, () => counter.hit(SHOP, "general", "k-3", new Date(), MINUTE)),
    );
    expect(together.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The beat saves by itself.
    await eventually(() => storedCount("k-1") === 7 && storedCount("k-3") === 10);
  });

  it("counts in the store while another process is alive, and hands over exactly both ways", async () => {
    const one = processOn(freshPath());
    await one.counter.start();
    expect(await hits(one.counter, "shopper", 4)).toEqual([1, 2, 3, 4]);

    // A second process starts: it waits until the first has saved its counts and counts in the store.
    const two = processOn(path);
    await two.counter.start();
    expect(one.counter.counting()).toBe("store");
    expect(two.counter.counting()).toBe("store");
    expect(storedCount("shopper")).toBe(4);
    const alternating: number[] = [];
    for (let i = 0; i < 4; i++) alternating.push(...(await hits(i % 2 ? two.counter : one.counter, "shopper", 1)));
    expect(alternating).toEqual([5, 6, 7, 8]);

    // The second stops: the first is alone again, counts in memory and goes on from the store's count.
    await two.counter.stop();
    await eventually(() => one.counter.counting() === "memory");
    expect(await hits(one.counter, "shopper", 2)).toEqual([9, 10]);
    expect(await hits(one.counter, "someone-else", 1)).toEqual([1]);
  });

  it("a process that dies is taken for gone after a few beats, and the survivor counts in memory again", async () => {
    const one = processOn(freshPath());
    await one.counter.start();
    const two = processOn(path);
    await two.counter.start();
    expect(await hits(two.counter, "shopper", 3)).toEqual([1, 2, 3]);
    // Two stops beating without leaving (a SIGKILL leaves its row behind).
    await two.store.close();
    open.splice(
      open.findIndex((p) => p.store === two.store),
      1,
    );
    await eventually(() => one.counter.counting() === "memory");
    expect(await hits(one.counter, "shopper", 1)).toEqual([4]);
  });

  it("keeps memory bounded: past maxTallies the saved windows are dropped and read back exactly", async () => {
    const { counter } = processOn(freshPath(), { ...FAST, beatMs: 60_000, maxTallies: 50 });
    await counter.start();
    for (let i = 0; i < 200; i++) await hits(counter, `visitor-${i}`, 2);
    await counter.save();
    for (let i = 0; i < 200; i += 37) expect(await hits(counter, `visitor-${i}`, 1)).toEqual([3]);
    await counter.save();
    expect(storedCount("visitor-0")).toBe(3);
    expect(storedCount("visitor-199")).toBe(2);
  });

  it("a window already open in the store when the process starts is read back, not started over", async () => {
    const first = processOn(freshPath());
    await first.counter.start();
    expect(await hits(first.counter, "returning", 3)).toEqual([1, 2, 3]);
    await first.counter.stop();
    await first.store.close();
    open.splice(0);
    // A restart within the same minute.
    const again = processOn(path);
    await again.counter.start();
    expect(again.counter.counting()).toBe("memory");
    expect(await hits(again.counter, "returning", 1)).toEqual([4]);
  });
});
