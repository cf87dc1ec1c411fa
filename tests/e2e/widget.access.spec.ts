// Everyone can use the concierge: axe finds nothing on the whole page (ours included) closed, open, on each form
// and on product cards, desktop and mobile; a keyboard alone does a whole journey; a phone gets a full-screen
// panel with the page behind it inert; a French storefront speaks French.

import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, openConcierge, say, widget } from "./widget";

async function axeTour(page: Page, label: string): Promise<void> {
  await page.goto("/");
  await expect(widget(page).launcher).toBeVisible();
  await expectNoAxeViolations(page, `${label}: closed`);
  await openConcierge(page);
  await expectNoAxeViolations(page, `${label}: open`);
  const w = widget(page);
  await say(page, "rose gold rings under $800");
  await w.log.getByRole("button", { name: "Refine" }).last().click();
  await expectNoAxeViolations(page, `${label}: product cards and the filter form`);
  await say(page, "track my order");
  const lookup = w.log.getByRole("group", { name: "Find your order" });
  await lookup.getByRole("button", { name: "Continue" }).click(); // show the inline errors too
  await expect(lookup.getByText("Please fill this in.")).toBeVisible();
  await expectNoAxeViolations(page, `${label}: order lookup form with errors`);
  await say(page, "I want to return something");
  await say(page, "talk to a human");
  await expectNoAxeViolations(page, `${label}: return and escalation forms`);
  await w.panel.getByRole("button", { name: /^Saved pieces/ }).click();
  await expectNoAxeViolations(page, `${label}: shortlist drawer`);
}

test("axe: no violations on the storefront with the concierge closed, open, with cards and every form (desktop)", async ({
  page,
}) => {
  await axeTour(page, "desktop");
});

test("axe: no violations on the storefront with the concierge closed, open, with cards and every form (mobile)", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await axeTour(page, "mobile");
});

test("a keyboard alone finds a piece, adds it to the cart and closes the concierge", async ({ page }) => {
  await page.goto("/");
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  // Tab from the top of the page until the launcher has focus (it comes last, after the footer).
  for (let i = 0; i < 60 && !(await w.launcher.evaluate((el) => el.matches(":focus"))); i++)
    await page.keyboard.press("Tab");
  await expect(w.launcher).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(w.panel).toBeVisible();
  await expect(w.input).toBeFocused(); // focus moved into the dialog
  await page.keyboard.type("ready-to-ship earrings");
  await page.keyboard.press("Enter");
  await expect(w.log.locator(".cards").last()).toBeVisible();
  // Shift+Tab back from the message box into the conversation until an "Add to cart" button has focus.
  const add = w.log
    .locator(".cards")
    .last()
    .getByRole("button", { name: /^Add to cart/ });
  for (let i = 0; i < 40 && !(await add.evaluateAll((els) => els.some((el) => el.matches(":focus")))); i++) {
    await page.keyboard.press("Shift+Tab");
  }
  await page.keyboard.press("Enter");
  await expect(w.log.getByText("Added to your cart.").first()).toBeVisible();
  expect((await (await page.request.get("/cart.js")).json()).item_count).toBe(1);
  // Escape closes the dialog and focus returns to the launcher: no trap.
  await page.keyboard.press("Escape");
  await expect(w.panel).toBeHidden();
  await expect(w.launcher).toBeFocused();
  await expect(w.launcher).toHaveAttribute("aria-expanded", "false");
});

