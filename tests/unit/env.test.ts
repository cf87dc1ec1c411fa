import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/platform/env.server";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems.map((p) => p.variable);
  }
  return [];
}

describe("environment", () => {
  it("defaults to local mode on loopback with the embedded SQLite file", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      mode: "local",
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: "file:./data/aurora.sqlite",
      appUrl: "http://127.0.0.1:3000",
      rateLimitPerMinute: 100,
      rateLimitLookupsPerMinute: 10,
      logLevel: "info",
    });
    expect(env.scopes).toContain("write_app_proxy");
  });

  it("switches to Shopify mode with both credentials and an app URL, binding all interfaces", () => {
    const env = parseEnv({
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "0123456789abcdef0123",
      SHOPIFY_APP_URL: "https://concierge.example.com/",
      SCOPES: "read_products, read_orders",
    });
    expect(env).toMatchObject({ mode: "shopify", host: "0.0.0.0", appUrl: "https://concierge.example.com" });
    expect(env.scopes).toEqual(["read_products", "read_orders"]);
  });

  it("accepts http app URLs on loopback only", () => {
    const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "0123456789abcdef0123" };
    expect(parseEnv({ ...base, SHOPIFY_APP_URL: "http://127.0.0.1:3000" }).mode).toBe("shopify");
    expect(problemsOf({ ...base, SHOPIFY_APP_URL: "http://shop.example.com" })).toEqual(["SHOPIFY_APP_URL"]);
    expect(problemsOf({ ...base, SHOPIFY_APP_URL: "ftp://x" })).toEqual(["SHOPIFY_APP_URL"]);
  });

  it("names every bad variable at once", () => {
    expect(
      problemsOf({
        PORT: "x",
        RATE_LIMIT_LOOKUPS_PER_MINUTE: "0",
        SMTP_URL: "http://mail",
        MAIL_FROM: "nobody",
      }).sort(),
    ).toEqual(["MAIL_FROM", "PORT", "RATE_LIMIT_LOOKUPS_PER_MINUTE", "SMTP_URL"]);
  });

  it("requires the pair of Shopify credentials and the app URL in Shopify mode", () => {
    expect(problemsOf({ SHOPIFY_API_SECRET: "0123456789abcdef0123" })).toEqual(["SHOPIFY_API_KEY"]);
    expect(problemsOf({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "0123456789abcdef0123" })).toEqual([
      "SHOPIFY_APP_URL",
    ]);
    expect(problemsOf({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "short", SHOPIFY_APP_URL: "https://a.b" })).toEqual([
      "SHOPIFY_API_SECRET",
    ]);
  });

  it("validates formats of the optional variables", () => {
    expect(problemsOf({ MONGODB_URI: "mysql://x" })).toEqual(["MONGODB_URI"]);
    expect(problemsOf({ DATABASE_URL: "postgres://db/x" })).toEqual(["DATABASE_URL"]);
    expect(problemsOf({ METRICS_TOKEN: "short" })).toEqual(["METRICS_TOKEN"]);
    expect(problemsOf({ SCOPES: "read products" })).toEqual(["SCOPES"]);
    expect(parseEnv({ MONGODB_URI: "mongodb+srv://u:p@cluster.example.net/aurora" }).mongodbUri).toContain(
      "mongodb+srv",
    );
    expect(parseEnv({ SMTP_URL: "smtp://u:p@mail:587", MAIL_FROM: "concierge@shop.com" }).smtpUrl).toBe(
      "smtp://u:p@mail:587",
    );
  });

  it("names SHOPIFY_APP_URL when it is not a URL at all (no crash)", () => {
    expect(
      problemsOf({
        SHOPIFY_API_KEY: "k",
        SHOPIFY_API_SECRET: "0123456789abcdef0123",
        SHOPIFY_APP_URL: "myapp.example.com",
      }),
    ).toEqual(["SHOPIFY_APP_URL"]);
  });

  it("trusts Shopify's proxy hop in Shopify mode and loopback locally, unless TRUST_PROXY says otherwise", () => {
    const shopify = {
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "0123456789abcdef0123",
      SHOPIFY_APP_URL: "https://a.b",
    };
    expect(parseEnv(shopify).trustProxy).toBe(1);
    expect(parseEnv({ ...shopify, TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseEnv({}).trustProxy).toBe("loopback");
    expect(problemsOf({ TRUST_PROXY: "all" })).toEqual(["TRUST_PROXY"]);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ MONGODB_URI: "", METRICS_TOKEN: "", HOST: "" })).toMatchObject({ host: "127.0.0.1" });
  });

  it("puts the variable name in the error message", () => {
    expect(() => parseEnv({ RATE_LIMIT_PER_MINUTE: "ten" })).toThrow(/RATE_LIMIT_PER_MINUTE: must be a whole number/);
  });

  it("validates the platform variables: mail pair, retention days, the Admin API override, the job lease", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ retentionConversationDays: 90, retentionAnalyticsDays: 180, jobsLeaseSeconds: 60 });
    expect(env.adminApiUrl).toBeUndefined();
    expect(problemsOf({ SMTP_URL: "smtp://mail:25" })).toEqual(["MAIL_FROM"]);
    expect(
      problemsOf({ RETENTION_CONVERSATION_DAYS: "0", RETENTION_ANALYTICS_DAYS: "many", JOBS_LEASE_SECONDS: "1" }),
    ).toEqual(["RETENTION_CONVERSATION_DAYS", "RETENTION_ANALYTICS_DAYS", "JOBS_LEASE_SECONDS"]);
    expect(problemsOf({ SHOPIFY_ADMIN_API_URL: "http://admin.example.com" })).toEqual(["SHOPIFY_ADMIN_API_URL"]);
    expect(
      parseEnv({ SHOPIFY_ADMIN_API_URL: "http://127.0.0.1:4000", RETENTION_CONVERSATION_DAYS: "30" }),
    ).toMatchObject({
      adminApiUrl: "http://127.0.0.1:4000",
      retentionConversationDays: 30,
    });
  });
});

