// Two server processes on one store (SQLite file), as a scaled-out deployment runs them: idempotency keys and
// rate limits hold across both, a kill switch reaches both within the shop cache's 5 s, and a catalog write made
// in one process (or by anyone writing the file) reaches the other's in-memory index.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import {
  conciergeCli,
  DEMO_SHOP,
  eventually,
  execute,
  expectOk,
  freshRateWindow,
  newClientIp,
} from "../support/storefront";
import { signedPath, startReliabilityApp } from "./support";

type App = RunningApp & { secret: string; port: number };

let one: App;
let two: App;

beforeAll(async () => {
  one = await startReliabilityApp({ RATE_LIMIT_PER_MINUTE: "10" });
  two = await startReliabilityApp({ RATE_LIMIT_PER_MINUTE: "10" }, { dataDir: one.dataDir });
});
afterAll(async () => {
  await two?.stop();
  await one?.stop();
});

const post = (app: App, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${signedPath(app, path)}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("two processes on one store", () => {
  it("run a turn sent with one Idempotency-Key to both, concurrently, exactly once", async () => {
    const ip = newClientIp();
    const body = { visitorId: "v-two-idem", text: "gold hoops under $500" };
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(i % 2 ? two : one, "messages", body, { "idempotency-key": "two-procs-turn-1", ...ip }),
      ),
    );
    const bodies = await Promise.all(answers.map(async (res) => ({ res, json: await res.json() })));
    const fresh = bodies.filter(({ res }) => res.status === 200 && !res.headers.get("idempotent-replay"));
    expect(fresh).toHaveLength(1);
    for (const { res, json } of bodies) {
      if (res.status === 409) expect(json.error.code).toBe("idempotency.in_progress");
      else expect(json.conversationId).toBe(fresh[0].json.conversationId);
    }
    // Afterwards either process replays the same answer.
    for (const app of [one, two]) {
      const again = await post(app, "messages", body, { "idempotency-key": "two-procs-turn-1", ...ip });
      expect(again.headers.get("idempotent-replay")).toBe("true");
      expect((await again.json()).conversationId).toBe(fresh[0].json.conversationId);
    }
  });

  it("share one rate-limit bucket per client: the 11th request in a minute is refused by either", async () => {
    const ip = newClientIp();
    await freshRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${(i % 2 ? two : one).url}${signedPath(one, "config", { visitorId: "v-rl" })}`, {
        headers: ip,
      });
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(9 - i));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const app of [one, two]) {
      const res = await fetch(`${app.url}${signedPath(app, "config", { visitorId: "v-rl" })}`, { headers: ip });
      expect(res.status).toBe(429);
    }
  });

  it("both honour the kill switch within 7 s of the CLI flipping it, and both come back", async () => {
    const liveness = async (app: App) =>
      (await post(app, "messages", { visitorId: "v-kill", text: "hello" }, newClientIp())).status;
    await conciergeCli(one.databasePath, ["rollout", "--shop", DEMO_SHOP, "--enabled", "false"]);
    try {
      const took = await Promise.all(
        [one, two].map((app) => eventually(async () => (await liveness(app)) === 503, 10_000, 250)),
      );
      for (const ms of took) expect(ms).toBeLessThanOrEqual(7_000);
    } finally {
      await conciergeCli(one.databasePath, ["rollout", "--shop", DEMO_SHOP, "--enabled", "true"]);
    }
    await Promise.all([one, two].map((app) => eventually(async () => (await liveness(app)) === 200, 10_000, 250)));
  }, 30_000);

  it("see a catalog change written to the file within a second, whichever process indexed the catalog", async () => {
    // The title of prod_1001 as each process's search shows it (searching by a word of it ranks it first).
    const titleIn = async (app: App) => {
      const res = await fetch(`${app.url}${signedPath(app, "products", { q: "zebracorn", limit: "1" })}`, {
        headers: newClientIp(),
      });
      const { products } = await expectOk<{ products: { id: string; title: string }[] }>(res, "products");
      return products[0]?.title;
    };
    // Both processes have indexed the catalog; then a writer outside both (a webhook, an import) renames a piece.
    expect(await titleIn(one)).not.toBe("Zebracorn Ring");
    expect(await titleIn(two)).not.toBe("Zebracorn Ring");
    execute(
      one.databasePath,
      "UPDATE products SET title = 'Zebracorn Ring' WHERE shop = ? AND id = 'prod_1001'",
      DEMO_SHOP,
    );
    for (const app of [one, two]) {
      const took = await eventually(async () => (await titleIn(app)) === "Zebracorn Ring", 5_000, 100);
      expect(took).toBeLessThanOrEqual(1_500);
    }
  });
});
