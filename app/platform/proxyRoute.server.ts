// The storefront endpoint pipeline (API.md §1–2), in one order for every /proxy route:
// method → signature → kill switch → general rate limit → (lookup limit) → input (zod) → idempotency → handler.
// Handlers receive plain, validated values and return plain results: no framework types.

import type { z } from "zod";
import { getShopCached, isLive } from "~/services/shops.server";
import type { Shop } from "~/store/port";
import { verifyAppProxy } from "./appProxy.server";
import { parseJsonBody, readRawBody } from "./body.server";
import { AppError, StoreUnavailableError, validationError } from "./errors.server";
import { jsonRoute, type JsonResult, type RequestContext, type RouteArgs } from "./http.server";
import { checkIdempotencyKey, withIdempotency } from "./idempotency.server";
import { consumeRateLimit, rateLimitHeaders, type RateLimitState } from "./rateLimit.server";
import type { Runtime } from "./runtime.server";

// Keys Shopify adds to every proxied URL; they are not part of an endpoint's own query.
const PROXY_KEYS = new Set(["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature", "hmac"]);

export interface ProxyInput<Q, B> {
  shop: string;
  /** The shop row; null only for endpoints that serve a shop that is not live (config). */
  shopRow: Shop | null;
  customerId: string | null;
  query: Q;
  body: B;
  params: Record<string, string | undefined>;
  runtime: Runtime;
  ctx: RequestContext;
  now: Date;
  /** Draws one order lookup from the stricter bucket; throws 429 when it is spent. */
  consumeLookup(): Promise<void>;
}

export interface ProxyEndpointSpec<Q, B> {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Every call is an order lookup (orders/lookup, returns). */
  lookup?: boolean;
  /** Serve even when the concierge is off for the shop (config decides that itself). */
  servesWhenOff?: boolean;
  /** The answer when the store (or anything unexpected) fails anywhere in the pipeline, for endpoints that must never 5xx. */
  fallbackWhenStoreFails?: () => JsonResult;
  handler: (input: ProxyInput<Q, B>) => Promise<JsonResult>;
}

type Method = "GET" | "POST" | "DELETE";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = ProxyEndpointSpec<any, any>;

function withHeaders(error: unknown, headers: Record<string, string>): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, error.status, error.message, error.details, { ...headers, ...error.headers });
}

/** Expected refusals become stored-able results (so an idempotent replay repeats them exactly). */
function asResult(error: unknown): JsonResult {
  if (
    error instanceof AppError &&
    error.status < 500 &&
    error.status !== 429 &&
    error.code !== "idempotency.in_progress"
  ) {
    const body: Record<string, unknown> = {
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    };
    return { status: error.status, body, headers: error.headers };
  }
  throw error;
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (PROXY_KEYS.has(key)) continue;
    if (value.includes("\u0000") || key.includes("\u0000")) {
      throw new AppError("validation.failed", 400, "The request is not valid.", {
        issues: [{ path: key.split("\u0000").join(""), message: "NUL characters are not allowed" }],
      });
    }
    out[key] = value;
  }
  return out;
}

async function runEndpoint(name: string, spec: AnySpec, args: RouteArgs, ctx: RequestContext): Promise<JsonResult> {
  const { runtime } = ctx;
  const { request } = args;
  const identity = await verifyAppProxy(request, runtime);
  ctx.shop = identity.shop;
  const shopRow = await getShopCached(runtime, identity.shop);
  if (!spec.servesWhenOff && !isLive(shopRow)) {
    throw new AppError("concierge.disabled", 503, "The concierge is switched off for this shop.");
  }

  let limitState: RateLimitState = await consumeRateLimit(runtime, identity.shop, "general", ctx.clientIp);
  let headers = rateLimitHeaders(limitState);
  let lookupSpent = false;
  const consumeLookup = async () => {
    if (lookupSpent) return;
    lookupSpent = true;
    try {
      limitState = await consumeRateLimit(runtime, identity.shop, "lookup", ctx.clientIp);
    } catch (error) {
      throw withHeaders(error, headers);
    }
    headers = rateLimitHeaders(limitState);
  };

  try {
    if (spec.lookup) await consumeLookup();
    const url = new URL(request.url);
    const queryParse = spec.query
      ? spec.query.safeParse(queryObject(url))
      : { success: true as const, data: undefined };
    if (!queryParse.success) throw validationError(queryParse.error);

    let body: unknown = undefined;
    // Idempotency compares the body as sent (key order and whitespace aside), not what validation kept of it.
    let sentBody: unknown = undefined;
    if (spec.body) {
      const parsed = parseJsonBody(await readRawBody(request), request.headers.get("content-type"));
      sentBody = parsed;
      const bodyParse = spec.body.safeParse(parsed);
      if (!bodyParse.success) throw validationError(bodyParse.error);
      body = bodyParse.data;
    }

    const input: ProxyInput<unknown, unknown> = {
      shop: identity.shop,
      shopRow,
      customerId: identity.customerId,
      query: queryParse.data,
      body,
      params: args.params,
      runtime,
      ctx,
      now: new Date(),
      consumeLookup,
    };
    const execute = () => spec.handler(input).catch(asResult);
    const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
    let result: JsonResult;
    if (key !== null) {
      checkIdempotencyKey(key);
      result = await withIdempotency(runtime, { shop: identity.shop, route: name, key }, sentBody, execute);
    } else {
      result = await execute();
    }
    return { ...result, headers: { ...result.headers, ...headers } };
  } catch (error) {
    throw withHeaders(error, headers);
  }
}

/**
 * Builds the loader and action of one /proxy route. Methods not listed answer 405 in the envelope.
 * `name` labels metrics and scopes idempotency keys.
 */
export function proxyEndpoint(name: string, methods: Partial<Record<Method, AnySpec>>) {
  const route = jsonRoute(`proxy.${name}`, async (args, ctx) => {
    const method = args.request.method.toUpperCase() as Method;
    const spec = methods[method];
    if (!spec) {
      throw new AppError("method.not_allowed", 405, `Use ${Object.keys(methods).join(" or ")} here.`, undefined, {
        Allow: Object.keys(methods).join(", "),
      });
    }
    try {
      return await runEndpoint(name, spec, args, ctx);
    } catch (error) {
      if (spec.fallbackWhenStoreFails && error instanceof StoreUnavailableError) {
        ctx.logger.warn("store unavailable; answering with the fallback");
        return spec.fallbackWhenStoreFails();
      }
      // An endpoint that must never 5xx (config) also falls back on anything unexpected, e.g. a damaged shop row;
      // expected refusals (AppError: 401, 400, 429...) keep their answer.
      if (spec.fallbackWhenStoreFails && (!(error instanceof AppError) || error.status >= 500)) {
        ctx.logger.error({ err: error }, "unexpected error; answering with the fallback");
        return spec.fallbackWhenStoreFails();
      }
      throw error;
    }
  });
  return { loader: route, action: route };
}
