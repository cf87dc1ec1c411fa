// The dev storefront over real HTTP: pages render the real app embed block, /apps/concierge/* is signed and
// forwarded like Shopify's app proxy (the app's own verifier accepts it), the Ajax cart works, and none of it is
// served in Shopify mode.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { EMMA } from "../support/storefront";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000" });
});
afterAll(async () => {
  await app?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers, redirect: "manual" });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

function embedSettings(html: string) {
  const match = /<script type="application\/json" id="aurora-concierge-settings">([\s\S]*?)<\/script>/.exec(html);
  return match ? JSON.parse(match[1]) : null;
}

describe("pages", () => {
  it("serves home, collection and product pages with the app embed before </body>", async () => {
    for (const path of ["/", "/collections/rings", "/products/14k-rose-gold-stacking-ring"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toMatch(/<html lang="en">/);
      expect(embedSettings(html), path).toMatchObject({ proxy: "/apps/concierge", locale: "en" });
      expect(html.indexOf("concierge-launcher.js")).toBeGreaterThan(html.indexOf("</footer>"));
      expect(html, path).toContain('<a href="/app">Merchant admin</a>');
    }
    const product = await (await get("/products/14k-rose-gold-stacking-ring")).text();
    expect(product).toContain("14k Rose Gold Stacking Ring");
    expect(await (await get("/products/no-such-thing")).status).toBe(404);
  });

  it("follows the locale prefix (request.locale.iso_code) and can leave the embed out", async () => {
    const html = await (await get("/fr/collections/rings")).text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(embedSettings(html)).toMatchObject({ locale: "fr", root: "/fr" });
    expect(embedSettings(html).strings.launcher).toBe("Discuter avec notre concierge");
    expect(embedSettings(await (await get("/?concierge=off")).text())).toBeNull();
  });

  it("serves the built widget assets the block points at, compressed", async () => {
    const settings = embedSettings(await (await get("/")).text());
    const res = await get(settings.panel, { "accept-encoding": "br" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toContain("__auroraConciergePanel");
    expect((await get("/cdn/extensions/concierge-widget/assets/..%2Fblocks%2Fconcierge.liquid")).status).toBe(404);
  });
});

describe("app proxy emulation", () => {
  it("signs and forwards to /proxy/* so the app's verifier accepts it, ignoring keys only Shopify may set", async () => {
    const res = await get(
      "/apps/concierge/config?visitorId=v-dev-1&shop=other-shop.myshopify.com&signature=abc&timestamp=1",
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: true, reason: "in_rollout" });
    expect(res.headers.get("ratelimit-limit")).toBe("100000");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    // A direct, unsigned call to the app is refused: the emulation is what makes the storefront's calls valid.
    expect((await get("/proxy/config?visitorId=v-dev-1")).status).toBe(401);
  });

  it("passes the body, the Idempotency-Key and the error envelope through", async () => {
    const body = { visitorId: "v-dev-2", text: "rose gold rings under $800" };
    const first = await post("/apps/concierge/messages", body, { "idempotency-key": "dev-storefront-key-1" });
    expect(first.status).toBe(200);
    const again = await post("/apps/concierge/messages", body, { "idempotency-key": "dev-storefront-key-1" });
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect((await again.json()).conversationId).toBe((await first.json()).conversationId);
    const bad = await post("/apps/concierge/messages", "{nope");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("request.malformed_json");
  });

  it("sends logged_in_customer_id for a visitor who signed in as a demo customer, and none after signing out", async () => {
    const login = await fetch(`${app.url}/account/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `customer=${EMMA.customerId}`,
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const lookup = { orderNumber: EMMA.orderNumber };
    const asEmma = await post("/apps/concierge/orders/lookup", lookup, { cookie });
    expect(asEmma.status).toBe(200);
    expect((await asEmma.json()).order.number).toBe(EMMA.orderNumber.replace("#", ""));
    const account = await (await get("/account", { cookie })).text();
    expect(account).toContain(`#${EMMA.orderNumber.replace("#", "")}`);
    const asGuest = await post("/apps/concierge/orders/lookup", lookup);
    expect(asGuest.status).toBe(400);
  });
});

describe("Ajax cart", () => {
  it("adds a variant, sets the concierge attribute, and reports both in /cart.js", async () => {
    const first = await get("/cart.js");
    const cookie = first.headers.get("set-cookie")!.split(";")[0];
    expect((await first.json()).item_count).toBe(0);
    const product = await (await get("/products/14k-rose-gold-stacking-ring")).text();
    const variant = /<option value="([^"]+)">/.exec(product)![1];
    const added = await post("/cart/add.js", { items: [{ id: variant, quantity: 1 }] }, { cookie });
    expect(added.status).toBe(200);
    expect((await added.json()).items[0]).toMatchObject({ id: variant, quantity: 1 });
    const updated = await post(
      "/cart/update.js",
      { attributes: { _concierge_conversation_id: "conv_test" } },
      { cookie },
    );
    expect((await updated.json()).attributes).toEqual({ _concierge_conversation_id: "conv_test" });
    const cart = await (await get("/cart.js", { cookie })).json();
    expect(cart).toMatchObject({ item_count: 1, attributes: { _concierge_conversation_id: "conv_test" } });
    expect(cart.total_price).toBeGreaterThan(0);
    expect((await post("/cart/add.js", { id: "var_nope", quantity: 1 }, { cookie })).status).toBe(404);
    expect((await post("/cart/add.js", "{nope", { cookie })).status).toBe(400);
  });
});

describe("Shopify mode", () => {
  it("serves no dev storefront and no app-proxy emulation", async () => {
    const shopify = await startApp({
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret-0123456789",
      SHOPIFY_APP_URL: "http://127.0.0.1:9",
    });
    try {
      const home = await fetch(`${shopify.url}/`);
      expect(await home.text()).not.toContain("aurora-concierge-settings");
      expect((await fetch(`${shopify.url}/apps/concierge/config?visitorId=v`)).status).toBe(404);
      expect((await fetch(`${shopify.url}/cart.js`)).status).toBe(404);
    } finally {
      await shopify.stop();
    }
  });
});
