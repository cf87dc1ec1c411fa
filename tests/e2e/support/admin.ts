// Browser-test helpers for the embedded admin: where the two app servers run (local and Shopify mode), axe with
// WCAG 2.x A/AA and best practices, page-error watching, App Bridge from a local stub in Shopify mode (the CDN is
// out of reach), and signed storefront calls that create the conversations and tickets the pages show.

import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appBridgeStub } from "../../../app/platform/appBridgeStub.server";
import { signedUrl } from "../../support/proxy";
import { embeddedUrl, sessionToken, SHOPIFY_TEST } from "../../support/shopifyAdmin";

export const LOCAL_PORT = Number(process.env.E2E_PORT ?? 3917);
export const SHOPIFY_PORT = LOCAL_PORT + 1;
export const LOCAL_URL = `http://127.0.0.1:${LOCAL_PORT}`;
export const SHOPIFY_URL = `http://127.0.0.1:${SHOPIFY_PORT}`;
export const LOCAL_SHOP = "aurora-demo.myshopify.com";

/** Data folders of the two servers (set once by playwright.config.ts, shared with the workers through env). */
export const localDataDir = () => process.env.E2E_DATA_DIR!;
export const shopifyDataDir = () => process.env.AURORA_E2E_SHOPIFY_DATA!;

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, label).toEqual([]);
}

/**
 * Waits until React has hydrated the page (its fiber is on the page's heading) and run its effects: a key pressed
 * before that would follow a link as a full page load, which a busy machine makes likely.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const heading = document.querySelector("main h1");
    return heading !== null && Object.keys(heading).some((key) => key.startsWith("__reactFiber$"));
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Collects uncaught page errors and console errors; `allow` filters expected ones (a 404 page's own status). */
export function watchPageErrors(page: Page, allow: RegExp[] = []): () => string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (!allow.some((re) => re.test(text))) errors.push(`console: ${text}`);
  });
  return () => errors;
}

/**
 * Opens an admin page in Shopify mode as `userId`: App Bridge's CDN script is answered by the local stub, which
 * carries a session token minted with the test secret (and adds it to the app's fetches, as App Bridge does).
 */
export async function openShopifyAdmin(page: Page, path: string, userId: string): Promise<void> {
  const token = sessionToken(userId, { ttlSeconds: 900 });
  await page.route("https://cdn.shopify.com/shopifycloud/app-bridge.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: appBridgeStub({ apiKey: SHOPIFY_TEST.apiKey, shop: SHOPIFY_TEST.shop, sessionToken: token }),
    }),
  );
  await page.goto(SHOPIFY_URL + embeddedUrl(path, token));
}

/** App Bridge's toasts (the stub's polite live region). */
export const toasts = (page: Page) => page.getByRole("region", { name: "Notifications" });

export interface Storefront {
  post(path: string, body: unknown): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  get(path: string, query: Record<string, string>): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Signed app-proxy calls to one of the servers, as Shopify would forward the widget's requests. */
export function storefront(mode: "local" | "shopify"): Storefront {
  const base = mode === "local" ? LOCAL_URL : SHOPIFY_URL;
  const shop = mode === "local" ? LOCAL_SHOP : SHOPIFY_TEST.shop;
  const secret =
    mode === "local" ? readFileSync(join(localDataDir(), "dev-app-secret"), "utf8").trim() : SHOPIFY_TEST.secret;
  return {
    async post(path, body) {
      const res = await fetch(signedUrl(base, path, {}, { shop, secret }), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
    async get(path, query) {
      const res = await fetch(signedUrl(base, path, query, { shop, secret }));
      return (await res.json()) as Record<string, unknown>;
    },
  };
}

/** A shopper who chats and asks for a stylist: a conversation and a ticket in the queue. */
export async function escalatedShopper(shop: Storefront, visitorId: string, name = "Grace Hopper") {
  const turn = await shop.post("messages", { visitorId, text: "rose gold rings under $800" });
  const conversationId = turn.conversationId as string;
  const escalation = await shop.post("escalations", {
    conversationId,
    visitorId,
    contact: { name, email: "grace@example.com" },
    topic: "custom_ring",
    notes: "Vintage halo, size 6",
  });
  return { conversationId, ticketId: escalation.ticket.id as string, ticketNumber: escalation.ticket.number as number };
}

/** A return request for demo order #1012 made from the shopper's chat (for the return's own page); its id. */
export async function returnRequested(
  mode: "local" | "shopify",
  chat: { conversationId: string; visitorId: string },
): Promise<string> {
  const created = await storefront(mode).post("returns", {
    orderNumber: "#1012",
    email: "emma.thompson@example.com",
    lineItemId: "li_1012_1",
    option: "return",
    reason: "Too big",
    ...chat,
  });
  // A worker restarted after a failure finds the item's request already open: use that one.
  const dir = mode === "local" ? localDataDir() : shopifyDataDir();
  const db = new Database(join(dir, "aurora.sqlite"), { readonly: true });
  const existing = db
    .prepare("SELECT id FROM return_requests WHERE shop = ? ORDER BY created_at LIMIT 1")
    .get(mode === "local" ? LOCAL_SHOP : SHOPIFY_TEST.shop) as { id: string } | undefined;
  db.close();
  return (created.returnRequest as { id: string } | undefined)?.id ?? existing!.id;
}
