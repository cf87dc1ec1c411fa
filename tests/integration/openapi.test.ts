// Keeps Docs/api/concierge-openapi.yaml honest: the document is valid, every documented operation is served,
// every served /proxy route is documented, and real responses of the built server match the document.

import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyPathTemplates } from "~/storefront/routes.server";
import { startApp, type RunningApp } from "../support/app";
import {
  documentedOperations,
  expectResponseMatchesSpec,
  findOperation,
  operationParameters,
  rawSpec,
} from "../support/openapi";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";

const SHOP = "aurora-demo.myshopify.com";
const VISITOR = "v-openapi";
const METHODS = ["GET", "POST", "DELETE"] as const;
const APP_PROXY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"];

interface Sample {
  /** Concrete path ("/proxy/conversations/conv_doesnotexist"). */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** A minimal valid request for each documented operation (templated ids point at nothing). */
const SAMPLES: Record<string, Sample> = {
  "GET /proxy/config": { path: "/proxy/config", query: { visitorId: VISITOR } },
  "POST /proxy/messages": { path: "/proxy/messages", body: { visitorId: VISITOR, text: "hello" } },
  "GET /proxy/products": { path: "/proxy/products", query: { limit: "2" } },
  "POST /proxy/orders/lookup": {
    path: "/proxy/orders/lookup",
    body: { orderNumber: "#999999", email: "nobody@example.com" },
  },
  "POST /proxy/returns": {
    path: "/proxy/returns",
    body: { orderNumber: "#999999", email: "nobody@example.com", option: "return", reason: "OpenAPI check" },
  },
  "POST /proxy/escalations": {
    path: "/proxy/escalations",
    body: { visitorId: VISITOR, contact: { name: "OpenAPI Check", email: "openapi@example.com" }, topic: "general" },
  },
  "POST /proxy/csat": {
    path: "/proxy/csat",
    body: { conversationId: "conv_doesnotexist", visitorId: VISITOR, rating: 5 },
  },
  "GET /proxy/conversations/{id}": { path: "/proxy/conversations/conv_doesnotexist", query: { visitorId: VISITOR } },
  "DELETE /proxy/conversations/{id}": { path: "/proxy/conversations/conv_doesnotexist", query: { visitorId: VISITOR } },
  "POST /proxy/shortlist": {
    path: "/proxy/shortlist",
    body: { visitorId: VISITOR, productIds: ["prod_doesnotexist"] },
  },
  "GET /proxy/shortlist/{id}": { path: "/proxy/shortlist/sl_doesnotexist" },
  "POST /proxy/events": {
    path: "/proxy/events",
    body: { visitorId: VISITOR, events: [{ name: "widget_open", at: new Date().toISOString() }] },
  },
  "GET /api/health": { path: "/api/health" },
  "GET /api/ready": { path: "/api/ready" },
  "GET /api/metrics": { path: "/api/metrics" },
};

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  contentType: string;
}

async function read(res: Response): Promise<Answer> {
  const contentType = res.headers.get("content-type") ?? "";
  const raw = await res.text();
  let body: unknown = raw;
  if (/json/i.test(contentType)) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
  }
  return { status: res.status, headers: res.headers, body, contentType };
}

/** Whether every body valid against `schema` must carry `requestId` (through allOf / oneOf / anyOf). */
function requiresRequestId(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  if (Array.isArray(schema.required) && schema.required.includes("requestId")) return true;
  const all = schema.allOf as Record<string, unknown>[] | undefined;
  if (all?.some(requiresRequestId)) return true;
  for (const key of ["oneOf", "anyOf"]) {
    const alternatives = schema[key] as Record<string, unknown>[] | undefined;
    if (alternatives?.length && alternatives.every(requiresRequestId)) return true;
  }
  return false;
}

