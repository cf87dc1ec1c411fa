// The embedded admin in Shopify mode, in a real Chromium: `authenticate.admin` with session tokens minted with a
// test secret, the offline session seeded, App Bridge's script answered by a local stub (the CDN is out of reach)
// and a normal browser user agent. Every page passes axe with no page errors, and an agent works a ticket from
// open to resolved with a note and a reply that the shopper's transcript then shows.

import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { SHOPIFY_TEST, userOf } from "../support/shopifyAdmin";
import { deliver } from "../support/webhooks";
import {
  escalatedShopper,
  expectNoAxeViolations,
  openShopifyAdmin,
  returnRequested,
  SHOPIFY_URL,
  storefront,
  toasts,
  watchPageErrors,
} from "./support/admin";

test.use({ baseURL: SHOPIFY_URL });

let shopper: { conversationId: string; ticketId: string; ticketNumber: number; visitorId: string };
let returnId: string;

test.beforeAll(async () => {
  const visitorId = "v-e2e-shopify";
  shopper = { ...(await escalatedShopper(storefront("shopify"), visitorId)), visitorId };
  returnId = await returnRequested("shopify", { conversationId: shopper.conversationId, visitorId });
  // Shopify forwards a customer's request for their data (applied by the worker within a second or two).
  const delivered = await deliver(
    SHOPIFY_URL,
    "customers/data_request",
    {
      shop_domain: SHOPIFY_TEST.shop,
      customer: { id: 4401, email: "grace@example.com" },
      orders_requested: [],
      data_request: { id: 4401 },
    },
    { shop: SHOPIFY_TEST.shop, secret: SHOPIFY_TEST.secret, webhookId: "e2e-data-request-4401" },
  );
  expect(delivered.status).toBe(200);
});

test("every admin page passes axe in Shopify mode, with the App Bridge script and no page error", async ({ page }) => {
  test.setTimeout(120_000); // eleven pages, each loaded and analysed by axe: ~20 s here, much more on a busy machine
  const errors = watchPageErrors(page);
  const paths = [
    "/app",
    "/app/conversations",
    `/app/conversations/${shopper.conversationId}`,
    "/app/tickets",
    "/app/tickets?view=csat",
    `/app/tickets/${shopper.ticketId}`,
    "/app/returns",
    `/app/returns/${returnId}`,
    "/app/rollout",
    "/app/settings",
    "/app/data-requests",
  ];
  for (const path of paths) {
    await openShopifyAdmin(page, path, userOf("owner"));
    await expect(page.locator("main").getByRole("heading", { level: 1 }), path).toBeVisible();
    // Shopify's admin draws the menu and title from App Bridge's elements; the local shell is not there.
    await expect(page.locator("ui-nav-menu a[rel=home]")).toHaveAttribute("href", "/app");
    await expect(page.getByRole("link", { name: "Skip to content" })).toHaveCount(0);
    await expectNoAxeViolations(page, path);
  }
  expect(errors()).toEqual([]);
});

test("an agent sees no settings and no money, and cannot open them", async ({ page }) => {
  const errors = watchPageErrors(page, [/status of 403/]);
  await openShopifyAdmin(page, "/app", userOf("agent"));
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText(/attributed orders/)).not.toContainText("$");
  await expect(page.locator("ui-nav-menu a")).toHaveText(["Overview", "Conversations", "Tickets", "Returns"]);
  await openShopifyAdmin(page, "/app/settings", userOf("agent"));
  await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this page" })).toBeVisible();
  await expectNoAxeViolations(page, "forbidden page");
  expect(errors()).toEqual([]);
});