describe("environment: the optional language model", () => {
  it("is off unless LLM_BASE_URL and LLM_MODEL are both set", () => {
    expect(parseEnv({}).languageModel).toBeUndefined();
    expect(problemsOf({ LLM_BASE_URL: "https://api.deepseek.com/v1" })).toEqual(["LLM_MODEL"]);
    expect(problemsOf({ LLM_MODEL: "deepseek-chat" })).toEqual(["LLM_BASE_URL"]);
    expect(problemsOf({ LLM_API_KEY: "sk-1" })).toEqual(["LLM_BASE_URL"]);
  });

  it("takes the URL, model, key, timeout (default 1.5 s) and per-shop daily budget", () => {
    expect(
      parseEnv({ LLM_BASE_URL: "https://api.openai.com/v1", LLM_MODEL: "gpt-4o-mini", LLM_API_KEY: "sk-x" })
        .languageModel,
    ).toEqual({
      baseUrl: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      apiKey: "sk-x",
      timeoutMs: 1500,
      dailyBudget: 1000,
    });
    expect(
      parseEnv({
        LLM_BASE_URL: "http://127.0.0.1:11434/v1",
        LLM_MODEL: "llama3.1",
        LLM_TIMEOUT_MS: "800",
        LLM_DAILY_BUDGET: "50",
      }).languageModel,
    ).toEqual({ baseUrl: "http://127.0.0.1:11434/v1", model: "llama3.1", timeoutMs: 800, dailyBudget: 50 });
  });

  it("refuses plain http away from this machine, a bad URL, and out-of-range numbers", () => {
    const base = { LLM_MODEL: "m" };
    expect(problemsOf({ ...base, LLM_BASE_URL: "http://llm.example.com/v1" })).toEqual(["LLM_BASE_URL"]);
    expect(problemsOf({ ...base, LLM_BASE_URL: "ftp://llm.example.com" })).toEqual(["LLM_BASE_URL"]);
    expect(problemsOf({ ...base, LLM_BASE_URL: "https://x.example/v1", LLM_TIMEOUT_MS: "5" })).toEqual([
      "LLM_TIMEOUT_MS",
    ]);
    expect(problemsOf({ ...base, LLM_BASE_URL: "https://x.example/v1", LLM_DAILY_BUDGET: "-1" })).toEqual([
      "LLM_DAILY_BUDGET",
    ]);
  });
});
