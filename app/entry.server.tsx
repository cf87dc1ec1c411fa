// Server entry: streams documents, and exposes the runtime and the lean mount to server.mjs (one module graph,
// one store).

import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

export { getRuntime } from "~/platform/runtime.server";
export { EnvError } from "~/platform/env.server";
export { requestIdFrom } from "~/platform/http.server";
export { createLeanMount } from "~/platform/nodeMount.server";
export { baselineHeadersFor } from "~/platform/securityHeaders.server";
export { isCrossSiteAction } from "~/platform/adminAuth.server";
import { addAdminDocumentHeaders } from "~/platform/adminAuth.server";
import { getRuntime } from "~/platform/runtime.server";
import { requestIdFrom as requestIdOf } from "~/platform/http.server";
import { redactUrl } from "~/platform/logger.server";
/** Local mode only: loaded on demand so Shopify mode never pulls in the dev storefront (or liquidjs). */
export const loadDevStorefront = () => import("~/devStorefront/index.server").then((m) => m.createDevStorefront);

const ABORT_DELAY = 5_000;

/** Errors Remix catches (loaders, actions, rendering) go to the structured log as one line, never to stderr. */
export function handleError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  const url = new URL(request.url);
  void getRuntime().then((runtime) =>
    runtime.logger.error(
      { err: error, requestId: requestIdOf(request.headers), path: redactUrl(url.pathname + url.search) },
      "unhandled error",
    ),
  );
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  if (new URL(request.url).pathname.startsWith("/app")) await addAdminDocumentHeaders(request, responseHeaders);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
