// Request plumbing shared by every JSON answer, whatever mounts it (the lean Node mount or Remix): request id,
// a logger made only when something logs, metrics, security headers and the one error envelope.

import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { ClientAbortError, toErrorEnvelope } from "./errors.server";
import { redactUrl } from "./logger.server";
import { getRuntime, type Runtime } from "./runtime.server";
import { API_HEADERS } from "./securityHeaders.server";

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming x-request-id (API.md §1), else makes one. */
export function requestIdFrom(headers: Headers | { get(name: string): string | null }): string {
  const incoming = headers.get("x-request-id");
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export interface RequestContext {
  requestId: string;
  /** A child logger carrying requestId and route, built on first use (most requests never log). */
  readonly logger: Logger;
  runtime: Runtime;
  route: string;
  clientIp: string;
  /** The shop a storefront request was verified for: its answer counts in that shop's request stats. */
  shop?: string;
  /** A storefront request's language (null: none named yet); its error messages follow it, then `shopLocale`. */
  locale?: string | null;
  /** The shop's primary locale, once the shop is known. */
  shopLocale?: string;
}

export interface JsonResult {
  status?: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface RouteArgs {
  request: Request;
  params: Record<string, string | undefined>;
  context?: unknown;
}

/**
 * A request as every mount hands it over: no framework types, so handlers run the same under the lean Node
 * mount (production) and Remix (`remix vite:dev`).
 */
export interface IncomingCall {
  method: string;
  /** The path as sent, without the query ("/proxy/messages"). */
  path: string;
  query: URLSearchParams;
  header(name: string): string | null;
  /** The body as text: AppError 413 past the size cap, ClientAbortError when the client goes away. */
  readBody(): Promise<string>;
  clientIp: string;
}

/** An answer ready to write: status, headers and the serialised body. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type JsonHandler = (args: RouteArgs, ctx: RequestContext) => Promise<JsonResult | Response>;

/** The client address the server adapter saw (load context), for per-IP rate limits. */
export function clientIpOf(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

function contextFor(runtime: Runtime, requestId: string, route: string, clientIp: string): RequestContext {
  let logger: Logger | undefined;
  return {
    requestId,
    runtime,
    route,
    clientIp,
    locale: undefined,
    shopLocale: undefined,
    get logger() {
      logger ??= runtime.logger.child({ requestId, route });
      return logger;
    },
  };
}

function plain(status: number, body: Record<string, unknown>, headers: Record<string, string>): PlainResponse {
  return {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...API_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

function observe(ctx: RequestContext, method: string, status: number, started: number): void {
  const { runtime, route } = ctx;
  const seconds = (performance.now() - started) / 1000;
  runtime.metrics.countRequest(route, method, status, seconds);
  // The admin's per-shop rollup: a map lookup and three increments, flushed to the store every few seconds.
  if (ctx.shop) runtime.requestStats.record(ctx.shop, status, seconds * 1000);
  if (runtime.logger.isLevelEnabled("debug")) {
    runtime.logger.debug({ route, method, status, ms: Math.round(seconds * 1000) }, "request");
  }
}

/**
 * Runs a framework-free JSON handler: whatever it throws becomes the one error envelope, never a crash.
 * Resolves to null when the client went away mid-request (nothing to answer; counted apart, logged at debug).
 */
export async function serveJson(
  route: string,
  call: Pick<IncomingCall, "method" | "header" | "clientIp"> & { url: string },
  handler: (ctx: RequestContext) => Promise<JsonResult>,
): Promise<PlainResponse | null> {
  const started = performance.now();
  const requestId = requestIdFrom({ get: (name) => call.header(name) });
  const runtime = await getRuntime();
  const ctx = contextFor(runtime, requestId, route, call.clientIp);
  let response: PlainResponse;
  try {
    const result = await handler(ctx);
    response = plain(
      result.status ?? 200,
      { ...result.body, requestId },
      { ...result.headers, "x-request-id": requestId },
    );
  } catch (error) {
    if (error instanceof ClientAbortError) {
      runtime.metrics.clientAborts.inc({ route });
      ctx.logger.debug({ reason: error.message }, "client went away before the request was read");
      return null;
    }
    const envelope = toErrorEnvelope(error, requestId, ctx);
    if (envelope.unexpected) {
      runtime.logger.error({ err: error, requestId, route, url: redactUrl(call.url) }, "unhandled error");
    }
    response = plain(envelope.status, { ...envelope.body }, { ...envelope.headers, "x-request-id": requestId });
  }
  observe(ctx, call.method, response.status, started);
  return response;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...API_HEADERS, ...headers },
  });
}

/** A PlainResponse as a Web Response (Remix); a client gone away gets an empty 499 nobody reads. */
export function toWebResponse(response: PlainResponse | null): Response {
  if (!response) return new Response(null, { status: 499 });
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/** Wraps a Remix JSON route; whatever it throws becomes the one error envelope, never a crash. */
export function jsonRoute(route: string, handler: JsonHandler) {
  return async (args: RouteArgs): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(args.request.headers);
    const method = args.request.method;
    let runtime: Runtime | undefined;
    let ctx: RequestContext | undefined;
    let response: Response;
    try {
      runtime = await getRuntime();
      ctx = contextFor(runtime, requestId, route, clientIpOf(args.context));
      const result = await handler(args, ctx);
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        response = result;
      } else {
        response = jsonResponse(
          result.status ?? 200,
          { ...result.body, requestId },
          { ...result.headers, "x-request-id": requestId },
        );
      }
    } catch (error) {
      const envelope = toErrorEnvelope(error, requestId, ctx);
      if (envelope.unexpected) {
        const details = { err: error, requestId, route, url: redactUrl(args.request.url) };
        if (runtime) runtime.logger.error(details, "unhandled error");
        else console.error("unhandled error", details);
      }
      response = jsonResponse(envelope.status, envelope.body, { ...envelope.headers, "x-request-id": requestId });
    }
    if (ctx) observe(ctx, method, response.status, started);
    return response;
  };
}
