// The defects the reliability probes found (issue 10), one test each, over real HTTP against the built server.
// Each test fails on the code before its fix. Defects 1–2 (a locked store, readiness) are in storeFaults.test.ts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import { proxySignature } from "../support/proxy";
import { count, expectError, expectOk, metric } from "../support/storefront";
import { abortMidBody, DEMO_SHOP, measureUntil, rawRequest, signedPath, startReliabilityApp, timed } from "./support";

let app: RunningApp & { secret: string; port: number };

beforeAll(async () => {
  app = await startReliabilityApp();
});
afterAll(async () => {
  await app?.stop();
});

const turn = (visitorId: string, extra: Record<string, unknown> = {}) =>
  fetch(`${app.url}${signedPath(app, "messages")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ visitorId, text: "rose gold rings under $800", ...extra }),
  });

describe("3. one ownership check for every endpoint that takes a conversationId", () => {
  it("refuses csat without the owner's visitorId, and a shortlist linked to another visitor's conversation, with the same 404", async () => {
    const started = await expectOk<{ conversationId: string }>(await turn("v-owner"), "owner's turn");
    const id = started.conversationId;
    const post = (path: string, body: unknown) =>
      fetch(`${app.url}${signedPath(app, path)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await expectError(await post("csat", { conversationId: id, rating: 1 }), 404, "conversation.not_found", "csat");
    await expectError(
      await post("csat", { conversationId: id, visitorId: "v-intruder", rating: 1 }),
      404,
      "conversation.not_found",
      "csat, other visitor",
    );
    await expectError(
      await post("shortlist", { visitorId: "v-intruder", conversationId: id, productIds: ["prod_1001"] }),
      404,
      "conversation.not_found",
      "shortlist, other visitor",
    );
    expect(count(app.databasePath, "SELECT count(*) AS n FROM csat_ratings WHERE conversation_id = ?", id)).toBe(0);
    expect(count(app.databasePath, "SELECT count(*) AS n FROM shortlists WHERE conversation_id = ?", id)).toBe(0);
    // The owner still can.
    await expectOk(await post("csat", { conversationId: id, visitorId: "v-owner", rating: 5 }), "owner's rating");
  });
});

describe("4. a client that disconnects mid-body", () => {
  it("is counted apart as a client abort, not as a 500, and not logged as an unhandled error", async () => {
    const errorsBefore = await metric(app.url, "concierge_http_requests_total", {
      route: "proxy.messages",
      status: "500",
    });
    const abortsBefore = await metric(app.url, "concierge_client_aborts_total", { route: "proxy.messages" });
    for (let i = 0; i < 5; i++) await abortMidBody(app.port, signedPath(app, "messages"), 4_000, 1_000);
    await measureUntil(
      async () =>
        (await metric(app.url, "concierge_client_aborts_total", { route: "proxy.messages" })) >= abortsBefore + 5,
    );
    expect(await metric(app.url, "concierge_http_requests_total", { route: "proxy.messages", status: "500" })).toBe(
      errorsBefore,
    );
    expect(app.logs()).not.toContain("unhandled error");
  });
});

describe("5. every /proxy path reaches the pipeline", () => {
  it("answers unsigned dot-segment and encoded paths with 401 in the envelope, never a redirect or a page", async () => {
    for (const path of [
      "/proxy/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/proxy/%2e%2e/",
      "/proxy/..%2f",
      "/proxy/./messages",
      "/proxy/messages/../../app",
      "/proxy/assets/../../favicon.ico",
    ]) {
      const answer = await rawRequest(app.port, { method: "GET", path, closeWithinMs: 0 });
      expect(answer.status, path).toBe(401);
      expect(JSON.parse(answer.body).error.code, path).toBe("auth.invalid_signature");
    }
  });
});

describe("6–7. oversized bodies", () => {
  it("answers a chunked body over 1 MiB with 413 (not a reset) and closes the connection", async () => {
    const answer = await rawRequest(app.port, {
      method: "POST",
      path: signedPath(app, "messages"),
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(2 * 1024 * 1024, "a"),
      chunked: true,
    });
    expect(answer.reset, "the client read an answer").toBe(false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe("request.too_large");
    expect(answer.headers.connection).toBe("close");
    expect(answer.closedByServer, "the server closed the connection after the 413").toBe(true);
  });

  it("closes every keep-alive connection refused by declared Content-Length instead of leaving it open", async () => {
    const refused = (body: Buffer) =>
      rawRequest(app.port, {
        method: "POST",
        path: signedPath(app, "messages"),
        headers: { "content-type": "application/json", connection: "keep-alive", "content-length": "200000" },
        body,
        closeWithinMs: 5_000,
      });
    // Clients that send what they declared get the 413 at once; one that stalls gets it within the drain bound.
    const whole = await Promise.all(
      Array.from({ length: 100 }, () => timed(() => refused(Buffer.alloc(200_000, "a")))),
    );
    const stalled = await timed(() => refused(Buffer.alloc(20_000, "a")));
    for (const { value, ms } of [...whole, stalled]) {
      expect(value.reset, "the client read the answer").toBe(false);
      expect(value.status).toBe(413);
      expect(value.headers.connection).toBe("close");
      expect(value.closedByServer, "refused connection closed").toBe(true);
      expect(ms).toBeLessThan(5_000);
    }
  }, 30_000);
});

describe("8. query keys and security headers", () => {
  it("answers a correctly signed repeated non-identity key with 400 (a request error), not 401", async () => {
    const params: [string, string][] = [
      ["visitorId", "a"],
      ["visitorId", "b"],
      ["shop", DEMO_SHOP],
      ["logged_in_customer_id", ""],
      ["path_prefix", "/apps/concierge"],
      ["timestamp", String(Math.floor(Date.now() / 1000))],
    ];
    params.push(["signature", proxySignature(params, app.secret)]);
    const res = await fetch(`${app.url}/proxy/config?${new URLSearchParams(params)}`);
    const body = await expectError(res, 400, "validation.failed");
    expect(body.error.details?.issues?.[0]).toMatchObject({ path: "visitorId" });
  });

  it("sets nosniff and the baseline security headers on every kind of response", async () => {
    const answers: [string, Response][] = [
      ["storefront JSON", await fetch(`${app.url}${signedPath(app, "config", { visitorId: "v-h" })}`)],
      ["storefront error", await fetch(`${app.url}/proxy/config`)],
      ["liveness", await fetch(`${app.url}/api/health`)],
      ["unknown api path", await fetch(`${app.url}/api/nope`)],
      ["metrics", await fetch(`${app.url}/api/metrics`)],
      ["page", await fetch(`${app.url}/`)],
      ["missing page", await fetch(`${app.url}/no-such-page`)],
      ["demo image", await fetch(`${app.url}/demo-images/ring-1.svg`)],
      ["malformed path", await fetch(`${app.url}/%E0%A4%A`)],
    ];
    for (const [label, res] of answers) {
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), label).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
    }
    // JSON answers also refuse framing and sniffing as a page, and are never cached.
    for (const [label, res] of answers.slice(0, 4)) {
      expect(res.headers.get("x-frame-options"), label).toBe("DENY");
      expect(res.headers.get("content-security-policy"), label).toContain("frame-ancestors 'none'");
      expect(res.headers.get("cache-control"), label).toBe("no-store");
    }
  });
});
