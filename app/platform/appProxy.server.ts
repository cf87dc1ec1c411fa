// App-proxy signature check (API.md §2): the Shopify library's HMAC check, plus the two gaps of 4.2.1 closed
// first — repeated identity keys and a missing timestamp — so `shop` and the customer are trusted only after.

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
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  const expected = Buffer.from(createHmac("sha256", secret).update(message).digest("hex"), "utf8");
  const given = Buffer.from(params.get("signature") ?? "", "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function verifyAppProxy(request: Request, runtime: Runtime, nowMs = Date.now()): Promise<ProxyIdentity> {
  const params = new URL(request.url).searchParams;
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
  try {
    await runtime.shopify.authenticate.public.appProxy(request);
  } catch (error) {
    // The library signals a bad signature with a bare 400 Response; anything else is a real failure.
    if (error instanceof Response) throw invalidSignature();
    throw error;
  }
  const customerId = params.get("logged_in_customer_id");
  return { shop, customerId: customerId ? customerId : null };
}
