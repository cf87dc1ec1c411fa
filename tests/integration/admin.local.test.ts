// The embedded admin in local mode over real HTTP: open only from this machine, mutations only from its own pages,
// a kill switch and appearance that reach /proxy/config, a guarded rollout that pauses itself on a seeded
// error-rate breach (and says why), request stats recorded from the storefront path, and the app's own 404.

import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { localAdmin, type AdminClient } from "../support/adminClient";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { seedStageTraffic } from "../support/rolloutBreach";
import { count, DEMO_SHOP, eventually, query } from "../support/storefront";

let app: RunningApp;
let admin: AdminClient;
let shopper: ProxyClient;

beforeAll(async () => {
  app = await startApp({ ROLLOUT_CHECK_SECONDS: "1", RATE_LIMIT_PER_MINUTE: "100000" });
  admin = localAdmin(app);
  shopper = proxyClient(app.url, { shop: DEMO_SHOP, secret: localSecret(app.dataDir) });
});
afterAll(async () => {
  await app?.stop();
});

async function rolloutSeen(): Promise<string> {
  const page = await admin.load("/app/rollout", "routes/app.rollout");
  expect(page.status).toBe(200);
  return page.body.rollout.updatedAt as string;
}

async function config(visitorId = "v-admin-local") {
  return (await (await shopper.get("config", { visitorId })).json()) as {
    enabled: boolean;
    reason: string;
    appearance: Record<string, unknown>;
  };
}

/** GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(path: string, host: string): Promise<number> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("local mode: who may open the admin", () => {
  it("opens /app as the demo shop's owner from loopback, with its own frame policy and the local App Bridge", async () => {
    const res = await admin.document("/app");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe("frame-ancestors 'self'");
    expect(res.headers.get("link")).toBeNull();
    const html = await res.text();
    expect(html).toContain('src="/app-bridge-local.js"');
    expect(html).not.toContain("cdn.shopify.com");
    expect(html).toContain("Local owner");
    const staff = query<{ role: string }>(
      app.databasePath,
      "SELECT role FROM staff WHERE shop = ? AND user_id = ?",
      DEMO_SHOP,
      "local-owner",
    );
    expect(staff).toEqual([{ role: "owner" }]);
    const stub = await fetch(`${app.url}/app-bridge-local.js`);
    expect(stub.headers.get("content-type")).toContain("javascript");
    expect(await stub.text()).toContain("window.shopify");
  });

  it("refuses a request whose Host is not loopback (DNS rebinding)", async () => {
    expect(await getWithHost("/app", "127.0.0.1")).toBe(200);
    expect(await getWithHost("/app", "evil.example")).toBe(403);
  });

  it("refuses a mutation without the page's own Origin, or from another origin", async () => {
    const fields = { intent: "percent", seen: await rolloutSeen(), percent: "50" };
    for (const origin of [null, "https://evil.example"]) {
      const refused = await localAdmin(app, { origin }).act("/app/rollout", fields);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("auth.cross_site");
    }
    expect(count(app.databasePath, "SELECT count(*) AS n FROM audit_log WHERE action = 'rollout.percent'")).toBe(0);
  });
});

describe("local mode: changes reach the storefront", () => {
  it("the kill switch reaches /proxy/config within 30 s, audited with before and after", async () => {
    expect((await config()).enabled).toBe(true);
    const killed = await admin.act("/app/rollout", { intent: "kill", seen: await rolloutSeen(), enabled: "false" });
    expect(killed).toMatchObject({ status: 200, body: { ok: true, message: expect.stringContaining("off") } });
    const waited = await eventually(async () => (await config()).reason === "killed", 30_000, 250);
    expect(waited).toBeLessThan(30_000);
    const [entry] = query<{ actor: string; before: string; after: string }>(
      app.databasePath,
      "SELECT actor, before, after FROM audit_log WHERE shop = ? AND action = 'rollout.killed'",
      DEMO_SHOP,
    );
    expect(entry.actor).toBe("local-owner");
    expect(JSON.parse(entry.before).enabled).toBe(true);
    expect(JSON.parse(entry.after).enabled).toBe(false);

    const stale = await admin.act("/app/rollout", {
      intent: "kill",
      seen: "2020-01-01T00:00:00.000Z",
      enabled: "true",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("rollout.conflict");
    const back = await admin.act("/app/rollout", { intent: "kill", seen: await rolloutSeen(), enabled: "true" });
    expect(back.status).toBe(200);
    await eventually(async () => (await config()).enabled === true, 30_000, 250);
  });

  it("appearance saved in Settings is what /proxy/config serves", async () => {
    const saved = await admin.act("/app/settings", {
      intent: "appearance",
      position: "bottom-left",
      accentColor: "#7a5c3e",
      launcherLabel: "Ask Aurora",
      greeting: "Bonjour! Looking for something?",
    });
    expect(saved.status).toBe(200);
    await eventually(async () => (await config()).appearance.launcherLabel === "Ask Aurora", 30_000, 250);
    expect((await config()).appearance).toMatchObject({ position: "bottom-left", accentColor: "#7a5c3e" });
    const bad = await admin.act("/app/settings", {
      intent: "appearance",
      position: "top",
      accentColor: "red",
      launcherLabel: "",
      greeting: "x",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
  });
});

describe("local mode: the guarded rollout judges itself", () => {
  it("a seeded error-rate breach pauses the rollout by itself, with the reason in the audit log", async () => {
    const started = await admin.act("/app/rollout", { intent: "guarded", seen: await rolloutSeen(), step: "start" });
    expect(started.status).toBe(200);
    // The stage's traffic: 120 conversations and 1,000 storefront requests, 30 of them 5xx (3% > the 2% gate).
    seedStageTraffic(app.databasePath, DEMO_SHOP, { conversations: 120, requests: 1000, errors: 30, prefix: "breach" });

    await eventually(
      async () =>
        count(app.databasePath, "SELECT count(*) AS n FROM audit_log WHERE action = 'rollout.guarded.pause'") > 0,
      20_000,
      250,
    );
    const [pause] = query<{ actor: string; reason: string }>(
      app.databasePath,
      "SELECT actor, reason FROM audit_log WHERE shop = ? AND action = 'rollout.guarded.pause'",
      DEMO_SHOP,
    );
    expect(pause.actor).toBe("guarded-rollout");
    expect(JSON.parse(pause.reason)).toMatch(
      /^Paused at beta \(allowlist only\): error rate 3\.0% \(30 of 1\d{3} requests\) is over the 2\.0% limit\.$/,
    );

    const page = await admin.load("/app/rollout", "routes/app.rollout");
    expect(page.body.rollout.guarded.paused.reason).toMatch(/error rate 3\.0%/);
    const log = page.body.audit.items.find((e: { action: string }) => e.action === "rollout.guarded.pause");
    expect(log.reason).toMatch(/over the 2\.0% limit/);
    // Paused means judged no more: no second decision while it stays paused.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(
      count(
        app.databasePath,
        "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'rollout.guarded.%' AND actor = 'guarded-rollout'",
      ),
    ).toBe(1);
    await admin.act("/app/rollout", { intent: "guarded", seen: page.body.rollout.updatedAt, step: "stop" });
  });
});

describe("local mode: request stats and the overview", () => {
  it("storefront answers are counted per shop and hour, and the overview reads them", async () => {
    const before = query<{ requests: number }>(
      app.databasePath,
      "SELECT coalesce(sum(requests), 0) AS requests FROM request_stats WHERE shop = ?",
      DEMO_SHOP,
    )[0].requests;
    for (let i = 0; i < 5; i++) expect((await shopper.get("config", { visitorId: `v-stats-${i}` })).status).toBe(200);
    // Flushed from memory every 5 s.
    await eventually(
      async () =>
        query<{ requests: number }>(
          app.databasePath,
          "SELECT sum(requests) AS requests FROM request_stats WHERE shop = ?",
          DEMO_SHOP,
        )[0].requests >=
        before + 5,
      15_000,
      250,
    );
    const overview = await admin.load("/app?days=7", "routes/app._index");
    expect(overview.status).toBe(200);
    expect(overview.body.numbers.totals.requests).toBeGreaterThanOrEqual(before + 5);
    expect(overview.body.numbers.totals.p95Ms).toBeGreaterThan(0);
    expect(overview.body.numbers.days).toHaveLength(7);
    expect(overview.body.checklist.map((i: { id: string }) => i.id)).toEqual([
      "app_embed",
      "catalog",
      "business_hours",
      "first_conversation",
    ]);
    expect(overview.body.checklist.find((i: { id: string }) => i.id === "app_embed").done).toBe(true);
  });
});

describe("local mode: the platform sections of Settings", () => {
  it("says email is off, offers the CSV import but not the Shopify sync, and the checklist counts the demo catalog", async () => {
    const page = await admin.load("/app/settings", "routes/app.settings");
    expect(page.status).toBe(200);
    const { mail, catalog, dataRequests } = page.body.platform;
    expect(mail.message).toMatch(/^Emails are not sent: SMTP_URL is not set\./);
    // The local owner has no email address: the page says alerts reach no one rather than pretending.
    expect(mail.alertRecipients).toEqual([]);
    expect(catalog).toMatchObject({ syncAvailable: false, sync: { status: "never" } });
    expect(catalog.products).toBeGreaterThan(0);
    expect(dataRequests).toEqual({ items: [], nextCursor: null });
    const sync = await admin.act("/app/settings", { intent: "catalog_sync", seen: "" });
    expect([sync.status, sync.body.error.code]).toEqual([409, "catalog.sync_unavailable"]);
    const overview = await admin.load("/app", "routes/app._index");
    expect(overview.body.checklist.find((i: { id: string }) => i.id === "catalog")).toMatchObject({ done: true });

    const form = new FormData();
    form.set("intent", "catalog_import");
    form.set("file", new Blob(["Handle,Title,Variant Price\nplain-band,Plain Band Ring,120\n"]), "export.csv");
    const imported = await admin.act("/app/settings", form);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.result).toMatchObject({ rows: 1, imported: 1, errors: [] });
    await eventually(() => query(app.databasePath, "SELECT 1 FROM products WHERE id = 'csv_plain-band'").length === 1);
    // A multipart post from another site is refused like any other.
    const forged = await localAdmin(app, { origin: "http://evil.example" }).act("/app/settings", form);
    expect(forged.status).toBe(403);
  });
});

describe("unknown paths", () => {
  it("answer the app's own 404: a page for browsers, the envelope for API paths, one log line and no stack", async () => {
    const page = await fetch(`${app.url}/no/such/page`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<h1>Page not found</h1>");

    for (const path of ["/webhooks/nope", "/api/nope", "/auth/nope"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { accept: "text/html" } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe("route.not_found");
    }
    const json = await fetch(`${app.url}/no/such/thing`, { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("route.not_found");

    const admin404 = await admin.document("/app/no-such-page");
    expect(admin404.status).toBe(404);
    expect(await admin404.text()).toContain("There is no admin page at this address.");

    const marker = `/missing-${Date.now()}`;
    await fetch(`${app.url}${marker}`, { headers: { accept: "text/html" } });
    await eventually(async () => app.logs().includes(marker), 5_000, 100);
    const lines = app
      .logs()
      .split("\n")
      .filter((l) => l.includes(marker));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ status: 404, msg: "no route for this path" });
    expect(app.logs()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
