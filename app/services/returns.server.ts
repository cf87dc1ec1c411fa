// Returns, resizes, exchanges and care refreshes: eligibility first, then a request in the admin queue.
// Nothing is refunded automatically.

import type { Copy } from "~/concierge/copy";
import { itemsEligibility, returnEligibility, type Eligibility } from "~/concierge/eligibility";
import type { ReturnOptionName } from "~/concierge/messages";
import { AppError } from "~/platform/errors.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import { DuplicateError, type Order, type ReturnRequest, type Shop } from "~/store/port";
import { attachableConversation, noteInConversation } from "./conversationNotes.server";
import { findOrder, type OrderLookup } from "./orders.server";
import { replyCopy, text } from "./replies.server";

export interface ReturnInput extends OrderLookup {
  lineItemId?: string;
  option: ReturnOptionName;
  reason: string;
  newSize?: number;
  conversationId?: string | null;
  /** The widget's visitor: the request is linked only to this visitor's own conversation. */
  visitorId?: string | null;
  /** The widget's language for what the shopper reads back (BCP 47). */
  locale?: string;
}

async function openItemIds(runtime: Runtime, shop: string, order: Order): Promise<string[]> {
  const open: string[] = [];
  for (const item of order.lineItems) {
    if (await runtime.store.returns.findOpenForItem(shop, order.id, item.id)) open.push(item.id);
  }
  return open;
}

function windowsOf(shop: Shop) {
  return shop.settings.returns;
}

/**
 * With several pieces and none named, the domain answers "item_required". That is the right answer only while
 * some piece can go; when none can, asking the shopper to pick one hides why — so the order-level verdict
 * carries the pieces' own reason instead (the most common one, e.g. `window_expired`), with its deadline.
 */
function orderVerdict(overall: Eligibility, items: Eligibility[]): Eligibility {
  if (overall.reason !== "item_required" || items.length === 0 || items.some((i) => i.eligible)) return overall;
  const counts = new Map<Eligibility["reason"], number>();
  for (const item of items) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  const reason = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const example = items.find((i) => i.reason === reason);
  return {
    ...overall,
    reason,
    ...(example?.windowDays !== undefined ? { windowDays: example.windowDays } : {}),
    ...(example?.deadline ? { deadline: example.deadline } : {}),
  };
}

/** The preview the form shows before submitting: per item, eligible or the reason not. */
export async function previewReturn(runtime: Runtime, shop: Shop, input: ReturnInput, now: Date) {
  const order = await findOrder(runtime, shop.shop, input);
  const openRequestItemIds = await openItemIds(runtime, shop.shop, order);
  const locale = replyCopy(shop, input.locale).locale;
  const common = { order, option: input.option, windows: windowsOf(shop), now, openRequestItemIds, locale };
  const items = itemsEligibility(common);
  return {
    order,
    overall: orderVerdict(returnEligibility({ ...common, lineItemId: input.lineItemId }), items),
    items,
  };
}

export async function createReturn(
  runtime: Runtime,
  shop: Shop,
  input: ReturnInput,
  now: Date,
): Promise<ReturnRequest> {
  const { order, overall } = await previewReturn(runtime, shop, input, now);
  if (!overall.eligible) {
    if (overall.reason === "already_requested") throw duplicate();
    throw new AppError("returns.ineligible", 422, overall.message, {
      reason: overall.reason,
      ...(overall.deadline ? { deadline: overall.deadline } : {}),
    });
  }
  const lineItemId = overall.item?.id ?? input.lineItemId ?? order.lineItems[0]?.id;
  if (input.option === "resize" && input.newSize == null) {
    throw new AppError("validation.failed", 400, "Tell us the new ring size for a resize.", {
      issues: [{ path: "newSize", message: "required for a resize" }],
    });
  }
  const conversation = await attachableConversation(runtime, shop.shop, input);
  const sequence = await runtime.store.nextSequence(shop.shop, "rma");
  const request: ReturnRequest = {
    id: newId("ret"),
    rma: `RMA-${String(sequence).padStart(5, "0")}`,
    orderId: order.id,
    orderNumber: order.number,
    lineItemId: lineItemId!,
    option: input.option,
    reason: input.reason,
    newSize: input.newSize ?? null,
    status: "requested",
    eligibility: { ...overall },
    conversationId: conversation?.id ?? null,
    decisionNote: null,
    createdAt: now.toISOString(),
    decidedAt: null,
  };
  let created: ReturnRequest;
  try {
    created = await runtime.store.returns.create(shop.shop, request);
  } catch (error) {
    if (error instanceof DuplicateError) throw duplicate();
    throw error;
  }
  if (conversation) {
    const copy = replyCopy(shop, input.locale);
    const confirmation = text(
      copy.t("returns.reference", { steps: nextStepsFor(created.option, copy), rma: created.rma }),
    );
    await noteInConversation(runtime, shop.shop, conversation, confirmation, now, "return_exchange");
  }
  return created;
}

function duplicate(): AppError {
  return new AppError(
    "returns.duplicate",
    409,
    "There is already an open request for this item. Our team will be in touch about it.",
  );
}

/** What happens next, in the request's language (else the shop's). */
export function nextStepsFor(option: ReturnOptionName, copy: Copy): string {
  return copy.t(`nextSteps.${option}`);
}
