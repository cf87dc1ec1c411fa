// The Returns page: requests with their eligibility and order, and the decision (approve or decline with a note),
// which the shopper also reads in their chat when the request came from one, and by email when mail is configured.
// Nothing is refunded here.

import { OPTION_LABELS } from "~/contract/admin";
import type { AdminContext } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import type { PageRequest, ReturnRequest, ReturnStatus } from "~/store/port";
import { appendAgentMessage } from "./agentReplies.server";
import { recordAudit } from "./audit.server";
import { notifyQuietly, returnDecided } from "./mail/notify.server";
import { orderSummary } from "./shopperContext.server";

export async function listReturns(runtime: Runtime, shop: string, input: { status?: ReturnStatus; page: PageRequest }) {
  const found = await runtime.store.returns.list(shop, input.status ? { status: input.status } : {}, input.page);
  return {
    items: found.items.map((r) => ({
      id: r.id,
      rma: r.rma,
      orderNumber: r.orderNumber,
      option: r.option,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    })),
    nextCursor: found.nextCursor,
  };
}

async function returnOr404(runtime: Runtime, shop: string, id: string): Promise<ReturnRequest> {
  const request = await runtime.store.returns.get(shop, id);
  if (!request) throw new AppError("return.not_found", 404, "There is no such return request.");
  return request;
}

export async function returnDetail(runtime: Runtime, shop: string, id: string) {
  const request = await returnOr404(runtime, shop, id);
  const order = await runtime.store.orders.get(shop, request.orderId);
  const item = order?.lineItems.find((li) => li.id === request.lineItemId) ?? null;
  return {
    request,
    order: order ? orderSummary(order) : null,
    item: item
      ? {
          title: item.title,
          quantity: item.quantity,
          price: item.price,
          ringSize: item.ringSize ?? null,
          custom: item.custom,
          engraved: item.engraved,
          finalSale: item.finalSale,
        }
      : null,
    deliveredAt: order?.deliveredAt ?? null,
  };
}

const DECISION_TEXT: Record<"approved" | "declined" | "completed", (r: ReturnRequest, note: string | null) => string> =
  {
    approved: (r, note) =>
      `Good news: your ${OPTION_LABELS[r.option].toLowerCase()} request ${r.rma} is approved.${note ? ` ${note}` : ""} We'll email the next steps.`,
    declined: (r, note) =>
      `We're sorry: your ${OPTION_LABELS[r.option].toLowerCase()} request ${r.rma} was declined.${note ? ` ${note}` : ""} A stylist can help with other options.`,
    completed: (r) => `Your ${OPTION_LABELS[r.option].toLowerCase()} request ${r.rma} is complete. Thank you!`,
  };

const ALLOWED: Record<ReturnStatus, ReturnStatus[]> = {
  requested: ["approved", "declined"],
  approved: ["completed", "declined"],
  declined: [],
  completed: [],
};

export async function decideReturn(
  ctx: AdminContext,
  id: string,
  decision: "approved" | "declined" | "completed",
  note: string | null,
) {
  const { runtime, shop } = ctx;
  const before = await returnOr404(runtime, shop.shop, id);
  if (!ALLOWED[before.status].includes(decision)) {
    throw new AppError("return.decided", 409, `This request is already ${before.status}.`);
  }
  if (decision === "declined" && !note) {
    throw new AppError("validation.failed", 400, "Say why the request is declined: the shopper reads this note.", {
      issues: [{ path: "note", message: "required when declining" }],
    });
  }
  const saved = await runtime.store.returns.decide(shop.shop, id, {
    status: decision,
    note,
    at: ctx.now.toISOString(),
  });
  if (!saved) throw new AppError("return.not_found", 404, "There is no such return request.");
  // The shopper reads the decision where they asked, when their chat still exists.
  const conversation = saved.conversationId
    ? await runtime.store.conversations.get(shop.shop, saved.conversationId)
    : null;
  if (conversation && !conversation.erasedAt) {
    await appendAgentMessage(runtime, shop.shop, {
      conversationId: conversation.id,
      text: DECISION_TEXT[decision](saved, note),
      author: ctx.staff.name,
      at: ctx.now,
    });
  }
  // Also by email to the order's address (approved or declined; queued, so the page never waits on SMTP).
  const emailed = await notifyQuietly(runtime, "return_decision", () => returnDecided(runtime, shop, saved));
  await recordAudit(runtime.store, shop.shop, {
    actor: ctx.staff.userId,
    action: `return.${decision}`,
    before: { rma: before.rma, status: before.status },
    after: { rma: saved.rma, status: saved.status, emailed },
    at: ctx.now,
    ...(note ? { reason: note } : {}),
  });
  return { request: saved, emailed };
}
