// The app-proxy check on its own: Shopify's algorithm, and the gaps of @shopify/shopify-app-remix 4.2.1 that our
// code closes before trusting `shop` and `logged_in_customer_id` (the library's own check is not used: ADR 0009).

import { describe, expect, it } from "vitest";
import { verifyAppProxy } from "~/platform/appProxy.server";
import type { Runtime } from "~/platform/runtime.server";
import { proxySignature } from "../support/proxy";

const SECRET = "unit-test-secret-0123456789";
const NOW = 1_760_000_000_000;
const TS = String(NOW / 1000);

function runtime(): Pick<Runtime, "proxySecret"> {
  return { proxySecret: SECRET };
}

function url(params: [string, string][], o: { secret?: string; extra?: [string, string][] } = {}): URLSearchParams {
  const signed: [string, string][] = [...params, ["signature", proxySignature(params, o.secret ?? SECRET)]];
  return new URLSearchParams([...signed, ...(o.extra ?? [])]);
}

const base = (customer = ""): [string, string][] => [
  ["visitorId", "v1"],
  ["shop", "a.myshopify.com"],
  ["logged_in_customer_id", customer],
  ["path_prefix", "/apps/concierge"],
  ["timestamp", TS],
];

function refused(params: URLSearchParams): void {
  expect(() => verifyAppProxy(params, runtime(), NOW)).toThrow(
    expect.objectContaining({ code: "auth.invalid_signature", status: 401 }),
  );
}

describe("verifyAppProxy", () => {
  it("returns the shop and the customer of a valid request", () => {
    expect(verifyAppProxy(url(base("cust_1")), runtime(), NOW)).toEqual({
      shop: "a.myshopify.com",
      customerId: "cust_1",
    });
    expect(verifyAppProxy(url(base()), runtime(), NOW)).toEqual({ shop: "a.myshopify.com", customerId: null });
  });

  it("refuses a wrong secret and any change after signing, even when the library would accept", () => {
    refused(url(base(), { secret: "other-secret" }));
    refused(url(base(), { extra: [["hmac", "x"]] })); // the library leaves hmac out of the message
    refused(url(base(), { extra: [["q", "rings"]] }));
  });

  it("refuses a missing, non-numeric or out-of-window timestamp", () => {
    refused(url(base().filter(([k]) => k !== "timestamp")));
    for (const ts of ["abc", "NaN", "1e9", "-1", `${TS}.0`, String(NOW / 1000 - 91), String(NOW / 1000 + 91)]) {
      refused(url(base().map(([k, v]) => [k, k === "timestamp" ? ts : v] as [string, string])));
    }
    const edge = base().map(([k, v]) => [k, k === "timestamp" ? String(NOW / 1000 - 90) : v] as [string, string]);
    expect(verifyAppProxy(url(edge), runtime(), NOW).shop).toBe("a.myshopify.com");
  });

  it("refuses every identity key given twice", () => {
    for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"]) {
      const params = base();
      const value = params.find(([k]) => k === key)?.[1] ?? "x";
      const twice = url(params);
      twice.append(key, key === "signature" ? twice.get("signature")! : value);
      if (key === "hmac") twice.append("hmac", "y");
      refused(twice);
    }
  });

  it("accepts a repeated non-identity key signed as Shopify signs it (values joined by commas)", () => {
    const params: [string, string][] = [["visitorId", "a"], ["visitorId", "b"], ...base().slice(1)];
    expect(verifyAppProxy(url(params), runtime(), NOW)).toEqual({ shop: "a.myshopify.com", customerId: null });
    // Signed as "visitorId=a" only (the library's last-value reading) is a different message: refused.
    refused(url([["visitorId", "b"], ...base().slice(1)], { extra: [["visitorId", "a"]] }));
  });

  it("refuses shops that are not myshopify domains", () => {
    for (const shop of ["evil.com", "A.myshopify.com", "a.myshopify.com.evil.com", ""]) {
      refused(url(base().map(([k, v]) => [k, k === "shop" ? shop : v] as [string, string])));
    }
  });
});
