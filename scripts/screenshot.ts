// `npm run screenshot`: the README's picture of the dev storefront with the concierge open, made from the real
// build (run `npm run build` first) in Debian's Chromium, so the README always shows what `npm start` serves.

import { chromium } from "@playwright/test";
import { startApp } from "../tests/support/app";

const OUT = "Docs/images/storefront-concierge.png";

const app = await startApp();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(`${app.url}/`);
  await page.getByRole("region", { name: "Cookies" }).getByRole("button", { name: "Accept" }).click();
  const host = page.locator("#aurora-concierge");
  await host.locator("button.l").click();
  const input = host.getByRole("textbox", { name: "Your message" });
  await input.fill("rose gold rings under $800");
  await input.press("Enter");
  await host.locator(".cards img").first().waitFor();
  // Show the answer from its first line: the shopper's question, the concierge's words, the first cards.
  await host.locator(".log").evaluate((log) => {
    const me = [...log.querySelectorAll<HTMLElement>(".m.me")].at(-1)!;
    log.scrollTop = me.offsetTop - (log as HTMLElement).offsetTop - 8;
  });
  await page.waitForTimeout(400); // images decoded, the rise animation over
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
