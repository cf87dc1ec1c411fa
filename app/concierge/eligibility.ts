// Return, resize, exchange and care-refresh eligibility (PRODUCT.md §2.3). Windows are counted from DELIVERY,
// never from the order date (old-system-gaps §5 item 28). The result carries a plain sentence for the shopper.
//
// Rules:
//   - a cancelled order is never eligible; an order not yet delivered is not eligible for anything (care included);
//   - return: returnWindowDays (default 30) from delivery; exchange: exchangeWindowDays (default 30);
//     resize: resizeWindowDays (default 60); care: no window;
//   - custom, engraved and final-sale pieces are excluded from return and exchange; final-sale pieces also from
//     resize (an engraved or custom ring can still be resized); care is open to every piece;
//   - one open request per item, whatever the option;
//   - with one line item the item may be omitted; with several it is required.

import { type Copy, copyFor, type Locale } from "./copy";

export type ReturnOptionKind = "return" | "resize" | "exchange" | "care";

export type IneligibleReason =
  | "order_not_delivered"
  | "window_expired"
  | "excluded_item"
  | "already_requested"
  | "item_not_found"
  | "order_cancelled"
  | "item_required";

export interface EligibilityLineItem {
  id: string;
  title: string;
  custom: boolean;
  engraved: boolean;
  finalSale: boolean;
}

export interface EligibilityOrder {
  status: string;
  deliveredAt: string | null;
  lineItems: EligibilityLineItem[];
  /** Used for the delivery date when `deliveredAt` is missing. */
  statusHistory?: { status: string; at: string }[];
}

export interface ReturnWindows {
  returnWindowDays?: number;
  resizeWindowDays?: number;
  exchangeWindowDays?: number;
}

export interface EligibilityInput {
  order: EligibilityOrder;
  lineItemId?: string;
  option: ReturnOptionKind;
  windows: ReturnWindows;
  now: Date;
  /** Line items that already have an open (requested/approved) request. */
  openRequestItemIds: string[];
  /** IANA zone for the deadline date in messages (default UTC). */
  timezone?: string;
  /** The language of `message` (default English). */
  locale?: Locale;
}

export interface Eligibility {
  eligible: boolean;
  reason?: IneligibleReason;
  windowDays?: number;
  /** ISO-8601: the last instant a request is accepted (delivery + windowDays). */
  deadline?: string;
  /** Whole days left, rounded up (1 on the last day); 0 once the deadline has passed. */
  daysLeft?: number;
  item?: { id: string; title: string };
  /** A plain shopper-facing sentence. */
  message: string;
}

export const DEFAULT_WINDOWS = { returnWindowDays: 30, resizeWindowDays: 60, exchangeWindowDays: 30 } as const;

const DAY_MS = 86_400_000;

const copyOf = (input: { locale?: Locale }): Copy => copyFor(input.locale ?? "en");