function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | null)?.error?.code;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const raw = rawSpec();
    expect(raw.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(raw as never)).resolves.toBeTruthy();
  });

  it("documents the app-proxy parameters, request ids, idempotency and rate limits on every storefront operation", () => {
    const ops = documentedOperations();
    expect(ops.length).toBeGreaterThanOrEqual(15);
    for (const { method, path } of ops) {
      const label = `${method} ${path}`;
      const params = operationParameters(method, path);
      const names = params.map((p) => `${p.in}:${p.name.toLowerCase()}`);
      expect(names, label).toContain("header:x-request-id");
      const { operation } = findOperation(method, path);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(
          Object.keys(response.headers ?? {}).map((h) => h.toLowerCase()),
          `${label} ${status} x-request-id`,
        ).toContain("x-request-id");
      }
      if (!path.startsWith("/proxy/")) continue;
      for (const key of APP_PROXY_PARAMS) expect(names, `${label} ${key}`).toContain(`query:${key}`);
      expect(operation.security, label).toEqual([{ appProxySignature: [] }]);
      expect(operation.responses["401"], `${label} 401`).toBeDefined();
      expect(operation.responses["429"], `${label} 429`).toBeDefined();
      expect(Object.keys(operation.responses["429"].headers ?? {}), `${label} 429 headers`).toEqual(
        expect.arrayContaining(["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]),
      );
      expect(Object.keys(operation.responses["200"].headers ?? {}), `${label} 200 headers`).toEqual(
        expect.arrayContaining(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]),
      );
      if (path !== "/proxy/config") expect(operation.responses["503"], `${label} 503`).toBeDefined();
      if (method === "POST") {
        expect(names, `${label} Idempotency-Key`).toContain("header:idempotency-key");
        expect(operation.requestBody?.required, `${label} body`).toBe(true);
        expect(Object.keys(operation.responses["200"].headers ?? {}), `${label} Idempotent-Replay`).toContain(
          "Idempotent-Replay",
        );
        for (const status of ["400", "409", "413", "415", "422"])
          expect(operation.responses[status], `${label} ${status}`).toBeDefined();
      }
    }
  });

  it("has a checker that refuses bodies breaking the document", () => {
    const card = {
      id: "prod_1",
      handle: "ring",
      title: "Ring",
      price: 240,
      currency: "USD",
      category: "ring",
      readyToShip: true,
      url: "/products/ring",
    };
    const ok = { products: [card], nextCursor: null, requestId: "r-1" };
    expect(() => expectResponseMatchesSpec("GET", "/proxy/products?limit=1", 200, ok)).not.toThrow();
    const { url: _url, ...withoutUrl } = card;
    expect(() => expectResponseMatchesSpec("GET", "/proxy/products", 200, { ...ok, products: [withoutUrl] })).toThrow(
      /url/,
    );
    expect(() =>
      expectResponseMatchesSpec("GET", "/proxy/products", 200, { ...ok, products: [{ ...card, metal: "bronze" }] }),
    ).toThrow();

    const turn = {
      conversationId: "conv_1",
      understanding: { intent: "greeting", confidence: 1, entities: {}, source: "rules" },
      requestId: "r-2",
    };
    const text = { id: "msg_1", type: "text", text: "Hello" };
    expect(() =>
      expectResponseMatchesSpec("POST", "/proxy/messages", 200, { ...turn, messages: [text] }),
    ).not.toThrow();
    expect(() =>
      expectResponseMatchesSpec("POST", "/proxy/messages", 200, {
        ...turn,
        messages: [{ id: "msg_2", type: "order_status" }],
      }),
    ).toThrow();
    expect(() =>
      expectResponseMatchesSpec("POST", "/proxy/messages", 200, {
        ...turn,
        understanding: { ...turn.understanding, intent: "chitchat" },
        messages: [],
      }),
    ).toThrow();
    expect(() =>
      expectResponseMatchesSpec("POST", "/proxy/messages", 200, {
        ...turn,
        understanding: { ...turn.understanding, confidence: 1.5 },
        messages: [],
      }),
    ).toThrow();

    expect(() =>
      expectResponseMatchesSpec("GET", "/proxy/conversations/conv_x", 404, {
        error: { code: "conversation.not_found", message: "no" },
        requestId: "r-3",
      }),
    ).not.toThrow();
    expect(() =>
      expectResponseMatchesSpec("GET", "/proxy/conversations/conv_x", 404, {
        error: { code: "order.not_found", message: "no" },
        requestId: "r-3",
      }),
    ).toThrow();
    expect(() => expectResponseMatchesSpec("GET", "/proxy/nowhere", 200, {})).toThrow(/no documented path/);
    expect(() => expectResponseMatchesSpec("PUT", "/proxy/config", 200, {})).toThrow(/not documented/);
  });

  it("says the storefront's error messages follow the request's locale, then the shop's, while codes stay fixed", () => {
    const schemas = rawSpec().components?.schemas as Record<string, { description?: string }>;
    const said = (schemas.ErrorEnvelope.description ?? "").replace(/\s+/g, " ");
    expect(said).toMatch(/`message` follows the request's `locale`/);
    expect(said).toMatch(/shop's primary language, else English/);
    expect(said).toMatch(/`code` never changes with the language/);
  });

  it("requires requestId in every JSON body it documents", () => {
    const lacking: string[] = [];
    for (const { method, path } of documentedOperations()) {
      const { operation } = findOperation(method, path);
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (/json/.test(type) && !requiresRequestId(media.schema))
            lacking.push(`${method} ${path} ${status} ${type}`);
        }
      }
    }
    expect(lacking).toEqual([]);
  });
});

