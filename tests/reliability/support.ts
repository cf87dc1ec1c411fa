// Shared pieces of the reliability suite: raw HTTP over a socket (chunked bodies, aborts, connection closes that
// fetch hides), signed storefront URLs for a running app, and a second process holding the store's write lock.

import { spawn, type ChildProcess } from "node:child_process";
import { connect, type Socket } from "node:net";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, signedUrl } from "../support/proxy";
import { DEMO_SHOP } from "../support/storefront";

export { DEMO_SHOP };

/** An app with limits out of the way (these suites are about faults, not limits) unless `env` sets them. */
export async function startReliabilityApp(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<RunningApp & { secret: string; port: number }> {
  const app = await startApp(
    { RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000", ...env },
    options,
  );
  return { ...app, secret: localSecret(app.dataDir), port: Number(new URL(app.url).port) };
}

/** Path and query of a validly signed storefront URL (for raw requests). */
export function signedPath(
  app: { url: string; secret: string },
  path: string,
  query: Record<string, string> | [string, string][] = {},
  shop = DEMO_SHOP,
): string {
  const url = new URL(signedUrl(app.url, path, query, { shop, secret: app.secret }));
  return `${url.pathname}${url.search}`;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after answering (within `closeWithinMs`). */
  closedByServer: boolean;
  /** The connection was reset or ended before a complete answer arrived. */
  reset: boolean;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; with `chunked`, split into chunks of `chunkBytes`. */
  body?: Buffer | string;
  chunked?: boolean;
  chunkBytes?: number;
  /** How long to wait, after the answer, for the server to close the connection. */
  closeWithinMs?: number;
}

function parseAnswer(raw: Buffer): { status: number; headers: Record<string, string>; body: string } | null {
  const text = raw.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (rest.length < length) return null;
    return { status, headers, body: rest.subarray(0, length).toString("utf8") };
  }
  if (headers["transfer-encoding"] === "chunked") {
    let offset = 0;
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n", offset);
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(offset, lineEnd).toString("latin1"), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(parts).toString("utf8") };
      if (rest.length < lineEnd + 2 + size + 2) return null;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
  }
  return { status, headers, body: rest.toString("utf8") };
}

/** One request on its own connection, written byte for byte, with what happened to the connection after. */
export function rawRequest(port: number, request: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let answered: ReturnType<typeof parseAnswer> = null;
    let settled = false;
    const finish = (closedByServer: boolean, reset: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status: answered?.status ?? 0,
        headers: answered?.headers ?? {},
        body: answered?.body ?? "",
        closedByServer,
        reset,
      });
    };
    const timer = setTimeout(() => finish(false, !answered), 20_000);
    socket.on("data", (chunk) => {
      received.push(chunk);
      if (!answered) {
        answered = parseAnswer(Buffer.concat(received));
        if (answered) setTimeout(() => finish(false, false), request.closeWithinMs ?? 1_000);
      }
    });
    socket.on("end", () => finish(Boolean(answered), !answered));
    socket.on("error", () => finish(Boolean(answered), !answered));
    socket.on("close", () => finish(Boolean(answered), !answered));
    socket.on("connect", () => {
      const body = request.body === undefined ? undefined : Buffer.from(request.body);
      const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...request.headers };
      if (body && request.chunked) headers["transfer-encoding"] = "chunked";
      else if (body && headers["content-length"] === undefined) headers["content-length"] = String(body.length);
      const head = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.write(`${request.method} ${request.path} HTTP/1.1\r\n${head}\r\n`);
      if (!body) return;
      if (!request.chunked) {
        socket.write(body);
        return;
      }
      const size = request.chunkBytes ?? 64 * 1024;
      const writeChunks = (offset: number): void => {
        if (socket.destroyed) return;
        if (offset >= body.length) {
          socket.write("0\r\n\r\n");
          return;
        }
        const piece = body.subarray(offset, offset + size);
        const more = socket.write(
          Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]),
        );
        if (more) setImmediate(() => writeChunks(offset + size));
        else socket.once("drain", () => writeChunks(offset + size));
      };
      writeChunks(0);
    });
  });
}

/** Sends the headers and part of a body, then vanishes (a client aborting mid-upload). */
export function abortMidBody(port: number, path: string, declaredBytes: number, sentBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${declaredBytes}\r\n\r\n`,
      );
      socket.write("x".repeat(sentBytes));
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.on("error", () => resolve());
  });
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Another process holding the SQLite write lock (BEGIN IMMEDIATE), as a backup, the seed or a second instance
 * would. Resolves once the lock is held; `release()` rolls back and ends the process.
 */
export async function holdWriteLock(databasePath: string): Promise<{ release: () => Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { fileMustExist: true });
    db.pragma("busy_timeout = 10000");
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    process.stdin.on("data", () => { db.exec("ROLLBACK"); db.close(); process.exit(0); });
  `;
  const child: ChildProcess = spawn(process.execPath, ["-e", script, databasePath], {
    stdio: ["pipe", "pipe", "inherit"],
    cwd: process.cwd(),
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return {
    release: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin!.write("release\n");
      await exited;
    },
  };
}

/** Polls until `check` passes; returns the milliseconds it took (fails after `withinMs`). */
export async function measureUntil(check: () => Promise<boolean>, withinMs = 10_000, everyMs = 20): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
