// App-proxy signature check (API.md §2): Shopify's algorithm exactly (multi-values joined by ","), with the two
// gaps of the library's 4.2.1 check closed — repeated identity keys and a missing timestamp — so `shop` and the
// customer are trusted only after. The library's own check is not called: it is weaker than this one, and it
// refuses a validly signed repeated key (it signs only the last value) — see ADR 0009.

import { createHmac, timingSafeEqual } from "node:crypto";
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

/**
 * Shopify's app-proxy signature exactly as API.md §2 defines it: HMAC-SHA256 of the sorted `key=value` strings
 * (multi-values joined by ","), only `signature` left out. The library also leaves `hmac` out of the message, so
 * an `hmac` added to a signed URL would go unnoticed by it alone.
 */
function signatureMatches(params: URLSearchParams, secret: string): boolean {
  const grouped = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    const before = grouped.get(key);
    grouped.set(key, before === undefined ? value : `${before},${value}`);
  }
  const parts: string[] = [];
  for (const [key, values] of grouped) parts.push(`${key}=${values}`);
  const expected = createHmac("sha256", secret).update(parts.sort().join("")).digest();
  // The caller has checked that the given signature is 64 hex digits: it decodes to the 32 bytes of a digest.
  const given = Buffer.from(params.get("signature") ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyAppProxy(
  params: URLSearchParams,
  runtime: Pick<Runtime, "proxySecret">,
  nowMs = Date.now(),
): ProxyIdentity {
  for (const key of SINGLE_VALUED) {
    if (params.getAll(key).length > 1) throw invalidSignature();
  }
  const shop = params.get("shop");
  const signature = params.get("signature");
  const timestamp = params.get("timestamp");
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
  if (!runtime.proxySecret || !signatureMatches(params, runtime.proxySecret)) throw invalidSignature();
  const customerId = params.get("logged_in_customer_id");
  return { shop, customerId: customerId ? customerId : null };
}
