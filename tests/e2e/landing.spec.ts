// The local-mode front page is the dev storefront: it says what is running, links to the admin, passes axe, and
// works by keyboard.

import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./widget";

test("the front page is a jewelry storefront that says what is running and links to the admin", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Pieces that mark the moments" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Merchant admin" })).toHaveAttribute("href", "/app");
  await expect(page.getByText("Local demo · local mode · SQLite")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Featured pieces" })).toBeVisible();
  await expectNoAxeViolations(page, "front page");
});

test("a keyboard user reaches readiness from the front page's footer", async ({ page }) => {
  await page.goto("/?concierge=off");
  const readiness = page.getByRole("link", { name: "readiness" });
  for (let i = 0; i < 80 && !(await readiness.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(readiness).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/api\/ready$/);
  expect(JSON.parse(await page.locator("body").innerText())).toMatchObject({ status: "ok", checks: { store: "ok" } });
});
