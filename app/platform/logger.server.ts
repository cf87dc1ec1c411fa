// Structured logs (pino). Secrets and personal data never reach a log line: redacted by path and by pattern.

import pino, { type Logger } from "pino";

const REDACT_PATHS = [
  "password",
  "secret",
  "token",
  "apiSecret",
  "accessToken",
  "authorization",
  "cookie",
  "email",
  "phone",
  "name",
  "postalCode",
  "orderNumber",
  "text",
  "comment",
  "notes",
  "contact",
  "*.password",
  "*.secret",
  "*.token",
  "*.apiSecret",
  "*.accessToken",
  "*.authorization",
  "*.cookie",
  "*.email",
  "*.phone",
  "*.postalCode",
  "*.orderNumber",
  "*.text",
  "*.comment",
  "*.notes",
  "*.contact",
  'headers["authorization"]',
  'headers["cookie"]',
  'headers["x-shopify-hmac-sha256"]',
];

// Query keys whose values must not appear in logged URLs (signatures, tokens, identities).
const SENSITIVE_QUERY_KEYS = new Set([
  "signature",
  "hmac",
  "id_token",
  "session",
  "token",
  "preview",
  "logged_in_customer_id",
  "email",
  "code",
  "state",
]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** A URL path with sensitive query values replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...new Set(params.keys())]) {
    if (SENSITIVE_QUERY_KEYS.has(key.toLowerCase())) params.set(key, "[redacted]");
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(EMAIL, "[email]");
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "aurora-concierge" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // Free-text messages may carry an email typed by a shopper.
          const scrubbed = args.map((a) => (typeof a === "string" ? a.replace(EMAIL, "[email]") : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