test("an agent works a ticket from open to resolved with a note and a reply the shopper then reads", async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await openShopifyAdmin(page, "/app/tickets", userOf("agent"));
  // From the queue into the ticket: a client-side navigation whose data request carries the session token.
  await page.getByRole("link", { name: `#${shopper.ticketNumber}`, exact: true }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Ticket #${shopper.ticketNumber}: Custom ring` }),
  ).toBeFocused();
  await expect(page.getByText("Open", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(toasts(page)).toContainText("assigned to Aiko Agent");
  await expect(page.getByText("Assigned to: Aiko Agent")).toBeVisible();

  await page.getByLabel("Status").selectOption("in_progress");
  await page.getByRole("button", { name: "Update status" }).click();
  await expect(toasts(page)).toContainText("is now in progress");

  await page.getByLabel("Add an internal note").fill("Two vintage halos in platinum, size 6, in stock.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(toasts(page)).toContainText("Internal note added.");
  await expect(page.getByText("Two vintage halos in platinum, size 6, in stock.")).toBeVisible();
  await expect(page.getByLabel("Add an internal note")).toHaveValue("");

  const reply = "Hi Grace, we have two vintage halo rings in size 6. Shall I send photos?";
  await page.getByLabel("Your reply").fill(reply);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(toasts(page)).toContainText("Reply sent");
  await expect(page.getByRole("list", { name: "Conversation messages" }).getByText(reply)).toBeVisible();

  await page.getByLabel("Status").selectOption("resolved");
  await page.getByRole("button", { name: "Update status" }).click();
  await expect(toasts(page)).toContainText("is now resolved");
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page, "worked ticket");

  const transcript = await storefront("shopify").get(`conversations/${shopper.conversationId}`, {
    visitorId: shopper.visitorId,
  });
  expect(transcript.conversation.messages.at(-1)).toMatchObject({ role: "agent", text: reply, author: "Aiko Agent" });
  expect(errors()).toEqual([]);
});

test("an owner downloads a customer's data request report from inside the embedded admin", async ({ page }) => {
  const errors = watchPageErrors(page);
  await expect(async () => {
    await openShopifyAdmin(page, "/app/data-requests", userOf("owner"));
    await expect(page.getByRole("rowheader", { name: "grace@example.com" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // Embedded, only the app's own fetches carry the session token: the link fetches the report and saves it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the report for grace@example.com" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("data-request-dr_4401.json");
  const report = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(report.dataRequest.id).toBe("dr_4401");
  expect(report.tickets.map((t: { id: string }) => t.id)).toContain(shopper.ticketId);
  expect(errors()).toEqual([]);
});

test("an owner syncs the catalog from Shopify in Settings and watches it finish", async ({ page }) => {
  const errors = watchPageErrors(page);
  await openShopifyAdmin(page, "/app/settings", userOf("owner"));
  const catalog = page.getByRole("region", { name: "Catalog" });
  await expect(catalog.getByText("Not started")).toBeVisible();
  await catalog.getByRole("button", { name: "Sync catalog from Shopify" }).click();
  await expect(toasts(page)).toContainText("Catalog sync started");
  // The page refreshes itself while the sync runs.
  await expect(catalog.getByText("Up to date")).toBeVisible({ timeout: 20_000 });
  await expect(catalog.getByRole("list", { name: "Sync progress" })).toContainText("Products: 75 (done)");
  await expect(catalog.getByRole("list", { name: "Sync progress" })).toContainText("Orders of the last 60 days: 20");
  await expect(catalog.getByRole("button", { name: "Sync again" })).toBeVisible();
  await expectNoAxeViolations(page, "settings after a catalog sync");
  await openShopifyAdmin(page, "/app", userOf("owner"));
  await expect(page.getByRole("listitem").filter({ hasText: "Catalog synced" })).toContainText(
    "Webhooks keep it current.",
  );
  expect(errors()).toEqual([]);
});

test("a support lead's Settings has no data requests or catalog controls, and their page is refused", async ({
  page,
}) => {
  const errors = watchPageErrors(page, [/status of 403/]);
  await openShopifyAdmin(page, "/app/data-requests", userOf("support_lead"));
  await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this page" })).toBeVisible();
  await openShopifyAdmin(page, "/app/settings", userOf("support_lead"));
  await expect(page.getByRole("region", { name: "Customer data requests" })).toContainText(
    "owners and admins download the report",
  );
  await expect(page.getByRole("region", { name: "Catalog" }).getByRole("button")).toHaveCount(0);
  await expectNoAxeViolations(page, "settings as a support lead");
  expect(errors()).toEqual([]);
});
