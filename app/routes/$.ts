// Any path nothing else serves: the app's own 404 — a small page for browsers, the JSON envelope for API callers —
// and one structured log line (no stack trace).

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRuntime } from "~/platform/runtime.server";
import { requestIdFrom } from "~/platform/http.server";
import { redactUrl } from "~/platform/logger.server";

const API_PREFIXES = ["/api/", "/proxy/", "/webhooks/", "/auth/"];

function wantsJson(request: Request, pathname: string): boolean {
  if (API_PREFIXES.some((p) => pathname.startsWith(p))) return true;
  const accept = request.headers.get("accept") ?? "";
  return !accept.includes("text/html") && (accept.includes("application/json") || accept === "");
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · Aurora Concierge</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a}main{max-width:640px;margin:4rem auto;padding:0 1rem;line-height:1.5}a{color:#005bd3}</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>There is nothing at this address.</p>
<p><a href="/">Go to the start page</a></p>
</main>
</body>
</html>
`;

async function notFound({ request }: LoaderFunctionArgs): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const url = new URL(request.url);
  const runtime = await getRuntime();
  runtime.logger.info(
    { requestId, method: request.method, path: redactUrl(url.pathname + url.search), status: 404 },
    "no route for this path",
  );
  runtime.metrics.httpRequests.inc({ route: "not_found", method: request.method, status: "404" });
  const headers = { "x-request-id": requestId, "Cache-Control": "no-store" };
  if (wantsJson(request, url.pathname)) {
    return Response.json(
      { error: { code: "route.not_found", message: "There is no such endpoint." }, requestId },
      { status: 404, headers },
    );
  }
  return new Response(request.method === "HEAD" ? null : PAGE, {
    status: 404,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

export const loader = notFound;
export const action = notFound;
