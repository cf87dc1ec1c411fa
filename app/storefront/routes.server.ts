// The one route table of what the lean mount serves: every /proxy endpoint, and the liveness and readiness
// probes. The Node server calls it before Remix (server.mjs); Remix's splat routes call the same table, so
// `remix vite:dev` serves the same endpoints and there is no second copy of the list.

import { AppError, saidError } from "~/platform/errors.server";
import type { IncomingCall, JsonResult, RequestContext } from "~/platform/http.server";
import { proxyEndpoint, type ProxyEndpoint } from "~/platform/proxyRoute.server";
import { liveness, readiness } from "~/services/health.server";
import { config } from "./config.server";
import { conversations } from "./conversations.server";
import { csat } from "./csat.server";
import { escalations } from "./escalations.server";
import { events } from "./events.server";
import { messages } from "./messages.server";
import { ordersLookup } from "./ordersLookup.server";
import { products } from "./products.server";
import { returns } from "./returns.server";
import { shortlist } from "./shortlist.server";
import { shortlistGet } from "./shortlistGet.server";

/** Path patterns under /proxy/ (":name" is a parameter) and their endpoints. */
const PROXY_ROUTES: [pattern: string, endpoint: ProxyEndpoint][] = [
  ["config", config],
  ["messages", messages],
  ["products", products],
  ["orders/lookup", ordersLookup],
  ["returns", returns],
  ["escalations", escalations],
  ["csat", csat],
  ["conversations/:id", conversations],
  ["shortlist", shortlist],
  ["shortlist/:id", shortlistGet],
  ["events", events],
];

const refuseUnknown = {
  handler: async (): Promise<never> => {
    throw new AppError("route.not_found", 404, "There is no such endpoint.");
  },
};
/** Unknown storefront paths: 404 in the envelope, after the signature check like every /proxy path. */
const notFound = proxyEndpoint("not_found", { GET: refuseUnknown, POST: refuseUnknown, DELETE: refuseUnknown });

type Serve = (call: IncomingCall, ctx: RequestContext) => Promise<JsonResult>;

/** A GET-only ops endpoint: any other method answers 405 in the envelope. */
function opsEndpoint(get: (call: IncomingCall, ctx: RequestContext) => Promise<JsonResult>): Serve {
  return async (call, ctx) => {
    if (call.method !== "GET" && call.method !== "HEAD") {
      throw saidError(
        "method.not_allowed",
        405,
        { key: "error.method.not_allowed", params: { methods: "GET" } },
        undefined,
        {
          Allow: "GET",
        },
      );
    }
    return get(call, ctx);
  };
}

// Liveness never touches the store, so it answers at once whatever the store does (API.md §3).
const OPS_ROUTES: Record<string, { route: string; serve: Serve }> = {
  "/api/health": {
    route: "api.health",
    serve: opsEndpoint(async (call, ctx) =>
      call.query.get("ready") === "1" ? readiness(ctx.runtime) : liveness(ctx.runtime),
    ),
  },
  "/api/ready": { route: "api.ready", serve: opsEndpoint(async (_call, ctx) => readiness(ctx.runtime)) },
};

export interface MatchedRoute {
  /** The metrics label. */
  route: string;
  serve: Serve;
}

function segmentsOf(rest: string): string[] | null {
  const parts = rest.split("/");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return null; // a malformed %-escape names no endpoint
  }
}

/** A path that cannot be decoded names nothing we could check a signature for: the caller's 400. */
const unreadablePath: ProxyEndpoint = {
  name: "malformed",
  serve: async (_call, _params, ctx) => {
    ctx.locale = null; // a storefront request like any other: its error follows the shop's language
    throw new AppError("request.malformed", 400, "The request could not be read.");
  },
};

const DOT_SEGMENT = /^\.{1,2}$/;

function matchProxy(rest: string): { endpoint: ProxyEndpoint; params: Record<string, string> } {
  const segments = segmentsOf(rest);
  if (!segments) return { endpoint: unreadablePath, params: {} };
  for (const [pattern, endpoint] of PROXY_ROUTES) {
    const wanted = pattern.split("/");
    if (wanted.length !== segments.length) continue;
    const params: Record<string, string> = {};
    // A dot segment names nothing: "shortlist/.." is no shortlist id.
    const fits = wanted.every((w, i) =>
      w.startsWith(":")
        ? !DOT_SEGMENT.test(segments[i]) && ((params[w.slice(1)] = segments[i]), true)
        : w === segments[i],
    );
    if (fits) return { endpoint, params };
  }
  return { endpoint: notFound, params: {} };
}

/** Whether the lean mount owns this path: everything under /proxy (signed or not), and the two probes. */
export function isLeanPath(path: string): boolean {
  return path === "/proxy" || path.startsWith("/proxy/") || Object.hasOwn(OPS_ROUTES, path);
}

/** The endpoint for a path the lean mount owns (`isLeanPath`); unknown /proxy paths get the signed 404. */
export function matchLean(path: string): MatchedRoute {
  const ops = OPS_ROUTES[path];
  if (ops) return ops;
  return proxyRoute(path === "/proxy" ? "" : path.slice("/proxy/".length));
}

/** The /proxy endpoint for the path after "/proxy/" (Remix's splat hands it over decoded the same way). */
export function proxyRoute(rest: string): MatchedRoute {
  const { endpoint, params } = matchProxy(rest);
  return { route: `proxy.${endpoint.name}`, serve: (call, ctx) => endpoint.serve(call, params, ctx) };
}

/** Every served /proxy path as an OpenAPI template ("/proxy/conversations/{id}"), for the contract test. */
export function proxyPathTemplates(): string[] {
  return PROXY_ROUTES.map(([pattern]) => `/proxy/${pattern.replace(/:(\w+)/g, "{$1}")}`);
}

/** The probe at an /api path, if it is one. */
export function opsRoute(path: string): MatchedRoute | null {
  return OPS_ROUTES[path] ?? null;
}
