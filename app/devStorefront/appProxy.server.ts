// Shopify's app proxy, emulated for the dev storefront: /apps/concierge/<rest>?<query> is signed and forwarded to
// {app}/proxy/<rest> exactly as Shopify does it (API.md §2) — shop, logged_in_customer_id, path_prefix,
// timestamp, then the signature over the sorted pairs — so the app checks it with its real verifier.

import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const PROXY_PREFIX = "/apps/concierge";
/** Keys only Shopify may set: whatever the browser sent under these names is dropped, so none is ever repeated. */
const SHOPIFY_KEYS = new Set(["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"]);
const MAX_BODY = 1024 * 1024;
const PASSED_REQUEST_HEADERS = [
  "content-type",
  "idempotency-key",
  "x-request-id",
  "accept",
  "user-agent",
  "accept-language",
];
const PASSED_RESPONSE_HEADERS = [
  "content-type",
  "x-request-id",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "retry-after",
  "idempotent-replay",
  "allow",
  "cache-control",
];

/** HMAC-SHA256 over the sorted `key=value` pairs (multi-values joined by ","), `signature` left out, hex. */
export function appProxySignature(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The query Shopify sends to the app: the shopper's own keys, then Shopify's, then the signature. */
export function signedProxyQuery(
  shopperQuery: URLSearchParams,
  o: { shop: string; customerId: string | null; secret: string; now?: number },
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of shopperQuery) if (!SHOPIFY_KEYS.has(key)) params.append(key, value);
  params.append("shop", o.shop);
  params.append("logged_in_customer_id", o.customerId ?? "");
  params.append("path_prefix", PROXY_PREFIX);
  params.append("timestamp", String(Math.floor((o.now ?? Date.now()) / 1000)));
  params.append("signature", appProxySignature(params, o.secret));
  return params;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

/** The app's own address, as seen by this request (the storefront and the app are one process locally). */
function appOrigin(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const host = address.includes(":") ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}

export async function forwardToApp(
  req: IncomingMessage,
  res: ServerResponse,
  o: { shop: string; customerId: string | null; secret: string },
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://storefront.local");
  const rest = url.pathname.slice(PROXY_PREFIX.length).replace(/^\/+/, "");
  const query = signedProxyQuery(url.searchParams, o);
  const headers: Record<string, string> = {};
  for (const name of PASSED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  // Shopify's proxy appends the shopper's address; the app's per-IP rate limits read it (TRUST_PROXY).
  headers["x-forwarded-for"] = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  let body: Buffer | null = null;
  try {
    body = req.method === "GET" || req.method === "HEAD" ? null : await readBody(req);
  } catch {
    res.writeHead(413, { "content-type": "text/plain" }).end("Request entity too large");
    return;
  }
  let answer: Response;
  try {
    answer = await fetch(`${appOrigin(req)}/proxy/${rest}?${query}`, {
      method: req.method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      redirect: "manual",
    });
  } catch {
    // What Shopify shows when the app cannot be reached.
    res.writeHead(502, { "content-type": "text/plain" }).end("The app could not be reached.");
    return;
  }
  const out: Record<string, string> = {};
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) out[name] = value;
  }
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}
