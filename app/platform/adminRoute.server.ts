// Every admin loader and action goes through here: identify the staff user (Shopify session token, or the local
// owner on loopback), enrol them, check the role policy for this loader or intent, and for mutations the CSRF
// guard, zod input and one JSON answer the page can toast. Auth Responses from the Shopify library pass through.

import { data, type HeadersFunction } from "@remix-run/node";
import type { Logger } from "pino";
import type { z } from "zod";
import { can, permissionsOf, type StaffAction } from "~/concierge/staffPolicy";
import { enrolStaff } from "~/services/staff.server";
import { ensureShop } from "~/services/shopSetup.server";
import type { Shop, StaffMember } from "~/store/port";
import { assertSameOrigin, identifyAdmin } from "./adminAuth.server";
import { AppError, toErrorEnvelope, validationError } from "./errors.server";
import type { AppMode } from "./env.server";
import { jsonResponse, requestIdFrom, type RouteArgs } from "./http.server";
import { getRuntime, type Runtime } from "./runtime.server";

export interface AdminContext {
  runtime: Runtime;
  mode: AppMode;
  shop: Shop;
  staff: StaffMember;
  requestId: string;
  logger: Logger;
  now: Date;
  can(action: StaffAction): boolean;
}

// The layout's and the page's loaders run for one document request: identify the user once.
const contexts = new WeakMap<Request, Promise<AdminContext>>();

function adminContext(args: RouteArgs): Promise<AdminContext> {
  let found = contexts.get(args.request);
  if (!found) {
    found = (async () => {
      const runtime = await getRuntime();
      const requestId = requestIdFrom(args.request.headers);
      const identity = await identifyAdmin(args.request, args.context, runtime);
      const shop = await ensureShop(runtime, identity.shop);
      const staff = await enrolStaff(runtime, identity.shop, identity.userId, { name: identity.defaultName });
      return {
        runtime,
        mode: runtime.env.mode,
        shop,
        staff,
        requestId,
        logger: runtime.logger.child({ requestId, shop: identity.shop }),
        now: new Date(),
        can: (action: StaffAction) => can(staff.role, action),
      };
    })();
    contexts.set(args.request, found);
  }
  return found;
}

function forbidden(action: StaffAction): AppError {
  return new AppError("auth.forbidden", 403, "Your role does not allow this.", { needs: action });
}

function observe(route: string, method: string, status: number, started: number) {
  void getRuntime().then((runtime) => {
    runtime.metrics.httpRequests.inc({ route, method, status: String(status) });
    runtime.metrics.httpDuration.observe({ route }, (performance.now() - started) / 1000);
  });
}

/** The envelope for an error; unexpected ones are logged once (no stack reaches the page). */
async function envelopeOf(error: unknown, args: RouteArgs, route: string) {
  const requestId = requestIdFrom(args.request.headers);
  const envelope = toErrorEnvelope(error, requestId);
  if (envelope.unexpected) {
    const runtime = await getRuntime().catch(() => null);
    runtime?.logger.error({ err: error, requestId, route }, "unhandled admin error");
  }
  return envelope;
}

/** A page's loader: `permission` is what the page needs at all; finer checks use `ctx.can` inside. */
export function adminLoader<T>(
  route: string,
  permission: StaffAction,
  load: (ctx: AdminContext, args: RouteArgs) => Promise<T>,
) {
  return async (args: RouteArgs): Promise<T> => {
    const started = performance.now();
    try {
      const ctx = await adminContext(args);
      if (!ctx.can(permission)) throw forbidden(permission);
      const result = await load(ctx, args);
      observe(`admin.${route}`, "GET", 200, started);
      return result;
    } catch (error) {
      if (error instanceof Response) throw error; // the library's bounce, 401 or 410
      const envelope = await envelopeOf(error, args, route);
      observe(`admin.${route}`, "GET", envelope.status, started);
      // Thrown to the page's error boundary, which shows the message (never a stack).
      throw data(envelope.body, { status: envelope.status, headers: envelope.headers });
    }
  };
}

/** A non-page admin route (a download): same identity and policy; errors answer in the JSON envelope. */
export function adminResource(
  route: string,
  permission: StaffAction,
  handle: (ctx: AdminContext, args: RouteArgs) => Promise<Response>,
) {
  return async (args: RouteArgs): Promise<Response> => {
    const started = performance.now();
    try {
      const ctx = await adminContext(args);
      if (!ctx.can(permission)) throw forbidden(permission);
      const response = await handle(ctx, args);
      observe(`admin.${route}`, args.request.method, response.status, started);
      return response;
    } catch (error) {
      if (error instanceof Response) return error; // the library's bounce, 401 or 410
      const envelope = await envelopeOf(error, args, route);
      observe(`admin.${route}`, args.request.method, envelope.status, started);
      return jsonResponse(envelope.status, envelope.body, {
        ...envelope.headers,
        "x-request-id": envelope.body.requestId,
      });
    }
  };
}

