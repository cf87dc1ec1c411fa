// `npm run screenshot:support`: the pictures of Docs/guides/support-team.md, made from the real build (run
// `npm run build` first) in Debian's Chromium, the same way `npm run screenshot` makes the README's. It starts the
// app on a fresh local store, lets a few shoppers chat (a search, a stylist request, a low rating, a return), then
// walks the admin as an agent would and photographs each step into Docs/guides/images/.

import { chromium, expect, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { startApp } from "../tests/support/app";
import { localSecret, proxyClient } from "../tests/support/proxy";

const OUT = "Docs/guides/images";
const SHOP = "aurora-demo.myshopify.com";

const app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000" });
const shopper = proxyClient(app.url, { shop: SHOP, secret: localSecret(app.dataDir) });

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await shopper.post(path, body);
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function chat(visitorId: string, ...texts: string[]): Promise<string> {
  let conversationId: string | undefined;
  for (const text of texts) {
    const turn = await post("messages", { visitorId, text, ...(conversationId ? { conversationId } : {}) });
    conversationId = turn.conversationId as string;
  }
  return conversationId!;
}

// What a morning's shoppers leave behind.
await chat("v-guide-1", "rose gold rings under $800", "show me cheaper ones");
await chat("v-guide-2", "do you sell pearl earrings?");
const graceChat = await chat("v-guide-3", "I'm looking for an engagement ring", "can I talk to a stylist?");
const grace = await post("escalations", {
  visitorId: "v-guide-3",
  conversationId: graceChat,
  contact: { name: "Grace Hopper", email: "grace@example.com" },
  topic: "custom_ring",
  notes: "Vintage halo setting, size 6, platinum if possible",
});
const lowChat = await chat("v-guide-4", "where is my order");
await post("csat", { visitorId: "v-guide-4", conversationId: lowChat, rating: 2, comment: "Could not find my order" });
await post("escalations", {
  visitorId: "v-guide-5",
  conversationId: await chat("v-guide-5", "how do I clean a silver bracelet?", "talk to a human"),
  contact: { name: "Ada Lovelace", email: "ada@example.com" },
  topic: "care",
});
await post("returns", {
  orderNumber: "#1012",
  email: "emma.thompson@example.com",
  lineItemId: "li_1012_1",
  option: "resize",
  newSize: 6.5,
  reason: "A little too small",
});
for (const visitorId of ["v-guide-1", "v-guide-2", "v-guide-3", "v-guide-4", "v-guide-5"]) {
  await post("events", { visitorId, events: [{ name: "widget_open", at: new Date().toISOString() }] });
}
const ticket = grace.ticket as { id: string; number: number };
// The overview's latency and error rate come from request stats, flushed to the store every 5 s.
await new Promise((r) => setTimeout(r, 6_000));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const shots: string[] = [];
/** Clicks once the button is usable (a form's submit stays disabled until the page has hydrated and has input). */
async function press(button: Locator): Promise<void> {
  await expect(button).not.toHaveAttribute("aria-disabled", "true", { timeout: 15_000 });
  await button.click();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300); // toasts and transitions settle
  const path = `${OUT}/${name}.png`;
  await page.screenshot({ path });
  shots.push(path);
}

try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  const heading = (name: RegExp | string) => page.getByRole("heading", { level: 1, name }).waitFor();

  await page.goto(`${app.url}/app`);
  await heading("Overview");
  await shot(page, "01-overview");

  await page.goto(`${app.url}/app/tickets`);
  await heading("Tickets");
  await shot(page, "02-ticket-queue");

  await page.getByRole("link", { name: `#${ticket.number}`, exact: true }).click();
  await heading(new RegExp(`^Ticket #${ticket.number}`));
  await page.waitForLoadState("networkidle");
  await press(page.getByRole("button", { name: "Assign to me" }));
  await page.getByText(/^Assigned to: /).waitFor();
  await page.waitForLoadState("networkidle"); // the page's data reloaded after the change: its form is fresh
  await page.getByLabel("Status").selectOption("in_progress");
  await press(page.getByRole("button", { name: "Update status" }));
  await page
    .getByText(/is now in progress/)
    .first()
    .waitFor();
  await shot(page, "03-ticket-assigned");

  await page.getByLabel("Add an internal note").fill("Two vintage halos in platinum, size 6, in stock.");
  await press(page.getByRole("button", { name: "Add note" }));
  await page.getByText("Internal note added.").first().waitFor();
  await page
    .getByLabel("Your reply")
    .fill("Hi Grace, we have two vintage halo rings in platinum, size 6. Shall I send you photos?");
  await page.getByLabel("Your reply").scrollIntoViewIfNeeded();
  await shot(page, "04-ticket-note-and-reply");
  await press(page.getByRole("button", { name: "Send reply" }));
  await page
    .getByText(/Reply sent/)
    .first()
    .waitFor();
  await page.getByRole("list", { name: "Conversation messages" }).scrollIntoViewIfNeeded();
  await shot(page, "05-reply-sent");

  await page.goto(`${app.url}/app/tickets?view=csat`);
  await heading("Tickets");
  await shot(page, "06-csat-follow-ups");

  await page.goto(`${app.url}/app/conversations?q=rose`);
  await heading("Conversations");
  await shot(page, "07-conversation-search");
  await page.goto(`${app.url}/app/conversations/${graceChat}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await shot(page, "08-transcript");

  await page.goto(`${app.url}/app/returns`);
  await heading("Returns");
  await shot(page, "09-returns");
  await page.getByRole("link", { name: "RMA-00001" }).click();
  await page.getByRole("heading", { level: 1, name: /RMA-00001/ }).waitFor();
  await shot(page, "10-return-request");

  await page.goto(`${app.url}/app/rollout`);
  await heading("Rollout");
  await page.waitForLoadState("networkidle");
  await press(page.getByRole("button", { name: "Switch off the concierge" }));
  await page.getByRole("dialog", { name: "Switch off the concierge?" }).waitFor();
  await shot(page, "11-kill-switch");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  console.log(`wrote ${shots.length} screenshots:\n${shots.map((s) => `  ${s}`).join("\n")}`);
} finally {
  await browser.close();
  await app.stop();
}
