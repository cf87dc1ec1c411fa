// Shared pieces of the storefront (app proxy) integration suites: the error-envelope assertion, a read-only look
// into the app's SQLite file, the ops CLI and the seed script as child processes, and metric samples.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { parseExposition } from "./prometheus";

const run = promisify(execFile);
const TSX = "node_modules/.bin/tsx";

export const DEMO_SHOP = "aurora-demo.myshopify.com";
export const EMMA = {
  orderNumber: "#1012",
  email: "emma.thompson@example.com",
  postalCode: "10013",
  customerId: "cust_1",
};
export const LUCAS = { orderNumber: "#1024", email: "lucas.tremblay@example.com" };

export interface Envelope {
  error: {
    code: string;
    message: string;
    details?: { issues?: { path: string; message: string }[]; [k: string]: unknown };
  };
  requestId: string;
}

/**
 * Asserts the one error envelope of API.md §1: the status, a JSON body `{error:{code,message,details?},requestId}`
 * whose requestId is the x-request-id header. Returns the body for further checks.
 */
export async function expectError(res: Response, status: number, code: string, label = ""): Promise<Envelope> {
  const text = await res.text();
  const where = `${label} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBe(status);
  expect(res.headers.get("content-type"), where).toMatch(/^application\/json/);
  const body = JSON.parse(text) as Envelope;
  expect(Object.keys(body).sort(), where).toEqual(["error", "requestId"]);
  expect(body.error.code, where).toBe(code);
  expect(typeof body.error.message, where).toBe("string");
  expect(body.error.message.length, where).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(["code", "message", "details"], where).toContain(key);
  const header = res.headers.get("x-request-id");
  expect(header, where).toBeTruthy();
  expect(body.requestId, where).toBe(header);
  return body;
}

/** Asserts a 200 JSON answer carrying requestId; returns the body. */
export async function expectOk<T = Record<string, unknown>>(
  res: Response,
  label = "",
): Promise<T & { requestId: string }> {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 300)}`).toBe(200);
  const body = JSON.parse(text) as T & { requestId: string };
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

/** Runs one read-only query against the app's SQLite file (WAL lets it read while the app writes). */
export function query<T = Record<string, unknown>>(databasePath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function count(databasePath: string, sql: string, ...params: unknown[]): number {
  const [row] = query<{ n: number }>(databasePath, sql, ...params);
  return row.n;
}

/** Writes to the app's SQLite file from the test (only to set up a scenario). */
export function execute(databasePath: string, sql: string, ...params: unknown[]): number {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** `npm run concierge -- <args>` against the app's SQLite file, in a child process. */
export async function conciergeCli(
  databasePath: string,
  args: string[],
): Promise<{ stdout: string; rollout: Record<string, unknown> }> {
  const { stdout } = await run(TSX, ["scripts/concierge.ts", ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: `file:${databasePath}` } as NodeJS.ProcessEnv,
    timeout: 30_000,
  });
  const json = stdout.slice(stdout.indexOf("{"), stdout.lastIndexOf("}") + 1);
  return { stdout, rollout: (JSON.parse(json) as { rollout: Record<string, unknown> }).rollout };
}

/** `npm run seed -- --shop <shop>` against the app's SQLite file, in a child process. */
export async function seedShop(databasePath: string, shop: string): Promise<void> {
  await run(TSX, ["scripts/seed.ts", "--shop", shop], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: `file:${databasePath}` } as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
}

/** The value of one sample of /api/metrics (0 when absent). */
export async function metric(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${baseUrl}/api/metrics`);
  const { samples } = parseExposition(await res.text());
  const sample = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return sample?.value ?? 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; returns the elapsed milliseconds (throws after `withinMs`). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  withinMs = 30_000,
  everyMs = 500,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await sleep(everyMs);
  }
}

/**
 * Rate-limit windows are fixed, epoch-aligned minutes: before a burst that must land in one window, wait for
 * the next window when fewer than `marginMs` remain in this one.
 */
export async function freshRateWindow(marginMs = 8_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await sleep(left + 150);
}

let ipCounter = 0;
/** A distinct client address per call (X-Forwarded-For from loopback is trusted): its own rate-limit buckets. */
export function newClientIp(): Record<string, string> {
  ipCounter += 1;
  return { "x-forwarded-for": `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}` };
}
