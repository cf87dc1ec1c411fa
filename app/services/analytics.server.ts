// Analytics events from the storefront (sent only with the shopper's consent), stored with salted hashes:
// never a raw email, phone, order number or free text.

import { createHash } from "node:crypto";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { AnalyticsEvent } from "~/store/port";

type Value = string | number | boolean | null;

const IDENTIFYING_KEY = /email|phone|order|customer|postal|zip/i;
const FREE_TEXT_KEY = /text|comment|query|^q$|message|name|note|address|search/i;
const SAFE_STRING = /^[A-Za-z0-9_.:-]{1,64}$/;
const OUR_ID = /^(prod|var|conv|tkt|sl|msg|ret|csat)_[A-Za-z0-9_-]+$/;

export function saltedHash(salt: string, kind: string, value: string): string {
  return createHash("sha256").update(`${salt}:${kind}:${value.trim().toLowerCase()}`).digest("hex").slice(0, 32);
}

/** Keeps what is safe to keep; identifying values become salted hashes; free text becomes a length. */
export function sanitiseProps(salt: string, props: Record<string, Value> | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (IDENTIFYING_KEY.test(key)) {
      // Numbers too: an order number or phone sent as a number is just as identifying.
      if (value !== null && value !== "") out[`${key}Hash`] = saltedHash(salt, key, String(value));
    } else if (FREE_TEXT_KEY.test(key)) {
      if (typeof value === "string") out[`${key}Length`] = value.length;
    } else if (typeof value === "string") {
      // Strings survive only as short tokens: ids of ours, or words without digits runs or '@'.
      if (OUR_ID.test(value) || (SAFE_STRING.test(value) && !/\d{4,}/.test(value))) out[key] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export async function recordEvents(
  runtime: Runtime,
  shop: string,
  input: { visitorId: string; events: { name: string; at: string; props?: Record<string, Value> }[] },
): Promise<number> {
  const visitorHash = saltedHash(runtime.analyticsSalt, "visitor", input.visitorId);
  const events: AnalyticsEvent[] = input.events.map((e) => {
    const props = sanitiseProps(runtime.analyticsSalt, e.props);
    const conversationId =
      typeof e.props?.conversationId === "string" && OUR_ID.test(e.props.conversationId)
        ? e.props.conversationId
        : null;
    return { id: newId("evt"), name: e.name, at: new Date(e.at).toISOString(), visitorHash, conversationId, props };
  });
  await runtime.store.analytics.record(shop, events);
  const opens = events.filter((e) => e.name === "widget_open").length;
  if (opens) runtime.metrics.widgetOpens.inc(opens);
  return events.length;
}
