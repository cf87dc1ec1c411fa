// Reliability of the storefront API over real HTTP (API.md §1–2, PRODUCT.md §5): idempotent writes, rate limits
// with standard headers, the kill switch and rollout through the ops CLI, config that never 5xx when the store
// fails, and graceful shutdown with a request in flight.

import { request as httpRequest } from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyHash } from "~/platform/idempotency.server";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, signedUrl, type ProxyClient } from "../support/proxy";
import {
  conciergeCli,
  count,
  DEMO_SHOP,
  EMMA,
  eventually,
  execute,
  expectError,
  expectOk,
  freshRateWindow,
  metric,
  newClientIp,
  query,
  seedShop,
  sleep,
} from "../support/storefront";

const OTHER_SHOP = "other-shop.myshopify.com";
const escalation = (name: string) => ({
  contact: { name, email: "shopper@example.com" },
  topic: "sizing",
  notes: "Which size?",
});
const withoutRequestId = (body: Record<string, unknown>) => {
  const { requestId: _drop, ...rest } = body;
  return rest;
};

describe("storefront reliability (default limits)", () => {
  let app: RunningApp;
  let client: ProxyClient;
  let secret: string;
  const ticketsOf = (shop = DEMO_SHOP) =>
    count(app.databasePath, "SELECT COUNT(*) AS n FROM tickets WHERE shop = ?", shop);

  beforeAll(async () => {
    app = await startApp();
    secret = localSecret(app.dataDir);
    client = proxyClient(app.url, { shop: DEMO_SHOP, secret });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe("idempotency", () => {
    it("replays the stored answer for the same key and body, with Idempotent-Replay: true, creating one record", async () => {
      const key = "idem-escalation-0001";
      const before = ticketsOf();
      const first = await client.post("escalations", escalation("Ada"), { headers: { "idempotency-key": key } });
      expect(first.headers.get("idempotent-replay")).toBeNull();
      const firstBody = await expectOk<{ ticket: { id: string; number: number } }>(first, "first");
      const second = await client.post("escalations", escalation("Ada"), { headers: { "idempotency-key": key } });
      expect(second.headers.get("idempotent-replay")).toBe("true");
      const secondBody = await expectOk<{ ticket: { id: string } }>(second, "replay");
      expect(withoutRequestId(secondBody)).toEqual(withoutRequestId(firstBody));
      expect(secondBody.requestId).not.toBe(firstBody.requestId);
      // Key order and whitespace do not change the body's meaning: still a replay.
      const reordered = await client.post("escalations", null, {
        headers: { "idempotency-key": key },
        raw: JSON.stringify(
          { notes: "Which size?", topic: "sizing", contact: { email: "shopper@example.com", name: "Ada" } },
          null,
          2,
        ),
      });
      expect(reordered.headers.get("idempotent-replay")).toBe("true");
      expect((await expectOk<{ ticket: { id: string } }>(reordered)).ticket.id).toBe(firstBody.ticket.id);
      expect(ticketsOf()).toBe(before + 1);
      // Without a key, the same body is a new ticket.
      await expectOk(await client.post("escalations", escalation("Ada")));
      expect(ticketsOf()).toBe(before + 2);
    });

    it("answers 422 idempotency.conflict for the same key with a different body, and changes nothing", async () => {
      const key = "idem-conflict-0001";
      await expectOk(await client.post("escalations", escalation("Bea"), { headers: { "idempotency-key": key } }));
      const before = ticketsOf();
      const res = await client.post("escalations", escalation("Someone else"), { headers: { "idempotency-key": key } });
      await expectError(res, 422, "idempotency.conflict");
      expect(ticketsOf()).toBe(before);
    });

    it("refuses keys shorter than 8 or longer than 128 visible characters with 400", async () => {
      for (const key of ["short", "1234567", "k".repeat(129), "has space in it", "tab\tseparated-key"]) {
        const res = await client.post("escalations", escalation("Cy"), { headers: { "idempotency-key": key } });
        const body = await expectError(res, 400, "validation.failed", `key "${key}"`);
        expect(body.error.details?.issues?.[0].path).toBe("Idempotency-Key");
      }
      for (const key of ["12345678", "k".repeat(128)]) {
        await expectOk(
          await client.post("escalations", escalation("Cy"), { headers: { "idempotency-key": key } }),
          `key of ${key.length}`,
        );
      }
    });

    it("runs concurrent requests with one key once: one 200, the rest 409 idempotency.in_progress or replays", async () => {
      const key = "idem-concurrent-return-01";
      const body = {
        orderNumber: EMMA.orderNumber,
        email: EMMA.email,
        option: "resize",
        reason: "too small",
        lineItemId: "li_1012_1",
        newSize: 6.5,
      };
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          client.post("returns", body, { headers: { "idempotency-key": key, ...newClientIp() } }),
        ),
      );
      const outcomes = await Promise.all(
        responses.map(async (res) => ({
          status: res.status,
          replay: res.headers.get("idempotent-replay"),
          body: (await res.json()) as Record<string, unknown>,
        })),
      );
      const fresh = outcomes.filter((o) => o.status === 200 && o.replay === null);
      const replays = outcomes.filter((o) => o.status === 200 && o.replay === "true");
      const inProgress = outcomes.filter((o) => o.status === 409);
      expect(fresh).toHaveLength(1);
      expect(fresh.length + replays.length + inProgress.length).toBe(outcomes.length);
      for (const o of inProgress) expect((o.body.error as { code: string }).code).toBe("idempotency.in_progress");
      for (const o of replays) expect(o.body.returnRequest).toEqual(fresh[0].body.returnRequest);
      expect(count(app.databasePath, "SELECT COUNT(*) AS n FROM return_requests WHERE shop = ?", DEMO_SHOP)).toBe(1);
      // The same request without the key is now a duplicate (the item has an open request).
      await expectError(await client.post("returns", body, { headers: newClientIp() }), 409, "returns.duplicate");
    });

    it("holds across processes: concurrent requests with one key to two instances on one store create one record", async () => {
      const second = await startApp({}, { dataDir: app.dataDir });
      try {
        const clients = [client, proxyClient(second.url, { shop: DEMO_SHOP, secret })];
        const key = "idem-two-instances-0001";
        const before = ticketsOf();
        const responses = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            clients[i % 2].post("escalations", escalation("Two"), {
              headers: { "idempotency-key": key, ...newClientIp() },
            }),
          ),
        );
        const outcomes = await Promise.all(
          responses.map(async (res) => ({
            status: res.status,
            replay: res.headers.get("idempotent-replay"),
            body: (await res.json()) as { ticket?: { id: string }; error?: { code: string } },
          })),
        );
        expect(outcomes.filter((o) => o.status === 200 && o.replay === null)).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 409) expect(o.body.error?.code).toBe("idempotency.in_progress");
          else expect(o.status).toBe(200);
        }
        expect(new Set(outcomes.filter((o) => o.status === 200).map((o) => o.body.ticket!.id)).size).toBe(1);
        expect(ticketsOf()).toBe(before + 1);
      } finally {
        await second.stop();
      }
    });

    it("answers 409 idempotency.in_progress (with Retry-After) while another instance holds the key", async () => {
      // What another instance leaves in the store while its request runs: a claim without a response.
      const key = "idem-held-elsewhere-01";
      const body = escalation("Held");
      execute(
        app.databasePath,
        "INSERT INTO idempotency_records (shop, route, key, body_hash, state, response, expires_at) VALUES (?, 'escalations', ?, ?, 'in_progress', NULL, ?)",
        DEMO_SHOP,
        key,
        bodyHash(body),
        Date.now() + 60_000,
      );
      const before = ticketsOf();
      const res = await client.post("escalations", body, { headers: { "idempotency-key": key } });
      expect(res.headers.get("retry-after")).toBe("1");
      await expectError(res, 409, "idempotency.in_progress");
      await expectError(
        await client.post("escalations", escalation("Other"), { headers: { "idempotency-key": key } }),
        422,
        "idempotency.conflict",
      );
      expect(ticketsOf()).toBe(before);
    });

    it("replays a stored refusal too (an ineligible return stays the same answer)", async () => {
      const key = "idem-ineligible-0001";
      const body = {
        orderNumber: EMMA.orderNumber,
        email: EMMA.email,
        option: "return",
        reason: "changed my mind",
        lineItemId: "li_1012_2",
      };
      const first = await client.post("returns", body, { headers: { "idempotency-key": key, ...newClientIp() } });
      const firstBody = await expectError(first, 422, "returns.ineligible");
      const again = await client.post("returns", body, { headers: { "idempotency-key": key, ...newClientIp() } });
      expect(again.headers.get("idempotent-replay")).toBe("true");
      const againBody = await expectError(again, 422, "returns.ineligible");
      expect(againBody.error).toEqual(firstBody.error);
    });

    it("scopes keys per route: the same key on another endpoint is a new request", async () => {
      const key = "idem-shared-across-routes";
      await expectOk(await client.post("escalations", escalation("Dee"), { headers: { "idempotency-key": key } }));
      const shortlist = await client.post(
        "shortlist",
        { visitorId: "v-scope", productIds: ["prod_1001"] },
        { headers: { "idempotency-key": key } },
      );
      expect(shortlist.headers.get("idempotent-replay")).toBeNull();
      expect(await expectOk(shortlist)).toHaveProperty("shortlist");
      const records = query<{ route: string }>(
        app.databasePath,
        "SELECT route FROM idempotency_records WHERE shop = ? AND key = ? ORDER BY route",
        DEMO_SHOP,
        key,
      );
      expect(records.map((r) => r.route)).toEqual(["escalations", "shortlist"]);
    });
  });

  describe("rate-limit headers", () => {
    it("carries RateLimit-Limit, -Remaining and -Reset on answers, errors included", async () => {
      const ip = newClientIp();
      await freshRateWindow();
      const first = await client.get("products", { limit: "1" }, { headers: ip });
      expect(first.status).toBe(200);
      expect(first.headers.get("ratelimit-limit")).toBe("100");
      const remaining = Number(first.headers.get("ratelimit-remaining"));
      expect(remaining).toBe(99);
      const reset = Number(first.headers.get("ratelimit-reset"));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      const second = await client.get("conversations/conv_missing", { visitorId: "v1" }, { headers: ip });
      expect(second.status).toBe(404);
      expect(second.headers.get("ratelimit-remaining")).toBe(String(remaining - 1));
      const bad = await client.post("messages", { visitorId: "v 1" }, { headers: ip });
      expect(bad.status).toBe(400);
      expect(bad.headers.get("ratelimit-limit")).toBe("100");
      expect(bad.headers.get("ratelimit-remaining")).toBe(String(remaining - 2));
    });
  });

  describe("kill switch through the ops CLI", () => {
    it("switches every endpoint but config to 503 concierge.disabled within 30 s, audited, and back", async () => {
      const audits = () =>
        count(
          app.databasePath,
          "SELECT COUNT(*) AS n FROM audit_log WHERE shop = ? AND action = 'rollout.update'",
          DEMO_SHOP,
        );
      const auditsBefore = audits();
      const { rollout } = await conciergeCli(app.databasePath, ["rollout", "--shop", DEMO_SHOP, "--enabled", "false"]);
      expect(rollout.enabled).toBe(false);
      const took = await eventually(
        async () => (await client.post("messages", { visitorId: "v-kill", text: "hello" })).status === 503,
        30_000,
        500,
      );
      expect(took).toBeLessThan(30_000);
      expect(took).toBeLessThanOrEqual(7_000); // the 5 s shop cache, plus polling

      const ip = newClientIp();
      const calls: [string, () => Promise<Response>][] = [
        ["messages", () => client.post("messages", { visitorId: "v1", text: "hello" }, { headers: ip })],
        ["products", () => client.get("products", {}, { headers: ip })],
        [
          "orders/lookup",
          () => client.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip }),
        ],
        [
          "returns",
          () =>
            client.post(
              "returns",
              { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "care", reason: "clean" },
              { headers: ip },
            ),
        ],
        ["escalations", () => client.post("escalations", escalation("Kay"), { headers: ip })],
        ["csat", () => client.post("csat", { conversationId: "conv_x", rating: 5 }, { headers: ip })],
        ["shortlist", () => client.post("shortlist", { visitorId: "v1", productIds: ["prod_1001"] }, { headers: ip })],
        ["shortlist/{id}", () => client.get("shortlist/sl_x", {}, { headers: ip })],
        [
          "events",
          () =>
            client.post(
              "events",
              { visitorId: "v1", events: [{ name: "widget_open", at: new Date().toISOString() }] },
              { headers: ip },
            ),
        ],
        ["conversations GET", () => client.get("conversations/conv_x", { visitorId: "v1" }, { headers: ip })],
        ["conversations DELETE", () => client.del("conversations/conv_x", { visitorId: "v1" }, { headers: ip })],
        ["bad input", () => client.post("messages", { nonsense: true }, { headers: ip })],
      ];
      for (const [label, call] of calls) await expectError(await call(), 503, "concierge.disabled", label);
      const config = await expectOk<{ enabled: boolean; reason: string }>(
        await client.get("config", { visitorId: "v1" }),
        "config",
      );
      expect(config).toMatchObject({ enabled: false, reason: "killed" });

      const audit = query<{ actor: string; before: string; after: string }>(
        app.databasePath,
        "SELECT actor, before, after FROM audit_log WHERE shop = ? AND action = 'rollout.update' ORDER BY at DESC LIMIT 1",
        DEMO_SHOP,
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].actor).toBe("cli");
      expect(JSON.parse(audit[0].before)).toMatchObject({ enabled: true });
      expect(JSON.parse(audit[0].after)).toMatchObject({ enabled: false });
      expect(await metric(app.url, "concierge_enabled", { shop: DEMO_SHOP })).toBe(0);

      await conciergeCli(app.databasePath, ["rollout", "--shop", DEMO_SHOP, "--enabled", "true"]);
      await eventually(
        async () => (await client.post("messages", { visitorId: "v-kill", text: "hello" })).status === 200,
        30_000,
        500,
      );
      const back = await expectOk<{ enabled: boolean; reason: string }>(
        await client.get("config", { visitorId: "v1" }),
      );
      expect(back.enabled).toBe(true);
      expect(await metric(app.url, "concierge_enabled", { shop: DEMO_SHOP })).toBe(1);
      expect(audits()).toBe(auditsBefore + 2);
    });
  });

  describe("rollout as config reports it", () => {
    const config = async (visitorId: string, opts: { customerId?: string; preview?: string } = {}) => {
      const res = await client.get(
        "config",
        { visitorId, ...(opts.preview ? { preview: opts.preview } : {}) },
        { customerId: opts.customerId, headers: newClientIp() },
      );
      return expectOk<{ enabled: boolean; reason: string }>(res, `config ${visitorId}`);
    };

    it("percent 0: not in rollout, except allowlisted customers (by id or email) and the preview link", async () => {
      const { rollout } = await conciergeCli(app.databasePath, [
        "rollout",
        "--shop",
        DEMO_SHOP,
        "--percent",
        "0",
        "--allow-customer",
        "cust_7",
        "--allow-email",
        "Liam.Carter@Example.com",
        "--preview-token",
        "new",
      ]);
      const token = rollout.previewToken as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      await eventually(async () => (await config("v-ordinary")).reason === "not_in_rollout");
      for (const visitor of ["v-a", "v-b", "v-c", "v-d"])
        expect(await config(visitor)).toMatchObject({ enabled: false, reason: "not_in_rollout" });
      expect(await config("v-allow", { customerId: "cust_7" })).toMatchObject({ enabled: true, reason: "allowlisted" });
      // cust_2's email in the customers mirror is liam.carter@example.com.
      expect(await config("v-mail", { customerId: "cust_2" })).toMatchObject({ enabled: true, reason: "allowlisted" });
      expect(await config("v-other", { customerId: "cust_3" })).toMatchObject({
        enabled: false,
        reason: "not_in_rollout",
      });
      expect(await config("v-preview", { preview: token })).toMatchObject({ enabled: true, reason: "preview" });
      expect(await config("v-preview", { preview: `${token}x` })).toMatchObject({
        enabled: false,
        reason: "not_in_rollout",
      });
      // The customer id is trusted only signed: appending it unsigned is refused outright.
      const forged = `${signedUrl(app.url, "config", { visitorId: "v-forged" }, { shop: DEMO_SHOP, secret })}&logged_in_customer_id=cust_7`;
      await expectError(await fetch(forged), 401, "auth.invalid_signature");
    });

    it("percent 30: about 30% of 400 visitors, each visitor with a stable answer", async () => {
      await conciergeCli(app.databasePath, [
        "rollout",
        "--shop",
        DEMO_SHOP,
        "--percent",
        "30",
        "--clear-allowlist",
        "--preview-token",
        "none",
      ]);
      const visitors = Array.from({ length: 400 }, (_, i) => `visitor-${i}-${(i * 7919) % 1000}`);
      // Wait until the new percentage is visible (some of the first 50 visitors are in).
      await eventually(async () =>
        (await Promise.all(visitors.slice(0, 50).map((v) => config(v)))).some((c) => c.enabled),
      );
      const answer = async () => {
        const out: boolean[] = [];
        for (let i = 0; i < visitors.length; i += 50) {
          const batch = await Promise.all(visitors.slice(i, i + 50).map((v) => config(v)));
          for (const c of batch) {
            expect(["in_rollout", "not_in_rollout"]).toContain(c.reason);
            out.push(c.enabled);
          }
        }
        return out;
      };
      const first = await answer();
      const second = await answer();
      expect(second).toEqual(first);
      const share = first.filter(Boolean).length / first.length;
      expect(share).toBeGreaterThan(0.22);
      expect(share).toBeLessThan(0.38);
      await conciergeCli(app.databasePath, ["rollout", "--shop", DEMO_SHOP, "--percent", "100"]);
      await eventually(async () => (await config("v-restore")).enabled);
    });
  });

  describe("config when the store fails", () => {
    it("answers 200 enabled:false (never 5xx) while the store is locked, and recovers by itself", async () => {
      await expectOk(await client.get("config", { visitorId: "v-lock" }));
      // Another connection holds the SQLite write lock: the app's writes time out (busy_timeout) and fail.
      const db = new Database(app.databasePath, { fileMustExist: true });
      db.exec("BEGIN IMMEDIATE");
      try {
        const res = await client.get("config", { visitorId: "v-lock" }, { headers: newClientIp() });
        const body = await expectOk<{ enabled: boolean; reason: string }>(res, "config, store locked");
        expect(body.enabled).toBe(false);
        expect(await metric(app.url, "concierge_store_errors_total")).toBeGreaterThan(0);
      } finally {
        db.exec("ROLLBACK");
        db.close();
      }
      const after = await expectOk<{ enabled: boolean }>(
        await client.get("config", { visitorId: "v-lock" }, { headers: newClientIp() }),
      );
      expect(after.enabled).toBe(true);
    }, 30_000);
  });

  it("answers 200 enabled:false (never 5xx) when the shop row is damaged, and recovers when it is repaired", async () => {
    const [original] = query<{ settings: string }>(
      app.databasePath,
      "SELECT settings FROM shops WHERE shop = ?",
      DEMO_SHOP,
    );
    const statuses: number[] = [];
    const poll = async (expected: boolean) => {
      const res = await client.get("config", { visitorId: "v-damaged" }, { headers: newClientIp() });
      statuses.push(res.status);
      if (res.status !== 200) return false;
      return ((await res.json()) as { enabled: boolean }).enabled === expected;
    };
    execute(app.databasePath, "UPDATE shops SET settings = '{}' WHERE shop = ?", DEMO_SHOP);
    try {
      await eventually(() => poll(false), 15_000, 500); // the app re-reads the row within its 5 s cache
    } finally {
      execute(app.databasePath, "UPDATE shops SET settings = ? WHERE shop = ?", original.settings, DEMO_SHOP);
    }
    await eventually(() => poll(true), 15_000, 500);
    expect(
      statuses.every((s) => s === 200),
      `statuses ${statuses.join(",")}`,
    ).toBe(true);
  }, 40_000);

  describe("graceful shutdown", () => {
    it("finishes a request in flight at SIGTERM (200), refuses new connections, and exits 0", async () => {
      const url = new URL(signedUrl(app.url, "messages", {}, { shop: DEMO_SHOP, secret }));
      const body = JSON.stringify({ visitorId: "v-shutdown", text: "Do you have rose gold rings under $1500?" });
      const half = Math.floor(body.length / 2);
      const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));

      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method: "POST",
            agent: false,
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.write(body.slice(0, half));
        // Let the server receive the headers and the first half, then stop it.
        setTimeout(() => {
          app.child.kill("SIGTERM");
          setTimeout(async () => {
            // The listener is closed: a new connection is refused while the old request is still open.
            const refused = await fetch(`${app.url}/api/health`).then(
              () => false,
              () => true,
            );
            expect(refused).toBe(true);
            req.end(body.slice(half));
          }, 300);
        }, 200);
      });

      const answer = await response;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ conversationId: expect.stringMatching(/^conv_/) });
      const code = await Promise.race([exited, sleep(15_000).then(() => "timeout" as const)]);
      expect(code).toBe(0);
      expect(app.logs()).toContain('"msg":"stopped"');
    }, 30_000);
  });
});

