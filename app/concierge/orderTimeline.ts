// The order-status timeline the widget shows (API.md §2 POST /proxy/orders/lookup) and when an order needs a
// stylist. Steps: placed → paid → in production → shipped → out for delivery → delivered, or an exception /
// cancellation after the last step reached.

import { type CopyKey, copyFor, type Locale } from "./copy";

export const TIMELINE_STEPS = ["placed", "paid", "in_production", "shipped", "out_for_delivery", "delivered"] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

export const STATUS_LABELS: Record<string, string> = {
  placed: "Order placed",
  paid: "Payment confirmed",
  in_production: "In the workshop",
  shipped: "Shipped",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  exception: "Delivery exception",
  cancelled: "Cancelled",
};

export interface TimelineFulfillment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedDelivery: string | null;
}

export interface TimelineOrder {
  status: string;
  placedAt: string;
  statusHistory: { status: string; at: string }[];
  fulfillments: TimelineFulfillment[];
}

export interface TimelineEntry {
  status: string;
  label: string;
  at?: string;
  state: "done" | "current" | "upcoming";
}

export interface Shipping {
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
}

const IN_PRODUCTION = TIMELINE_STEPS.indexOf("in_production");

function stepIndex(status: string): number {
  return (TIMELINE_STEPS as readonly string[]).indexOf(status);
}

/** The latest time each status was recorded (ISO strings as given). */
function latestAt(order: TimelineOrder): Map<string, string> {
  const at = new Map<string, string>();
  for (const entry of order.statusHistory) {
    const previous = at.get(entry.status);
    if (previous === undefined || Date.parse(entry.at) >= Date.parse(previous)) at.set(entry.status, entry.at);
  }
  if (!at.has("placed") && order.placedAt) at.set("placed", order.placedAt);
  return at;
}

/**
 * The timeline and shipping details.
 * - Normal statuses: steps before the current one are `done`, the current one `current`, later ones `upcoming`;
 *   `delivered` is the end of the journey, so a delivered order has every step `done`.
 * - A workshop step the order went past without ever entering (ready-to-ship pieces) is left out rather than
 *   shown as done; other steps passed without a record are `done` without `at`.
 * - `exception`: the steps reached so far are `done`, then "Delivery exception" is `current`, then the rest
 *   stay `upcoming` (delivery can still happen). `cancelled`: the same, but the remaining steps are dropped.
 * - `at` is the latest history entry for that status (`placedAt` for "placed" when the history lacks it).
 */
export function orderTimeline(
  order: TimelineOrder,
  locale: Locale = "en",
): { timeline: TimelineEntry[]; shipping: Shipping } {
  const at = latestAt(order);
  const copy = copyFor(locale);
  const label = (status: string) =>
    status in STATUS_LABELS ? copy.t(`timeline.${status}` as CopyKey) : humanise(status);
  const entry = (status: string, state: TimelineEntry["state"]): TimelineEntry => {
    const when = at.get(status);
    return { status, label: label(status), ...(when ? { at: when } : {}), state };
  };

  const timeline: TimelineEntry[] = [];
  // Off the normal path: exception, cancelled (or a status this code does not know, shown the same way).
  const offPath = stepIndex(order.status) < 0;
  // The furthest step reached: the current status, or off the path the furthest step in the history.
  let reached = stepIndex(order.status);
  if (offPath) {
    reached = 0;
    for (const h of order.statusHistory) reached = Math.max(reached, stepIndex(h.status));
  }
  const finished = offPath || order.status === "delivered";

  TIMELINE_STEPS.forEach((step, i) => {
    if (i < reached || (i === reached && finished)) {
      if (i === IN_PRODUCTION && !at.has(step)) return; // went past the workshop without entering it
      timeline.push(entry(step, "done"));
    } else if (i === reached) {
      timeline.push(entry(step, "current"));
    }
  });
  if (offPath) timeline.push(entry(order.status, "current"));
  if (order.status !== "cancelled") {
    TIMELINE_STEPS.forEach((step, i) => {
      if (i > reached) timeline.push(entry(step, "upcoming"));
    });
  }
  return { timeline, shipping: shippingOf(order.fulfillments) };
}

function humanise(status: string): string {
  const text = status.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Only http(s) tracking links are passed on: the widget renders them as links. */
function safeUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : undefined;
}

/**
 * Shipping details from the most recent fulfillment that has any (fulfillments are in creation order); empty
 * fields are omitted.
 */
export function shippingOf(fulfillments: TimelineFulfillment[]): Shipping {
  for (let i = fulfillments.length - 1; i >= 0; i--) {
    const f = fulfillments[i];
    const shipping: Shipping = {};
    if (f.carrier) shipping.carrier = f.carrier;
    if (f.trackingNumber) shipping.trackingNumber = f.trackingNumber;
    const url = safeUrl(f.trackingUrl);
    if (url) shipping.trackingUrl = url;
    if (f.estimatedDelivery) shipping.estimatedDelivery = f.estimatedDelivery;
    if (Object.keys(shipping).length > 0) return shipping;
  }
  return {};
}

const DAY_MS = 86_400_000;

/** The instant an estimated delivery counts as missed: a date-only value ("2025-03-10") means the end of that day (UTC). */
function estimateDeadline(estimate: string): number {
  const t = Date.parse(estimate);
  if (!Number.isFinite(t)) return NaN;
  return /^\d{4}-\d{2}-\d{2}$/.test(estimate.trim()) ? t + DAY_MS : t;
}

/**
 * Whether to offer a stylist with the order status: always for a delivery exception; otherwise when the
 * estimated delivery (of the shipment shown) is more than `slaDaysLate` days (default 0) in the past and the
 * order is neither delivered nor cancelled.
 */
export function needsStylist(
  order: Pick<TimelineOrder, "status" | "fulfillments">,
  now: Date,
  slaDaysLate = 0,
): boolean {
  if (order.status === "exception") return true;
  if (order.status === "delivered" || order.status === "cancelled") return false;
  const estimate = shippingOf(order.fulfillments).estimatedDelivery;
  if (!estimate) return false;
  const deadline = estimateDeadline(estimate);
  if (!Number.isFinite(deadline)) return false;
  const grace = Math.max(0, Number.isFinite(slaDaysLate) ? slaDaysLate : 0) * DAY_MS;
  return now.getTime() > deadline + grace;
}
