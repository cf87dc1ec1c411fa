// Request plumbing shared by every JSON route: request id, per-request logger, metrics, the error envelope.

import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { toErrorEnvelope } from "./errors.server";
import { redactUrl } from "./logger.server";
import { getRuntime, type Runtime } from "./runtime.server";

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming x-request-id (API.md §1), else makes one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export interface RequestContext {
  requestId: string;
  logger: Logger;
  runtime: Runtime;
  route: string;
  clientIp: string;
  /** The shop a storefront request was verified for: its answer counts in that shop's request stats. */
  shop?: string;
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

export type JsonHandler = (args: RouteArgs, ctx: RequestContext) => Promise<JsonResult | Response>;

/** The client address the server adapter saw (load context), for per-IP rate limits. */
export function clientIpOf(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** Wraps a JSON handler; whatever it throws becomes the one error envelope, never a crash. */
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
      const logger = runtime.logger.child({ requestId, route });
      ctx = { requestId, logger, runtime, route, clientIp: clientIpOf(args.context) };
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
      const envelope = toErrorEnvelope(error, requestId);
      if (envelope.unexpected) {
        const details = { err: error, requestId, route, url: redactUrl(args.request.url) };
        if (runtime) runtime.logger.error(details, "unhandled error");
        else console.error("unhandled error", details);
      }
      response = jsonResponse(envelope.status, envelope.body, { ...envelope.headers, "x-request-id": requestId });
    }
    if (runtime) {
      const seconds = (performance.now() - started) / 1000;
      runtime.metrics.httpRequests.inc({ route, method, status: String(response.status) });
      runtime.metrics.httpDuration.observe({ route }, seconds);
      if (ctx?.shop) runtime.requestStats.record(ctx.shop, response.status, seconds * 1000);
      runtime.logger.debug(
        { requestId, route, method, status: response.status, ms: Math.round(seconds * 1000) },
        "request",
      );
    }
    return response;
  };
}
