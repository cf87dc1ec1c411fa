// An open-loop load generator: requests leave at evenly spaced instants (a steady 200 req/s, not bursts of one per
// connection per tick), and each latency is measured from the instant the request was due, so a slow server
// cannot hide its queueing (no coordinated omission).

import { Agent, request } from "node:http";

export interface OpenLoopRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Called with each answer's status and body (the body is only collected when this is given). */
  onResponse?: (status: number, body: string) => void;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  failed: number;
  latenciesMs: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function openLoop(
  baseUrl: string,
  ratePerSecond: number,
  durationSeconds: number,
  next: () => OpenLoopRequest,
): Promise<OpenLoopResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(ratePerSecond * durationSeconds);
  const interval = 1000 / ratePerSecond;
  const result: OpenLoopResult = { sent: 0, ok: 0, failed: 0, latenciesMs: [] };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();

  const fire = (due: number) => {
    const r = next();
    result.sent++;
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          { host: url.hostname, port: url.port, path: r.path, method: r.method, headers: r.headers, agent },
          (res) => {
            let text = "";
            if (r.onResponse) res.on("data", (d: Buffer) => (text += d));
            else res.resume();
            res.on("end", () => {
              result.latenciesMs.push(performance.now() - due);
              r.onResponse?.(res.statusCode ?? 0, text);
              if (res.statusCode && res.statusCode < 400) result.ok++;
              else result.failed++;
              resolve();
            });
          },
        );
        req.on("error", () => {
          result.failed++;
          resolve();
        });
        req.end(r.body);
      }),
    );
  };

  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    fire(due);
  }
  await Promise.all(inFlight);
  agent.destroy();
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}
