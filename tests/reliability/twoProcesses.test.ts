// Two server processes on one store (SQLite file), as a scaled-out deployment runs them: idempotency keys and
// rate limits hold across both, a kill switch reaches both within the shop cache's 5 s, a catalog write made
// in one process (or by anyone writing the file) reaches the other's in-memory index, and a guarded rollout is
// judged by one process at a time (the shop's lease in the store), so a gate breach pauses it exactly once.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAdmin } from "../support/adminClient";
import type { RunningApp } from "../support/app";
import { seedStageTraffic } from "../support/rolloutBreach";
import {
  conciergeCli,
  count,
  DEMO_SHOP,
  eventually,
  execute,
  expectOk,
  freshRateWindow,
  newClientIp,
  query,
  sleep,
} from "../support/storefront";
import { signedPath, startReliabilityApp } from "./support";

type App = RunningApp & { secret: string; port: number };

let one: App;
let two: App;

beforeAll(async () => {
  // Both judge guarded rollouts every second, so both would pause one if the lease let them.
  one = await startReliabilityApp({ RATE_LIMIT_PER_MINUTE: "10", ROLLOUT_CHECK_SECONDS: "1" });
  two = await startReliabilityApp(
    { RATE_LIMIT_PER_MINUTE: "10", ROLLOUT_CHECK_SECONDS: "1" },
    { dataDir: one.dataDir },
  );
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

  it("judge a guarded rollout one at a time: a seeded gate breach pauses it exactly once, and never while another holds the shop's lease", async () => {
    const pauses = () =>
      count(
        one.databasePath,
        "SELECT count(*) AS n FROM audit_log WHERE shop = ? AND action = 'rollout.guarded.pause'",
        DEMO_SHOP,
      );
    const admin = localAdmin(one);
    const seen = async () => (await admin.load("/app/rollout", "routes/app.rollout")).body.rollout.updatedAt as string;
    // Someone else (a third process, mid-judgement) holds the shop's guard lease for now.
    execute(
      one.databasePath,
      "INSERT INTO leases (shop, name, holder, expires_at) VALUES (?, 'rollout.guard', 'another-process', ?)",
      DEMO_SHOP,
      Date.now() + 60_000,
    );
    expect((await admin.act("/app/rollout", { intent: "guarded", seen: await seen(), step: "start" })).status).toBe(
      200,
    );
    // The stage's traffic: 120 conversations and 1,000 storefront requests, 30 of them 5xx (3% > the 2% gate).
    seedStageTraffic(one.databasePath, DEMO_SHOP, { conversations: 120, requests: 1000, errors: 30, prefix: "two" });
    try {
      // Three rounds of both processes: neither judges the shop while the lease is someone else's.
      await sleep(3_000);
      expect(pauses()).toBe(0);

      execute(one.databasePath, "DELETE FROM leases WHERE shop = ? AND name = 'rollout.guard'", DEMO_SHOP);
      await eventually(async () => pauses() > 0, 15_000, 100);
      // More rounds: still one pause, decided by one process.
      await sleep(2_500);
      expect(pauses()).toBe(1);
      const [pause] = query<{ actor: string; reason: string }>(
        one.databasePath,
        "SELECT actor, reason FROM audit_log WHERE shop = ? AND action = 'rollout.guarded.pause'",
        DEMO_SHOP,
      );
      expect(pause.actor).toBe("guarded-rollout");
      expect(JSON.parse(pause.reason)).toMatch(
        /^Paused at beta .*: error rate \d+\.\d% \(\d+ of \d+ requests\) is over the 2\.0% limit\.$/,
      );
      const deciders = [one, two].filter((app) => app.logs().includes('"msg":"guarded rollout decision"'));
      expect(deciders).toHaveLength(1);
    } finally {
      await admin.act("/app/rollout", { intent: "guarded", seen: await seen(), step: "stop" });
      await conciergeCli(one.databasePath, ["rollout", "--shop", DEMO_SHOP, "--percent", "100"]);
    }
  }, 40_000);
});
