// Crashes at the HTTP level (PRODUCT.md §5, ADR 0008): SIGKILL during a concurrent load of signed turns with
// Idempotency-Keys, then a restart on the same file; and SIGTERM under load, where every request the server
// took is answered.

import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_MESSAGES } from "../../bench/messages";
import { query } from "../support/storefront";
import { signedPath, startReliabilityApp } from "./support";

interface Sent {
  key: string;
  body: { visitorId: string; conversationId?: string; text: string };
}
interface Acked extends Sent {
  reply: { conversationId: string; messages: { id: string }[]; [k: string]: unknown };
}

const withoutRequestId = ({ requestId: _drop, ...rest }: Record<string, unknown>) => rest;

/** POST without keep-alive, so a connection never outlives its request. */
function post(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) });
          } catch (error) {
            reject(error);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A shopper who keeps talking (new conversation, then continuing it) until the connection fails. */
async function shopper(
  app: { port: number; url: string; secret: string },
  name: string,
  keyed: boolean,
  acked: Acked[],
  unacked: Sent[],
): Promise<void> {
  let conversationId: string | undefined;
  for (let n = 0; ; n++) {
    const key = `${name}-turn-${n}`;
    const body = {
      visitorId: name,
      ...(conversationId ? { conversationId } : {}),
      text: `${BENCH_MESSAGES[n % BENCH_MESSAGES.length]} ref ${key}`,
    };
    try {
      const res = await post(app.port, signedPath(app, "messages"), body, keyed ? { "idempotency-key": key } : {});
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const reply = res.json as Acked["reply"];
      acked.push({ key, body, reply });
      conversationId = reply.conversationId;
    } catch {
      unacked.push({ key, body });
      return;
    }
  }
}

function shopperMessagesLike(databasePath: string, pattern: string): { text: string; n: number }[] {
  return query<{ text: string; n: number }>(
    databasePath,
    "SELECT text, count(*) AS n FROM messages WHERE role = 'shopper' AND text LIKE ? GROUP BY text",
    pattern,
  );
}

describe("crash safety over HTTP", () => {
  it("SIGKILL under 20 concurrent keyed turns: every answered turn is stored once and its key replays the same reply", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aurora-crash-"));
    try {
      const first = await startReliabilityApp({}, { dataDir });
      const acked: Acked[] = [];
      const unacked: Sent[] = [];
      const shoppers = Array.from({ length: 20 }, (_, i) => shopper(first, `v-kill-${i}`, true, acked, unacked));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      first.child.kill("SIGKILL");
      await Promise.all(shoppers);
      await first.stop();
      expect(acked.length, "turns answered before the kill").toBeGreaterThan(20);

      const second = await startReliabilityApp({}, { dataDir });
      try {
        const stored = new Map(shopperMessagesLike(second.databasePath, "% ref v-kill-%").map((r) => [r.text, r.n]));
        const messageIds = new Set(
          query<{ id: string }>(second.databasePath, "SELECT id FROM messages WHERE role = 'concierge'").map(
            (r) => r.id,
          ),
        );
        for (const turn of acked) {
          expect(stored.get(turn.body.text), `answered turn ${turn.key} stored once`).toBe(1);
          for (const m of turn.reply.messages) expect(messageIds.has(m.id), `reply ${m.id} of ${turn.key}`).toBe(true);
        }
        // Every answered key replays the very same reply after the restart.
        for (const turn of acked) {
          const again = await post(second.port, signedPath(second, "messages"), turn.body, {
            "idempotency-key": turn.key,
          });
          expect(again.status).toBe(200);
          expect(again.headers["idempotent-replay"]).toBe("true");
          expect(withoutRequestId(again.json)).toEqual(withoutRequestId(turn.reply));
        }
        // The turns cut by the kill: retried with their keys they replay, run once, or wait for the lease.
        const outcomes: Record<string, number> = {};
        for (const turn of unacked) {
          const retry = await post(second.port, signedPath(second, "messages"), turn.body, {
            "idempotency-key": turn.key,
          });
          expect([200, 409, 404], JSON.stringify(retry.json)).toContain(retry.status);
          const outcome = retry.headers["idempotent-replay"] ? "replayed" : String(retry.status);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
        console.info(
          `SIGKILL: ${acked.length} turns answered before the kill, all found and replayed; in flight:`,
          outcomes,
        );
        // No turn is stored twice, answered or not.
        for (const row of shopperMessagesLike(second.databasePath, "% ref v-kill-%")) {
          expect(row.n, row.text).toBe(1);
        }
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("SIGTERM under load: every turn the server took is answered (none cut), then it exits 0", async () => {
    const app = await startReliabilityApp();
    const acked: Acked[] = [];
    const unacked: Sent[] = [];
    const exited = new Promise<number | null>((resolve) => app.child.once("exit", resolve));
    const shoppers = Array.from({ length: 20 }, (_, i) => shopper(app, `v-term-${i}`, false, acked, unacked));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    app.child.kill("SIGTERM");
    await Promise.all(shoppers);
    expect(await exited).toBe(0);
    expect(app.logs()).toContain('"msg":"stopped"');
    expect(acked.length).toBeGreaterThan(20);
    // What the server stored is exactly what it answered: no request was taken and then cut off.
    const stored = shopperMessagesLike(app.databasePath, "% ref v-term-%");
    expect(stored.reduce((sum, row) => sum + row.n, 0)).toBe(acked.length);
    expect(new Set(stored.map((r) => r.text))).toEqual(new Set(acked.map((a) => a.body.text)));
    await app.stop();
  }, 60_000);
});
