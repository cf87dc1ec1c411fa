// Talks to the embedded admin the way its pages do: documents, Remix single-fetch data requests (`.data`,
// turbo-stream encoded) and form posts — in Shopify mode with a session token, in local mode from loopback with
// the page's own Origin.

import { decode } from "turbo-stream";
import type { RunningApp } from "./app";
import { BROWSER_UA, embeddedUrl, sessionToken } from "./shopifyAdmin";

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- decoded route data is checked field by field */
export type Json = any;

async function decodeData(res: Response): Promise<Json> {
  if (!res.body) return null;
  // Answers made before Remix (the cross-site refusal) are plain JSON.
  if (res.headers.get("content-type")?.includes("application/json")) return { data: await res.json() };
  // Remix encodes thrown error responses and errors as typed entries; read them back as plain objects.
  const decoded = await decode(res.body, {
    plugins: [
      (type: string, ...rest: unknown[]) => {
        if (type === "ErrorResponse") return { value: { status: rest[1], statusText: rest[2], data: rest[0] } };
        if (type === "SanitizedError" || type === "Error") return { value: { error: rest[1] ?? rest[0] } };
        return undefined;
      },
    ],
  });
  await decoded.done;
  return decoded.value;
}

/** `/app/tickets?view=csat` → `/app/tickets.data?view=csat&…`: the single-fetch URL of a page. */
function dataUrl(base: string, path: string, extra: Record<string, string>): string {
  const url = new URL(path, base);
  url.pathname = `${url.pathname}.data`;
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  // `?index` targets an index route's action; it is a bare key.
  return url.toString().replace(/([?&])index=(&|$)/, "$1index$2");
}

/** A route's data, or for a thrown error response its envelope (`{ error: { code, message }, requestId }`). */
function routeValue(value: Json, routeId: string): Json {
  const entry = value?.[routeId];
  if (!entry) return value;
  if ("data" in entry) return entry.data;
  return entry.error?.data ?? entry.error;
}

export interface AdminClient {
  /** The page's HTML document. */
  document(path: string): Promise<Response>;
  /** One route's loader data, e.g. `load("/app/tickets", "routes/app.tickets._index")`. */
  load(path: string, routeId: string): Promise<AdminAnswer<Json>>;
  /** Posts a form to a page's action (FormData: multipart, for uploads); `index` for index routes (`/app/tickets`). */
  act(path: string, fields: Record<string, string> | FormData, opts?: { index?: boolean }): Promise<AdminAnswer<Json>>;
}

/** A form as the page posts it: url-encoded fields, or multipart (fetch sets the boundary) for an upload. */
function formBody(fields: Record<string, string> | FormData): {
  body: string | FormData;
  type: Record<string, string>;
} {
  return fields instanceof FormData
    ? { body: fields, type: {} }
    : {
        body: new URLSearchParams(fields).toString(),
        type: { "content-type": "application/x-www-form-urlencoded" },
      };
}

export function shopifyAdmin(app: RunningApp, userId: string): AdminClient {
  const headers = () => ({ "user-agent": BROWSER_UA, authorization: `Bearer ${sessionToken(userId)}` });
  return {
    document: (path) =>
      fetch(app.url + embeddedUrl(path, sessionToken(userId)), {
        headers: { "user-agent": BROWSER_UA },
        redirect: "manual",
      }),
    async load(path, routeId) {
      const res = await fetch(dataUrl(app.url, path, { _routes: routeId }), { headers: headers() });
      const value = await decodeData(res);
      return { status: res.status, body: routeValue(value, routeId) };
    },
    async act(path, fields, opts = {}) {
      const { body, type } = formBody(fields);
      const res = await fetch(dataUrl(app.url, path, opts.index ? { index: "" } : {}), {
        method: "POST",
        headers: { ...headers(), ...type },
        body,
      });
      const value = await decodeData(res);
      return { status: res.status, body: value?.data ?? value };
    },
  };
}

export function localAdmin(app: RunningApp, opts: { origin?: string | null } = {}): AdminClient {
  const origin = opts.origin === undefined ? app.url : opts.origin;
  return {
    document: (path) => fetch(app.url + path, { redirect: "manual" }),
    async load(path, routeId) {
      const res = await fetch(dataUrl(app.url, path, { _routes: routeId }));
      const value = await decodeData(res);
      return { status: res.status, body: routeValue(value, routeId) };
    },
    async act(path, fields, o = {}) {
      const { body, type } = formBody(fields);
      const res = await fetch(dataUrl(app.url, path, o.index ? { index: "" } : {}), {
        method: "POST",
        headers: { ...type, ...(origin ? { origin } : {}) },
        body,
      });
      const value = await decodeData(res);
      return { status: res.status, body: value?.data ?? value };
    },
  };
}
