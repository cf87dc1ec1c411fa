// The shopper journeys end to end in Chromium on the dev storefront: the real block, the real widget bundles, the
// app-proxy emulation, the real server and store.

import { expect, test } from "@playwright/test";
import { agentReply, consent, conversationIdOf, openConcierge, say, widget } from "./widget";

test("discovery → refine → add to cart tags the cart with the conversation", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await say(page, "rose gold rings under $800");
  const cards = w.log.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(cards.first()).toBeVisible();
  await expect(cards.first()).toContainText("Rose gold");

  // Refine with the product filter form: platinum instead, ready to ship only.
  await w.log.getByRole("button", { name: "Refine" }).last().click();
  const form = w.log.getByRole("group", { name: "Refine these pieces" });
  await expect(form.getByLabel("Type of piece")).toHaveValue("ring");
  await form.getByLabel("Metal").selectOption("platinum");
  await form.getByLabel("Highest price").fill("5000");
  await form.getByRole("button", { name: "Show pieces" }).click();
  const refined = w.log.locator(".cards").last();
  await expect(refined.getByRole("listitem").first()).toContainText("Platinum");

  const first = refined.getByRole("listitem").first();
  const title = (await first.getByRole("heading").innerText()).trim();
  await first.getByRole("button", { name: /^Add to cart/ }).click();
  await expect(first.getByRole("status")).toContainText("Added to your cart.");
  const conversationId = await conversationIdOf(page);
  const cart = await (await page.request.get("/cart.js")).json();
  expect(cart.item_count).toBe(1);
  expect(cart.items[0].title).toContain(title);
  expect(cart.attributes).toEqual({ _concierge_conversation_id: conversationId });
});

test("a guest tracks an order with its number and checkout email, and rates the help", async ({ page }) => {
  await page.goto("/collections/rings");
  await openConcierge(page);
  const w = widget(page);
  await w.log.getByRole("button", { name: "Track an order" }).click();
  const form = w.log.getByRole("group", { name: "Find your order" });
  // Inline validation: nothing is sent until the fields make sense.
  await form.getByLabel("Order number").fill("#1012");
  await form.getByLabel("Email used at checkout").fill("emma@");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByText("Enter an email such as name@example.com.")).toBeVisible();
  await expect(form.getByLabel("Email used at checkout")).toBeFocused();
  await form.getByLabel("Email used at checkout").fill("emma.thompson@example.com");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(w.log.getByRole("heading", { name: "Order #1012" })).toBeVisible();
  await expect(w.log.locator(".tl li").first()).toBeVisible();
  // CSAT after the completed journey; a good rating is thanked.
  await w.log.getByRole("button", { name: "Helpful", exact: true }).click();
  await expect(w.log.getByText("Thank you for the feedback.")).toBeVisible();
});

