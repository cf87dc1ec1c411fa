// The security matrix: every /proxy endpoint × every way in that must not work — unsigned, tampered, stale,
// repeated identity keys, another tenant's or another visitor's conversation, path tricks, oversized and
// aborted bodies. Each cell asserts the exact refusal, over real HTTP.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyPathTemplates } from "~/storefront/routes.server";
import type { RunningApp } from "../support/app";
import { proxySignature, signedUrl } from "../support/proxy";
import { DEMO_SHOP, expectError, expectOk, metric, seedShop } from "../support/storefront";
import { abortMidBody, rawRequest, startReliabilityApp } from "./support";

const OTHER_SHOP = "other-shop.myshopify.com";
const OWNER = "v-matrix-owner";

interface Call {
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
}

interface Endpoint {
  method: "GET" | "POST" | "DELETE";
  template: string;
  /** A request this endpoint accepts from the owner (conversationId: the owner's, where the endpoint takes one). */
  valid: (conversationId: string, visitorId: string) => Call;
  /** Whether the request above names the conversation (then another visitor or tenant must get the same 404). */
  namesConversation: boolean;
}

const ENDPOINTS: Endpoint[] = [
  {
    method: "GET",
    template: "/proxy/config",
    valid: (_c, v) => ({ path: "config", query: { visitorId: v } }),
    namesConversation: false,
  },
  {
    method: "POST",
    template: "/proxy/messages",
    valid: (c, v) => ({ path: "messages", query: {}, body: { visitorId: v, conversationId: c, text: "gold hoops" } }),
    namesConversation: true,
  },
  {
    method: "GET",
    template: "/proxy/products",
    valid: () => ({ path: "products", query: { category: "ring", limit: "2" } }),
    namesConversation: false,
  },
  {
    method: "POST",
    template: "/proxy/orders/lookup",
    valid: () => ({
      path: "orders/lookup",
      query: {},
      body: { orderNumber: "#1012", email: "emma.thompson@example.com" },
    }),
    namesConversation: false,
  },
  {
    method: "POST",
    template: "/proxy/returns",
    valid: (c, v) => ({
      path: "returns",
      query: {},
      body: {
        orderNumber: "#1012",
        email: "emma.thompson@example.com",
        option: "care",
        reason: "cleaning",
        visitorId: v,
        conversationId: c,
      },
    }),
    namesConversation: true,
  },
  {
    method: "POST",
    template: "/proxy/escalations",
    valid: (c, v) => ({
      path: "escalations",
      query: {},
      body: { visitorId: v, conversationId: c, contact: { name: "Ada", email: "ada@example.com" }, topic: "sizing" },
    }),
    namesConversation: true,
  },
  {
    method: "POST",
    template: "/proxy/csat",
    valid: (c, v) => ({ path: "csat", query: {}, body: { visitorId: v, conversationId: c, rating: 4 } }),
    namesConversation: true,
  },
  {
    method: "GET",
    template: "/proxy/conversations/{id}",
    valid: (c, v) => ({ path: `conversations/${c}`, query: { visitorId: v } }),
    namesConversation: true,
  },
  {
    method: "DELETE",
    template: "/proxy/conversations/{id}",
    valid: (c, v) => ({ path: `conversations/${c}`, query: { visitorId: v } }),
    namesConversation: true,
  },
  {
    method: "POST",
    template: "/proxy/shortlist",
    valid: (c, v) => ({
      path: "shortlist",
      query: {},
      body: { visitorId: v, conversationId: c, productIds: ["prod_1001"] },
    }),
    namesConversation: true,
  },
  {
    method: "GET",
    template: "/proxy/shortlist/{id}",
    valid: () => ({ path: "shortlist/sl_missing", query: {} }),
    namesConversation: false,
  },
  {
    method: "POST",
    template: "/proxy/events",
    valid: (_c, v) => ({
      path: "events",
      query: {},
      body: { visitorId: v, events: [{ name: "widget_open", at: new Date().toISOString() }] },
    }),
    namesConversation: false,
  },
];

let app: RunningApp & { secret: string; port: number };
let conversationId: string;

beforeAll(async () => {
  app = await startReliabilityApp();
  await seedShop(app.databasePath, OTHER_SHOP);
  const res = await fetch(signedUrl(app.url, "messages", {}, { shop: DEMO_SHOP, secret: app.secret }), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ visitorId: OWNER, text: "hello" }),
  });
  conversationId = (await expectOk<{ conversationId: string }>(res, "owner's conversation")).conversationId;
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

