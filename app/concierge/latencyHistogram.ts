// Storefront latency kept as a fixed-bucket histogram (cheap to record and to add up across hours and processes);
// quantiles are read back Prometheus-style, interpolating inside the bucket that holds them.

/** Upper bounds (ms) of the storefront latency histogram; a last, open bucket counts everything slower. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 200, 400, 800, 1600, 3200] as const;

export const BUCKET_COUNT = LATENCY_BUCKETS_MS.length + 1;

export function emptyHistogram(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

/** Index of the bucket `ms` falls in (the last, open bucket for anything slower than the last bound). */
export function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]) return i;
  return LATENCY_BUCKETS_MS.length;
}

export function addHistograms(a: number[], b: number[]): number[] {
  return Array.from({ length: BUCKET_COUNT }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/**
 * The q-quantile (0..1) in ms, or null without samples. Inside a bucket the samples are taken as evenly spread;
 * a quantile in the open last bucket reads as the last bound ("at least").
 */
export function quantileMs(histogram: number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      if (i >= LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const upper = LATENCY_BUCKETS_MS[i];
      return lower + ((upper - lower) * (rank - seen)) / n;
    }
    seen += n;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}