test("a logged-in customer just asks where their order is", async ({ page }) => {
  await page.goto("/account/login");
  await page.getByRole("button", { name: "Sign in as Emma Thompson" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await openConcierge(page);
  await say(page, "where is my order");
  const w = widget(page);
  await expect(w.log.locator(".card2 h3").first()).toHaveText(/^Order #\d+$/);
  await expect(w.log.getByRole("button", { name: /^Order #/ }).first()).toBeVisible();
});

test("a return shows each piece's eligibility before anything is submitted, then gives an RMA", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await w.log.getByRole("button", { name: "Return or resize" }).click();
  const start = w.log.getByRole("group", { name: "Start a return or resize" });
  await start.getByLabel("Order number").fill("1009");
  await start.getByLabel("Email used at checkout").fill("sophia.rossi@example.com");
  await start.getByLabel("Reason").fill("The colour is not what I expected");
  await start.getByRole("button", { name: "Continue" }).click();
  // The eligibility preview: one piece eligible with its deadline, one excluded.
  await expect(w.log.getByText(/Eligible until/)).toBeVisible();
  await expect(w.log.getByText(/Custom, engraved or final sale/)).toBeVisible();
  const confirm = w.log.getByRole("group", { name: "Confirm your request" });
  await confirm.getByLabel("Reason").fill("The colour is not what I expected");
  await confirm.getByRole("button", { name: "Continue" }).click();
  await expect(w.log.getByText(/Request RMA-[\w-]+ is in\./)).toBeVisible();
});

test("a stylist escalation gives a ticket number and a reply time", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await say(page, "I'd like to talk to a human");
  const form = w.log.getByRole("group", { name: /stylist/i }).last();
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByText("Please fill this in.").first()).toBeVisible();
  await form.getByLabel("Your name").fill("Ana Souza");
  await form.getByLabel("Email").fill("ana@example.com");
  await form.getByLabel("How can a stylist help?").fill("Engagement ring ideas around $3k");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(w.log.getByRole("heading", { name: /^Ticket #\d+$/ })).toBeVisible();
  await expect(w.panel.locator(".sub")).toContainText(/A stylist/);
});

test("a low rating offers a stylist at once", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await w.log.getByRole("button", { name: "Track an order" }).click();
  const form = w.log.getByRole("group", { name: "Find your order" });
  await form.getByLabel("Order number").fill("1024");
  await form.getByLabel("Email used at checkout").fill("lucas.tremblay@example.com");
  await form.getByRole("button", { name: "Continue" }).click();
  await w.log.getByRole("button", { name: "1 out of 5" }).click();
  await w.log.getByLabel("Anything to add? (optional)").fill("Too slow");
  await w.log.getByRole("button", { name: "Send rating" }).click();
  await expect(w.log.getByText(/fell short/)).toBeVisible();
  await w.log.getByRole("button", { name: "Talk to a stylist" }).last().click();
  await expect(w.log.getByRole("group", { name: /stylist/i }).last()).toBeVisible();
});

test("the shortlist keeps saved pieces, and its share link shows them to someone else", async ({ page, browser }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await say(page, "ready-to-ship studs");
  const cards = w.log.locator(".cards").last().getByRole("listitem");
  const saved = [
    (await cards.nth(0).getByRole("heading").innerText()).trim(),
    (await cards.nth(1).getByRole("heading").innerText()).trim(),
  ];
  await cards.nth(0).getByRole("button", { name: /^Save/ }).click();
  await cards.nth(1).getByRole("button", { name: /^Save/ }).click();
  await expect(cards.nth(0).getByRole("button", { name: /^Saved/ })).toHaveAttribute("aria-pressed", "true");
  await w.panel.getByRole("button", { name: "Saved pieces (2)" }).click();
  const drawer = w.panel.getByRole("region", { name: "Saved pieces" });
  await expect(drawer.getByRole("heading", { level: 3 })).toHaveCount(2);
  expect((await drawer.getByRole("heading", { level: 3 }).allInnerTexts()).sort()).toEqual([...saved].sort());
  await drawer.getByRole("button", { name: "Copy share link" }).click();
  const link = await drawer.getByRole("textbox", { name: "Copy share link" }).inputValue();
  expect(link).toMatch(/\/\?concierge_shortlist=sl_/);

  const friend = await browser.newPage();
  await friend.goto(link);
  const shared = widget(friend).panel.getByRole("region", { name: "Pieces shared with you" });
  await expect(shared.getByRole("heading", { level: 3 })).toHaveCount(2);
  expect((await shared.getByRole("heading", { level: 3 }).allInnerTexts()).sort()).toEqual([...saved].sort());
  await friend.close();
});

test("a reload and another page keep the transcript, which comes from the server", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  await say(page, "do you offer financing?");
  const w = widget(page);
  await expect(w.log.locator(".m.me")).toHaveText(/do you offer financing\?/);
  const replies = await w.log.locator(".m").count();
  await page.reload();
  // The panel was open: it opens again, with the same conversation.
  await expect(w.panel).toBeVisible();
  await expect(w.log.locator(".m.me")).toHaveText(/do you offer financing\?/);
  await expect(w.log.locator(".m")).toHaveCount(replies);
  await page.goto("/collections/necklaces");
  await expect(w.log.locator(".m.me")).toHaveText(/do you offer financing\?/);
});

test("an agent's reply shows as an unread badge on the launcher, then in the transcript", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  await say(page, "hello");
  const w = widget(page);
  await expect(w.log.locator(".m.me")).toHaveCount(1);
  const conversationId = await conversationIdOf(page);
  await w.panel.getByRole("button", { name: "Close" }).click();
  await agentReply(conversationId, "Hi, Maya from the studio here. I have two ideas for you.");
  // The next page view asks the server again (the config cache is per tab session: clear it as a new tab would).
  await page.evaluate(() => sessionStorage.clear());
  await page.goto("/collections/earrings");
  await expect(w.launcher).toHaveAccessibleName("Chat with our concierge (1 new reply)");
  await expect(w.host.locator(".b")).toBeVisible();
  await w.launcher.click();
  await expect(w.log.locator(".m.agent")).toContainText("Maya from the studio");
  await expect(w.host.locator(".b")).toBeHidden();
  await expect(w.launcher).toHaveAccessibleName("Chat with our concierge");
});

test("delete my chat erases the conversation on the server", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  await say(page, "my email is someone@example.com, any earrings?");
  const w = widget(page);
  await expect(w.log.locator(".m.me")).toHaveCount(1);
  const conversationId = await conversationIdOf(page);
  await w.panel.getByRole("button", { name: "More options" }).click();
  await w.panel.getByRole("button", { name: "Delete my chat" }).click();
  await w.panel.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(w.log.getByText("Your chat has been deleted.")).toBeVisible();
  await expect(w.log.locator(".m.me")).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("aurora-concierge:conversation"))).toBeNull();
  const visitorId = await page.evaluate(() => localStorage.getItem("aurora-concierge:visitor"));
  const gone = await page.request.get(`/apps/concierge/conversations/${conversationId}?visitorId=${visitorId}`);
  expect(gone.status()).toBe(404);
});

test("analytics leave the page only once the shopper allows them", async ({ page }) => {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/apps/concierge/events")) sent.push(r.postData() ?? "");
  });
  await page.goto("/");
  await consent(page, "Decline");
  await openConcierge(page);
  await say(page, "rings");
  await expect(widget(page).log.locator(".cards").last()).toBeVisible();
  await page.waitForTimeout(4_500); // one flush interval
  expect(sent).toEqual([]);

  await page.context().clearCookies();
  await page.evaluate(() => sessionStorage.clear()); // a new visit: the panel does not reopen by itself
  await page.goto("/");
  await consent(page, "Accept");
  await openConcierge(page);
  await say(page, "necklaces");
  await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const names = sent.flatMap((body) => (JSON.parse(body).events as { name: string }[]).map((e) => e.name));
  expect(names).toContain("widget_open");
  expect(sent.join("")).not.toContain("necklaces"); // no free text in analytics
});
