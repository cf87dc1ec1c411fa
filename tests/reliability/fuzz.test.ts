// Property-based fuzzing of every /proxy endpoint over real HTTP, from the endpoints' own zod schemas: mostly
// valid requests, requests broken in one place, and junk — signed, tampered and unsigned. Whatever comes in, the
// answer is never a 5xx, always JSON with the request id, always the one envelope for errors, and never late.
// FUZZ_RUNS cases per endpoint (1,000 in `npm test`; `npm run fuzz -- --long` runs 100,000).

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  configQuery,
  csatRequest,
  escalationRequest,
  eventsRequest,
  messageRequest,
  orderLookupRequest,
  productsQuery,
  returnRequest,
  shortlistRequest,
  visitorQuery,
} from "~/contract/storefront";
import { proxyPathTemplates } from "~/storefront/routes.server";
import type { RunningApp } from "../support/app";
import { signedUrl } from "../support/proxy";
import { DEMO_SHOP } from "../support/storefront";
import { bodiesFor, nastyString, queriesFor } from "./arbitraries";
import { startReliabilityApp } from "./support";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const BATCH = 16;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const HANG_MS = 10_000;

interface Endpoint {
  method: "GET" | "POST" | "DELETE";
  template: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** What JSON Schema cannot say about a valid body (a refinement), applied to most generated bodies. */
  shape?: (body: Record<string, unknown>) => Record<string, unknown>;
}

/** A random conversation id is never the visitor's: usually leave it out so the request gets past ownership. */
const withoutConversation = ({ conversationId: _id, ...rest }: Record<string, unknown>) => rest;

const ENDPOINTS: Endpoint[] = [
  { method: "GET", template: "/proxy/config", query: configQuery },
  {
    method: "POST",
    template: "/proxy/messages",
    body: messageRequest,
    // Exactly one of text or action.
    shape: ({ action, text, ...rest }) =>
      withoutConversation(
        text !== undefined ? { ...rest, text } : { ...rest, ...(action ? { action } : { text: "hi" }) },
      ),
  },
  { method: "GET", template: "/proxy/products", query: productsQuery },
  { method: "POST", template: "/proxy/orders/lookup", body: orderLookupRequest },
  { method: "POST", template: "/proxy/returns", body: returnRequest, shape: withoutConversation },
  { method: "POST", template: "/proxy/escalations", body: escalationRequest, shape: withoutConversation },
  { method: "POST", template: "/proxy/csat", body: csatRequest },
  { method: "GET", template: "/proxy/conversations/{id}", query: visitorQuery },
  { method: "DELETE", template: "/proxy/conversations/{id}", query: visitorQuery },
  {
    method: "POST",
    template: "/proxy/shortlist",
    body: shortlistRequest,
    // Random ids are not in the catalog (a 400): mostly name pieces of the demo catalog.
    shape: (body) => ({
      ...withoutConversation(body),
      productIds: (Array.isArray(body.productIds) ? body.productIds : [1]).map((_, i) => `prod_${1001 + (i % 30)}`),
    }),
  },
  { method: "GET", template: "/proxy/shortlist/{id}" },
  { method: "POST", template: "/proxy/events", body: eventsRequest },
];

type Signing = "signed" | "tampered" | "unsigned" | "stale";

interface Case {
  signing: Signing;
  pathParam: string;
  query: [string, string][];
  body: unknown;
  rawBody: string | null;
  idempotencyKey: string | null;
}

function caseFor(endpoint: Endpoint): fc.Arbitrary<Case> {
  return fc.record({
    signing: fc.constantFrom<Signing>("signed", "signed", "signed", "signed", "tampered", "unsigned", "stale"),
    pathParam: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), nastyString),
    query: queriesFor(endpoint.query),
    body: endpoint.body
      ? fc
          .tuple(bodiesFor(endpoint.body), fc.nat(9))
          .map(([body, dice]) =>
            endpoint.shape && dice < 8 && body && typeof body === "object" && !Array.isArray(body)
              ? endpoint.shape(body as Record<string, unknown>)
              : body,
          )
      : fc.constant(undefined),
    // One body in eight is not JSON at all.
    rawBody: fc.oneof(
      { weight: 7, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.oneof(nastyString, fc.constantFrom("{", "[1,", '{"a":', "null", "1e999")) },
    ),
    // One request in four carries an Idempotency-Key, well-formed or not.
    idempotencyKey: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.stringMatching(/^[\x21-\x7e]{8,40}$/) },
      { weight: 1, arbitrary: nastyString },
    ),
  });
}