describe("storefront rate limits (RATE_LIMIT_PER_MINUTE=5, RATE_LIMIT_LOOKUPS_PER_MINUTE=3)", () => {
  let app: RunningApp;
  let shopA: ProxyClient;
  let shopB: ProxyClient;
  const WHERE_IS_MY_ORDER = `where is my order ${EMMA.orderNumber} ${EMMA.email}`;

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: "5", RATE_LIMIT_LOOKUPS_PER_MINUTE: "3" });
    const secret = localSecret(app.dataDir);
    shopA = proxyClient(app.url, { shop: DEMO_SHOP, secret });
    shopB = proxyClient(app.url, { shop: OTHER_SHOP, secret });
    await seedShop(app.databasePath, OTHER_SHOP);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers the 6th request in a minute with 429 rate.limited, Retry-After and the headers, per (shop, IP)", async () => {
    const ip = newClientIp();
    const before = await metric(app.url, "concierge_rate_limited_total", { scope: "general" });
    await freshRateWindow();
    const calls = [
      () => shopA.get("config", { visitorId: "v1" }, { headers: ip }),
      () => shopA.get("products", { limit: "1" }, { headers: ip }),
      () => shopA.post("messages", { visitorId: "v1", text: "hello" }, { headers: ip }),
      () =>
        shopA.post(
          "events",
          { visitorId: "v1", events: [{ name: "widget_open", at: new Date().toISOString() }] },
          { headers: ip },
        ),
      () => shopA.get("shortlist/sl_missing", {}, { headers: ip }),
    ];
    const remaining: string[] = [];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBeLessThan(429);
      expect(res.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(res.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);

    const limited = await shopA.post("messages", { visitorId: "v1", text: "hello again" }, { headers: ip });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(limited.headers.get("ratelimit-limit")).toBe("5");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBe(retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await expectError(limited, 429, "rate.limited");
    expect(body.error.details).toMatchObject({ bucket: "general" });
    // Every endpoint shares the bucket, config included.
    await expectError(await shopA.get("config", { visitorId: "v1" }, { headers: ip }), 429, "rate.limited");

    // Another client address of the same shop, and the same address at another shop, are not limited.
    await expectOk(await shopA.get("config", { visitorId: "v1" }, { headers: newClientIp() }), "other IP");
    await expectOk(await shopB.get("config", { visitorId: "v1" }, { headers: ip }), "other shop");
    expect(await metric(app.url, "concierge_rate_limited_total", { scope: "general" })).toBeGreaterThanOrEqual(
      before + 2,
    );
  });

  it("counts every order lookup in the stricter bucket: the 4th of any mix is 429", async () => {
    const ip = newClientIp();
    const before = await metric(app.url, "concierge_rate_limited_total", { scope: "lookup" });
    await freshRateWindow();
    const lookup = await shopA.post(
      "orders/lookup",
      { orderNumber: EMMA.orderNumber, email: EMMA.email },
      { headers: ip },
    );
    expect(lookup.status).toBe(200);
    expect(lookup.headers.get("ratelimit-limit")).toBe("3");
    expect(lookup.headers.get("ratelimit-remaining")).toBe("2");
    const ret = await shopA.post(
      "returns",
      { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "return", reason: "x", lineItemId: "li_1012_2" },
      { headers: ip },
    );
    expect(ret.status).toBe(422); // ineligible, but it looked the order up
    expect(ret.headers.get("ratelimit-remaining")).toBe("1");
    const message = await shopA.post("messages", { visitorId: "v-look", text: WHERE_IS_MY_ORDER }, { headers: ip });
    const messageBody = await expectOk<{ understanding: { intent: string } }>(message);
    expect(messageBody.understanding.intent).toBe("track_order");
    expect(message.headers.get("ratelimit-remaining")).toBe("0");

    const fourth = await shopA.post(
      "orders/lookup",
      { orderNumber: EMMA.orderNumber, email: EMMA.email },
      { headers: ip },
    );
    expect(fourth.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = await expectError(fourth, 429, "rate.limited");
    expect(body.error.details).toMatchObject({ bucket: "lookup" });
    expect(await metric(app.url, "concierge_rate_limited_total", { scope: "lookup" })).toBe(before + 1);
  });

  it("refuses a lookup typed into a message once the lookup bucket is spent", async () => {
    const ip = newClientIp();
    await freshRateWindow();
    for (let i = 0; i < 3; i++) {
      await expectOk(
        await shopA.post(
          "orders/lookup",
          { orderNumber: EMMA.orderNumber, postalCode: EMMA.postalCode },
          { headers: ip },
        ),
        `lookup ${i}`,
      );
    }
    await expectError(
      await shopA.post("messages", { visitorId: "v-look2", text: WHERE_IS_MY_ORDER }, { headers: ip }),
      429,
      "rate.limited",
    );
    // The refused turn was the visitor's first: it leaves no empty conversation behind.
    expect(count(app.databasePath, "SELECT count(*) AS n FROM conversations WHERE visitor_id = ?", "v-look2")).toBe(0);
    // A message that looks nothing up is still served (general bucket: 5th request).
    await expectOk(
      await shopA.post("messages", { visitorId: "v-look2", text: "hello" }, { headers: ip }),
      "plain message",
    );
  });

  it("does not draw from the lookup bucket for messages that look no order up", async () => {
    const ip = newClientIp();
    await freshRateWindow();
    await expectOk(
      await shopA.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip }),
      "lookup 1",
    );
    const plain = await shopA.post("messages", { visitorId: "v-plain", text: "hello" }, { headers: ip });
    await expectOk(plain, "plain 1");
    expect(plain.headers.get("ratelimit-limit")).toBe("5"); // the general bucket's headers
    await expectOk(
      await shopA.post("messages", { visitorId: "v-plain", text: "do you have gold rings?" }, { headers: ip }),
      "plain 2",
    );
    await expectOk(
      await shopA.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip }),
      "lookup 2",
    );
    const third = await shopA.post(
      "orders/lookup",
      { orderNumber: EMMA.orderNumber, email: EMMA.email },
      { headers: ip },
    );
    await expectOk(third, "lookup 3 (the two messages drew nothing)");
    expect(third.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("keeps lookup limits per shop and per IP", async () => {
    const ip = newClientIp();
    await freshRateWindow();
    for (let i = 0; i < 3; i++)
      await shopA.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip });
    await expectError(
      await shopA.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip }),
      429,
      "rate.limited",
    );
    await expectOk(
      await shopB.post("orders/lookup", { orderNumber: EMMA.orderNumber, email: EMMA.email }, { headers: ip }),
      "same IP, other shop",
    );
    await expectOk(
      await shopA.post(
        "orders/lookup",
        { orderNumber: EMMA.orderNumber, email: EMMA.email },
        { headers: newClientIp() },
      ),
      "other IP",
    );
  });
});
