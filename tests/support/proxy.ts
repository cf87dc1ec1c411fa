// Signs storefront requests exactly as Shopify's app proxy does: HMAC-SHA256 over the sorted `key=value` pairs
// (multi-values joined by ","), `signature` excluded, concatenated without separators, lowercase hex.

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function proxySignature(params: [string, string][], secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) {
    if (k === "signature") continue;
    grouped.set(k, [...(grouped.get(k) ?? []), v]);
  }
  const message = [...grouped.entries()]
    .map(([k, vs]) => `${k}=${vs.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export interface SignOptions {
  shop: string;
  secret: string;
  customerId?: string;
  timestamp?: number; // seconds; default now
  /** Extra raw params appended after signing (to test tampering and repeats). */
  extra?: [string, string][];
  omitTimestamp?: boolean;
}

/** `{base}/proxy/{path}?{query}&shop=…&logged_in_customer_id=…&path_prefix=…&timestamp=…&signature=…` */
export function signedUrl(
  base: string,
  path: string,
  query: Record<string, string> | [string, string][],
  o: SignOptions,
): string {
  const params: [string, string][] = Array.isArray(query) ? [...query] : Object.entries(query);
  params.push(["shop", o.shop], ["logged_in_customer_id", o.customerId ?? ""], ["path_prefix", "/apps/concierge"]);
  if (!o.omitTimestamp) params.push(["timestamp", String(o.timestamp ?? Math.floor(Date.now() / 1000))]);
  params.push(["signature", proxySignature(params, o.secret)]);
  for (const p of o.extra ?? []) params.push(p);
  const search = new URLSearchParams(params).toString();
  return `${base}/proxy/${path.replace(/^\//, "")}?${search}`;
}

/** The development secret a local-mode server generated into its data folder. */
export function localSecret(dataDir: string): string {
  return readFileSync(join(dataDir, "dev-app-secret"), "utf8").trim();
}

export interface ProxyClient {
  get(
    path: string,
    query?: Record<string, string>,
    opts?: Partial<SignOptions> & { headers?: Record<string, string> },
  ): Promise<Response>;
  post(
    path: string,
    body: unknown,
    opts?: Partial<SignOptions> & { headers?: Record<string, string>; raw?: string },
  ): Promise<Response>;
  del(
    path: string,
    query?: Record<string, string>,
    opts?: Partial<SignOptions> & { headers?: Record<string, string> },
  ): Promise<Response>;
}

export function proxyClient(base: string, defaults: SignOptions): ProxyClient {
  const sign = (path: string, query: Record<string, string>, o?: Partial<SignOptions>) =>
    signedUrl(base, path, query, { ...defaults, ...o });
  return {
    get: (path, query = {}, opts = {}) => fetch(sign(path, query, opts), { headers: opts.headers }),
    post: (path, body, opts = {}) =>
      fetch(sign(path, {}, opts), {
        method: "POST",
        headers: { "content-type": "application/json", ...opts.headers },
        body: opts.raw ?? JSON.stringify(body),
      }),
    del: (path, query = {}, opts = {}) => fetch(sign(path, query, opts), { method: "DELETE", headers: opts.headers }),
  };
}

/** A shopper who chats, then asks for a stylist: their conversation, and the ticket's id and number. */
export async function escalatedShopper(
  shopper: ProxyClient,
  visitorId: string,
  opts: { contact?: { name: string; email: string }; locale?: string } = {},
) {
  const contact = opts.contact ?? { name: "Grace Hopper", email: "grace@example.com" };
  const turn = (await (
    await shopper.post("messages", { visitorId, text: "do you have platinum engagement rings?" })
  ).json()) as { conversationId: string };
  const escalation = (await (
    await shopper.post("escalations", {
      conversationId: turn.conversationId,
      visitorId,
      contact,
      topic: "custom_ring",
      notes: "Vintage halo, size 6",
      ...(opts.locale ? { locale: opts.locale } : {}),
    })
  ).json()) as { ticket: { id: string; number: number } };
  return { conversationId: turn.conversationId, ticketId: escalation.ticket.id, number: escalation.ticket.number };
}

/** A shopper who asks in the chat to return the ring of the demo order #1012: the conversation and the request. */
export async function returnRequested(shopper: ProxyClient, visitorId: string) {
  const turn = (await (await shopper.post("messages", { visitorId, text: "I want to return my ring" })).json()) as {
    conversationId: string;
  };
  const created = (await (
    await shopper.post("returns", {
      orderNumber: "#1012",
      email: "emma.thompson@example.com",
      lineItemId: "li_1012_1",
      option: "return",
      reason: "Too big",
      conversationId: turn.conversationId,
      visitorId,
    })
  ).json()) as { returnRequest: { id: string; rma: string } };
  return { conversationId: turn.conversationId, ...created.returnRequest };
}