function urlFor(app: RunningApp & { secret: string }, endpoint: Endpoint, c: Case): string {
  const path = endpoint.template.replace("{id}", encodeURIComponent(c.pathParam) || "x").replace(/^\/proxy\//, "");
  const o = { shop: DEMO_SHOP, secret: app.secret };
  if (c.signing === "unsigned") return `${app.url}/proxy/${path}?${new URLSearchParams(c.query)}`;
  if (c.signing === "stale")
    return signedUrl(app.url, path, c.query, { ...o, timestamp: Math.floor(Date.now() / 1000) - 3_600 });
  if (c.signing === "tampered") return signedUrl(app.url, path, c.query, { ...o, extra: [["visitorId", "tampered"]] });
  return signedUrl(app.url, path, c.query, o);
}

let app: RunningApp & { secret: string; port: number };
beforeAll(async () => {
  app = await startReliabilityApp();
});
afterAll(async () => {
  await app?.stop();
});

async function check(endpoint: Endpoint, c: Case): Promise<number> {
  const label = `${endpoint.method} ${endpoint.template} ${JSON.stringify(c).slice(0, 400)}`;
  const headers: Record<string, string> = {};
  if (endpoint.method === "POST") headers["content-type"] = "application/json";
  if (c.idempotencyKey !== null) {
    // Header values must be Latin-1 and free of line breaks; anything else is the client library's refusal.
    const key = c.idempotencyKey.replace(/[^\x20-\x7e]/g, "?");
    headers["idempotency-key"] = key;
  }
  const body = endpoint.method === "POST" ? (c.rawBody ?? JSON.stringify(c.body ?? null)) : undefined;
  const res = await fetch(urlFor(app, endpoint, c), {
    method: endpoint.method,
    headers,
    body,
    signal: AbortSignal.timeout(HANG_MS),
  });
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers.get("content-type"), label).toMatch(/^application\/json/);
  const json = JSON.parse(text) as { requestId?: string; error?: { code: string; message: string } };
  expect(json.requestId, label).toBe(res.headers.get("x-request-id"));
  if (res.status >= 400) {
    expect(Object.keys(json).sort(), label).toEqual(["error", "requestId"]);
    expect(json.error!.code, label).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
  }
  if (c.signing !== "signed") expect(res.status, label).toBe(401);
  return res.status;
}

describe(`fuzzing every /proxy endpoint (${RUNS} cases each, seed ${SEED})`, () => {
  it("covers every endpoint of the route table", () => {
    const fuzzed = new Set(ENDPOINTS.map((e) => e.template));
    expect(proxyPathTemplates().filter((t) => !fuzzed.has(t))).toEqual([]);
  });

  for (const endpoint of ENDPOINTS) {
    it(
      `${endpoint.method} ${endpoint.template}: never 5xx, always the envelope, never a hang`,
      async () => {
        const statuses: Record<number, number> = {};
        await fc.assert(
          fc.asyncProperty(fc.array(caseFor(endpoint), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
            for (const status of await Promise.all(batch.map((c) => check(endpoint, c)))) {
              statuses[status] = (statuses[status] ?? 0) + 1;
            }
          }),
          { numRuns: Math.ceil(RUNS / BATCH), seed: SEED, endOnFailure: true },
        );
        const cases = Object.values(statuses).reduce((a, b) => a + b, 0);
        console.info(`fuzz ${endpoint.method} ${endpoint.template}: ${cases} cases`, JSON.stringify(statuses));
        expect(cases).toBeGreaterThanOrEqual(RUNS);
        // The generator gets past the signature and validation, not only refused at the door.
        expect(Object.keys(statuses).some((s) => s !== "400" && s !== "401")).toBe(true);
        const health = await fetch(`${app.url}/api/health`);
        expect(health.status).toBe(200);
      },
      Math.max(120_000, RUNS * 200),
    );
  }
});
