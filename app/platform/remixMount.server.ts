// The lean route table under Remix (`remix vite:dev`, or a request the Node server handed on): the same
// framework-free handlers, given the Web Request as an IncomingCall.

import { readRawBody } from "./body.server";
import {
  clientIpOf,
  serveJson,
  toWebResponse,
  type IncomingCall,
  type JsonResult,
  type RequestContext,
  type RouteArgs,
} from "./http.server";

export function callFromRemix(args: RouteArgs): IncomingCall {
  const url = new URL(args.request.url);
  return {
    method: args.request.method.toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    header: (name) => args.request.headers.get(name),
    readBody: () => readRawBody(args.request),
    clientIp: clientIpOf(args.context),
  };
}

/** Serves one matched lean route from a Remix loader or action. */
export async function serveFromRemix(
  matched: { route: string; serve: (call: IncomingCall, ctx: RequestContext) => Promise<JsonResult> },
  args: RouteArgs,
): Promise<Response> {
  const call = callFromRemix(args);
  return toWebResponse(
    await serveJson(matched.route, { ...call, url: args.request.url }, (ctx) => matched.serve(call, ctx)),
  );
}