function send(endpoint: Endpoint, url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: endpoint.method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The signed URL's parameters, to rebuild it with one thing changed. */
function signedParams(call: Call, o: { shop?: string; timestamp?: number } = {}): [string, string][] {
  const params: [string, string][] = [
    ...Object.entries(call.query),
    ["shop", o.shop ?? DEMO_SHOP],
    ["logged_in_customer_id", ""],
    ["path_prefix", "/apps/concierge"],
    ["timestamp", String(o.timestamp ?? Math.floor(Date.now() / 1000))],
  ];
  params.push(["signature", proxySignature(params, app.secret)]);
  return params;
}

const urlOf = (path: string, params: [string, string][]) => `${app.url}/proxy/${path}?${new URLSearchParams(params)}`;

describe("the security matrix of the storefront API", () => {
  it("covers every endpoint of the route table", () => {
    const covered = new Set(ENDPOINTS.map((e) => e.template));
    expect(proxyPathTemplates().filter((t) => !covered.has(t))).toEqual([]);
  });

  for (const endpoint of ENDPOINTS) {
    describe(`${endpoint.method} ${endpoint.template}`, () => {
      const call = () => endpoint.valid(conversationId, OWNER);

      it("refuses unsigned, tampered, stale and repeated-identity-key requests with 401", async () => {
        const c = call();
        const params = signedParams(c);
        const refusals: [string, string][] = [
          ["unsigned", urlOf(c.path, Object.entries(c.query))],
          [
            "tampered value",
            urlOf(
              c.path,
              params.map(([k, v]) => [k, k === "path_prefix" ? "/apps/other" : v]),
            ),
          ],
          ["unsigned extra", urlOf(c.path, [...params, ["visitorId", "someone"]])],
          ["stale", urlOf(c.path, signedParams(c, { timestamp: Math.floor(Date.now() / 1000) - 120 }))],
          ["future", urlOf(c.path, signedParams(c, { timestamp: Math.floor(Date.now() / 1000) + 120 }))],
          ["shop twice", urlOf(c.path, [["shop", OTHER_SHOP], ...params])],
          ["signature twice", urlOf(c.path, [...params, params[params.length - 1]])],
          ["customer twice", urlOf(c.path, [...params, ["logged_in_customer_id", "cust_1"]])],
          ["timestamp twice", urlOf(c.path, [...params, ["timestamp", params.find(([k]) => k === "timestamp")![1]]])],
          ["hmac added", urlOf(c.path, [...params, ["hmac", "0".repeat(64)]])],
        ];
        for (const [label, url] of refusals) {
          await expectError(await send(endpoint, url, c.body), 401, "auth.invalid_signature", label);
        }
      });

      if (endpoint.namesConversation) {
        it("answers another visitor and another tenant naming the owner's conversation with the same 404", async () => {
          const asOther = endpoint.valid(conversationId, "v-matrix-intruder");
          await expectError(
            await send(endpoint, urlOf(asOther.path, signedParams(asOther)), asOther.body),
            404,
            "conversation.not_found",
            "another visitor",
          );
          const otherTenant = call();
          await expectError(
            await send(
              endpoint,
              urlOf(otherTenant.path, signedParams(otherTenant, { shop: OTHER_SHOP })),
              otherTenant.body,
            ),
            404,
            "conversation.not_found",
            "another tenant, same visitor id",
          );
        });
      }

      it("keeps path tricks inside the pipeline: a signed 404 or an unsigned 401, never another route", async () => {
        const c = call();
        const params = new URLSearchParams(signedParams(c)).toString();
        const segments = c.path.split("/");
        const tricks = [
          ...(segments.length > 1 ? [`/proxy/${segments.join("%2f")}`] : []),
          `/proxy//${c.path}`,
          `/proxy/${c.path}/..`,
          `/proxy/../proxy/${c.path}`,
          `/proxy/${c.path}%00`,
        ];
        for (const trick of tricks) {
          const answer = await rawRequest(app.port, {
            method: endpoint.method,
            path: `${trick}?${params}`,
            headers: { "content-type": "application/json" },
            body: c.body ? JSON.stringify(c.body) : undefined,
            closeWithinMs: 0,
          });
          expect([400, 401, 404], `${trick} → ${answer.status} ${answer.body.slice(0, 200)}`).toContain(answer.status);
          expect(answer.headers["content-type"], trick).toMatch(/^application\/json/);
        }
      });

      if (endpoint.method === "POST") {
        it("answers oversized bodies with 413 and closes, and survives aborted ones", async () => {
          const c = call();
          const path = new URL(signedUrl(app.url, c.path, c.query, { shop: DEMO_SHOP, secret: app.secret }));
          const target = `${path.pathname}${path.search}`;
          for (const chunked of [false, true]) {
            const answer = await rawRequest(app.port, {
              method: "POST",
              path: target,
              headers: { "content-type": "application/json" },
              body: Buffer.alloc(chunked ? 1_500_000 : 100_000, "a"),
              chunked,
            });
            expect(answer.status, `chunked: ${chunked}`).toBe(413);
            expect(JSON.parse(answer.body).error.code).toBe("request.too_large");
            expect(answer.closedByServer).toBe(true);
          }
          const route = `proxy.${endpoint.template.slice("/proxy/".length).replace("/", ".")}`;
          const errors = () => metric(app.url, "concierge_http_requests_total", { route, status: "500" });
          const before = await errors();
          await abortMidBody(app.port, target, 2_000, 500);
          expect(await errors()).toBe(before);
          expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
        });
      }
    });
  }
});
