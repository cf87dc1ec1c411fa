// App-proxy signatures over real HTTP (API.md §2, SHOPIFY-NOTES.md "Security gaps"): every /proxy request must
// be signed with the app's secret, fresh, and carry each identity key once; `shop` and `logged_in_customer_id` are
// trusted only after that. Local mode (generated secret) and Shopify mode (the API secret).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import {
  localSecret,
  proxyClient,
  proxySignature,
  signedUrl,
  type ProxyClient,
  type SignOptions,
} from "../support/proxy";
import { count, DEMO_SHOP, EMMA, expectError, expectOk, seedShop } from "../support/storefront";

const OTHER_SHOP = "other-shop.myshopify.com";
const now = () => Math.floor(Date.now() / 1000);

/** Replaces one query parameter's value in a signed URL (the signature stays the old one). */
function withParam(url: string, key: string, value: string | null): string {
  const u = new URL(url);
  if (value === null) u.searchParams.delete(key);
  else u.searchParams.set(key, value);
  return u.toString();
}

/** Puts raw `key=value` pairs before every other parameter of a signed URL. */
function prepend(url: string, pairs: [string, string][]): string {
  const u = new URL(url);
  const extra = new URLSearchParams(pairs).toString();
  return `${u.origin}${u.pathname}?${extra}&${u.search.slice(1)}`;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("app-proxy signatures (local mode)", () => {
  let app: RunningApp;
  let secret: string;
  let shopA: ProxyClient;
  const sign = (path: string, query: Record<string, string> | [string, string][], o: Partial<SignOptions> = {}) =>
    signedUrl(app.url, path, query, { shop: DEMO_SHOP, secret, ...o });

  beforeAll(async () => {
    app = await startApp();
    secret = localSecret(app.dataDir);
    shopA = proxyClient(app.url, { shop: DEMO_SHOP, secret });
    await seedShop(app.databasePath, OTHER_SHOP);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("accepts a correctly signed request (the baseline every refusal below differs from by one thing)", async () => {
    const body = await expectOk<{ enabled: boolean }>(
      await fetch(sign("config", { visitorId: "v-base" })),
      "signed config",
    );
    expect(body.enabled).toBe(true);
    await expectOk(await post(sign("messages", {}), { visitorId: "v-base", text: "hello" }), "signed message");
  });

  it("refuses an unsigned request with 401 auth.invalid_signature in the envelope, with a request id", async () => {
    for (const path of [
      "config?visitorId=v1",
      "products",
      "shortlist/sl_x",
      "conversations/conv_x?visitorId=v1",
      "nope",
    ]) {
      const res = await fetch(`${app.url}/proxy/${path}`);
      const body = await expectError(res, 401, "auth.invalid_signature", path);
      expect(body.requestId).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }
    const res = await fetch(`${app.url}/proxy/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-42" },
      body: JSON.stringify({ visitorId: "v1", text: "hello" }),
    });
    expect((await expectError(res, 401, "auth.invalid_signature")).requestId).toBe("trace-42");
    // Identity params without a signature, or with an empty one.
    const unsigned = withParam(sign("config", { visitorId: "v1" }), "signature", null);
    await expectError(await fetch(unsigned), 401, "auth.invalid_signature", "no signature");
    await expectError(
      await fetch(withParam(unsigned, "signature", "")),
      401,
      "auth.invalid_signature",
      "empty signature",
    );
    await expectError(
      await fetch(withParam(unsigned, "signature", "zz")),
      401,
      "auth.invalid_signature",
      "junk signature",
    );
  });

  it("refuses a request whose parameters changed after signing (the body is not signed)", async () => {
    const url = sign("config", { visitorId: "v1" });
    await expectError(
      await fetch(withParam(url, "visitorId", "v2")),
      401,
      "auth.invalid_signature",
      "changed visitorId",
    );
    await expectError(
      await fetch(withParam(url, "path_prefix", "/apps/other")),
      401,
      "auth.invalid_signature",
      "changed path_prefix",
    );
    await expectError(
      await fetch(withParam(url, "shop", "other-shop.myshopify.com")),
      401,
      "auth.invalid_signature",
      "changed shop",
    );
    await expectError(await fetch(`${url}&extra=1`), 401, "auth.invalid_signature", "added param");
    await expectError(await fetch(withParam(url, "visitorId", null)), 401, "auth.invalid_signature", "removed param");
    const sig = new URL(url).searchParams.get("signature")!;
    const flipped = sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0");
    await expectError(
      await fetch(withParam(url, "signature", flipped)),
      401,
      "auth.invalid_signature",
      "one hex digit off",
    );
    await expectError(
      await fetch(withParam(url, "signature", sig.toUpperCase())),
      401,
      "auth.invalid_signature",
      "upper-case hex",
    );
    // A POST: changing the query breaks it whatever the body; the body itself is not part of the signature.
    const messageUrl = sign("messages", { visitorId: "q" });
    await expectError(
      await post(withParam(messageUrl, "visitorId", "r"), { visitorId: "v1", text: "hi" }),
      401,
      "auth.invalid_signature",
    );
    await expectOk(await post(messageUrl, { visitorId: "v-any", text: "a different body" }), "body not signed");
  });

  it("refuses a signature made with another secret", async () => {
    for (const other of ["wrong-secret", secret.slice(0, -1), "", `${secret}x`]) {
      const url = signedUrl(app.url, "config", { visitorId: "v1" }, { shop: DEMO_SHOP, secret: other });
      await expectError(await fetch(url), 401, "auth.invalid_signature", `secret ${other.length}`);
    }
  });

  it("refuses stale (> 90 s) and far-future timestamps, and accepts ones inside the window", async () => {
    for (const offset of [-91 - 5, -600, -86_400, 120, 3_600]) {
      const url = sign("config", { visitorId: "v1" }, { timestamp: now() + offset });
      await expectError(await fetch(url), 401, "auth.invalid_signature", `timestamp offset ${offset}`);
    }
    for (const offset of [-60, 30]) {
      await expectOk(
        await fetch(sign("config", { visitorId: "v1" }, { timestamp: now() + offset })),
        `offset ${offset}`,
      );
    }
  });

  it("refuses a signed request without a timestamp, or with one that is not a number", async () => {
    await expectError(
      await fetch(sign("config", { visitorId: "v1" }, { omitTimestamp: true })),
      401,
      "auth.invalid_signature",
      "no timestamp",
    );
    await expectError(
      await post(sign("messages", {}, { omitTimestamp: true }), { visitorId: "v1", text: "hi" }),
      401,
      "auth.invalid_signature",
    );
    // Signed, but `timestamp` is not a number: Number("abc") is NaN and the library's freshness check lets NaN pass.
    for (const ts of ["abc", "", " ", "1e3", `${now()}.5`, `+${now()}`, `0x${now().toString(16)}`]) {
      const params: [string, string][] = [
        ["visitorId", "v1"],
        ["shop", DEMO_SHOP],
        ["logged_in_customer_id", ""],
        ["path_prefix", "/apps/concierge"],
        ["timestamp", ts],
      ];
      params.push(["signature", proxySignature(params, secret)]);
      const url = `${app.url}/proxy/config?${new URLSearchParams(params)}`;
      await expectError(await fetch(url), 401, "auth.invalid_signature", `timestamp "${ts}"`);
    }
  });

  it("refuses each identity key given twice, even when the signature covers the last value", async () => {
    const base = () => sign("config", { visitorId: "v1" });
    const original = new URL(base()).searchParams;
    const repeats: [string, string][] = [
      ["shop", DEMO_SHOP], // the same shop twice
      ["shop", OTHER_SHOP],
      ["logged_in_customer_id", ""],
      ["logged_in_customer_id", EMMA.customerId],
      ["path_prefix", "/apps/concierge"],
      ["timestamp", String(now())],
      ["signature", original.get("signature")!], // the same valid signature twice
      ["hmac", "0".repeat(64)],
    ];
    for (const pair of repeats) {
      const url = base();
      const value = pair[0] === "signature" ? new URL(url).searchParams.get("signature")! : pair[1];
      await expectError(
        await fetch(`${url}&${new URLSearchParams([[pair[0], value]])}`),
        401,
        "auth.invalid_signature",
        `${pair[0]} appended`,
      );
      await expectError(
        await fetch(prepend(url, [[pair[0], value]])),
        401,
        "auth.invalid_signature",
        `${pair[0]} prepended`,
      );
    }
    // hmac given twice with no other change (the library ignores hmac in app-proxy signatures entirely).
    await expectError(await fetch(`${base()}&hmac=a&hmac=b`), 401, "auth.invalid_signature", "hmac twice");
    // Array-style spellings are distinct keys: they are just unsigned extras and fail the signature.
    await expectError(await fetch(`${base()}&shop[]=${OTHER_SHOP}`), 401, "auth.invalid_signature", "shop[]");
  });

  it("does not let a request signed for shop A act as shop B by putting B's shop= first", async () => {
    const conversationsOfB = () =>
      count(app.databasePath, "SELECT COUNT(*) AS n FROM conversations WHERE shop = ?", OTHER_SHOP);
    const shortlistsOfB = () =>
      count(app.databasePath, "SELECT COUNT(*) AS n FROM shortlists WHERE shop = ?", OTHER_SHOP);
    const countersOfB = () =>
      count(app.databasePath, "SELECT COUNT(*) AS n FROM rate_limit_counters WHERE shop = ?", OTHER_SHOP);
    const before = { conversations: conversationsOfB(), shortlists: shortlistsOfB(), counters: countersOfB() };

    // Validly signed for A (the library checks the last shop=, which is A's)...
    const messageUrl = prepend(sign("messages", {}), [["shop", OTHER_SHOP]]);
    await expectError(
      await post(messageUrl, { visitorId: "attacker", text: "hello" }),
      401,
      "auth.invalid_signature",
      "message as B",
    );
    const lookupUrl = prepend(sign("orders/lookup", {}), [["shop", OTHER_SHOP]]);
    await expectError(
      await post(lookupUrl, { orderNumber: EMMA.orderNumber, email: EMMA.email }),
      401,
      "auth.invalid_signature",
      "lookup as B",
    );
    const shortlistUrl = prepend(sign("shortlist", {}), [["shop", OTHER_SHOP]]);
    await expectError(
      await post(shortlistUrl, { visitorId: "attacker", productIds: ["prod_1001"] }),
      401,
      "auth.invalid_signature",
    );
    const configUrl = prepend(sign("config", { visitorId: "attacker" }), [["shop", OTHER_SHOP]]);
    await expectError(await fetch(configUrl), 401, "auth.invalid_signature", "config as B");

    // ...and nothing was done in B's name (not even a rate-limit count).
    expect({ conversations: conversationsOfB(), shortlists: shortlistsOfB(), counters: countersOfB() }).toEqual(before);
  });

  it("refuses a shop value that is not a myshopify domain, even when signed", async () => {
    for (const shop of [
      "evil.example.com",
      "AURORA-DEMO.myshopify.com",
      "x.myshopify.com.evil.com",
      "",
      "-a.myshopify.com",
    ]) {
      const url = signedUrl(app.url, "config", { visitorId: "v1" }, { shop, secret });
      await expectError(await fetch(url), 401, "auth.invalid_signature", `shop "${shop}"`);
    }
  });

  it("trusts logged_in_customer_id only when it is signed", async () => {
    const lookup = { orderNumber: EMMA.orderNumber }; // no email: only the order's owner may see it
    // Signed as Emma: she owns #1012.
    const ok = await expectOk<{ order: { number: string } }>(
      await shopA.post("orders/lookup", lookup, { customerId: EMMA.customerId }),
      "signed owner",
    );
    expect(ok.order.number).toBe("1012");
    // A guest with no email or postal code is asked for one.
    await expectError(await shopA.post("orders/lookup", lookup), 400, "validation.failed", "guest");
    // Signed as a guest, then the customer id filled in: the signature no longer matches.
    const guestUrl = sign("orders/lookup", {}, { customerId: "" });
    await expectError(
      await post(withParam(guestUrl, "logged_in_customer_id", EMMA.customerId), lookup),
      401,
      "auth.invalid_signature",
      "tampered id",
    );
    // Signed as someone else, then changed to Emma.
    const otherUrl = sign("orders/lookup", {}, { customerId: "cust_2" });
    await expectError(
      await post(withParam(otherUrl, "logged_in_customer_id", EMMA.customerId), lookup),
      401,
      "auth.invalid_signature",
      "swapped id",
    );
    // Signed as a guest with Emma's id appended after signing: a repeated key.
    await expectError(
      await post(`${guestUrl}&logged_in_customer_id=${EMMA.customerId}`, lookup),
      401,
      "auth.invalid_signature",
      "appended id",
    );
    // Signed as Emma, with the customer id removed: the signature covers it.
    const emmaUrl = sign("orders/lookup", {}, { customerId: EMMA.customerId });
    await expectError(
      await post(withParam(emmaUrl, "logged_in_customer_id", null), lookup),
      401,
      "auth.invalid_signature",
      "removed id",
    );
    // Another signed customer is not the owner: the same 404 as an unknown order.
    await expectError(
      await shopA.post("orders/lookup", lookup, { customerId: "cust_2" }),
      404,
      "order.not_found",
      "not the owner",
    );
  });

  it("checks the signature before anything else: an unsigned bad body is 401, not 400", async () => {
    const res = await fetch(`${app.url}/proxy/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    await expectError(res, 401, "auth.invalid_signature");
    const big = await fetch(`${app.url}/proxy/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: "v", events: [], pad: "x".repeat(70_000) }),
    });
    expect([401, 413]).toContain(big.status);
    expect(big.status).toBeLessThan(500);
  });
});

describe("app-proxy signatures (Shopify mode: the API secret)", () => {
  let app: RunningApp;
  const apiSecret = "shpss_test_secret_0123456789abcdef";
  const devSecret = "a".repeat(64);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aurora-it-"));
    // A leftover local-mode secret in the data folder must not be accepted in Shopify mode.
    writeFileSync(join(dataDir, "dev-app-secret"), `${devSecret}\n`, { mode: 0o600 });
    app = await startApp(
      { SHOPIFY_API_KEY: "test-api-key", SHOPIFY_API_SECRET: apiSecret, SHOPIFY_APP_URL: "http://127.0.0.1:39999" },
      { dataDir },
    );
    await seedShop(app.databasePath, DEMO_SHOP);
  });
  afterAll(async () => {
    await app?.stop();
    if (app) rmSync(app.dataDir, { recursive: true, force: true });
  });

  it("accepts signatures made with SHOPIFY_API_SECRET", async () => {
    const client = proxyClient(app.url, { shop: DEMO_SHOP, secret: apiSecret });
    const config = await expectOk<{ enabled: boolean }>(await client.get("config", { visitorId: "v1" }), "config");
    expect(config.enabled).toBe(true);
    await expectOk(await client.post("messages", { visitorId: "v1", text: "hello" }), "message");
  });

  it("refuses signatures made with the local development secret, or none", async () => {
    const local = proxyClient(app.url, { shop: DEMO_SHOP, secret: devSecret });
    await expectError(
      await local.get("config", { visitorId: "v1" }),
      401,
      "auth.invalid_signature",
      "dev secret config",
    );
    await expectError(
      await local.post("messages", { visitorId: "v1", text: "hello" }),
      401,
      "auth.invalid_signature",
      "dev secret message",
    );
    await expectError(await fetch(`${app.url}/proxy/config?visitorId=v1`), 401, "auth.invalid_signature", "unsigned");
  });

  it("closes the library's gaps in Shopify mode too: repeated keys and a missing timestamp", async () => {
    const url = signedUrl(app.url, "config", { visitorId: "v1" }, { shop: DEMO_SHOP, secret: apiSecret });
    await expectError(
      await fetch(prepend(url, [["shop", "other-shop.myshopify.com"]])),
      401,
      "auth.invalid_signature",
      "repeated shop",
    );
    await expectError(await fetch(`${url}&timestamp=${now()}`), 401, "auth.invalid_signature", "repeated timestamp");
    const noTs = signedUrl(
      app.url,
      "config",
      { visitorId: "v1" },
      { shop: DEMO_SHOP, secret: apiSecret, omitTimestamp: true },
    );
    await expectError(await fetch(noTs), 401, "auth.invalid_signature", "no timestamp");
    const stale = signedUrl(
      app.url,
      "config",
      { visitorId: "v1" },
      { shop: DEMO_SHOP, secret: apiSecret, timestamp: now() - 120 },
    );
    await expectError(await fetch(stale), 401, "auth.invalid_signature", "stale");
  });
});