describe("the OpenAPI document against the running app", () => {
  let app: RunningApp;
  let proxy: ProxyClient;

  beforeAll(async () => {
    // Generous limits: this file sends a few dozen requests from one address.
    app = await startApp({ RATE_LIMIT_PER_MINUTE: "1000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "200" });
    proxy = proxyClient(app.url, { shop: SHOP, secret: localSecret(app.dataDir) });
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function send(
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    if (path.startsWith("/proxy/")) {
      const rest = path.slice("/proxy/".length);
      if (method === "GET") return read(await proxy.get(rest, query, { headers }));
      if (method === "DELETE") return read(await proxy.del(rest, query));
      return read(await proxy.post(rest, body ?? {}, { headers }));
    }
    const search = new URLSearchParams(query).toString();
    const init: RequestInit = { method, headers: { ...headers } };
    if (method === "POST") {
      init.body = JSON.stringify(body ?? {});
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    return read(await fetch(`${app.url}${path}${search ? `?${search}` : ""}`, init));
  }

  function matches(method: string, path: string, answer: Answer): void {
    expectResponseMatchesSpec(method, path, answer.status, answer.body, answer.contentType);
  }

  it("serves every documented operation, answering as documented", async () => {
    const ops = documentedOperations();
    const missing = ops.map(({ method, path }) => `${method} ${path}`).filter((key) => !SAMPLES[key]);
    expect(missing, "documented operations without a sample request in this test").toEqual([]);

    for (const { method, path } of ops) {
      const sample = SAMPLES[`${method} ${path}`];
      const answer = await send(method, sample.path, sample.query, sample.body);
      const label = `${method} ${sample.path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
      expect(answer.status === 404 && errorCode(answer.body) === "route.not_found", label).toBe(false);
      expect(answer.status === 405 || errorCode(answer.body) === "method.not_allowed", label).toBe(false);
      expect(answer.status, label).toBeLessThan(500);
      expect(answer.headers.get("x-request-id"), label).toBeTruthy();
      if (typeof answer.body === "object" && answer.body !== null) {
        expect((answer.body as { requestId?: string }).requestId, label).toBe(answer.headers.get("x-request-id"));
      }
      if (path.startsWith("/proxy/") && answer.status === 200) {
        for (const h of ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"])
          expect(answer.headers.get(h), `${label} ${h}`).toMatch(/^\d+$/);
      }
      matches(method, sample.path, answer);
    }

    // The documented query variants of the operations endpoints.
    const readiness = await send("GET", "/api/health", { ready: "1" });
    expect(readiness.status).toBe(200);
    expect(readiness.body).toMatchObject({ checks: { store: "ok" } });
    matches("GET", "/api/health", readiness);
    const summary = await send("GET", "/api/metrics", { format: "summary" });
    expect(summary.status).toBe(200);
    expect(summary.contentType).toMatch(/^application\/json/);
    matches("GET", "/api/metrics", summary);
    const exposition = await send("GET", "/api/metrics");
    expect(exposition.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("documents every served /proxy route and method", async () => {
    const documented = new Set(documentedOperations().map(({ method, path }) => `${method} ${path}`));
    // The lean mount's one route table is the list of what is served.
    const templates = proxyPathTemplates();
    expect(templates.length).toBeGreaterThan(0);

    const undocumented: string[] = [];
    for (const template of templates) {
      const concrete = template.replace(/\{[^}]+\}/g, "x_doesnotexist");
      for (const method of METHODS) {
        const answer = await send(method, concrete, { visitorId: VISITOR }, {});
        const label = `${method} ${concrete} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
        expect(errorCode(answer.body), label).not.toBe("route.not_found");
        if (answer.status === 405 && errorCode(answer.body) === "method.not_allowed") continue;
        if (!documented.has(`${method} ${template}`)) undocumented.push(`${method} ${template}`);
      }
    }
    expect(undocumented, "served but not in Docs/api/concierge-openapi.yaml").toEqual([]);
  });

  it("describes real storefront answers: config, a product question, search, shortlists", async () => {
    const config = await send("GET", "/proxy/config", { visitorId: VISITOR });
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ enabled: true });
    matches("GET", "/proxy/config", config);

    const turn = await send("POST", "/proxy/messages", {}, { visitorId: VISITOR, text: "rose gold rings under $800" });
    expect(turn.status).toBe(200);
    expect(turn.body).toMatchObject({
      understanding: { intent: "find_product", entities: { metal: "rose_gold", category: "ring", priceMax: 800 } },
    });
    matches("POST", "/proxy/messages", turn);

    const conversationId = (turn.body as { conversationId: string }).conversationId;
    const more = await send(
      "POST",
      "/proxy/messages",
      {},
      { visitorId: VISITOR, conversationId, action: { type: "more" } },
    );
    expect(more.status).toBe(200);
    matches("POST", "/proxy/messages", more);

    const transcript = await send("GET", `/proxy/conversations/${conversationId}`, { visitorId: VISITOR });
    expect(transcript.status).toBe(200);
    matches("GET", `/proxy/conversations/${conversationId}`, transcript);

    const products = await send("GET", "/proxy/products", { category: "ring", limit: "3" });
    expect(products.status).toBe(200);
    const cards = (products.body as { products: { id: string }[] }).products;
    expect(cards.length).toBeGreaterThan(0);
    matches("GET", "/proxy/products", products);

    const backwards = await send("GET", "/proxy/products", { priceMin: "900", priceMax: "100" });
    expect(backwards.status).toBe(400);
    matches("GET", "/proxy/products", backwards);

    const saved = await send(
      "POST",
      "/proxy/shortlist",
      {},
      { visitorId: VISITOR, conversationId, productIds: cards.slice(0, 2).map((c) => c.id) },
    );
    expect(saved.status).toBe(200);
    matches("POST", "/proxy/shortlist", saved);
    const shortlistId = (saved.body as { shortlist: { id: string } }).shortlist.id;
    const shared = await send("GET", `/proxy/shortlist/${shortlistId}`);
    expect(shared.status).toBe(200);
    matches("GET", `/proxy/shortlist/${shortlistId}`, shared);

    const rated = await send(
      "POST",
      "/proxy/csat",
      {},
      { conversationId, visitorId: VISITOR, rating: 1, comment: "Testing the follow-up" },
    );
    expect(rated.status).toBe(200);
    matches("POST", "/proxy/csat", rated);
    const again = await send("POST", "/proxy/csat", {}, { conversationId, visitorId: VISITOR, rating: 4 });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe("csat.already_submitted");
    matches("POST", "/proxy/csat", again);

    const ticket = await send(
      "POST",
      "/proxy/escalations",
      {},
      {
        conversationId,
        visitorId: VISITOR,
        contact: { name: "Emma Thompson", email: "emma.thompson@example.com" },
        topic: "find_product",
      },
    );
    expect(ticket.status).toBe(200);
    matches("POST", "/proxy/escalations", ticket);

    const erased = await send("DELETE", `/proxy/conversations/${conversationId}`, { visitorId: VISITOR });
    expect(erased.status).toBe(200);
    matches("DELETE", `/proxy/conversations/${conversationId}`, erased);
    const gone = await send("GET", `/proxy/conversations/${conversationId}`, { visitorId: VISITOR });
    expect(gone.status).toBe(404);
    matches("GET", `/proxy/conversations/${conversationId}`, gone);
  });

  it("describes real order answers: a lookup, a not-found, returns and their refusals", async () => {
    const found = await send(
      "POST",
      "/proxy/orders/lookup",
      {},
      { orderNumber: "#1012", email: "emma.thompson@example.com" },
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ order: { number: "1012" } });
    matches("POST", "/proxy/orders/lookup", found);

    const notFound = await send(
      "POST",
      "/proxy/orders/lookup",
      {},
      { orderNumber: "#1012", email: "someone.else@example.com" },
    );
    expect(notFound.status).toBe(404);
    expect(errorCode(notFound.body)).toBe("order.not_found");
    matches("POST", "/proxy/orders/lookup", notFound);

    const turn = await send(
      "POST",
      "/proxy/messages",
      {},
      { visitorId: VISITOR, text: "where is my order #1016? my email is james.wilson@example.com" },
    );
    expect(turn.status).toBe(200);
    matches("POST", "/proxy/messages", turn);

    const ret = await send(
      "POST",
      "/proxy/returns",
      {},
      {
        orderNumber: "1012",
        email: "emma.thompson@example.com",
        lineItemId: "li_1012_1",
        option: "care",
        reason: "A cleaning, please",
      },
    );
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    matches("POST", "/proxy/returns", ret);
    const duplicate = await send(
      "POST",
      "/proxy/returns",
      {},
      {
        orderNumber: "1012",
        email: "emma.thompson@example.com",
        lineItemId: "li_1012_1",
        option: "care",
        reason: "Again",
      },
    );
    expect(duplicate.status).toBe(409);
    expect(errorCode(duplicate.body)).toBe("returns.duplicate");
    matches("POST", "/proxy/returns", duplicate);

    const ineligible = await send(
      "POST",
      "/proxy/returns",
      {},
      {
        orderNumber: "1016",
        email: "james.wilson@example.com",
        lineItemId: "li_1016_1",
        option: "return",
        reason: "Never came",
      },
    );
    expect(ineligible.status).toBe(422);
    expect(errorCode(ineligible.body)).toBe("returns.ineligible");
    matches("POST", "/proxy/returns", ineligible);
  });

  it("describes the pipeline's refusals and replays", async () => {
    // An empty object is a validation failure; a body that is not JSON is request.malformed_json.
    const empty = await send("POST", "/proxy/messages", {}, {});
    expect(empty.status).toBe(400);
    expect(errorCode(empty.body)).toBe("validation.failed");
    matches("POST", "/proxy/messages", empty);
    const malformed = await read(await proxy.post("messages", null, { raw: '{"visitorId": "v-openapi", "text": ' }));
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed.body)).toBe("request.malformed_json");
    matches("POST", "/proxy/messages", malformed);

    const unsigned = await read(await fetch(`${app.url}/proxy/config?visitorId=${VISITOR}&shop=${SHOP}`));
    expect(unsigned.status).toBe(401);
    expect(errorCode(unsigned.body)).toBe("auth.invalid_signature");
    matches("GET", "/proxy/config", unsigned);

    const wrongMedia = await read(
      await proxy.post("events", null, { raw: "visitorId=v", headers: { "content-type": "text/plain" } }),
    );
    expect(wrongMedia.status).toBe(415);
    matches("POST", "/proxy/events", wrongMedia);

    const tooLarge = await read(
      await proxy.post("messages", null, { raw: JSON.stringify({ visitorId: VISITOR, text: "x".repeat(70_000) }) }),
    );
    expect(tooLarge.status).toBe(413);
    matches("POST", "/proxy/messages", tooLarge);

    const key = `openapi-${Date.now()}`;
    const events = { visitorId: VISITOR, events: [{ name: "widget_close", at: new Date().toISOString() }] };
    const first = await read(await proxy.post("events", events, { headers: { "Idempotency-Key": key } }));
    expect(first.status).toBe(200);
    const replay = await read(await proxy.post("events", events, { headers: { "Idempotency-Key": key } }));
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replay")).toBe("true");
    matches("POST", "/proxy/events", replay);
    const conflict = await read(
      await proxy.post("events", { ...events, visitorId: "v-other" }, { headers: { "Idempotency-Key": key } }),
    );
    expect(conflict.status).toBe(422);
    expect(errorCode(conflict.body)).toBe("idempotency.conflict");
    matches("POST", "/proxy/events", conflict);
    const badKey = await read(await proxy.post("events", events, { headers: { "Idempotency-Key": "short" } }));
    expect(badKey.status).toBe(400);
    matches("POST", "/proxy/events", badKey);
  });
});