/** The window for an option in days, or null for care (no window). A missing or invalid setting uses the default. */
export function windowDaysFor(option: ReturnOptionKind, windows: ReturnWindows): number | null {
  const pick = (value: number | undefined, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
  switch (option) {
    case "return":
      return pick(windows.returnWindowDays, DEFAULT_WINDOWS.returnWindowDays);
    case "resize":
      return pick(windows.resizeWindowDays, DEFAULT_WINDOWS.resizeWindowDays);
    case "exchange":
      return pick(windows.exchangeWindowDays, DEFAULT_WINDOWS.exchangeWindowDays);
    case "care":
      return null;
  }
}

/** Why an item is excluded from an option, or null when it is not. */
export function exclusionOf(
  item: EligibilityLineItem,
  option: ReturnOptionKind,
): "custom" | "engraved" | "final_sale" | null {
  // PRODUCT.md §2.3: custom, engraved and final-sale pieces are excluded from returns, exchanges and resizes alike.
  if (option === "care") return null;
  if (item.finalSale) return "final_sale";
  if (item.custom) return "custom";
  if (item.engraved) return "engraved";
  return null;
}

/** The delivery instant: `deliveredAt`, else the latest `delivered` entry of the history, else null. */
export function deliveryDate(order: EligibilityOrder): Date | null {
  const candidates = [
    order.deliveredAt,
    ...(order.statusHistory ?? []).filter((h) => h.status === "delivered").map((h) => h.at),
  ];
  for (const value of candidates) {
    if (!value) continue;
    const t = Date.parse(value);
    if (Number.isFinite(t)) return new Date(t);
  }
  return null;
}

function itemOf(item: EligibilityLineItem) {
  return { id: item.id, title: item.title };
}

/** Order-level refusals, before any item is looked at. */
function orderRefusal(input: Omit<EligibilityInput, "lineItemId">): Eligibility | null {
  const c = copyOf(input);
  const request = c.t(`request.${input.option}`);
  if (input.order.status === "cancelled") {
    return { eligible: false, reason: "order_cancelled", message: c.t("eligibility.cancelled", { request }) };
  }
  if (deliveryDate(input.order) === null) {
    const days = windowDaysFor(input.option, input.windows);
    const window = days === null ? {} : { windowDays: days };
    if (input.order.status === "delivered") {
      // Marked delivered without a date: the window cannot be checked online, so a person looks at it.
      return {
        eligible: false,
        reason: "order_not_delivered",
        ...window,
        message: c.t("eligibility.noDeliveryDate", { request }),
      };
    }
    const after =
      days === null ? c.t("eligibility.afterCare") : c.t("eligibility.afterWindow", { days: c.days(days), request });
    return {
      eligible: false,
      reason: "order_not_delivered",
      ...window,
      message: c.t("eligibility.notDelivered", { after }),
    };
  }
  return null;
}

/** Eligibility of one known item of a delivered, not-cancelled order. */
function itemVerdict(input: Omit<EligibilityInput, "lineItemId">, item: EligibilityLineItem): Eligibility {
  const { option } = input;
  const c = copyOf(input);
  const request = c.t(`request.${option}`);
  const done = c.t(`done.${option}`);
  const base = { item: itemOf(item) };

  if (input.openRequestItemIds.includes(item.id)) {
    return {
      ...base,
      eligible: false,
      reason: "already_requested",
      message: c.t("eligibility.alreadyRequested", { item: item.title }),
    };
  }
  const exclusion = exclusionOf(item, option);
  if (exclusion) {
    return {
      ...base,
      eligible: false,
      reason: "excluded_item",
      message: c.t("eligibility.excluded", { item: item.title, why: c.t(`eligibility.why.${exclusion}`), done }),
    };
  }

  const windowDays = windowDaysFor(option, input.windows);
  if (windowDays === null) {
    return { ...base, eligible: true, message: c.t("eligibility.eligibleCare", { item: item.title }) };
  }
  const delivered = deliveryDate(input.order) as Date;
  const deadline = new Date(delivered.getTime() + windowDays * DAY_MS);
  const remaining = deadline.getTime() - input.now.getTime();
  const window = { windowDays, deadline: deadline.toISOString(), daysLeft: Math.max(0, Math.ceil(remaining / DAY_MS)) };
  const date = c.date(deadline, input.timezone);
  if (remaining < 0) {
    return {
      ...base,
      ...window,
      eligible: false,
      reason: "window_expired",
      message: c.t("eligibility.windowEnded", { days: windowDays, request, item: item.title, date }),
    };
  }
  const left =
    window.daysLeft === 0 ? c.t("eligibility.lastDay") : c.t("eligibility.left", { days: c.days(window.daysLeft) });
  return {
    ...base,
    ...window,
    eligible: true,
    message: c.t("eligibility.eligible", { item: item.title, done, date, left }),
  };
}

/**
 * Whether a request for one item (or the order's only item) can be made now. Checks in this order: cancelled,
 * delivered, which item, an open request already, excluded item, window. The deadline is inclusive.
 */
export function returnEligibility(input: EligibilityInput): Eligibility {
  const refusal = orderRefusal(input);
  if (refusal) return refusal;

  const items = input.order.lineItems;
  let item: EligibilityLineItem | undefined;
  if (input.lineItemId !== undefined && input.lineItemId !== "") {
    item = items.find((li) => li.id === input.lineItemId);
    if (!item)
      return { eligible: false, reason: "item_not_found", message: copyOf(input).t("eligibility.itemNotFound") };
  } else if (items.length === 1) {
    item = items[0];
  } else if (items.length === 0) {
    return { eligible: false, reason: "item_not_found", message: copyOf(input).t("eligibility.noItems") };
  } else {
    return itemRequired(input);
  }
  return itemVerdict(input, item);
}

function itemRequired(input: Omit<EligibilityInput, "lineItemId">): Eligibility {
  const verdicts = itemsEligibility(input);
  const c = copyOf(input);
  const request = c.t(`request.${input.option}`);
  if (verdicts.some((v) => v.eligible)) {
    return {
      eligible: false,
      reason: "item_required",
      message: c.t("eligibility.whichItem", { verb: c.t(`verb.${input.option}`) }),
    };
  }
  const reasons = new Set(verdicts.map((v) => v.reason));
  const only = reasons.size === 1 ? [...reasons][0] : undefined;
  const why =
    only === "window_expired"
      ? c.t("eligibility.noneWhy.window", { days: verdicts[0].windowDays ?? 0, request })
      : only === "excluded_item"
        ? c.t("eligibility.noneWhy.excluded")
        : only === "already_requested"
          ? c.t("eligibility.noneWhy.requested")
          : "";
  const done = c.t(`done.${input.option}`);
  return {
    eligible: false,
    reason: "item_required",
    message: why ? c.t("eligibility.noneEligibleWhy", { done, why }) : c.t("eligibility.noneEligible", { done }),
  };
}

/** Per-item eligibility for the preview the return form shows before submitting (every item has `item`). */
export function itemsEligibility(input: Omit<EligibilityInput, "lineItemId">): Eligibility[] {
  const refusal = orderRefusal(input);
  return input.order.lineItems.map((li) => (refusal ? { ...refusal, item: itemOf(li) } : itemVerdict(input, li)));
}
