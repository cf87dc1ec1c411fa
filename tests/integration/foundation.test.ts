// The foundation over real HTTP: the built server, a real SQLite file, health, readiness, metrics, request ids,
// configuration errors and graceful shutdown.

import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startExpectingFailure, type RunningApp } from "../support/app";
import { parseExposition } from "../support/prometheus";
import { localSecret, signedUrl } from "../support/proxy";

describe("a running app on the embedded default (local mode)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers liveness with status, version and uptime, echoing a request id", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", version: expect.any(String), uptimeSeconds: expect.any(Number) });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expect(body.requestId).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  });

  it("honours a sane x-request-id and replaces an unsafe one", async () => {
    const sane = await fetch(`${app.url}/api/health`, { headers: { "x-request-id": "abc-123.def:9_Z" } });
    expect(sane.headers.get("x-request-id")).toBe("abc-123.def:9_Z");
    expect((await sane.json()).requestId).toBe("abc-123.def:9_Z");

    for (const bad of ["has space", "x".repeat(129), "semi;colon", "<script>"]) {
      const res = await fetch(`${app.url}/api/health`, { headers: { "x-request-id": bad } });
      const id = res.headers.get("x-request-id");
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("reports readiness with the store check, on both paths", async () => {
    for (const path of ["/api/ready", "/api/health?ready=1"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", checks: { store: "ok" } });
    }
  });

  it("serves valid Prometheus text with every documented metric", async () => {
    await fetch(`${app.url}/api/health`); // at least one observed request
    const res = await fetch(`${app.url}/api/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parseExposition(await res.text());
    const expected: Record<string, string> = {
      concierge_http_requests_total: "counter",
      concierge_http_request_duration_seconds: "histogram",
      concierge_messages_total: "counter",
      concierge_widget_opens_total: "counter",
      concierge_conversations_total: "counter",
      concierge_tickets_created_total: "counter",
      concierge_csat_ratings_total: "counter",
      concierge_rate_limited_total: "counter",
      concierge_store_errors_total: "counter",
      concierge_rollout_percent: "gauge",
      concierge_enabled: "gauge",
      process_cpu_seconds_total: "counter",
      process_resident_memory_bytes: "gauge",
    };
    for (const [name, type] of Object.entries(expected)) expect(types.get(name), name).toBe(type);

    const health = samples.find(
      (s) => s.name === "concierge_http_requests_total" && s.labels.route === "api.health" && s.labels.status === "200",
    );
    expect(health?.value).toBeGreaterThanOrEqual(1);
    expect(health?.labels.method).toBe("GET");
    expect(
      samples.some(
        (s) => s.name === "concierge_http_request_duration_seconds_bucket" && s.labels.route === "api.health",
      ),
    ).toBe(true);
    // The local demo shop is seeded enabled at 100%: the gauges read the store.
    const enabled = samples.find(
      (s) => s.name === "concierge_enabled" && s.labels.shop === "aurora-demo.myshopify.com",
    );
    expect(enabled?.value).toBe(1);
    const percent = samples.find(
      (s) => s.name === "concierge_rollout_percent" && s.labels.shop === "aurora-demo.myshopify.com",
    );
    expect(percent?.value).toBe(100);
  });

  it("gives a small JSON summary for humans", async () => {
    const res = await fetch(`${app.url}/api/metrics?format=summary`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary).toMatchObject({ httpRequests: expect.any(Number), storeErrors: 0 });
  });

  it("answers unknown API paths with the error envelope, not an HTML page", async () => {
    const res = await fetch(`${app.url}/api/nope`);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toMatchObject({ error: { code: "route.not_found" }, requestId: expect.any(String) });
  });

  it("answers methods the operations endpoints do not serve with 405 in the envelope", async () => {
    for (const path of ["/api/health", "/api/ready", "/api/metrics"]) {
      const res = await fetch(`${app.url}${path}`, { method: "POST" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
      expect(await res.json()).toMatchObject({ error: { code: "method.not_allowed" }, requestId: expect.any(String) });
    }
  });

  it("answers a path with a malformed %-escape in the envelope, not an HTML page", async () => {
    for (const path of ["/proxy/shortlist/%ZZ", "/proxy/conversations/%E0%A4%A"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ error: { code: "request.malformed" } });
      expect(body.requestId).toBe(res.headers.get("x-request-id"));
    }
  });

  it("keeps generated secrets in the data folder", () => {
    expect(existsSync(`${app.dataDir}/dev-app-secret`)).toBe(true);
    expect(existsSync(`${app.dataDir}/analytics-salt`)).toBe(true);
  });
});

describe("metrics behind a token", () => {
  let app: RunningApp;
  const token = "metrics-token-0123456789";
  beforeAll(async () => {
    app = await startApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses a missing or wrong bearer token with 401 in the envelope", async () => {
    for (const auth of [undefined, "Bearer wrong-token-0123456789", token]) {
      const res = await fetch(`${app.url}/api/metrics`, { headers: auth ? { authorization: auth } : {} });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("auth.unauthorized");
    }
  });

  it("serves the exposition with the right token", async () => {
    const res = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(parseExposition(await res.text()).types.size).toBeGreaterThan(10);
  });
});

describe("configuration errors stop start-up", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a rate limit that is not a number", { RATE_LIMIT_PER_MINUTE: "lots" }, "RATE_LIMIT_PER_MINUTE"],
    ["a port out of range", { PORT: "70000" }, "PORT"],
    ["an API key without its secret", { SHOPIFY_API_KEY: "key" }, "SHOPIFY_API_SECRET"],
    [
      "an http app URL that is not loopback",
      { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret-0123456789abcdef", SHOPIFY_APP_URL: "http://example.com" },
      "SHOPIFY_APP_URL",
    ],
    ["a MongoDB URI with the wrong scheme", { MONGODB_URI: "postgres://x" }, "MONGODB_URI"],
    ["an unknown log level", { LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ];
  for (const [label, env, variable] of cases) {
    it(`refuses ${label}, naming ${variable}`, async () => {
      const { code, output } = await startExpectingFailure(env);
      expect(code).toBe(1);
      expect(output).toContain(variable);
      expect(output).not.toContain("listening");
    });
  }
});

describe("graceful shutdown", () => {
  it("on SIGTERM stops accepting, closes the store and exits 0", async () => {
    const app = await startApp();
    expect((await fetch(`${app.url}/api/ready`)).status).toBe(200);
    const code = await app.stop("SIGTERM");
    expect(code).toBe(0);
    expect(app.logs()).toContain('"msg":"stopped"');
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
  });

  it("finishes a keep-alive request in flight at SIGTERM and exits 0 well inside the grace period", async () => {
    const app = await startApp();
    const url = new URL(
      signedUrl(app.url, "messages", {}, { shop: "aurora-demo.myshopify.com", secret: localSecret(app.dataDir) }),
    );
    const agent = new Agent({ keepAlive: true });
    const body = JSON.stringify({ visitorId: "v-shutdown", text: "rose gold rings under $800" });
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => app.child.once("exit", resolve));
    const response = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        app.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    expect((await response).status).toBe(200);
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(app.logs()).toContain('"msg":"stopped"');
    agent.destroy();
    await app.stop();
  });
});
