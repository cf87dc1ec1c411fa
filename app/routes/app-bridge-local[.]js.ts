// The local stand-in for App Bridge's script (local mode only; Shopify mode loads the real one from Shopify's CDN).

import type { LoaderFunctionArgs } from "@remix-run/node";
import { LOCAL_API_KEY } from "~/platform/shopify.server";
import { appBridgeStub } from "~/platform/appBridgeStub.server";
import { getRuntime, LOCAL_DEMO_SHOP } from "~/platform/runtime.server";

export async function loader(_args: LoaderFunctionArgs) {
  const runtime = await getRuntime();
  if (runtime.env.mode !== "local") throw new Response("Not found", { status: 404 });
  return new Response(appBridgeStub({ apiKey: LOCAL_API_KEY, shop: LOCAL_DEMO_SHOP }), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
