// A fake Shopify Admin GraphQL API on loopback (the only fake: Shopify lives outside our machine). It serves the
// shop's locales, and products, customers and orders in pages with cursors, checks the access token, logs every
// request, and can fail or stall a given page once to interrupt a backfill. Like Shopify, it serves the page size the
// query asks for (`first`), and refuses a query whose requested cost exceeds the single-query limit of 1,000 points.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAdminOptions {
  token: string;
  products: unknown[];
  customers: unknown[];
  orders: unknown[];
  /** The shop's published locales (`shopLocales`); none given: the field is refused as without the scope. */
  shopLocales?: { locale: string; primary: boolean }[];
  /** Serve at most this many nodes per page, whatever `first` asks (forces pagination with a small data set). */
  pageSize?: number;
}

/** Shopify's single-query limit on the requested cost (Admin GraphQL rate limits). */
export const MAX_QUERY_COST = 1000;

/**
 * The requested cost of a query, by Shopify's documented rules: a scalar costs 0, an object 1, a connection or list
 * asked with `first: N` costs 2 plus N times its selection. Enough of GraphQL's syntax for our queries (no fragments).
 */
export function requestedQueryCost(query: string): number {
  const body = query.slice(query.indexOf("{"));
  let at = 0;
  const selection = (): number => {
    at++; // "{"
    let cost = 0;
    while (at < body.length && body[at] !== "}") {
      const field = /^\s*([A-Za-z_]\w*)\s*(\(([^)]*)\))?\s*/.exec(body.slice(at));
      if (!field) {
        at++;
        continue;
      }
      at += field[0].length;
      if (body[at] !== "{") continue; // a scalar
      const first = /\bfirst:\s*(\d+)/.exec(field[3] ?? "");
      const inner = selection();
      cost += first ? 2 + Number(first[1]) * inner : 1 + inner;
    }
    at++; // "}"
    return cost;
  };
  return selection();
}

export interface FakeRequest {
  resource: "products" | "customers" | "orders" | "shopLocales";
  cursor: string | null;
  query?: string;
  /** Refused before any data was read (the query's requested cost was over the limit). */
  refused?: "cost";
}

