// Shopify mode: the library's auth paths (the session-token bounce page). Local mode has none.

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRuntime } from "~/platform/runtime.server";

// The library's pages we use: the bounce page that fetches a fresh session token, and the iframe exit.
const LIBRARY_PATHS = new Set(["/auth/session-token", "/auth/exit-iframe"]);

const notFound = () =>
  Response.json(
    { error: { code: "route.not_found", message: "There is no such endpoint." } },
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const runtime = await getRuntime();
  if (runtime.env.mode !== "shopify" || !LIBRARY_PATHS.has(new URL(request.url).pathname)) return notFound();
  // The library answers these paths by throwing its page as a Response.
  await runtime.shopify.authenticate.admin(request);
  return notFound();
}