/** The layout's identity for the shell (navigation by role); every page checks its own permission again. */
export const adminShell = (args: RouteArgs) =>
  adminLoader("shell", "overview.view", async (ctx) => ({ ctx, permissions: permissionsOf(ctx.staff.role) }))(args);

export interface ActionSpec<I> {
  permission: StaffAction;
  input: z.ZodType<I>;
  run(ctx: AdminContext, input: I, args: RouteArgs): Promise<ActionDone>;
}

/** One intent of an action, with its input type inferred from the schema. */
export function intent<I>(spec: ActionSpec<I>): ActionSpec<I> {
  return spec;
}

export interface ActionDone {
  /** What the toast says. */
  message: string;
  [key: string]: unknown;
}

export type ActionResult =
  | ({ ok: true; intent: string; requestId: string } & ActionDone)
  | {
      ok: false;
      intent: string | null;
      requestId: string;
      error: { code: string; message: string; details?: Record<string, unknown> };
    };

/** The largest admin form (a product CSV upload and its fields); larger ones are refused before they are read. */
export const MAX_ADMIN_FORM_BYTES = 6 * 1024 * 1024;

async function readForm(request: Request): Promise<FormData> {
  const declared = request.headers.get("content-length");
  const multipart = /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
  // An upload must say its size (browsers do), so an endless one is never buffered.
  if (multipart && declared === null) throw new AppError("request.length_required", 411, "Send the file's size.");
  if (Number(declared ?? 0) > MAX_ADMIN_FORM_BYTES) {
    throw new AppError("request.too_large", 413, `The form is larger than ${MAX_ADMIN_FORM_BYTES / 1024 / 1024} MB.`);
  }
  return request.formData().catch(() => {
    throw new AppError("request.malformed", 400, "The form could not be read.");
  });
}

/** Builds one route's action from its intents (the `intent` form field picks one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function adminAction(route: string, intents: Record<string, ActionSpec<any>>) {
  return async (args: RouteArgs) => {
    const started = performance.now();
    let intent: string | null = null;
    try {
      const ctx = await adminContext(args);
      assertSameOrigin(args.request, ctx.runtime);
      const form = await readForm(args.request);
      // Strings, and files for the intents that take one (their schema says `z.instanceof(File)`).
      const fields: Record<string, string | File> = {};
      for (const [key, value] of form) fields[key] = value;
      const name = typeof fields.intent === "string" ? fields.intent : null;
      intent = name;
      const spec = name !== null && Object.hasOwn(intents, name) ? intents[name] : undefined;
      if (!spec || name === null) throw new AppError("action.unknown", 400, "That is not something this page can do.");
      if (!ctx.can(spec.permission)) throw forbidden(spec.permission);
      const parsed = spec.input.safeParse(fields);
      if (!parsed.success) throw validationError(parsed.error, "Some fields need another look.");
      const done = await spec.run(ctx, parsed.data, args);
      observe(`admin.${route}`, "POST", 200, started);
      const body: ActionResult = { ok: true, intent: name, requestId: ctx.requestId, ...done };
      return data(body);
    } catch (error) {
      if (error instanceof Response) throw error;
      const envelope = await envelopeOf(error, args, route);
      observe(`admin.${route}`, "POST", envelope.status, started);
      const body: ActionResult = { ok: false, intent, ...envelope.body };
      return data(body, { status: envelope.status, headers: envelope.headers });
    }
  };
}

/**
 * Every admin route's `headers`: an answer the Shopify library threw (401 with its retry header for an expired
 * session token) keeps its headers, so App Bridge can fetch a fresh token and retry.
 */
export const adminHeaders: HeadersFunction = ({ errorHeaders, parentHeaders, loaderHeaders, actionHeaders }) => {
  if (errorHeaders && [...errorHeaders.keys()].length > 0) return errorHeaders;
  return new Headers([...parentHeaders, ...loaderHeaders, ...actionHeaders]);
};

const ROUTE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** A route's `:id`, or the entity's 404 (an id we could never have made is simply not found). */
export function routeId(params: Record<string, string | undefined>, entity: string, message: string): string {
  const id = params.id ?? "";
  if (!ROUTE_ID.test(id)) throw new AppError(`${entity}.not_found`, 404, message);
  return id;
}
