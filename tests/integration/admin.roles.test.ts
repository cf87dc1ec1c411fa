// The role matrix over real HTTP in Shopify mode: session tokens minted with a test secret for staff of every role,
// against every admin page's loader and every action intent. Whatever the role may not do answers 403
// auth.forbidden; whatever it may do gets past the policy (here to input validation, so nothing changes).
// Also: the Shopify auth edges (bounce page, bots, stale or forged tokens, cross-site posts) and enrolment.

import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type StaffAction } from "~/concierge/staffPolicy";
import { STAFF_ROLES, type StaffRole } from "~/store/port";
import { startApp, type RunningApp } from "../support/app";
import { shopifyAdmin } from "../support/adminClient";
import {
  BROWSER_UA,
  embeddedUrl,
  seedShopifyShop,
  sessionToken,
  SHOPIFY_TEST,
  shopifyEnv,
  userOf,
} from "../support/shopifyAdmin";
import { query } from "../support/storefront";

const FRESH_SHOP = "aurora-fresh.myshopify.com";
let app: RunningApp;
let ids: { ticket: string; conversation: string; returnRequest: string };

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "aurora-roles-"));
  const databasePath = join(dataDir, "aurora.sqlite");
  await seedShopifyShop(databasePath);
  await seedShopifyShop(databasePath, { shop: FRESH_SHOP, staff: false });
  app = await startApp(shopifyEnv(), { dataDir });
  // Rows for the detail pages (ids only; the matrix never changes them).
  const { openSqliteStore } = await import("~/store/sqlite");
  ids = { ticket: "tkt_matrix", conversation: "conv_matrix", returnRequest: "ret_matrix" };
  const store = openSqliteStore(databasePath);
  const at = new Date().toISOString();
  await store.conversations.create(SHOPIFY_TEST.shop, {
    id: ids.conversation,
    visitorId: "v-matrix",
    customerId: null,
    state: {},
    lastIntent: "find_product",
    outcome: "escalated",
    escalated: true,
    rating: null,
    messageCount: 0,
    unread: 0,
    startedAt: at,
    updatedAt: at,
    erasedAt: null,
  });
  await store.tickets.create(SHOPIFY_TEST.shop, {
    id: ids.ticket,
    conversationId: ids.conversation,
    status: "open",
    priority: "normal",
    topic: "sizing",
    contact: { name: "Grace", email: "grace@example.com", phone: null },
    notes: null,
    preferredTime: null,
    assignee: null,
    context: {},
    internalNotes: [],
    events: [],
    // Due tomorrow: the worker's SLA sweep (which may first run after this row exists) must not touch it.
    slaDueAt: new Date(Date.now() + 86_400_000).toISOString(),
    createdAt: at,
    updatedAt: at,
  });
  await store.returns.create(SHOPIFY_TEST.shop, {
    id: ids.returnRequest,
    rma: "RMA-MATRIX",
    orderId: "order_1012",
    orderNumber: "1012",
    lineItemId: "li_1012_1",
    option: "return",
    reason: "Too big",
    newSize: null,
    status: "requested",
    eligibility: { eligible: true },
    conversationId: null,
    decisionNote: null,
    createdAt: at,
    decidedAt: null,
  });
  await store.close();
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const PAGES: { path: string; route: string; needs: StaffAction }[] = [
  { path: "/app", route: "routes/app._index", needs: "overview.view" },
  { path: "/app/conversations", route: "routes/app.conversations._index", needs: "conversations.view" },
  { path: "/app/conversations/conv_matrix", route: "routes/app.conversations.$id", needs: "conversations.view" },
  { path: "/app/tickets", route: "routes/app.tickets._index", needs: "tickets.view" },
  { path: "/app/tickets?view=csat", route: "routes/app.tickets._index", needs: "tickets.view" },
  { path: "/app/tickets/tkt_matrix", route: "routes/app.tickets.$id", needs: "tickets.view" },
  { path: "/app/returns", route: "routes/app.returns._index", needs: "returns.view" },
  { path: "/app/returns/ret_matrix", route: "routes/app.returns.$id", needs: "returns.view" },
  { path: "/app/rollout", route: "routes/app.rollout", needs: "rollout.view" },
  { path: "/app/settings", route: "routes/app.settings", needs: "settings.view" },
  { path: "/app/data-requests", route: "routes/app.data-requests._index", needs: "privacy.export" },
];