export async function startFakeAdminApi(options: FakeAdminOptions) {
  const requests: FakeRequest[] = [];
  const once = new Map<string, { status?: number; delayMs?: number }>();
  const pageSize = options.pageSize ?? Infinity;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers["x-shopify-access-token"] !== options.token)
      return send(401, { errors: "Invalid API key or access token" });
    if (!/^\/admin\/api\/2025-10\/graphql\.json$/.test(req.url ?? "")) return send(404, { errors: "Not Found" });
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      query: string;
      variables: { cursor?: string | null; query?: string };
    };
    if (/\bshopLocales\(/.test(query)) {
      requests.push({ resource: "shopLocales", cursor: null });
      if (!options.shopLocales)
        return send(200, {
          errors: [{ message: "Access denied for shopLocales field. Required access: `read_locales`" }],
        });
      return send(200, { data: { shopLocales: options.shopLocales } });
    }
    const resource = (["products", "customers", "orders"] as const).find((r) => new RegExp(`\\b${r}\\(`).test(query));
    if (!resource) return send(200, { errors: [{ message: "unknown query" }] });
    const cost = requestedQueryCost(query);
    if (cost > MAX_QUERY_COST) {
      requests.push({ resource, cursor: variables.cursor ?? null, query: variables.query, refused: "cost" });
      return send(200, {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    const asked = Number(new RegExp(`\\b${resource}\\(\\s*first:\\s*(\\d+)`).exec(query)?.[1] ?? 0);
    const cursor = variables.cursor ?? null;
    requests.push({ resource, cursor, query: variables.query });
    const key = `${resource}:${cursor ?? ""}`;
    const fault = once.get(key);
    if (fault) {
      once.delete(key);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status) return send(fault.status, { errors: "Internal Server Error" });
    }
    const all = options[resource];
    const start = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
    const nodes = all.slice(start, start + Math.min(asked, pageSize));
    const end = start + nodes.length;
    const hasNextPage = end < all.length;
    send(200, {
      data: {
        [resource]: {
          pageInfo: { hasNextPage, endCursor: hasNextPage ? Buffer.from(String(end)).toString("base64url") : null },
          nodes,
        },
      },
      extensions: { cost: { requestedQueryCost: cost } },
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cursorAt: (offset: number) => Buffer.from(String(offset)).toString("base64url"),
    /** The next request for this page fails with `status` and/or waits `delayMs` first. */
    failOnce(resource: FakeRequest["resource"], cursor: string | null, fault: { status?: number; delayMs?: number }) {
      once.set(`${resource}:${cursor ?? ""}`, fault);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---------- nodes in the Admin GraphQL shape ----------

export function gqlProduct(i: number) {
  const metal = ["Rose Gold", "Platinum", "Yellow Gold"][i % 3];
  return {
    id: `gid://shopify/Product/${1000 + i}`,
    handle: `piece-${i}`,
    title: `Piece ${i} ${i % 2 ? "Ring" : "Pendant Necklace"}`,
    descriptionHtml: "<p>Handmade.</p>",
    productType: i % 2 ? "Ring" : "Necklace",
    tags: i % 4 === 0 ? ["ready-to-ship"] : [],
    status: "ACTIVE",
    updatedAt: "2026-01-01T00:00:00Z",
    options: [{ name: "Metal", values: [metal] }],
    images: { nodes: [{ url: `https://cdn.example/p${i}.jpg`, altText: null }] },
    metafields: { nodes: i === 5 ? [{ namespace: "concierge", key: "ready_to_ship", value: "true" }] : [] },
    variants: {
      nodes: [
        {
          id: `gid://shopify/ProductVariant/${5000 + i}`,
          title: metal,
          price: String(500 + i),
          compareAtPrice: null,
          sku: `SKU-${i}`,
          inventoryQuantity: 3,
          inventoryPolicy: "DENY",
          selectedOptions: [{ name: "Metal", value: metal }],
          inventoryItem: { id: `gid://shopify/InventoryItem/${9000 + i}`, tracked: true },
        },
      ],
    },
  };
}

export function gqlCustomer(i: number) {
  return {
    id: `gid://shopify/Customer/${200 + i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    updatedAt: "2026-01-01T00:00:00Z",
    defaultEmailAddress: { emailAddress: `c${i}@example.com` },
  };
}

export function gqlOrder(i: number) {
  return {
    id: `gid://shopify/Order/${7000 + i}`,
    name: `#${2000 + i}`,
    email: `c${i}@example.com`,
    createdAt: new Date(Date.now() - i * 86_400_000).toISOString(),
    updatedAt: new Date().toISOString(),
    cancelledAt: null,
    displayFinancialStatus: "PAID",
    customer: { id: `gid://shopify/Customer/${200 + i}` },
    shippingAddress: { zip: "10013" },
    totalPriceSet: { shopMoney: { amount: "501.0", currencyCode: "USD" } },
    customAttributes: [],
    lineItems: {
      nodes: [
        {
          id: `gid://shopify/LineItem/${8000 + i}`,
          title: "Piece 1 Ring",
          variantTitle: "Rose Gold",
          quantity: 1,
          originalUnitPriceSet: { shopMoney: { amount: "501.0", currencyCode: "USD" } },
          product: { id: "gid://shopify/Product/1001" },
          variant: { id: "gid://shopify/ProductVariant/5001" },
          customAttributes: [{ key: "Engraving", value: "A+B" }],
        },
      ],
    },
    fulfillments:
      i % 2
        ? [
            {
              createdAt: new Date().toISOString(),
              deliveredAt: null,
              estimatedDeliveryAt: null,
              displayStatus: "IN_TRANSIT",
              trackingInfo: [{ company: "UPS", number: `1Z${i}`, url: null }],
            },
          ]
        : [],
  };
}
