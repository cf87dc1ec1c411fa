// The local-mode front page in a real Chromium: renders from the real build, passes axe, works by keyboard.

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the front page says what is running and has no accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Aurora Concierge" })).toBeVisible();
  await expect(page.getByText("Local demo (no Shopify credentials)")).toBeVisible();
  await expect(page.getByText("Embedded SQLite")).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations).toEqual([]);
});

test("a keyboard user reaches readiness from the front page", async ({ page }) => {
  await page.goto("/");
  const readiness = page.getByRole("link", { name: "readiness" });
  // Tab until the readiness link has focus, then follow it with Enter.
  for (let i = 0; i < 10 && !(await readiness.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(readiness).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/api\/ready$/);
  expect(JSON.parse(await page.locator("body").innerText())).toMatchObject({ status: "ok", checks: { store: "ok" } });
});