test("on a 375×667 phone the panel is full screen, the page behind is inert, and the launcher clears the bottom", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto("/products/14k-rose-gold-stacking-ring");
  const w = widget(page);
  const box = (await w.launcher.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(667 - (box.y + box.height)).toBeGreaterThanOrEqual(20); // the block's bottom offset
  await openConcierge(page);
  // Once the 180 ms rise has played, the panel covers the screen.
  await expect
    .poll(async () => {
      const b = (await w.panel.boundingBox())!;
      return [b.x, b.y, b.width, b.height].map(Math.round);
    })
    .toEqual([0, 0, 375, 667]);
  await expect(w.panel).toHaveAttribute("aria-modal", "true");
  expect(await page.evaluate(() => (document.querySelector("main") as HTMLElement).inert)).toBe(true);
  await say(page, "rose gold rings under $800");
  const cards = w.log.locator(".cards").last();
  await expect(cards).toBeVisible();
  // Cards scroll sideways on a phone.
  expect(await cards.evaluate((el) => getComputedStyle(el).overflowX)).toBe("auto");
  await w.panel.getByRole("button", { name: "Close" }).click();
  await expect(w.panel).toBeHidden();
  expect(await page.evaluate(() => (document.querySelector("main") as HTMLElement).inert)).toBe(false);
  await expect(w.launcher).toBeFocused();
});

test("themes can open, close, hide and show the concierge through window.AuroraConcierge", async ({ page }) => {
  await page.goto("/");
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  await page.evaluate(() => (window as unknown as { AuroraConcierge: { open(): void } }).AuroraConcierge.open());
  await expect(w.panel).toBeVisible();
  await page.evaluate(() => (window as unknown as { AuroraConcierge: { close(): void } }).AuroraConcierge.close());
  await expect(w.panel).toBeHidden();
  await page.evaluate(() => (window as unknown as { AuroraConcierge: { hide(): void } }).AuroraConcierge.hide());
  await expect(w.launcher).toBeHidden();
  await page.evaluate(() => (window as unknown as { AuroraConcierge: { show(): void } }).AuroraConcierge.show());
  await expect(w.launcher).toBeVisible();
});

test("a French storefront shows the concierge in French and sends the locale with every message", async ({ page }) => {
  const locales: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/apps/concierge/messages")) locales.push(JSON.parse(r.postData() ?? "{}").locale);
  });
  await page.goto("/fr/collections/rings");
  const w = widget(page);
  await expect(w.launcher).toHaveAccessibleName("Discuter avec notre concierge");
  await w.launcher.click();
  await expect(w.panel.getByRole("heading", { name: "Concierge" })).toBeVisible();
  await expect(w.panel.getByRole("button", { name: "Fermer" })).toBeVisible();
  await expect(w.panel.getByRole("textbox", { name: "Votre message" })).toHaveAttribute(
    "placeholder",
    "Bijoux, commandes, retours…",
  );
  await expect(w.log.getByRole("button", { name: "Suivre une commande" })).toBeVisible();
  await expect(w.panel.getByRole("button", { name: "Bijoux enregistrés" })).toBeVisible();
  await say(page, "bagues en or rose");
  await w.log.getByRole("button", { name: "Trouver un bijou" }).click();
  await expect(w.log.locator(".m.me")).toHaveCount(2);
  await expect(w.log.locator(".typing")).toHaveCount(0);
  expect(locales).toEqual(["fr", "fr"]);
});

test("a French shopper's stylist request sends the storefront's locale, which its answer and refusals follow", async ({
  page,
}) => {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/apps/concierge/escalations")) sent.push(JSON.parse(r.postData() ?? "{}").locale);
  });
  await page.goto("/fr/");
  const w = widget(page);
  await w.launcher.click();
  await say(page, "je voudrais parler à un conseiller");
  const form = w.log.getByRole("group", { name: "Parler à un conseiller" }).last();
  await form.getByLabel("Votre nom").fill("Camille Martin");
  await form.getByLabel("Adresse e-mail").fill("camille@example.com");
  await form.getByLabel("Comment un conseiller peut-il vous aider ?").fill("Une bague de fiançailles");
  await form.getByRole("button", { name: "Continuer" }).click();
  await expect(w.log.getByRole("heading", { name: /^Demande n° \d+$/ })).toBeVisible();
  expect(sent).toEqual(["fr"]);
});
