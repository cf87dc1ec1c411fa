// App-proxy signature check (API.md §2): Shopify's algorithm exactly (multi-values joined by ","), with the two
// gaps of the library's 4.2.1 check closed — repeated identity keys and a missing timestamp — so `shop` and the
// customer are trusted only after. The library's own check is not called: it is weaker than this one, and it
// refuses a validly signed repeated key (it signs only the last value) — see ADR 0009.

import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { AppError } from "./errors.server";
import type { Runtime } from "./runtime.server";

const SINGLE_VALUED = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"];
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
/** Unix seconds, digits only: the library's check passes NaN ("abc" - now > 90 is false). */
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const TOLERANCE_SECONDS = 90;

export interface ProxyIdentity {
  shop: string;
  /** The logged-in storefront customer, as Shopify vouches for it; null for guests. */
  customerId: string | null;
}

function invalidSignature(): AppError {
  return new AppError("auth.invalid_signature", 401, "The request signature is missing, invalid or expired.");
}

// The secret as a key object, made once per secret: createHmac with a string secret copies and imports it on
// every request.
let cachedKey: { secret: string; key: KeyObject } | null = null;
function keyFor(secret: string): KeyObject {
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createSecretKey(Buffer.from(secret, "utf8")) };
  return cachedKey.key;
}

/**
 * The query read once: each key with its values joined by "," (Shopify's multi-value rule), and whether a key
 * that must appear once (SINGLE_VALUED) appeared again.
 */
function groupParams(params: URLSearchParams): { grouped: Map<string, string>; repeatedSingle: boolean } {
  const grouped = new Map<string, string>();
  let repeatedSingle = false;
  for (const [key, value] of params) {
    const before = grouped.get(key);
    if (before === undefined) grouped.set(key, value);
    else {
      if (SINGLE_VALUED.includes(key)) repeatedSingle = true;
      grouped.set(key, `${before},${value}`);
    }
  }
  return { grouped, repeatedSingle };
}

/**
 * Shopify's app-proxy signature exactly as API.md §2 defines it: HMAC-SHA256 of the sorted `key=value` strings
 * (multi-values joined by ","), only `signature` left out. The library also leaves `hmac` out of the message, so
 * an `hmac` added to a signed URL would go unnoticed by it alone.
 */
function signatureMatches(grouped: Map<string, string>, signature: string, secret: string): boolean {
  const parts: string[] = [];
  for (const [key, values] of grouped) if (key !== "signature") parts.push(`${key}=${values}`);
  const expected = createHmac("sha256", keyFor(secret)).update(parts.sort().join("")).digest();
  // The caller has checked that the given signature is 64 hex digits: it decodes to the 32 bytes of a digest.
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyAppProxy(
  params: URLSearchParams,
  runtime: Pick<Runtime, "proxySecret">,
  nowMs = Date.now(),
): ProxyIdentity {
  const { grouped, repeatedSingle } = groupParams(params);
  if (repeatedSingle) throw invalidSignature();
  const shop = grouped.get("shop");
  const signature = grouped.get("signature");
  const timestamp = grouped.get("timestamp");
  if (
    !signature ||
    !SIGNATURE.test(signature) ||
    !timestamp ||
    !TIMESTAMP.test(timestamp) ||
    !shop ||
    !SHOP_DOMAIN.test(shop)
  ) {
    throw invalidSignature();
  }
  if (Math.abs(Math.trunc(nowMs / 1000) - Number(timestamp)) > TOLERANCE_SECONDS) throw invalidSignature();
  if (!runtime.proxySecret || !signatureMatches(grouped, signature, runtime.proxySecret)) throw invalidSignature();
  const customerId = grouped.get("logged_in_customer_id");
  return { shop, customerId: customerId ? customerId : null };
}
