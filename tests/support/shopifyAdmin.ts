// Shopify mode without Shopify: session tokens minted with a test secret (HS256, the claims App Bridge's tokens
// carry), the offline session and staff seeded into the store before the app starts, and admin URLs shaped the
// way Shopify's admin opens an embedded app. Relative imports: the e2e server script runs this under plain tsx.

import { createHmac, randomUUID } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { seedDemoShop } from "../../app/services/demoShop.server";
import type { StaffRole } from "../../app/store/port";
import { openSqliteStore } from "../../app/store/sqlite";

export const SHOPIFY_TEST = {
  apiKey: "aurora-e2e-api-key",
  secret: "aurora-e2e-test-secret-not-for-production",
  shop: "aurora-e2e.myshopify.com",
} as const;

/** The staff the Shopify-mode suites act as: Shopify user ids (the token's `sub`) by role. */
export const TEST_STAFF: { userId: string; name: string; role: StaffRole }[] = [
  { userId: "1001", name: "Olivia Owner", role: "owner" },
  { userId: "1002", name: "Adam Admin", role: "admin" },
  { userId: "1003", name: "Lena Lead", role: "support_lead" },
  { userId: "1004", name: "Aiko Agent", role: "agent" },
  { userId: "1005", name: "Victor Viewer", role: "viewer" },
];

export function userOf(role: StaffRole): string {
  return TEST_STAFF.find((s) => s.role === role)!.userId;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A session token as App Bridge would hand the app for `userId` (exp in `ttlSeconds`). */
export function sessionToken(
  userId: string,
  opts: { shop?: string; secret?: string; apiKey?: string; ttlSeconds?: number } = {},
): string {
  const shop = opts.shop ?? SHOPIFY_TEST.shop;
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: opts.apiKey ?? SHOPIFY_TEST.apiKey,
      sub: userId,
      exp: now + (opts.ttlSeconds ?? 600),
      nbf: now - 5,
      iat: now - 5,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", opts.secret ?? SHOPIFY_TEST.secret)
    .update(`${header}.${payload}`)
    .digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** `host` as Shopify's admin sends it: base64 of admin.shopify.com/store/<name>. */
export function hostParam(shop = SHOPIFY_TEST.shop): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64");
}

/** An admin document URL as Shopify's admin opens it inside its iframe. */
export function embeddedUrl(path: string, token: string | null, shop = SHOPIFY_TEST.shop): string {
  const url = new URL(path, "http://app.invalid");
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", hostParam(shop));
  if (token) url.searchParams.set("id_token", token);
  return `${url.pathname}${url.search}`;
}

/** The env of an app process in Shopify mode (the app URL only names where Shopify would reach it). */
export function shopifyEnv(appUrl = "https://concierge.test.example"): Record<string, string> {
  return {
    SHOPIFY_API_KEY: SHOPIFY_TEST.apiKey,
    SHOPIFY_API_SECRET: SHOPIFY_TEST.secret,
    SHOPIFY_APP_URL: appUrl,
    HOST: "127.0.0.1",
  };
}

/**
 * What a real install leaves behind: the shop (demo catalog), its offline session (so `authenticate.admin` never
 * calls Shopify for a token exchange) and, unless `staff: false`, staff with every role.
 */
export async function seedShopifyShop(databasePath: string, opts: { staff?: boolean; shop?: string } = {}) {
  const shop = opts.shop ?? SHOPIFY_TEST.shop;
  const store = openSqliteStore(databasePath);
  try {
    await seedDemoShop(store, shop);
    const session = new Session({
      id: `offline_${shop}`,
      shop,
      state: "seeded",
      isOnline: false,
      accessToken: "shpat_seeded_offline_token",
      scope: "read_products,read_orders,read_customers,read_locales,write_app_proxy",
    });
    await store.sessions.store({ id: session.id, shop, data: session.toPropertyArray(true) });
    if (opts.staff !== false) {
      for (const member of TEST_STAFF) {
        await store.staff.put(shop, {
          ...member,
          email: `${member.name.split(" ")[0].toLowerCase()}@aurora.example`,
          updatedAt: new Date().toISOString(),
        });
      }
    }
  } finally {
    await store.close();
  }
}

/** Headers of a browser-like request (the library answers 410 to bot user agents). */
export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