const INTENTS: { path: string; route: string; intent: string; needs: StaffAction; index?: boolean }[] = [
  ...["kill", "percent", "allowlist", "preview", "stages", "guarded"].map((intent) => ({
    path: "/app/rollout",
    route: "app.rollout",
    intent,
    needs: "rollout.change" as const,
  })),
  { path: "/app/tickets", route: "app.tickets._index", intent: "follow_up", needs: "tickets.work", index: true },
  ...["status", "assign", "note", "reply"].map((intent) => ({
    path: "/app/tickets/tkt_matrix",
    route: "app.tickets.$id",
    intent,
    needs: "tickets.work" as const,
  })),
  { path: "/app/returns/ret_matrix", route: "app.returns.$id", intent: "decide", needs: "returns.decide" },
  ...(
    [
      ["appearance", "settings.store"],
      ["returns", "settings.store"],
      ["hours", "settings.support"],
      ["faq_save", "settings.support"],
      ["faq_remove", "settings.support"],
      ["staff", "staff.manage"],
      ["catalog_sync", "catalog.manage"],
      ["catalog_import", "catalog.manage"],
      ["catalog_mapping", "catalog.manage"],
      ["locale", "settings.store"],
    ] as const
  ).map(([intent, needs]) => ({ path: "/app/settings", route: "app.settings", intent, needs })),
];

