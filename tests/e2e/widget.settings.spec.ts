// How the widget loads and looks, in Chromium on the dev storefront: the merchant's Settings → Widget appearance
// and the theme block's settings reach the launcher (block first, ADR 0005), the panel bundle waits for intent, the
// config answer is cached per tab, and the waiting and offline states are what a shopper sees.
// The appearance test changes the shop's settings and puts them back.

import { expect, test, type Page } from "@playwright/test";
import { defaultShopSettings } from "../../app/concierge/shopDefaults";
import { toasts, waitForHydration } from "./support/admin";
import { gotoWithBlockSettings, openConcierge, widget } from "./widget";

const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`;

async function saveAppearance(page: Page, look: { position: string; label: string; greeting: string }) {
  await page.goto("/app/settings");
  await waitForHydration(page);
  await page.getByLabel("Position").selectOption({ label: look.position });
  await page.getByLabel("Launcher label").fill(look.label);
  await page.getByLabel("Greeting").fill(look.greeting);
  await page.getByRole("button", { name: "Save appearance" }).click();
  await expect(toasts(page)).toContainText("Appearance saved");
}

test.describe("Settings → Widget appearance on the storefront", () => {
  const stock = defaultShopSettings().appearance;
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage({ baseURL: BASE_URL });
    await saveAppearance(page, { position: "Bottom right", label: stock.launcherLabel, greeting: stock.greeting });
    await page.close();
  });

  test("a label, greeting and left position saved by the merchant show on the next page load; the block's own settings still win", async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    const look = { label: "Ask Aurora", greeting: "Welcome to Aurora! Ask me about rings, orders or returns." };
    await saveAppearance(page, { position: "Bottom left", ...look });
    // The server's shop cache is a few seconds: wait until a fresh config answer carries the new appearance.
    await expect
      .poll(
        async () => (await (await page.request.get("/apps/concierge/config?visitorId=probe-look")).json()).appearance,
        {
          timeout: 15_000,
          intervals: [500],
        },
      )
      .toMatchObject({ position: "bottom-left", launcherLabel: look.label, greeting: look.greeting });

    // A fresh context: no tab cache of an older config answer.
    const shopper = await browser.newContext({ baseURL: BASE_URL });
    try {
      const store = await shopper.newPage();
      await store.goto("/");
      const w = widget(store);
      await expect(w.launcher).toHaveAccessibleName(look.label);
      await expect(w.host.locator(".t")).toHaveText(look.label);
      await expect(w.host).toHaveClass("left");
      const box = (await w.launcher.boundingBox())!;
      expect(box.x).toBeLessThan((store.viewportSize()!.width - box.width) / 2);
      await openConcierge(store);
      await expect(w.log.locator(".m").first()).toHaveText(look.greeting);

      // The theme editor's settings win over the admin's wherever the merchant set them there.
      await store.evaluate(() => sessionStorage.clear());
      await gotoWithBlockSettings(store, { launcher_label: "Chat with Maison", greeting: "Bienvenue chez Maison." });
      await expect(w.launcher).toHaveAccessibleName("Chat with Maison");
      await expect(w.host).toHaveClass("left"); // the block left position at its default: the admin's applies
      await openConcierge(store);
      await expect(w.log.locator(".m").first()).toHaveText("Bienvenue chez Maison.");
    } finally {
      await shopper.close();
    }
  });
});

test("the block's left position and accent colour reach the launcher", async ({ page }) => {
  await gotoWithBlockSettings(page, { position: "left", accent_color: "#7a1f3d" });
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  await expect(w.host).toHaveClass("left");
  await expect(w.launcher).toHaveCSS("background-color", "rgb(122, 31, 61)");
  await expect(w.launcher).toHaveCSS("color", "rgb(255, 255, 255)"); // white reads on the dark accent
  const box = (await w.launcher.boundingBox())!;
  expect(box.x).toBeLessThanOrEqual(16 + 1);
});

for (const intent of ["hover", "focus"] as const) {
  test(`the panel bundle is not fetched at page load, and is fetched on ${intent} before any click`, async ({
    page,
  }) => {
    const panelRequests: string[] = [];
    page.on("request", (r) => r.url().includes("concierge-panel.js") && panelRequests.push(r.url()));
    await page.goto("/");
    const w = widget(page);
    await expect(w.launcher).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(panelRequests).toEqual([]);

    const fetched = page.waitForRequest(/concierge-panel\.js/);
    // A pointer resting on the launcher, or a keyboard shopper tabbing to it.
    await (intent === "hover" ? w.launcher.hover() : w.launcher.focus());
    await fetched;
    await expect(w.panel).toHaveCount(0); // fetched, not opened
    await expect(w.launcher).toHaveAttribute("aria-expanded", "false");
  });
}

test("two page views within 20 s make one config request", async ({ page }) => {
  const configRequests: string[] = [];
  page.on("request", (r) => r.url().includes("/apps/concierge/config") && configRequests.push(r.url()));
  await page.goto("/");
  await expect(widget(page).launcher).toBeVisible();
  await page.goto("/collections/rings");
  await expect(widget(page).launcher).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(configRequests).toHaveLength(1);
});

test("the typing indicator shows while a reply is on its way", async ({ page }) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/apps/concierge/messages", async (route) => {
    await held;
    await route.continue();
  });
  await w.input.fill("rose gold rings under $800");
  await w.input.press("Enter");
  const typing = w.log.locator(".typing");
  await expect(typing).toBeVisible();
  await expect(typing).toContainText("The concierge is typing");
  release();
  await expect(typing).toHaveCount(0, { timeout: 15_000 });
  await expect(w.log.locator(".cards").last()).toBeVisible();
});

test("offline: the offline text and Retry show, and back online the same message goes through once", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  const keys: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/apps/concierge/messages")) void r.headerValue("idempotency-key").then((k) => keys.push(k!));
  });
  await context.setOffline(true);
  await w.input.fill("rings under $500");
  await w.input.press("Enter");
  const alert = w.log.getByRole("alert");
  await expect(alert).toContainText("You seem to be offline.");
  // Retry while still offline says so again.
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(w.log.getByRole("alert")).toContainText("You seem to be offline.");
  await expect(w.log.getByRole("alert").getByRole("button", { name: "Try again" })).toBeVisible();

  // Coming back online reruns the pending action by itself, with its key.
  const sent = page.waitForRequest("**/apps/concierge/messages");
  await context.setOffline(false);
  await sent;
  await expect(w.log.locator(".cards").last()).toBeVisible({ timeout: 15_000 });
  await expect(w.log.getByRole("alert")).toHaveCount(0);
  await expect(w.log.locator(".m.me")).toHaveCount(1); // the shopper's line was not repeated
  expect(new Set(keys).size).toBe(1); // one action, one Idempotency-Key
});

test("offline, then online: Retry sends the message when the browser's online event never came", async ({
  page,
  context,
}) => {
  // The panel listens on window: swallow the event before any page script sees it, as if it never came.
  await page.addInitScript(() =>
    window.addEventListener("online", (event) => event.stopImmediatePropagation(), { capture: true }),
  );
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  await context.setOffline(true);
  await w.input.fill("rings under $500");
  await w.input.press("Enter");
  const alert = w.log.getByRole("alert");
  await expect(alert).toContainText("You seem to be offline.");
  await context.setOffline(false);
  const sent = page.waitForRequest("**/apps/concierge/messages");
  await alert.getByRole("button", { name: "Try again" }).click();
  await sent;
  await expect(w.log.locator(".cards").last()).toBeVisible({ timeout: 15_000 });
  await expect(w.log.getByRole("alert")).toHaveCount(0);
});

test("a French storefront keeps its own launcher name and greeting while the merchant's copy is the stock English", async ({
  page,
}) => {
  await page.goto("/fr");
  const w = widget(page);
  await expect(w.launcher).toHaveAccessibleName("Discuter avec notre concierge");
  await openConcierge(page);
  await expect(w.log.locator(".m").first()).toHaveText(
    "Bonjour — je peux vous aider à trouver un bijou, suivre une commande ou lancer un retour ou une mise à taille.",
  );
});
