// POST /webhooks/<topic> — every Shopify webhook (API.md §4): verified, deduplicated, queued; 401 on a bad HMAC.

import { jsonRoute } from "~/platform/http.server";
import { receiveWebhook } from "~/services/webhooks/receive.server";

const route = jsonRoute("webhooks", async ({ request, params }, { runtime }) => {
  const { topic, duplicate } = await receiveWebhook(runtime, request, params["*"] ?? "");
  return { body: { ok: true, topic, duplicate } };
});

export const loader = route;
export const action = route;
