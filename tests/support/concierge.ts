// Helpers for the shopper-journey integration tests: a built server with rate limits out of the way, a signed
// client for the demo shop, a chat that remembers its conversation id, and read-only access to the SQLite file.

import Database from "better-sqlite3";
import { afterAll, beforeAll, expect } from "vitest";
import { startApp, type RunningApp } from "./app";
import { expectResponseMatchesSpec } from "./openapi";
import { localSecret, proxyClient, type ProxyClient } from "./proxy";

export const SHOP = "aurora-demo.myshopify.com";

/** Journeys are not about limits (another suite tests them): both buckets far above what a file sends. */
export async function startJourneyApp(): Promise<{ app: RunningApp; client: ProxyClient }> {
  const app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000" });
  return { app, client: proxyClient(app.url, { shop: SHOP, secret: localSecret(app.dataDir) }) };
}

/**
 * One journey app per test file: starts it before the file's tests, stops it after, and hands out chats with
 * fresh visitor ids (`v-<prefix>-N`). `onStart` lets the file keep its own `app`/`client` handles.
 */
export function journeyApp(
  prefix: string,
  onStart: (started: { app: RunningApp; client: ProxyClient }) => void,
): (customerId?: string) => Chat {
  let started: { app: RunningApp; client: ProxyClient } | undefined;
  let visitors = 0;
  beforeAll(async () => {
    started = await startJourneyApp();
    onStart(started);
  });
  afterAll(async () => {
    await started?.app.stop();
  });
  return (customerId?: string) => new Chat(started!.client, `v-${prefix}-${++visitors}`, customerId);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
}

export async function answer(res: Response): Promise<Answer> {
  return { status: res.status, body: await res.json() };
}

export interface Turn {
  status: number;
  body: Json;
  intent: string;
  entities: Json;
  messages: Json[];
}

/** One visitor's conversation through POST /proxy/messages, keeping the conversation id between turns. */
export class Chat {
  conversationId: string | undefined;
  readonly turns: Turn[] = [];

  constructor(
    private readonly client: ProxyClient,
    readonly visitorId: string,
    private readonly customerId?: string,
  ) {}

  async say(text: string): Promise<Turn> {
    return this.send({ text });
  }

  async act(action: Record<string, unknown>): Promise<Turn> {
    return this.send({ action });
  }

  async send(payload: Record<string, unknown>): Promise<Turn> {
    const body = {
      visitorId: this.visitorId,
      ...(this.conversationId ? { conversationId: this.conversationId } : {}),
      ...payload,
    };
    const res = await this.client.post("messages", body, this.customerId ? { customerId: this.customerId } : {});
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(200);
    // Every turn of every journey must match the published contract, not only a sample.
    expectResponseMatchesSpec("POST", "/proxy/messages", 200, json);
    expect(json.conversationId).toEqual(expect.any(String));
    if (this.conversationId) expect(json.conversationId).toBe(this.conversationId);
    this.conversationId = json.conversationId;
    const turn: Turn = {
      status: res.status,
      body: json,
      intent: json.understanding.intent,
      entities: json.understanding.entities,
      messages: json.messages,
    };
    this.turns.push(turn);
    return turn;
  }
}

export function ofType(turn: Turn | Json[], type: string): Json[] {
  const messages = Array.isArray(turn) ? turn : turn.messages;
  return messages.filter((m: Json) => m.type === type);
}

export function one(turn: Turn | Json[], type: string): Json {
  const found = ofType(turn, type);
  expect(
    found.map((m: Json) => m.type),
    `exactly one ${type} message`,
  ).toEqual([type]);
  return found[0];
}

/** Every quick reply a turn offers: quick_replies messages and the relaxations on product cards. */
export function quickReplies(turn: Turn | Json[]): { label: string; action: Json }[] {
  const messages = Array.isArray(turn) ? turn : turn.messages;
  return messages.flatMap((m: Json) => [
    ...(m.type === "quick_replies" ? m.replies : []),
    ...(m.type === "product_cards" ? (m.relaxations ?? []) : []),
  ]);
}

export function offersStylist(turn: Turn | Json[]): boolean {
  return quickReplies(turn).some((r) => r.action.type === "start" && r.action.intent === "stylist_contact");
}

/** Replaces every generated id (message ids, request ids, conversation ids) so two answers can be compared. */
export function withoutIds(value: Json): Json {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === "id" || key === "requestId" || key === "conversationId" ? "<id>" : v)),
  );
}

/** Read-only access to the app's SQLite file while the app runs (WAL mode lets both read). */
export function readDb<T>(app: RunningApp, read: (db: Database.Database) => T): T {
  const db = new Database(app.databasePath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
