// Shopify webhook deliveries as Shopify makes them: HMAC-SHA256 of the raw body, base64, keyed by the app secret,
// with the topic, shop, API version and webhook id headers. Plus a loopback SMTP server that keeps what arrives.

import { createHmac, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import Database from "better-sqlite3";

export function webhookHmac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface DeliveryOptions {
  shop: string;
  secret: string;
  webhookId?: string;
  /** The X-Shopify-Topic header when it should differ from the path's topic. */
  topicHeader?: string;
  hmac?: string | null;
  raw?: string;
  method?: string;
}

export async function deliver(base: string, topic: string, payload: unknown, o: DeliveryOptions): Promise<Response> {
  const body = o.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-topic": o.topicHeader ?? topic,
    "x-shopify-shop-domain": o.shop,
    "x-shopify-api-version": "2025-10",
    "x-shopify-webhook-id": o.webhookId ?? randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  const hmac = o.hmac === undefined ? webhookHmac(body, o.secret) : o.hmac;
  if (hmac !== null) headers["x-shopify-hmac-sha256"] = hmac;
  const method = o.method ?? "POST";
  return fetch(`${base}/webhooks/${topic}`, { method, headers, body: method === "GET" ? undefined : body });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) collecting every message it accepts. */
export async function startSmtpServer(options: { refuse?: () => boolean; port?: number } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      if (options.refuse?.()) {
        stream.resume();
        stream.on("end", () =>
          callback(Object.assign(new Error("mailbox temporarily unavailable"), { responseCode: 451 })),
        );
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
          received.push({
            from: mail.from?.text ?? "",
            to: to.flatMap((a) => a.value.map((v) => v.address ?? "")),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            messageId: mail.messageId ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Every string in the SQLite file that contains one of `needles` (case-insensitive): every table the schema has —
 * FTS5 shadow tables (segments) included — every row, every column, BLOBs read as text.
 */
export function findEverywhere(
  databasePath: string,
  needles: string[],
): { table: string; column: string; value: string }[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const found: { table: string; column: string; value: string }[] = [];
    const lowered = needles.map((n) => n.toLowerCase());
    for (const table of tables) {
      // FTS5's own virtual table reads through to `messages`; its shadow tables hold the index itself.
      if (table === "messages_fts") continue;
      const rows = db.prepare(`SELECT * FROM "${table}"`).raw(false).all() as Record<string, unknown>[];
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString("latin1") : typeof value === "string" ? value : "";
          const lower = text.toLowerCase();
          if (lowered.some((n) => lower.includes(n))) found.push({ table, column, value: text.slice(0, 200) });
        }
      }
    }
    return found;
  } finally {
    db.close();
  }
}

export function tableNames(databasePath: string): string[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}
