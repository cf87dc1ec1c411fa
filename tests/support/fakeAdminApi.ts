// A fake Shopify Admin GraphQL API on loopback (the only fake: Shopify lives outside our machine). It serves the
// shop's locales, and products, customers and orders in pages with cursors, checks the access token, logs every
// request, and can fail or stall a given page once to interrupt a backfill.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAdminOptions {
  token: string;
  products: unknown[];
  customers: unknown[];
  orders: unknown[];
  /** The shop's published locales (`shopLocales`); none given: the field is refused as without the scope. */
  shopLocales?: { locale: string; primary: boolean }[];
  pageSize?: number;
}

export interface FakeRequest {
  resource: "products" | "customers" | "orders" | "shopLocales";
  cursor: string | null;
  query?: string;
}

export async function startFakeAdminApi(options: FakeAdminOptions) {
  const requests: FakeRequest[] = [];
  const once = new Map<string, { status?: number; delayMs?: number }>();
  const pageSize = options.pageSize ?? 50;
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
    const nodes = all.slice(start, start + pageSize);
    const end = start + nodes.length;
    const hasNextPage = end < all.length;
    send(200, {
      data: {
        [resource]: {
          pageInfo: { hasNextPage, endCursor: hasNextPage ? Buffer.from(String(end)).toString("base64url") : null },
          nodes,
        },
      },
      extensions: { cost: { requestedQueryCost: 10 } },
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
