// App-proxy signature check (API.md §2): the Shopify library's HMAC check, plus the two gaps of 4.2.1 closed
// first — repeated identity keys and a missing timestamp — so `shop` and the customer are trusted only after.

import { AppError } from "./errors.server";
import type { Runtime } from "./runtime.server";

const SINGLE_VALUED = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"];
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export interface ProxyIdentity {
  shop: string;
  /** The logged-in storefront customer, as Shopify vouches for it; null for guests. */
  customerId: string | null;
}

function invalidSignature(): AppError {
  return new AppError("auth.invalid_signature", 401, "The request signature is missing, invalid or expired.");
}

export async function verifyAppProxy(request: Request, runtime: Runtime): Promise<ProxyIdentity> {
  const params = new URL(request.url).searchParams;
  for (const key of SINGLE_VALUED) {
    if (params.getAll(key).length > 1) throw invalidSignature();
  }
  const shop = params.get("shop");
  if (!params.get("signature") || !params.get("timestamp") || !shop || !SHOP_DOMAIN.test(shop)) {
    throw invalidSignature();
  }
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