/** Every intent each admin route module declares (`name: intent({` inside its `adminAction`), read from the source. */
function declaredIntents(): string[] {
  const dir = "app/routes";
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /^app\..*\.tsx?$/.test(f))) {
    const source = readFileSync(join(dir, file), "utf8");
    if (!source.includes("adminAction(")) continue;
    const route = file.replace(/\.tsx?$/, "");
    const names = [...source.matchAll(/^\s+(\w+): intent\(\{/gm)].map((m) => `${route} ${m[1]}`);
    expect(names.length, `${file} declares intents`).toBeGreaterThan(0);
    found.push(...names);
  }
  return found.sort();
}

describe("the matrix itself", () => {
  it("covers every intent every admin route declares, so a new one cannot slip through untested", () => {
    expect(INTENTS.map((i) => `${i.route} ${i.intent}`).sort()).toEqual(declaredIntents());
  });
});

describe("role × page loader", () => {
  for (const role of STAFF_ROLES) {
    it(`${role}: every page it may see loads, every other answers 403`, async () => {
      const admin = shopifyAdmin(app, userOf(role));
      for (const page of PAGES) {
        const res = await admin.load(page.path, page.route);
        if (can(role, page.needs)) {
          expect(res.status, `${role} ${page.path}`).toBe(200);
        } else {
          expect(res.status, `${role} ${page.path}`).toBe(403);
          expect(res.body.error.code, `${role} ${page.path}`).toBe("auth.forbidden");
        }
      }
    });
  }
});

describe("role × action", () => {
  for (const role of STAFF_ROLES) {
    it(`${role}: each intent is refused with 403 unless its role allows it`, async () => {
      const admin = shopifyAdmin(app, userOf(role));
      for (const item of INTENTS) {
        // No other field: an allowed role gets past the policy and stops at validation, so nothing changes.
        const res = await admin.act(item.path, { intent: item.intent }, { index: item.index });
        const label = `${role} ${item.path} ${item.intent}`;
        if (can(role, item.needs)) {
          expect(res.status, label).toBe(400);
          expect(res.body.error.code, label).toBe("validation.failed");
        } else {
          expect(res.status, label).toBe(403);
          expect(res.body.error.code, label).toBe("auth.forbidden");
        }
      }
    });
  }

  it("nothing changed through the whole matrix", () => {
    const [ticket] = query<{ status: string; version: number }>(
      app.databasePath,
      "SELECT status, version FROM tickets WHERE id = 'tkt_matrix'",
    );
    expect(ticket).toEqual({ status: "open", version: 1 });
    const audit = query(
      app.databasePath,
      "SELECT action FROM audit_log WHERE shop = ? AND action NOT IN ('rollout.update', 'staff.enrolled')",
      SHOPIFY_TEST.shop,
    );
    expect(audit).toEqual([]);
  });
});

describe("role × download", () => {
  it("a data-request report downloads for owners and admins only", async () => {
    for (const role of STAFF_ROLES) {
      const res = await fetch(`${app.url}/app/data-requests/dr_missing`, {
        headers: { "user-agent": BROWSER_UA, authorization: `Bearer ${sessionToken(userOf(role))}` },
      });
      const body = (await res.json()) as { error: { code: string } };
      // Allowed roles reach the report (none by that id here); the others are refused before it is looked up.
      expect([res.status, body.error.code], role).toEqual(
        can(role, "privacy.export") ? [404, "data_request.not_found"] : [403, "auth.forbidden"],
      );
    }
  });
});

describe("what each role sees", () => {
  const revenueIn = async (role: StaffRole) => {
    const res = await shopifyAdmin(app, userOf(role)).load("/app", "routes/app._index");
    return "revenue" in res.body.numbers.totals;
  };

  it("financial totals only for owners, admins and viewers; never for agents or support leads", async () => {
    for (const role of STAFF_ROLES) expect(await revenueIn(role), role).toBe(can(role, "overview.financials"));
  });

  it("the menu lists only the pages the role may open", async () => {
    for (const role of STAFF_ROLES) {
      const shell = await shopifyAdmin(app, userOf(role)).load("/app", "routes/app");
      const labels = shell.body.nav.map((n: { label: string }) => n.label);
      expect(labels.includes("Settings"), role).toBe(can(role, "settings.view"));
      expect(labels.includes("Rollout"), role).toBe(can(role, "rollout.view"));
      expect(labels).toContain("Tickets");
    }
  });
});

describe("Shopify auth edges", () => {
  const doc = (path: string, token: string | null, ua = BROWSER_UA) =>
    fetch(app.url + embeddedUrl(path, token), { headers: { "user-agent": ua }, redirect: "manual" });

  it("a document with a session token renders with the library's frame policy and the real App Bridge script", async () => {
    const res = await doc("/app/tickets", sessionToken(userOf("agent")));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain(
      `frame-ancestors https://${SHOPIFY_TEST.shop} https://admin.shopify.com`,
    );
    const html = await res.text();
    expect(html).toContain('src="https://cdn.shopify.com/shopifycloud/app-bridge.js"');
    expect(html).toContain(`data-api-key="${SHOPIFY_TEST.apiKey}"`);
    expect(html).not.toContain("app-bridge-local.js");
    expect((await fetch(`${app.url}/app-bridge-local.js`)).status).toBe(404);
  });

  it("without a token the document goes to the bounce page, which loads App Bridge to fetch one", async () => {
    const res = await doc("/app", null);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/auth\/session-token\?/);
    const bounce = await fetch(app.url + location, { headers: { "user-agent": BROWSER_UA } });
    expect(bounce.status).toBe(200);
    expect(await bounce.text()).toContain("https://cdn.shopify.com/shopifycloud/app-bridge.js");
  });

  it("bots get 410; expired or forged tokens get 401 with the retry header", async () => {
    expect((await doc("/app", sessionToken(userOf("owner")), "curl/8.5.0")).status).toBe(410);
    for (const token of [
      sessionToken(userOf("owner"), { ttlSeconds: -60 }),
      sessionToken(userOf("owner"), { secret: "a-different-secret-entirely-0000" }),
      sessionToken(userOf("owner"), { apiKey: "someone-elses-app" }),
    ]) {
      const res = await fetch(`${app.url}/app/tickets.data`, {
        headers: { "user-agent": BROWSER_UA, authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-shopify-retry-invalid-session-request")).toBe("1");
    }
  });

  it("a post carrying the token only in its URL (a forged form) is refused: mutations need the header", async () => {
    const res = await fetch(app.url + embeddedUrl("/app/rollout", sessionToken(userOf("owner"))), {
      method: "POST",
      headers: { "user-agent": BROWSER_UA, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=kill&seen=x&enabled=false",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(query(app.databasePath, "SELECT 1 FROM audit_log WHERE action = 'rollout.killed'")).toEqual([]);
  });
});

describe("staff enrolment and roles", () => {
  const freshToken = (userId: string) => sessionToken(userId, { shop: FRESH_SHOP });
  const freshLoad = async (userId: string) => {
    const res = await fetch(`${app.url}/app.data?_routes=routes/app`, {
      headers: { "user-agent": BROWSER_UA, authorization: `Bearer ${freshToken(userId)}` },
    });
    expect(res.status).toBe(200);
    return query<{ user_id: string; role: string }>(
      app.databasePath,
      "SELECT user_id, role FROM staff WHERE shop = ? ORDER BY user_id",
      FRESH_SHOP,
    );
  };

  it("the first staff user on a shop with no owner becomes its owner; the next ones start as viewers", async () => {
    expect(await freshLoad("9001")).toEqual([{ user_id: "9001", role: "owner" }]);
    expect(await freshLoad("9002")).toEqual([
      { user_id: "9001", role: "owner" },
      { user_id: "9002", role: "viewer" },
    ]);
    expect(await freshLoad("9001")).toHaveLength(2);
  });

  it("owners and admins assign roles in Settings; only owners touch owners; nobody changes their own role", async () => {
    const owner = shopifyAdmin(app, userOf("owner"));
    const admin = shopifyAdmin(app, userOf("admin"));
    const change = (client: typeof owner, userId: string, role: string) =>
      client.act("/app/settings", { intent: "staff", userId, role, name: `User ${userId}`, email: "" });

    const promoted = await admin.act("/app/settings", {
      intent: "staff",
      userId: userOf("viewer"),
      role: "agent",
      name: "Victor Viewer",
      email: "victor@aurora.example",
    });
    expect(promoted.status).toBe(200);
    expect((await change(admin, userOf("owner"), "viewer")).body.error.code).toBe("staff.owners_only");
    expect((await change(admin, userOf("support_lead"), "owner")).body.error.code).toBe("staff.owners_only");
    expect((await change(owner, userOf("owner"), "admin")).body.error.code).toBe("staff.own_role");
    expect((await change(owner, userOf("viewer"), "viewer")).status).toBe(200);
    const roles = query<{ user_id: string; role: string }>(
      app.databasePath,
      "SELECT user_id, role FROM staff WHERE shop = ? ORDER BY user_id",
      SHOPIFY_TEST.shop,
    );
    expect(roles.map((r) => r.role)).toEqual(["owner", "admin", "support_lead", "agent", "viewer"]);
    const audit = query<{ action: string; actor: string }>(
      app.databasePath,
      "SELECT action, actor FROM audit_log WHERE shop = ? AND action = 'staff.role_changed' ORDER BY at",
      SHOPIFY_TEST.shop,
    );
    expect(audit).toEqual([
      { action: "staff.role_changed", actor: userOf("admin") },
      { action: "staff.role_changed", actor: userOf("owner") },
    ]);
  });
});
