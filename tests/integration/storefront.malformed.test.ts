// Bad input over real HTTP (API.md §1): malformed JSON, wrong types, unknown enum values, oversized bodies and
// `$`-prefixed keys are 4xx in the one envelope, never 5xx; validation failures carry zod issues; a refused write
// leaves nothing behind in the store.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, signedUrl, type ProxyClient } from "../support/proxy";
import { count, DEMO_SHOP, EMMA, expectError, expectOk, LUCAS, query } from "../support/storefront";

type Case =
  | {
      label: string;
      post: string;
      body?: unknown;
      raw?: string;
      contentType?: string | null;
      status: number;
      code: string;
    }
  | { label: string; get: string; query?: Record<string, string>; status: number; code: string }
  | { label: string; del: string; query?: Record<string, string>; status: number; code: string };

const now = () => new Date().toISOString();
const event = (name = "widget_open") => ({ name, at: now() });
const longText = (n: number) => "a".repeat(n);

const MESSAGE_CASES: Case[] = [
  {
    label: "messages: truncated JSON",
    post: "messages",
    raw: '{"visitorId":"v1","text":',
    status: 400,
    code: "request.malformed_json",
  },
  {
    label: "messages: single quotes",
    post: "messages",
    raw: "{'visitorId':'v1','text':'hi'}",
    status: 400,
    code: "request.malformed_json",
  },
  {
    label: "messages: trailing comma",
    post: "messages",
    raw: '{"visitorId":"v1","text":"hi",}',
    status: 400,
    code: "request.malformed_json",
  },
  {
    label: "messages: NaN literal",
    post: "messages",
    raw: '{"visitorId":"v1","text":NaN}',
    status: 400,
    code: "request.malformed_json",
  },
  { label: "messages: empty body", post: "messages", raw: "", status: 400, code: "validation.failed" },
  { label: "messages: whitespace body", post: "messages", raw: "  \n ", status: 400, code: "validation.failed" },
  {
    label: "messages: JSON array",
    post: "messages",
    body: [{ visitorId: "v1", text: "hi" }],
    status: 400,
    code: "validation.failed",
  },
  { label: "messages: JSON string", post: "messages", body: "hello", status: 400, code: "validation.failed" },
  { label: "messages: JSON number", post: "messages", body: 42, status: 400, code: "validation.failed" },
  { label: "messages: JSON null", post: "messages", raw: "null", status: 400, code: "validation.failed" },
  { label: "messages: JSON true", post: "messages", raw: "true", status: 400, code: "validation.failed" },
  {
    label: "messages: visitorId a number",
    post: "messages",
    body: { visitorId: 123, text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: text an object",
    post: "messages",
    body: { visitorId: "v1", text: { $ne: null } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: text an array",
    post: "messages",
    body: { visitorId: "v1", text: ["hi"] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: both text and action",
    post: "messages",
    body: { visitorId: "v1", text: "hi", action: { type: "more" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: neither text nor action",
    post: "messages",
    body: { visitorId: "v1" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: missing visitorId",
    post: "messages",
    body: { text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: text of 1001 chars",
    post: "messages",
    body: { visitorId: "v1", text: longText(1001) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: empty text",
    post: "messages",
    body: { visitorId: "v1", text: "" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: blank text",
    post: "messages",
    body: { visitorId: "v1", text: "   \t " },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown action type",
    post: "messages",
    body: { visitorId: "v1", action: { type: "drop_tables" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: action without type",
    post: "messages",
    body: { visitorId: "v1", action: { intent: "sizing" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: action a string",
    post: "messages",
    body: { visitorId: "v1", action: "more" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown intent",
    post: "messages",
    body: { visitorId: "v1", action: { type: "start", intent: "refund_everything" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown return option",
    post: "messages",
    body: { visitorId: "v1", action: { type: "start", intent: "return_exchange", option: "refund" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown category",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { category: "tiara" } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown metal",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { metal: "titanium" } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: negative price filter",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { priceMax: -1 } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: price filter a string",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { priceMin: "Infinity" } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: huge price filter",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { priceMin: 1e308 } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: ring size off the scale",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { ringSize: 99 } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: csat rating 6",
    post: "messages",
    body: { visitorId: "v1", action: { type: "csat", rating: 6 } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: visitorId with spaces",
    post: "messages",
    body: { visitorId: "v 1", text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: visitorId with markup",
    post: "messages",
    body: { visitorId: "<script>alert(1)</script>", text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: visitorId of 129 chars",
    post: "messages",
    body: { visitorId: longText(129), text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: visitorId with a null byte",
    post: "messages",
    body: { visitorId: "v1\u0000", text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: text with a null byte",
    post: "messages",
    body: { visitorId: "v1", text: "hi\u0000there" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: key with a null byte",
    post: "messages",
    body: { visitorId: "v1", text: "hi", "a\u0000b": 1 },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: bad conversationId",
    post: "messages",
    body: { visitorId: "v1", conversationId: "../../etc", text: "hi" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: bad locale",
    post: "messages",
    body: { visitorId: "v1", text: "hi", locale: "en_US;drop" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: top-level $where",
    post: "messages",
    raw: '{"visitorId":"v","text":"x","$where":"1"}',
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: nested $gt",
    post: "messages",
    body: { visitorId: "v1", action: { type: "search", filters: { $gt: 1 } } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: $ key deep in an array",
    post: "messages",
    body: { visitorId: "v1", text: "x", extra: [{ a: [{ $set: 1 }] }] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: text/plain",
    post: "messages",
    body: { visitorId: "v1", text: "hi" },
    contentType: "text/plain",
    status: 415,
    code: "request.unsupported_media_type",
  },
  {
    label: "messages: form-encoded",
    post: "messages",
    raw: "visitorId=v1&text=hi",
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    code: "request.unsupported_media_type",
  },
  {
    label: "messages: multipart",
    post: "messages",
    raw: "--x--",
    contentType: "multipart/form-data; boundary=x",
    status: 415,
    code: "request.unsupported_media_type",
  },
  {
    label: "messages: oversized body",
    post: "messages",
    body: { visitorId: "v1", text: "hi", pad: longText(70_000) },
    status: 413,
    code: "request.too_large",
  },
  {
    label: "messages: deeply nested arrays",
    post: "messages",
    raw: `{"visitorId":"v1","text":"hi","x":${"[".repeat(30_000)}${"]".repeat(30_000)}}`,
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: deeply nested objects",
    post: "messages",
    raw: `{"visitorId":"v1","text":"hi","x":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`,
    status: 400,
    code: "validation.failed",
  },
  {
    label: "messages: unknown conversation",
    post: "messages",
    body: { visitorId: "v1", conversationId: "conv_missing", text: "hi" },
    status: 404,
    code: "conversation.not_found",
  },
];

const ORDER_CASES: Case[] = [
  {
    label: "lookup: missing orderNumber",
    post: "orders/lookup",
    body: { email: EMMA.email },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: orderNumber a number",
    post: "orders/lookup",
    body: { orderNumber: 1012, email: EMMA.email },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: SQL-ish orderNumber",
    post: "orders/lookup",
    body: { orderNumber: "1012' OR '1'='1", email: EMMA.email },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: invalid email",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber, email: "not-an-email" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: email operator",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber, email: { $gt: "" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: email regex operator",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber, email: { $regex: ".*" } },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: postal code too long",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber, postalCode: "1".repeat(40) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: neither email nor postal code",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: JSON array",
    post: "orders/lookup",
    body: [EMMA.orderNumber],
    status: 400,
    code: "validation.failed",
  },
  {
    label: "lookup: unknown order",
    post: "orders/lookup",
    body: { orderNumber: "#999999", email: EMMA.email },
    status: 404,
    code: "order.not_found",
  },
  {
    label: "lookup: wrong email",
    post: "orders/lookup",
    body: { orderNumber: EMMA.orderNumber, email: "someone@example.com" },
    status: 404,
    code: "order.not_found",
  },
];

const RETURN_CASES: Case[] = [
  {
    label: "returns: unknown option",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "refund", reason: "x" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: missing reason",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "return" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: reason of 1001 chars",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "return", reason: longText(1001) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: ring size 100",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "resize", reason: "x", newSize: 100 },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: ring size 6.3",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "resize", reason: "x", newSize: 6.3 },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: ring size as a string",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "resize", reason: "x", newSize: "7" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: lineItemId operator",
    post: "returns",
    body: {
      orderNumber: EMMA.orderNumber,
      email: EMMA.email,
      option: "return",
      reason: "x",
      lineItemId: { $ne: null },
    },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: resize without a new size",
    post: "returns",
    body: {
      orderNumber: EMMA.orderNumber,
      email: EMMA.email,
      option: "resize",
      reason: "too small",
      lineItemId: "li_1012_1",
    },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "returns: engraved piece",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, email: EMMA.email, option: "return", reason: "x", lineItemId: "li_1012_2" },
    status: 422,
    code: "returns.ineligible",
  },
  {
    label: "returns: not delivered yet",
    post: "returns",
    body: { orderNumber: LUCAS.orderNumber, email: LUCAS.email, option: "return", reason: "x" },
    status: 422,
    code: "returns.ineligible",
  },
  {
    label: "returns: wrong email",
    post: "returns",
    body: {
      orderNumber: EMMA.orderNumber,
      email: "x@example.com",
      option: "return",
      reason: "x",
      lineItemId: "li_1012_1",
    },
    status: 404,
    code: "order.not_found",
  },
  {
    label: "returns: no email or postal code",
    post: "returns",
    body: { orderNumber: EMMA.orderNumber, option: "return", reason: "x", lineItemId: "li_1012_1" },
    status: 400,
    code: "validation.failed",
  },
];

const ESCALATION_CASES: Case[] = [
  {
    label: "escalations: contact operator",
    post: "escalations",
    body: { contact: { $gt: "" }, topic: "sizing" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: missing contact",
    post: "escalations",
    body: { topic: "sizing" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: contact a string",
    post: "escalations",
    body: { contact: "me@example.com", topic: "sizing" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: invalid email",
    post: "escalations",
    body: { contact: { name: "A", email: "a@" }, topic: "sizing" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: empty topic",
    post: "escalations",
    body: { contact: { name: "A", email: "a@example.com" }, topic: "" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: notes too long",
    post: "escalations",
    body: { contact: { name: "A", email: "a@example.com" }, topic: "sizing", notes: longText(2001) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "escalations: phone with letters",
    post: "escalations",
    body: { contact: { name: "A", email: "a@example.com", phone: "call me maybe" }, topic: "sizing" },
    status: 400,
    code: "validation.failed",
  },
];

const CSAT_CASES: Case[] = [
  {
    label: "csat: rating 0",
    post: "csat",
    body: { conversationId: "conv_x", rating: 0 },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "csat: rating 3.5",
    post: "csat",
    body: { conversationId: "conv_x", rating: 3.5 },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "csat: rating as a string",
    post: "csat",
    body: { conversationId: "conv_x", rating: "5" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "csat: comment of 1001 chars",
    post: "csat",
    body: { conversationId: "conv_x", rating: 4, comment: longText(1001) },
    status: 400,
    code: "validation.failed",
  },
  { label: "csat: missing conversationId", post: "csat", body: { rating: 4 }, status: 400, code: "validation.failed" },
  {
    label: "csat: unknown conversation",
    post: "csat",
    body: { conversationId: "conv_missing", rating: 4 },
    status: 404,
    code: "conversation.not_found",
  },
];

const SHORTLIST_CASES: Case[] = [
  {
    label: "shortlist: 51 products",
    post: "shortlist",
    body: { visitorId: "v1", productIds: Array.from({ length: 51 }, (_, i) => `prod_${1001 + i}`) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "shortlist: no products",
    post: "shortlist",
    body: { visitorId: "v1", productIds: [] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "shortlist: productIds a string",
    post: "shortlist",
    body: { visitorId: "v1", productIds: "prod_1001" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "shortlist: product id with markup",
    post: "shortlist",
    body: { visitorId: "v1", productIds: ["<img src=x>"] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "shortlist: unknown product",
    post: "shortlist",
    body: { visitorId: "v1", productIds: ["prod_nope"] },
    status: 400,
    code: "validation.failed",
  },
];

const EVENT_CASES: Case[] = [
  {
    label: "events: 51 events",
    post: "events",
    body: { visitorId: "v1", events: Array.from({ length: 51 }, () => event()) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: no events",
    post: "events",
    body: { visitorId: "v1", events: [] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: unknown event name",
    post: "events",
    body: { visitorId: "v1", events: [event("purchase_everything")] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: at not a date",
    post: "events",
    body: { visitorId: "v1", events: [{ name: "widget_open", at: "yesterday" }] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: nested props",
    post: "events",
    body: { visitorId: "v1", events: [{ ...event(), props: { a: { b: 1 } } }] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: 21 props",
    post: "events",
    body: {
      visitorId: "v1",
      events: [{ ...event(), props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
    },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: props with a $ key",
    post: "events",
    body: { visitorId: "v1", events: [{ ...event(), props: { $inc: 1 } }] },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "events: events an object",
    post: "events",
    body: { visitorId: "v1", events: { name: "widget_open" } },
    status: 400,
    code: "validation.failed",
  },
];

const QUERY_CASES: Case[] = [
  {
    label: "products: unknown category",
    get: "products",
    query: { category: "tiara" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: unknown metal",
    get: "products",
    query: { metal: "titanium" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: negative priceMin",
    get: "products",
    query: { priceMin: "-5" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: priceMin NaN",
    get: "products",
    query: { priceMin: "NaN" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: priceMax Infinity",
    get: "products",
    query: { priceMax: "Infinity" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: priceMin in exponent form",
    get: "products",
    query: { priceMin: "1e309" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: priceMin > priceMax",
    get: "products",
    query: { priceMin: "500", priceMax: "100" },
    status: 400,
    code: "validation.failed",
  },
  { label: "products: limit 0", get: "products", query: { limit: "0" }, status: 400, code: "validation.failed" },
  { label: "products: limit 51", get: "products", query: { limit: "51" }, status: 400, code: "validation.failed" },
  { label: "products: limit abc", get: "products", query: { limit: "abc" }, status: 400, code: "validation.failed" },
  {
    label: "products: bad cursor",
    get: "products",
    query: { cursor: "not-a-cursor" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: forged offset cursor",
    get: "products",
    query: { cursor: Buffer.from("o:-1").toString("base64url") },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: readyToShip yes",
    get: "products",
    query: { readyToShip: "yes" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: q with a null byte",
    get: "products",
    query: { q: "ring\u0000" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "products: q of 201 chars",
    get: "products",
    query: { q: longText(201) },
    status: 400,
    code: "validation.failed",
  },
  { label: "config: no visitorId", get: "config", query: {}, status: 400, code: "validation.failed" },
  {
    label: "config: visitorId with spaces",
    get: "config",
    query: { visitorId: "a b" },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "config: preview token too long",
    get: "config",
    query: { visitorId: "v1", preview: longText(129) },
    status: 400,
    code: "validation.failed",
  },
  {
    label: "conversations: no visitorId",
    get: "conversations/conv_x",
    query: {},
    status: 400,
    code: "validation.failed",
  },
  {
    label: "conversations: malformed id",
    get: "conversations/conv%20x",
    query: { visitorId: "v1" },
    status: 404,
    code: "conversation.not_found",
  },
  {
    label: "conversations: unknown id",
    get: "conversations/conv_missing",
    query: { visitorId: "v1" },
    status: 404,
    code: "conversation.not_found",
  },
  {
    label: "conversations: delete unknown",
    del: "conversations/conv_missing",
    query: { visitorId: "v1" },
    status: 404,
    code: "conversation.not_found",
  },
  {
    label: "conversations: delete without visitorId",
    del: "conversations/conv_missing",
    query: {},
    status: 400,
    code: "validation.failed",
  },
  { label: "shortlist: unknown id", get: "shortlist/sl_missing", query: {}, status: 404, code: "shortlist.not_found" },
  { label: "messages: GET", get: "messages", query: {}, status: 405, code: "method.not_allowed" },
  { label: "config: DELETE", del: "config", query: { visitorId: "v1" }, status: 405, code: "method.not_allowed" },
  { label: "unknown endpoint", get: "no/such/endpoint", query: {}, status: 404, code: "route.not_found" },
];

const ALL_CASES = [
  ...MESSAGE_CASES,
  ...ORDER_CASES,
  ...RETURN_CASES,
  ...ESCALATION_CASES,
  ...CSAT_CASES,
  ...SHORTLIST_CASES,
  ...EVENT_CASES,
  ...QUERY_CASES,
];

describe("malformed storefront input", () => {
  let app: RunningApp;
  let client: ProxyClient;
  let secret: string;
  const tableCount = (table: string) =>
    count(app.databasePath, `SELECT COUNT(*) AS n FROM ${table} WHERE shop = ?`, DEMO_SHOP);

  function send(c: Case): Promise<Response> {
    // A fresh client address per request keeps the (per-IP) rate limits out of the picture.
    const headers = { "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    if ("post" in c) {
      const raw = c.raw ?? JSON.stringify(c.body);
      const contentType = c.contentType === undefined ? "application/json" : c.contentType;
      return fetch(signedUrl(app.url, c.post, {}, { shop: DEMO_SHOP, secret }), {
        method: "POST",
        headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) },
        body: raw,
      });
    }
    if ("get" in c) return client.get(c.get, c.query, { headers });
    return client.del(c.del, c.query, { headers });
  }

  beforeAll(async () => {
    app = await startApp();
    secret = localSecret(app.dataDir);
    client = proxyClient(app.url, { shop: DEMO_SHOP, secret });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it(`has at least 40 malformed inputs (${ALL_CASES.length})`, () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each([
    ["messages", MESSAGE_CASES],
    ["orders/lookup", ORDER_CASES],
    ["returns", RETURN_CASES],
    ["escalations", ESCALATION_CASES],
    ["csat", CSAT_CASES],
    ["shortlist", SHORTLIST_CASES],
    ["events", EVENT_CASES],
    ["queries and methods", QUERY_CASES],
  ] as const)("%s", (_name, cases) => {
    it.each(cases.map((c) => [c.label, c] as const))("%s", async (label, c) => {
      const res = await send(c);
      expect(res.status, label).toBeLessThan(500);
      const body = await expectError(res, c.status, c.code, label);
      if (c.code === "validation.failed") {
        expect(Array.isArray(body.error.details?.issues), `${label}: details.issues`).toBe(true);
        expect(body.error.details!.issues!.length, label).toBeGreaterThan(0);
        for (const issue of body.error.details!.issues!) expect(typeof issue.message).toBe("string");
      }
    });
  });

  it("names the offending field in the zod issues", async () => {
    const res = await client.post("messages", {
      visitorId: "v1",
      action: { type: "search", filters: { category: "tiara" } },
    });
    const body = await expectError(res, 400, "validation.failed");
    expect(body.error.details!.issues!.map((i) => i.path)).toContain("action.filters.category");
    const dollar = await expectError(
      await client.post("escalations", { contact: { $gt: "" }, topic: "x" }),
      400,
      "validation.failed",
    );
    expect(dollar.error.details!.issues![0].path).toBe("contact.$gt");
  });

  it("refuses a body over 64 KB even without a content-length (chunked)", async () => {
    const chunk = new TextEncoder().encode(longText(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"visitorId":"v1","text":"hi","pad":"'));
        if (sent < 6) {
          controller.enqueue(chunk);
          sent += 1;
        } else {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        }
      },
    });
    const res = await fetch(signedUrl(app.url, "messages", {}, { shop: DEMO_SHOP, secret }), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(res, 413, "request.too_large");
    // A lying content-length is refused before reading.
    const declared = await fetch(signedUrl(app.url, "events", {}, { shop: DEMO_SHOP, secret }), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: "v1", events: [event()], pad: longText(66_000) }),
    });
    await expectError(declared, 413, "request.too_large");
  });

  it("accepts the valid neighbours of the refused inputs (unicode, emoji, limits at the edge)", async () => {
    const emoji = await expectOk<{ conversationId: string }>(
      await client.post("messages", {
        visitorId: "v-ok",
        text: "💍 Je cherche une bague en or rose — ça coûte combien? 指輪 ✨",
      }),
      "emoji text",
    );
    expect(emoji.conversationId).toMatch(/^conv_/);
    await expectOk(await client.post("messages", { visitorId: "v-ok", text: longText(1000) }), "1000 chars");
    await expectOk(await client.post("messages", { visitorId: "v-ok", text: "hi", locale: "fr-CA" }), "locale");
    await expectOk(
      await client.post("messages", { visitorId: "v-ok", text: "NaN Infinity -1 null undefined $where" }),
      "tricky words",
    );
    await expectOk(
      await client.post("messages", { visitorId: "v-ok", text: "hi", unknownField: "dropped" }),
      "unknown field dropped",
    );
    await expectOk(
      await client.post(
        "messages",
        { visitorId: "v-ok", text: "hi" },
        { headers: { "content-type": "application/json; charset=utf-8" } },
      ),
      "charset",
    );
    await expectOk(
      await client.post(
        "messages",
        { visitorId: "v-ok", text: "hi" },
        { headers: { "content-type": "application/vnd.api+json" } },
      ),
      "+json",
    );
    await expectOk(
      await client.post("messages", null, { raw: '{"visitorId":"v-ok","text":"hi","__proto__":{"polluted":true}}' }),
      "__proto__",
    );
    await expectOk(
      await client.post("events", { visitorId: "v-ok", events: Array.from({ length: 50 }, () => event()) }),
      "50 events",
    );
    const ids = query<{ id: string }>(
      app.databasePath,
      "SELECT id FROM products WHERE shop = ? AND status = 'active' LIMIT 50",
      DEMO_SHOP,
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(10);
    await expectOk(await client.post("shortlist", { visitorId: "v-ok", productIds: ids }), "shortlist at the limit");
    await expectOk(
      await client.get("products", { q: "💍 ring", priceMin: "0", priceMax: "100000.5", limit: "50" }),
      "products",
    );
    const csat = await expectOk(
      await client.post("csat", {
        conversationId: emoji.conversationId,
        visitorId: "v-ok",
        rating: 5,
        comment: `${longText(990)} 😀`,
      }),
      "csat",
    );
    expect(csat).toMatchObject({ ok: true });
    // The unicode text was stored as sent.
    const [row] = query<{ text: string }>(
      app.databasePath,
      "SELECT text FROM messages WHERE shop = ? AND conversation_id = ? AND role = 'shopper'",
      DEMO_SHOP,
      emoji.conversationId,
    );
    expect(row.text).toContain("💍");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves nothing half-written when a write is refused", async () => {
    const before = {
      returns: tableCount("return_requests"),
      tickets: tableCount("tickets"),
      shortlists: tableCount("shortlists"),
      csat: tableCount("csat_ratings"),
      idempotency: tableCount("idempotency_records"),
      sequences: query(app.databasePath, "SELECT name, value FROM sequences WHERE shop = ? ORDER BY name", DEMO_SHOP),
    };
    expect(before.returns).toBe(0);
    // Refused return requests of every kind, some with an idempotency key.
    for (const c of RETURN_CASES) {
      const res = await fetch(signedUrl(app.url, "returns", {}, { shop: DEMO_SHOP, secret }), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.8.1.${c.label.length}`,
          "idempotency-key": `refused-${c.label.length}-${Math.random()}`,
        },
        body: JSON.stringify((c as { body: unknown }).body),
      });
      expect(res.status, c.label).toBeGreaterThanOrEqual(400);
      expect(res.status, c.label).toBeLessThan(500);
    }
    for (const c of [...ESCALATION_CASES, ...SHORTLIST_CASES, ...CSAT_CASES])
      expect((await send(c)).status).toBeLessThan(500);

    expect(tableCount("return_requests")).toBe(0);
    expect(tableCount("tickets")).toBe(0);
    expect(tableCount("shortlists")).toBe(before.shortlists);
    expect(tableCount("csat_ratings")).toBe(before.csat);
    // No RMA or ticket number was drawn.
    expect(
      query(app.databasePath, "SELECT name, value FROM sequences WHERE shop = ? ORDER BY name", DEMO_SHOP),
    ).toEqual(before.sequences);
    expect(
      query(app.databasePath, "SELECT * FROM sequences WHERE shop = ? AND name IN ('rma', 'ticket')", DEMO_SHOP),
    ).toEqual([]);

    // The first accepted return gets the first RMA number: nothing was consumed by the refusals.
    const ok = await expectOk<{ returnRequest: { rma: string; status: string } }>(
      await client.post(
        "returns",
        {
          orderNumber: EMMA.orderNumber,
          email: EMMA.email,
          option: "resize",
          reason: "too small",
          lineItemId: "li_1012_1",
          newSize: 6.5,
        },
        { headers: { "x-forwarded-for": "10.8.0.2" } },
      ),
      "valid return",
    );
    expect(ok.returnRequest).toMatchObject({ rma: "RMA-00001", status: "requested" });
    expect(tableCount("return_requests")).toBe(1);
  });

  it("never answered 5xx and logged no unhandled error", async () => {
    const res = await fetch(`${app.url}/api/metrics`);
    const text = await res.text();
    const fiveHundreds = text
      .split("\n")
      .filter((l) => l.startsWith("concierge_http_requests_total") && /status="5\d\d"/.test(l));
    expect(fiveHundreds).toEqual([]);
    expect(app.logs()).not.toContain("unhandled error");
  });
});
