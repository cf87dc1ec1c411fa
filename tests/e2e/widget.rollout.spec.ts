// Who sees the concierge, and what happens when things go wrong: the kill switch empties the storefront within
// 30 s without a restart, a 0% rollout hides it except for an allowlisted customer, an unreachable API shows an
// honest error with Retry and recovers, and a hostile merchant setting cannot run as script.
// These tests change the shop's rollout, so they run one after another and put it back.

import { expect, test } from "@playwright/test";
import { gotoWithBlockSettings, openConcierge, rollout, rolloutThenWait, say, widget } from "./widget";

test.describe.configure({ mode: "serial" });
test.afterAll(async () => {
  await rollout("--enabled", "true", "--percent", "100", "--clear-allowlist");
});

test("kill switch: the widget is gone on the next page load within 30 s, without a restart", async ({ page }) => {
  test.setTimeout(60_000);
  // The page's clock runs normally but can be moved ahead, so the 20 s config cache is tested without waiting it out.
  await page.clock.install();
  await page.goto("/");
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  const killedAt = Date.now();
  await rollout("--enabled", "false");
  // The server's own shop cache (5 s) is real time: wait until a fresh config call says "killed".
  await expect
    .poll(async () => (await (await page.request.get("/apps/concierge/config?visitorId=probe")).json()).enabled, {
      timeout: 15_000,
      intervals: [500],
    })
    .toBe(false);
  const serverMs = Date.now() - killedAt;
  // Within the tab's 20 s config cache the launcher may still show; once it has expired it must not.
  await page.clock.fastForward(20_001);
  await page.goto("/collections/rings");
  await expect(page.locator("#main h1")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(w.host).toHaveCount(0);
  expect(serverMs + 20_001).toBeLessThan(30_000);
  // Nothing else of the concierge answers while it is off.
  expect((await page.request.post("/apps/concierge/messages", { data: { visitorId: "v", text: "hi" } })).status()).toBe(
    503,
  );
  await rolloutThenWait(true, "--enabled", "true");
});

test("rollout at 0% hides the widget; an allowlisted customer sees it once signed in", async ({ page }) => {
  await rollout("--enabled", "true", "--percent", "0", "--allow-customer", "cust_2");
  await expect
    .poll(async () => (await (await page.request.get("/apps/concierge/config?visitorId=probe-0")).json()).reason, {
      timeout: 15_000,
      intervals: [500],
    })
    .toBe("not_in_rollout");
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await expect(page.locator("#aurora-concierge")).toHaveCount(0);

  await page.goto("/account/login");
  const who = page.getByRole("button", { name: /^Sign in as / }).nth(1); // cust_2
  await who.click();
  await expect(page).toHaveURL(/\/account$/);
  await page.evaluate(() => sessionStorage.clear()); // the hidden answer was cached for this tab
  await page.goto("/");
  await expect(widget(page).launcher).toBeVisible();
  await rolloutThenWait(true, "--percent", "100", "--clear-allowlist");
});

test("API down: the error state offers Retry and a stylist email, and the same message goes through once it is back", async ({
  page,
}) => {
  await page.goto("/");
  await openConcierge(page);
  const w = widget(page);
  const keys: string[] = [];
  await page.route("**/apps/concierge/messages", async (route) => {
    keys.push((await route.request().headerValue("idempotency-key")) ?? "");
    await route.abort("connectionrefused");
  });
  await w.input.fill("rings under $500");
  await w.input.press("Enter");
  const alert = w.log.getByRole("alert");
  await expect(alert).toContainText("I couldn't reach the concierge just now.", { timeout: 15_000 });
  await expect(alert.getByRole("link", { name: "Email a stylist" })).toHaveAttribute("href", /^mailto:/);
  expect(new Set(keys).size).toBe(1); // quiet retries reuse the action's key

  await page.unroute("**/apps/concierge/messages");
  const retried = page.waitForRequest("**/apps/concierge/messages");
  await alert.getByRole("button", { name: "Try again" }).click();
  expect(await (await retried).headerValue("idempotency-key")).toBe(keys[0]);
  await expect(w.log.locator(".cards").last()).toBeVisible();
  await expect(w.log.getByRole("alert")).toHaveCount(0);
  await expect(w.log.locator(".m.me")).toHaveCount(1); // the shopper's line was not repeated
});

test("a merchant setting containing </script><script> is shown as text and never runs", async ({ page }) => {
  const evil = "</script><script>window.__pwned = true</script>";
  await gotoWithBlockSettings(page, { launcher_label: evil }, "/evil-setting");
  const w = widget(page);
  await expect(w.launcher).toHaveAccessibleName(evil);
  await expect(w.host.locator(".t")).toHaveText(evil);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await openConcierge(page);
  await say(page, "hello");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});
