// The app-proxy check on its own (the library's HMAC check faked): the gaps of @shopify/shopify-app-remix 4.2.1
// that our code closes before trusting `shop` and `logged_in_customer_id`.

import { describe, expect, it } from "vitest";
import { verifyAppProxy } from "~/platform/appProxy.server";
import type { Runtime } from "~/platform/runtime.server";
import { proxySignature } from "../support/proxy";

const SECRET = "unit-test-secret-0123456789";
const NOW = 1_760_000_000_000;
const TS = String(NOW / 1000);

function runtime(library: () => Promise<unknown> = async () => ({})): Runtime {
  return { proxySecret: SECRET, shopify: { authenticate: { public: { appProxy: library } } } } as unknown as Runtime;
}

function url(params: [string, string][], o: { secret?: string; extra?: [string, string][] } = {}): Request {
  const signed: [string, string][] = [...params, ["signature", proxySignature(params, o.secret ?? SECRET)]];
  return new Request(`http://127.0.0.1/proxy/config?${new URLSearchParams([...signed, ...(o.extra ?? [])])}`);
}

const base = (customer = ""): [string, string][] => [
  ["visitorId", "v1"],
  ["shop", "a.myshopify.com"],
  ["logged_in_customer_id", customer],
  ["path_prefix", "/apps/concierge"],
  ["timestamp", TS],
];

async function refused(request: Request, rt = runtime()): Promise<void> {
  await expect(verifyAppProxy(request, rt, NOW)).rejects.toMatchObject({ code: "auth.invalid_signature", status: 401 });
}

describe("verifyAppProxy", () => {
  it("returns the shop and the customer of a valid request", async () => {
    expect(await verifyAppProxy(url(base("cust_1")), runtime(), NOW)).toEqual({
      shop: "a.myshopify.com",
      customerId: "cust_1",
    });
    expect(await verifyAppProxy(url(base()), runtime(), NOW)).toEqual({ shop: "a.myshopify.com", customerId: null });
  });

  it("refuses a wrong secret and any change after signing, even when the library would accept", async () => {
    await refused(url(base(), { secret: "other-secret" }));
    await refused(url(base(), { extra: [["hmac", "x"]] })); // the library leaves hmac out of the message
    await refused(url(base(), { extra: [["q", "rings"]] }));
  });

  it("refuses a missing, non-numeric or out-of-window timestamp", async () => {
    await refused(url(base().filter(([k]) => k !== "timestamp")));
    for (const ts of ["abc", "NaN", "1e9", "-1", `${TS}.0`, String(NOW / 1000 - 91), String(NOW / 1000 + 91)]) {
      await refused(url(base().map(([k, v]) => [k, k === "timestamp" ? ts : v] as [string, string])));
    }
    const edge = base().map(([k, v]) => [k, k === "timestamp" ? String(NOW / 1000 - 90) : v] as [string, string]);
    expect((await verifyAppProxy(url(edge), runtime(), NOW)).shop).toBe("a.myshopify.com");
  });

  it("refuses every identity key given twice, before the library runs", async () => {
    let libraryCalls = 0;
    const rt = runtime(async () => {
      libraryCalls += 1;
      return {};
    });
    for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"]) {
      const params = base();
      const value = params.find(([k]) => k === key)?.[1] ?? "x";
      const request = url(params);
      const twice = new Request(
        `${request.url}&${key}=${encodeURIComponent(key === "signature" ? new URL(request.url).searchParams.get("signature")! : value)}${key === "hmac" ? "&hmac=y" : ""}`,
      );
      await refused(twice, rt);
    }
    expect(libraryCalls).toBe(0);
  });

  it("maps the library's bare 400 Response to 401, and lets real failures through", async () => {
    await refused(
      url(base()),
      runtime(async () => {
        throw new Response(null, { status: 400 });
      }),
    );
    const boom = new Error("boom");
    await expect(
      verifyAppProxy(
        url(base()),
        runtime(async () => {
          throw boom;
        }),
        NOW,
      ),
    ).rejects.toBe(boom);
  });

  it("refuses shops that are not myshopify domains", async () => {
    for (const shop of ["evil.com", "A.myshopify.com", "a.myshopify.com.evil.com", ""]) {
      await refused(url(base().map(([k, v]) => [k, k === "shop" ? shop : v] as [string, string])));
    }
  });
});
