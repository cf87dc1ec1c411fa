// Every webhook topic the app serves, each at /webhooks/<topic> (API.md §4). shopify.app.toml subscribes to exactly
// these (a test compares the two).

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

export const WEBHOOK_TOPICS = [
  "app/uninstalled",
  ...COMPLIANCE_TOPICS,
  "products/create",
  "products/update",
  "products/delete",
  "inventory_levels/update",
  "customers/create",
  "customers/update",
  "orders/create",
  "orders/updated",
  "orders/fulfilled",
  "orders/cancelled",
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

export function isWebhookTopic(value: string): value is WebhookTopic {
  return (WEBHOOK_TOPICS as readonly string[]).includes(value);
}

/** One spelling for both forms: "inventory_levels/update" and the library's "INVENTORY_LEVELS_UPDATE" agree. */
export function topicKey(value: string): string {
  return value.toUpperCase().replace(/[/.]/g, "_");
}
