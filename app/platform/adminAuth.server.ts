// Who is opening the admin. Shopify mode: the library's `authenticate.admin` (session tokens, our store as session
// storage); the token's `sub` is the staff user. Local mode: the demo shop's owner, but only from this machine
// (loopback peer and loopback Host, so a page elsewhere cannot reach it by DNS rebinding).

import { AppError } from "./errors.server";
import { clientIpOf } from "./http.server";
import { getRuntime, LOCAL_DEMO_SHOP, type Runtime } from "./runtime.server";

export const LOCAL_OWNER_ID = "local-owner";

export interface AdminIdentity {
  shop: string;
  userId: string;
  /** A display name for a first visit (Shopify session tokens carry only the user id). */
  defaultName: string;
}

const LOOPBACK_IP = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function assertLoopback(request: Request, context: unknown, runtime: Runtime): void {
  const ip = clientIpOf(context);
  // `remix vite:dev` passes no load context: there the dev server's own loopback binding is the guard.
  const peerOk = LOOPBACK_IP.test(ip) || (ip === "unknown" && runtime.env.nodeEnv === "development");
  if (!peerOk || !LOOPBACK_HOSTS.has(new URL(request.url).hostname)) {
    throw new AppError(
      "auth.local_only",
      403,
      "The local admin opens only on this machine (127.0.0.1). Set Shopify credentials to run it embedded.",
    );
  }
}

/** Identifies the staff user; in Shopify mode the library may instead throw a Response (bounce page, 401, 410). */
export async function identifyAdmin(request: Request, context: unknown, runtime: Runtime): Promise<AdminIdentity> {
  if (runtime.env.mode === "local") {
    assertLoopback(request, context, runtime);
    return { shop: LOCAL_DEMO_SHOP, userId: LOCAL_OWNER_ID, defaultName: "Local owner" };
  }
  const { session, sessionToken } = await runtime.shopify.authenticate.admin(request);
  const userId = sessionToken?.sub ? String(sessionToken.sub) : "";
  if (!userId) throw new AppError("auth.no_user", 403, "This session token names no staff user.");
  return { shop: session.shop, userId, defaultName: `Staff member ${userId}` };
}

/**
 * Cross-site request forgery guard for every admin mutation. Shopify mode: the session token must come in the
 * Authorization header (App Bridge adds it to the app's own fetches; a form posted from another site cannot).
 * Local mode: the browser's Origin (or Sec-Fetch-Site) must say the request comes from this app's own pages.
 */
export function assertSameOrigin(request: Request, runtime: Runtime): void {
  const refuse = () => {
    throw new AppError("auth.cross_site", 403, "This change must come from the admin's own pages.");
  };
  if (runtime.env.mode === "shopify") {
    if (!/^Bearer\s+\S+/i.test(request.headers.get("authorization") ?? "")) refuse();
    return;
  }
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (origin !== new URL(request.url).origin) refuse();
  } else if (request.headers.get("sec-fetch-site") !== "same-origin") {
    refuse();
  }
}

/**
 * Headers for admin documents. Shopify mode: the library's (frame-ancestors the shop and Shopify's admin, and
 * a preload of App Bridge). Local mode: framed only by ourselves, and no preload of a CDN we do not use.
 */
export async function addAdminDocumentHeaders(request: Request, headers: Headers): Promise<void> {
  const runtime = await getRuntime();
  if (runtime.env.mode === "shopify") runtime.shopify.addDocumentResponseHeaders(request, headers);
  else headers.set("Content-Security-Policy", "frame-ancestors 'self'");
}

/**
 * Remix itself refuses an action whose Origin names another host than Host (or X-Forwarded-Host), but with a 500
 * and a stack trace; the server answers such a request first with a 403 in the envelope. Same rule as Remix's.
 */
export function isCrossSiteAction(headers: { origin?: string; host?: string; forwardedHost?: string }): boolean {
  const { origin } = headers;
  if (!origin || origin === "null") return false;
  const host = headers.forwardedHost?.split(",")[0]?.trim() || headers.host;
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
