// The lean mount: the Node server hands /proxy/* and the probes here before Express and Remix, so storefront
// requests pay for neither (ADR 0008). It adapts node:http to the framework-free IncomingCall, reads bodies
// under the size cap, and never leaves a refused connection open with its body unread.

import type { IncomingMessage, ServerResponse } from "node:http";
import { isLeanPath, matchLean } from "~/storefront/routes.server";
import { MAX_BODY_BYTES, tooLarge } from "./body.server";
import { ClientAbortError } from "./errors.server";
import { serveJson, type IncomingCall, type PlainResponse } from "./http.server";
import { API_HEADERS } from "./securityHeaders.server";

/** A refused body is read and dropped up to this many bytes so the client sees the 413, then the socket closes. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
/** ... and for at most this long: a slow sender does not hold a connection open. */
const DRAIN_LIMIT_MS = 3_000;

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Reads the whole body as UTF-8 text, refusing it (413) as soon as it passes the cap. */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  if (req.readableEnded) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done();
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size).toString("utf8"));
    };
    // 'close' before 'end': the client went away mid-body.
    const onClose = () => {
      done();
      reject(new ClientAbortError("closed mid-body"));
    };
    const onError = (error: Error) => {
      done();
      reject(new ClientAbortError(error.message));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
    req.on("error", onError);
  });
}

/**
 * Drops what is left of a body we will not read, within DRAIN_LIMIT_*, so the answer reaches a client that is
 * still sending (answering first and closing would reset the connection under it). Resolves true when the body
 * ended, false when the limits cut it off (then the socket must be destroyed).
 */
function drain(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > DRAIN_LIMIT_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let size = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), DRAIN_LIMIT_MS);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
    req.resume();
  });
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  response: PlainResponse | null,
  extraHeaders: Record<string, string> | null,
): Promise<void> {
  if (!response) {
    req.socket.destroy(); // the client is gone; nothing to answer
    return;
  }
  if (extraHeaders) response.headers = { ...extraHeaders, ...response.headers };
  if (req.complete) {
    res.writeHead(response.status, response.headers).end(response.body);
    return;
  }
  // The body was refused or never read: answer after dropping it (bounded), then close the connection.
  const ended = await drain(req);
  if (res.destroyed) return;
  res.writeHead(response.status, { ...response.headers, Connection: "close" }).end(response.body);
  if (!ended) res.once("finish", () => req.socket.destroy());
}

export interface LeanMount {
  /** Whether this mount serves the request (by its path, whatever the method or signature). */
  owns(url: string): boolean;
  /** Serves a request it owns; never throws. */
  serve(req: IncomingMessage, res: ServerResponse, clientIp: string): void;
}

const pathOf = (url: string) => {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
};

/**
 * `baseline`: the security headers every response of the server carries (securityHeaders.server). The mount's
 * JSON answers already carry API_HEADERS; it adds the rest of the baseline itself (HSTS in Shopify mode), so the
 * server does not wrap each of its responses to do it.
 */
export function createLeanMount(baseline: Readonly<Record<string, string>> = {}): LeanMount {
  const missing = Object.entries(baseline).filter(([name]) => !(name in API_HEADERS));
  const extraHeaders = missing.length > 0 ? Object.fromEntries(missing) : null;
  return {
    owns: (url) => isLeanPath(pathOf(url)),
    serve(req, res, clientIp) {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const call: IncomingCall = {
        method: (req.method ?? "GET").toUpperCase(),
        path,
        query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
        header: (name) => headerOf(req, name),
        readBody: () => readBody(req),
        clientIp,
      };
      const matched = matchLean(path);
      serveJson(matched.route, { ...call, url }, (ctx) => matched.serve(call, ctx))
        .then((response) => send(req, res, response, extraHeaders))
        .catch(() => req.socket.destroy());
    },
  };
}
