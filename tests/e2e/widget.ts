// Shared pieces of the widget's browser tests: locators inside the open shadow root, a few shopper actions, axe
// with the tags the product requires, and the two outside actors (the ops CLI, an agent's reply).

import AxeBuilder from "@axe-core/playwright";
import { expect, request, type Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLiquid } from "../../app/devStorefront/liquid.server";
import { appendAgentReply } from "../support/agentReply";

export const SHOP = "aurora-demo.myshopify.com";
export const DATABASE_URL = `file:${join(process.env.E2E_DATA_DIR ?? "", "aurora.sqlite")}`;
const run = promisify(execFile);

/** The widget's elements (Playwright's CSS and role locators reach into open shadow roots). */
export function widget(page: Page) {
  const host = page.locator("#aurora-concierge");
  const panel = host.getByRole("dialog");
  return {
    host,
    launcher: host.locator("button.l"),
    panel,
    log: panel.getByRole("log"),
    input: panel.getByRole("textbox", { name: /message|votre message/i }),
  };
}

export async function openConcierge(page: Page): Promise<void> {
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  await w.launcher.click();
  await expect(w.panel).toBeVisible();
}

/** Types a message and waits for the concierge's answer (the typing indicator comes and goes). */
export async function say(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await w.input.fill(text);
  await w.input.press("Enter");
  await expect(w.log.locator(".typing")).toHaveCount(0, { timeout: 15_000 });
}

/** axe with WCAG 2.x A/AA and best practices over the whole page, the widget's shadow root included. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, label).toEqual([]);
}

/** The ops CLI, as an operator would run it against the same database. */
export async function rollout(...args: string[]): Promise<void> {
  await run(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/concierge.ts", "rollout", "--shop", SHOP, ...args],
    {
      env: { ...process.env, DATABASE_URL },
    },
  );
}

/**
 * Changes the rollout, then waits until the server answers a fresh, anonymous visitor with `enabled` (its shop
 * cache is 5 s). Its own request context: no signed-in customer cookie may make an allowlist answer early.
 */
export async function rolloutThenWait(enabled: boolean, ...args: string[]): Promise<void> {
  await rollout(...args);
  const anonymous = await request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}` });
  try {
    await expect
      .poll(
        async () =>
          (await (await anonymous.get(`/apps/concierge/config?visitorId=probe-${Date.now()}`)).json()).enabled,
        {
          timeout: 15_000,
          intervals: [500],
        },
      )
      .toBe(enabled);
  } finally {
    await anonymous.dispose();
  }
}

export const agentReply = (conversationId: string, text: string) =>
  appendAgentReply(DATABASE_URL, SHOP, conversationId, text);

export async function conversationIdOf(page: Page): Promise<string> {
  const id = await page.evaluate(() => localStorage.getItem("aurora-concierge:conversation"));
  expect(id).toBeTruthy();
  return id!;
}

/** Accepts or declines analytics in the theme's banner (Shopify's Customer Privacy API). */
export async function consent(page: Page, choice: "Accept" | "Decline"): Promise<void> {
  await page.getByRole("region", { name: "Cookies" }).getByRole("button", { name: choice }).click();
}

/**
 * Opens `path`: the storefront's home without its embed, plus the real block rendered with these theme-editor
 * settings and printed before </body> as Shopify would, served from the storefront's own origin so the browser
 * parses and runs it like any page.
 */
export async function gotoWithBlockSettings(
  page: Page,
  settings: Record<string, unknown>,
  path = "/themed-page",
): Promise<void> {
  const block = createLiquid({}).renderBlock(
    {
      request: { locale: { iso_code: "en" } },
      routes: { root_url: "/" },
      template: { name: "index" },
      shop: { email: null },
      customer: null,
    },
    settings,
  );
  const home = await (await page.request.get("/?concierge=off")).text();
  await page.route(`**${path}`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: home.replace("</body>", `${block}</body>`) }),
  );
  await page.goto(path);
}
