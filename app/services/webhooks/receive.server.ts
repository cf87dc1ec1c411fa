// Receiving a webhook: the library checks the HMAC over the raw body, we refuse what it lets through (a missing
// HMAC header, a topic posted to another topic's path, a body that is not JSON), drop a redelivery by its webhook
// id, and queue the work — so Shopify gets its answer in milliseconds, well inside its 5 s budget.

import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import { enqueueJob } from "~/platform/worker.server";
import { COMPLIANCE_TOPICS, isWebhookTopic, topicKey, type WebhookTopic } from "./topics";

/** Shopify's largest payloads (orders with many lines) stay well under this. */
const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

export const WEBHOOK_JOB = "webhook";

export interface WebhookJobPayload {
  topic: WebhookTopic;
  webhookId: string;
  body: unknown;
}

const invalidSignature = () => new AppError("auth.invalid_signature", 401, "The webhook signature is not valid.");
const malformed = (message: string) => new AppError("webhook.malformed", 400, message);

async function rawBodyOf(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) throw new AppError("request.too_large", 413, "The webhook body is too large.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_WEBHOOK_BYTES)
    throw new AppError("request.too_large", 413, "The webhook body is too large.");
  return text;
}

export async function receiveWebhook(
  runtime: Runtime,
  request: Request,
  path: string,
): Promise<{ topic: WebhookTopic; duplicate: boolean }> {
  if (!isWebhookTopic(path)) throw new AppError("route.not_found", 404, "There is no such webhook.");
  if (request.method !== "POST") {
    throw new AppError("method.not_allowed", 405, "Use POST here.", undefined, { Allow: "POST" });
  }
  if (!request.headers.get("x-shopify-hmac-sha256")) throw invalidSignature();
  const raw = await rawBodyOf(request);
  // The library reads the body itself: hand it a fresh request with the same bytes.
  const copy = new Request(request.url, { method: "POST", headers: request.headers, body: raw });
  let context;
  try {
    context = await runtime.shopify.authenticate.webhook(copy);
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.status === 401) throw invalidSignature();
      if (thrown.status === 405)
        throw new AppError("method.not_allowed", 405, "Use POST here.", undefined, { Allow: "POST" });
      throw malformed("The webhook is missing a Shopify header.");
    }
    // A valid HMAC over a body that is not JSON: the library throws while parsing it.
    throw malformed("The webhook body is not JSON.");
  }
  if (topicKey(context.topic) !== topicKey(path))
    throw malformed(`A ${context.topic} webhook was posted to /webhooks/${path}.`);
  const topic = path;
  const body = context.payload as Record<string, unknown> | null;
  if (!body || typeof body !== "object") throw malformed("The webhook body is not a JSON object.");
  if ((COMPLIANCE_TOPICS as readonly string[]).includes(topic)) {
    const named = body.shop_domain;
    if (typeof named === "string" && named !== context.shop) throw malformed("The payload names another shop.");
  }
  const payload: WebhookJobPayload = { topic: path, webhookId: context.webhookId, body };
  const queued = await enqueueJob(runtime.store, context.shop, {
    kind: WEBHOOK_JOB,
    // Shopify has no replay protection of its own: its webhook id makes a redelivery a no-op.
    key: `webhook:${context.webhookId}`,
    payload: payload as unknown as Record<string, unknown>,
  });
  runtime.metrics.webhooks.inc({ topic: path, outcome: queued ? "queued" : "duplicate" });
  if (queued) runtime.worker.nudge();
  return { topic: path, duplicate: !queued };
}
