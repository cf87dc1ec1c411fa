// Storefront request stats: a fixed-bucket latency histogram with Prometheus-style quantiles, counted in memory
// per shop and hour and flushed as increments (kept for the next flush when the store fails).

import { describe, expect, it } from "vitest";
import { bucketIndex, emptyHistogram, LATENCY_BUCKETS_MS, quantileMs } from "~/concierge/latencyHistogram";
import { createRequestStatsRecorder } from "~/platform/requestStats.server";
import type { RequestRollup } from "~/store/port";

describe("latency histogram", () => {
  it("puts each duration in the first bucket whose bound it does not exceed", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(5)).toBe(0);
    expect(bucketIndex(5.01)).toBe(1);
    expect(bucketIndex(800)).toBe(LATENCY_BUCKETS_MS.indexOf(800));
    expect(bucketIndex(99_999)).toBe(LATENCY_BUCKETS_MS.length);
  });

  it("reads quantiles by interpolating inside the bucket, and null without samples", () => {
    const h = emptyHistogram();
    expect(quantileMs(h, 0.95)).toBeNull();
    h[bucketIndex(3)] = 90; // 0..5 ms
    h[bucketIndex(40)] = 10; // 25..50 ms
    expect(quantileMs(h, 0.5)).toBeCloseTo(2.78, 1);
    expect(quantileMs(h, 0.95)).toBeCloseTo(37.5, 5);
    const slow = emptyHistogram();
    slow[LATENCY_BUCKETS_MS.length] = 5;
    expect(quantileMs(slow, 0.95)).toBe(3200);
  });
});

describe("request stats recorder", () => {
  const hour = Date.UTC(2025, 0, 1, 13);

  it("counts per shop and hour and flushes increments once", async () => {
    const written: [string, RequestRollup[]][] = [];
    const recorder = createRequestStatsRecorder({
      requestStats: { add: async (shop, rows) => void written.push([shop, rows]), list: async () => [] },
    });
    recorder.record("a.myshopify.com", 200, 3, hour + 1);
    recorder.record("a.myshopify.com", 503, 900, hour + 2);
    recorder.record("a.myshopify.com", 200, 12, hour + 3_600_000); // next hour
    recorder.record("b.myshopify.com", 404, 7, hour);
    await recorder.flush();
    await recorder.flush(); // nothing new
    expect(written).toHaveLength(2);
    const [shopA, rowsA] = written[0];
    expect(shopA).toBe("a.myshopify.com");
    expect(rowsA.map((r) => [r.hour, r.requests, r.errors])).toEqual([
      ["2025-01-01T13:00:00.000Z", 2, 1],
      ["2025-01-01T14:00:00.000Z", 1, 0],
    ]);
    expect(rowsA[0].latency[bucketIndex(3)]).toBe(1);
    expect(rowsA[0].latency[bucketIndex(900)]).toBe(1);
    expect(written[1][1][0]).toMatchObject({ requests: 1, errors: 0 }); // a 404 is the caller's error, not ours
  });

  it("keeps what a failed flush could not write and adds it to the next one", async () => {
    let fail = true;
    const written: RequestRollup[][] = [];
    const recorder = createRequestStatsRecorder({
      requestStats: {
        add: async (_shop, rows) => {
          if (fail) throw new Error("store down");
          written.push(rows);
        },
        list: async () => [],
      },
    });
    recorder.record("a.myshopify.com", 200, 3, hour);
    await recorder.flush();
    fail = false;
    recorder.record("a.myshopify.com", 500, 3, hour);
    await recorder.flush();
    expect(written).toHaveLength(1);
    expect(written[0]).toEqual([expect.objectContaining({ requests: 2, errors: 1 })]);
  });
});
