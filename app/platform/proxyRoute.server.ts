// The storefront endpoint pipeline (API.md §1–2), in one order for every /proxy route:
// method → signature → kill switch → general rate limit → (lookup limit) → input (zod) → idempotency → handler.
// Handlers receive plain, validated values and return plain results: no framework types, so the same endpoint
// serves under the lean Node mount and under Remix (see ./routeTable.server).

import type { z } from "zod";
import { claimedConversation } from "~/services/conversationAccess.server";
import { getShopCached, isLive } from "~/services/shops.server";
import type { Conversation, Shop } from "~/store/port";
import { verifyAppProxy } from "./appProxy.server";
import { parseJsonBody } from "./body.server";
import { AppError, errorMember, saidError, StoreUnavailableError, validationError } from "./errors.server";
import type { IncomingCall, JsonResult, RequestContext } from "./http.server";
import { checkIdempotencyKey, withIdempotency, type IdempotencyClaim } from "./idempotency.server";
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
  /** The request's Idempotency-Key claim, when it carried one (a handler may store its answer with its write). */
  idempotency: IdempotencyClaim | null;
  /** The conversation the call names, proven to be the visitor's (null when it names none). */
  conversation: Conversation | null;
}

export interface ProxyEndpointSpec<Q, B> {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Every call is an order lookup (orders/lookup, returns). */
  lookup?: boolean;
  /** Serve even when the concierge is off for the shop (config decides that itself). */
  servesWhenOff?: boolean;
  /** The path parameter naming a conversation (else `conversationId` in the body or query names it). */
  conversationParam?: string;
  /** A conversation that is not the visitor's: 404 (default), or simply none (config's unread badge). */
  foreignConversation?: "not_found" | "ignored";
  /** The answer when the store (or anything unexpected) fails anywhere in the pipeline, for endpoints that must never 5xx. */
  fallbackWhenStoreFails?: () => JsonResult;
  handler: (input: ProxyInput<Q, B>) => Promise<JsonResult>;
}

type Method = "GET" | "POST" | "DELETE";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = ProxyEndpointSpec<any, any>;

/** One storefront endpoint: its name (metrics, idempotency scope) and how it serves a call. */
export interface ProxyEndpoint {
  name: string;
  serve(call: IncomingCall, params: Record<string, string | undefined>, ctx: RequestContext): Promise<JsonResult>;
}

function withHeaders(error: unknown, headers: Record<string, string>): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(
    error.code,
    error.status,
    error.message,
    error.details,
    { ...headers, ...error.headers },
    error.said,
  );
}

/** Expected refusals become stored-able results (so an idempotent replay repeats them exactly, language too). */
function asResult(error: unknown, ctx: RequestContext): JsonResult {
  if (
    error instanceof AppError &&
    error.status < 500 &&
    error.status !== 429 &&
    error.code !== "idempotency.in_progress"
  ) {
    return { status: error.status, body: { error: errorMember(error, ctx) }, headers: error.headers };
  }
  throw error;
}

/** The `locale` a JSON body names, read before validation so a refused body is answered in its language too. */
function localeOf(body: unknown): string | null {
  const locale = typeof body === "object" && body !== null ? (body as { locale?: unknown }).locale : undefined;
  return typeof locale === "string" ? locale : null;
}

/**
 * The endpoint's own query keys. A key given twice is refused (400): the signature covers both values, but which
 * one the endpoint should use is ambiguous, and our widget never sends one (ADR 0009).
 */
function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (PROXY_KEYS.has(key)) continue;
    if (value.includes("\u0000") || key.includes("\u0000")) {
      throw new AppError("validation.failed", 400, "The request is not valid.", {
        issues: [{ path: key.split("\u0000").join(""), message: "NUL characters are not allowed" }],
      });
    }
    if (Object.hasOwn(out, key)) {
      throw new AppError("validation.failed", 400, "A query parameter was given more than once.", {
        issues: [{ path: key, message: "given more than once" }],
      });
    }
    out[key] = value;
  }
  return out;
}

async function runEndpoint(
  name: string,
  spec: AnySpec,
  call: IncomingCall,
  params: Record<string, string | undefined>,
  ctx: RequestContext,
): Promise<JsonResult> {
  const { runtime } = ctx;
  const identity = verifyAppProxy(call.query, runtime);
  ctx.shop = identity.shop;
  const shopRow = await getShopCached(runtime, identity.shop);
  ctx.shopLocale = shopRow?.settings?.locale;
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
    const queryParse = spec.query
      ? spec.query.safeParse(queryObject(call.query))
      : { success: true as const, data: undefined };
    if (!queryParse.success) throw validationError(queryParse.error);

    let body: unknown = undefined;
    // Idempotency compares the body as sent (key order and whitespace aside), not what validation kept of it.
    let sentBody: unknown = undefined;
    if (spec.body) {
      const parsed = parseJsonBody(await call.readBody(), call.header("content-type"));
      ctx.locale = localeOf(parsed);
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
      params,
      runtime,
      ctx,
      now: new Date(),
      consumeLookup,
      idempotency: null,
      conversation: null,
    };
    // Every endpoint that names a conversation proves ownership here, the same way (one shared check).
    const given = (body ?? queryParse.data ?? {}) as { conversationId?: unknown; visitorId?: unknown };
    const conversationId = spec.conversationParam ? params[spec.conversationParam] : given.conversationId;
    const execute = async (claim: IdempotencyClaim | null) => {
      try {
        const conversation = await claimedConversation(runtime, identity.shop, {
          conversationId,
          visitorId: given.visitorId,
        }).catch((error: unknown) => {
          if (spec.foreignConversation === "ignored" && error instanceof AppError && error.status === 404) return null;
          throw error;
        });
        return await spec.handler({ ...input, idempotency: claim, conversation });
      } catch (error) {
        return asResult(error, ctx);
      }
    };
    const key = call.method === "POST" ? call.header("idempotency-key") : null;
    let result: JsonResult;
    if (key !== null) {
      checkIdempotencyKey(key);
      result = await withIdempotency(runtime, { shop: identity.shop, route: name, key }, sentBody, execute);
    } else {
      result = await execute(null);
    }
    return { ...result, headers: { ...result.headers, ...headers } };
  } catch (error) {
    throw withHeaders(error, headers);
  }
}

/**
 * One /proxy endpoint from its per-method specs; methods not listed answer 405 in the envelope.
 * `name` labels metrics (`proxy.<name>`) and scopes idempotency keys.
 */
export function proxyEndpoint(name: string, methods: Partial<Record<Method, AnySpec>>): ProxyEndpoint {
  const allowed = Object.keys(methods);
  return {
    name,
    async serve(call, params, ctx) {
      ctx.locale = null; // a storefront request: its errors speak the shopper's language (API.md §2)
      const spec = methods[call.method.toUpperCase() as Method];
      if (!spec) {
        const methods = allowed.join(", ");
        throw saidError(
          "method.not_allowed",
          405,
          { key: "error.method.not_allowed", params: { methods } },
          undefined,
          {
            Allow: methods,
          },
        );
      }
      try {
        return await runEndpoint(name, spec, call, params, ctx);
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
    },
  };
}
