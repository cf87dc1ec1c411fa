// One zod schema for process.env (API.md §5), parsed once at start-up; a bad value names its variable.

import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const intFrom = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

const urlWithSchemes = (schemes: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return schemes.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${schemes.map((s) => `${s}//`).join(" or ")}`,
    );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).optional().default("production"),
    PORT: intFrom(0, 65535, 3000), // 0 = any free port (tests)
    HOST: optionalString,
    TRUST_PROXY: optionalString.pipe(
      z
        .string()
        .regex(/^(loopback|\d{1,2})$/, "must be loopback or a number of proxy hops (0-99)")
        .optional(),
    ),
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .default("file:./data/aurora.sqlite")
      .refine((v) => /^(file:|sqlite:)/.test(v) || !v.includes("://"), "must be file:<path> (SQLite)"),
    MONGODB_URI: optionalString.pipe(urlWithSchemes(["mongodb:", "mongodb+srv:"]).optional()),
    SHOPIFY_API_KEY: optionalString,
    SHOPIFY_API_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    SHOPIFY_APP_URL: optionalString.pipe(urlWithSchemes(["https:", "http:"]).optional()),
    SCOPES: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z_]+(,\s*[a-z_]+)*$/, "must be a comma-separated list of scopes")
        .optional(),
    ),
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional().default("info"),
    ANALYTICS_SALT: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    RATE_LIMIT_PER_MINUTE: intFrom(1, 100_000, 100),
    RATE_LIMIT_LOOKUPS_PER_MINUTE: intFrom(1, 10_000, 10),
    SMTP_URL: optionalString.pipe(urlWithSchemes(["smtp:", "smtps:"]).optional()),
    ROLLOUT_CHECK_SECONDS: intFrom(1, 3600, 60),
    MAIL_FROM: optionalString.pipe(z.email("must be an email address").optional()),
    // The optional language model (any OpenAI-compatible chat-completions API): off unless both are set.
    LLM_BASE_URL: optionalString.pipe(urlWithSchemes(["https:", "http:"]).optional()),
    LLM_MODEL: optionalString.pipe(z.string().max(200).optional()),
    LLM_API_KEY: optionalString.pipe(z.string().max(500).optional()),
    LLM_TIMEOUT_MS: intFrom(100, 30_000, 1500),
    LLM_DAILY_BUDGET: intFrom(0, 10_000_000, 1000),
    RETENTION_CONVERSATION_DAYS: intFrom(1, 3650, 90),
    RETENTION_ANALYTICS_DAYS: intFrom(1, 3650, 180),
    SHOPIFY_ADMIN_API_URL: optionalString.pipe(urlWithSchemes(["https:", "http:"]).optional()),
    JOBS_LEASE_SECONDS: intFrom(5, 3600, 60),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.SHOPIFY_API_KEY) !== Boolean(env.SHOPIFY_API_SECRET)) {
      const missing = env.SHOPIFY_API_KEY ? "SHOPIFY_API_SECRET" : "SHOPIFY_API_KEY";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "set both SHOPIFY_API_KEY and SHOPIFY_API_SECRET, or neither",
      });
    }
    if (env.SHOPIFY_API_KEY && !env.SHOPIFY_APP_URL) {
      ctx.addIssue({ code: "custom", path: ["SHOPIFY_APP_URL"], message: "is required in Shopify mode" });
    }
    if (Boolean(env.LLM_BASE_URL) !== Boolean(env.LLM_MODEL)) {
      const missing = env.LLM_BASE_URL ? "LLM_MODEL" : "LLM_BASE_URL";
      ctx.addIssue({ code: "custom", path: [missing], message: "set both LLM_BASE_URL and LLM_MODEL, or neither" });
    }
    if (env.LLM_API_KEY && !env.LLM_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["LLM_BASE_URL"], message: "is required when LLM_API_KEY is set" });
    }
    // The key and the shoppers' (masked) messages travel to it: plain http only to this machine.
    if (env.LLM_BASE_URL && URL.canParse(env.LLM_BASE_URL)) {
      const url = new URL(env.LLM_BASE_URL);
      if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
        ctx.addIssue({
          code: "custom",
          path: ["LLM_BASE_URL"],
          message: "must use https (http only on a loopback address)",
        });
      }
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required when SMTP_URL is set" });
    }
    // The app's own URL, and the Admin API override (only ever a local fake: a shop's token must not travel in clear).
    for (const variable of ["SHOPIFY_APP_URL", "SHOPIFY_ADMIN_API_URL"] as const) {
      const value = env[variable];
      if (!value || !URL.canParse(value)) continue;
      if (new URL(value).protocol === "http:" && !LOOPBACK_HOSTS.has(new URL(value).hostname)) {
        ctx.addIssue({ code: "custom", path: [variable], message: "must use https (http only on a loopback address)" });
      }
    }
  });

export type AppMode = "shopify" | "local";

export interface AppEnv {
  mode: AppMode;
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Express `trust proxy`: which X-Forwarded-For entry is the client (rate limits are per client IP). */
  trustProxy: "loopback" | number;
  appUrl: string;
  databaseUrl: string;
  mongodbUri?: string;
  shopifyApiKey?: string;
  shopifyApiSecret?: string;
  scopes: string[];
  metricsToken?: string;
  logLevel: string;
  analyticsSalt?: string;
  rateLimitPerMinute: number;
  rateLimitLookupsPerMinute: number;
  smtpUrl?: string;
  mailFrom?: string;
  /** The optional language model for messages the rules cannot read; absent = rules only. */
  languageModel?: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; dailyBudget: number };
  retentionConversationDays: number;
  retentionAnalyticsDays: number;
  /** Replaces https://{shop} for Admin API calls (a loopback fake in tests). */
  adminApiUrl?: string;
  /** How long a worker holds a job: a crashed worker's job is taken over after this. */
  jobsLeaseSeconds: number;
  /** How often the guarded-rollout task judges each shop's stage. */
  rolloutCheckSeconds: number;
}

export const DEFAULT_SCOPES = ["read_products", "read_orders", "read_customers", "read_locales", "write_app_proxy"];

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("Invalid environment:\n" + problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n"));
    this.name = "EnvError";
  }
}

/** Parses the environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const env = result.data;
  const mode: AppMode = env.SHOPIFY_API_KEY ? "shopify" : "local";
  // Local mode serves an open admin: keep it on loopback unless told otherwise.
  const host = env.HOST ?? (mode === "local" ? "127.0.0.1" : "0.0.0.0");
  return {
    mode,
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host,
    // Shopify's app proxy is the peer in production and appends the shopper's address: trust that one hop.
    trustProxy:
      env.TRUST_PROXY === undefined
        ? mode === "shopify"
          ? 1
          : "loopback"
        : env.TRUST_PROXY === "loopback"
          ? "loopback"
          : Number(env.TRUST_PROXY),
    appUrl: (env.SHOPIFY_APP_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, ""),
    databaseUrl: env.DATABASE_URL,
    mongodbUri: env.MONGODB_URI,
    shopifyApiKey: env.SHOPIFY_API_KEY,
    shopifyApiSecret: env.SHOPIFY_API_SECRET,
    scopes: env.SCOPES ? env.SCOPES.split(",").map((s) => s.trim()) : DEFAULT_SCOPES,
    metricsToken: env.METRICS_TOKEN,
    logLevel: env.LOG_LEVEL,
    analyticsSalt: env.ANALYTICS_SALT,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    rateLimitLookupsPerMinute: env.RATE_LIMIT_LOOKUPS_PER_MINUTE,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    ...(env.LLM_BASE_URL && env.LLM_MODEL
      ? {
          languageModel: {
            baseUrl: env.LLM_BASE_URL,
            model: env.LLM_MODEL,
            ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
            timeoutMs: env.LLM_TIMEOUT_MS,
            dailyBudget: env.LLM_DAILY_BUDGET,
          },
        }
      : {}),
    retentionConversationDays: env.RETENTION_CONVERSATION_DAYS,
    retentionAnalyticsDays: env.RETENTION_ANALYTICS_DAYS,
    adminApiUrl: env.SHOPIFY_ADMIN_API_URL,
    jobsLeaseSeconds: env.JOBS_LEASE_SECONDS,
    rolloutCheckSeconds: env.ROLLOUT_CHECK_SECONDS,
  };
}
