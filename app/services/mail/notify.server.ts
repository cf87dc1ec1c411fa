// Who is told what, by email: one function per message kind. The admin's ticket replies and return decisions call
// these; escalations and the SLA sweep call them here. Each renders in the recipient's language and queues the mail.

import { mailLocale, renderMail, type MailKind } from "~/concierge/mail/catalog";
import type { Runtime } from "~/platform/runtime.server";
import type { ReturnRequest, Shop, StaffMember, StaffRole, Ticket } from "~/store/port";
import { queueMail } from "./outbox.server";

export const ALERTED_ROLES: readonly StaffRole[] = ["owner", "admin", "support_lead"];
const BY: Record<string, string> = { en: "by", fr: "avant le", es: "antes del", de: "bis" };

function when(iso: string, shop: Shop, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: shop.settings.businessHours.timezone,
  });
  return format.format(new Date(iso));
}

function localeFor(shop: Shop, locale?: string | null): string {
  return mailLocale(locale ?? shop.settings.locale);
}

/**
 * The ticket in the admin. Embedded, the app opens inside Shopify's admin (where the staff member is signed in and
 * App Bridge hands out session tokens), which passes the path on to the app; locally, the app's own URL.
 */
function ticketUrl(runtime: Runtime, shop: Shop, ticket: Ticket): string {
  const path = `/app/tickets/${encodeURIComponent(ticket.id)}`;
  if (runtime.env.mode === "shopify" && runtime.env.shopifyApiKey) {
    const store = shop.shop.replace(/\.myshopify\.com$/, "");
    return `https://admin.shopify.com/store/${encodeURIComponent(store)}/apps/${runtime.env.shopifyApiKey}${path}`;
  }
  return `${runtime.env.appUrl}${path}`;
}

/**
 * Who gets staff alerts (new escalations, SLA breaches): the shop's staff in the store with the role owner, admin or
 * support lead and an email address (Shopify's session tokens carry none: it is set in Settings → Staff and roles).
 */
export async function staffAlertRecipients(runtime: Runtime, shop: string): Promise<StaffMember[]> {
  const staff = await runtime.store.staff.list(shop);
  return staff.filter((s) => ALERTED_ROLES.includes(s.role) && s.email.includes("@"));
}

async function staffEmails(runtime: Runtime, shop: string): Promise<string[]> {
  return (await staffAlertRecipients(runtime, shop)).map((s) => s.email);
}

async function toStaff(runtime: Runtime, shop: Shop, kind: MailKind, ticket: Ticket, ref: string): Promise<boolean> {
  const locale = localeFor(shop);
  const mail = renderMail(kind, locale, {
    shopName: shop.name,
    ticketNumber: ticket.number,
    topic: ticket.topic,
    dueAt: when(ticket.slaDueAt, shop, locale),
    adminUrl: ticketUrl(runtime, shop, ticket),
  });
  return queueMail(runtime, shop.shop, kind, await staffEmails(runtime, shop.shop), mail, ref);
}

/**
 * Mail follows a change that is already saved: failing to queue it is logged (no address, no text) and answered
 * false, never turned into the request's failure. Without SMTP_URL the notifiers queue nothing and answer false.
 */
export async function notifyQuietly(runtime: Runtime, kind: MailKind, queue: () => Promise<boolean>): Promise<boolean> {
  try {
    return await queue();
  } catch (error) {
    runtime.metrics.emails.inc({ kind, outcome: "failed" });
    runtime.logger.warn({ mail: kind, error: error instanceof Error ? error.name : "error" }, "email not queued");
    return false;
  }
}

/** To the shopper: we have your request, and when to expect a reply. */
export async function ticketAcknowledged(runtime: Runtime, shop: Shop, ticket: Ticket, locale?: string | null) {
  const lang = localeFor(shop, locale);
  const mail = renderMail("ticket_acknowledged", lang, {
    shopName: shop.name,
    name: ticket.contact.name,
    ticketNumber: ticket.number,
    expectedReply: `${BY[lang] ?? "by"} ${when(ticket.slaDueAt, shop, lang)}`,
  });
  return queueMail(runtime, shop.shop, "ticket_acknowledged", [ticket.contact.email], mail, ticket.id);
}

/** To the shopper: an agent's reply (`replyId` makes each reply mailed once). */
export async function agentReplied(
  runtime: Runtime,
  shop: Shop,
  ticket: Ticket,
  reply: { id: string; body: string },
  locale?: string | null,
) {
  const mail = renderMail("agent_reply", localeFor(shop, locale), {
    shopName: shop.name,
    name: ticket.contact.name,
    ticketNumber: ticket.number,
    reply: reply.body,
  });
  return queueMail(runtime, shop.shop, "agent_reply", [ticket.contact.email], mail, `${ticket.id}:${reply.id}`);
}

/** To the shopper: the decision on a return, resize, exchange or care request (sent to the order's email). */
export async function returnDecided(runtime: Runtime, shop: Shop, request: ReturnRequest, locale?: string | null) {
  if (request.status !== "approved" && request.status !== "declined") return false;
  const order = await runtime.store.orders.get(shop.shop, request.orderId);
  const customer = order?.customerId ? await runtime.store.customers.get(shop.shop, order.customerId) : null;
  const mail = renderMail("return_decision", localeFor(shop, locale), {
    shopName: shop.name,
    name: customer?.firstName || undefined,
    rma: request.rma,
    decision: request.status,
    note: request.decisionNote,
  });
  return queueMail(
    runtime,
    shop.shop,
    "return_decision",
    [order?.email ?? ""],
    mail,
    `${request.id}:${request.status}`,
  );
}

/** To the shop's leads: a shopper asked for a stylist. */
export async function escalationAlert(runtime: Runtime, shop: Shop, ticket: Ticket) {
  return toStaff(runtime, shop, "staff_escalation", ticket, ticket.id);
}

/** To the shop's leads: a ticket passed its reply deadline. */
export async function slaBreached(runtime: Runtime, shop: Shop, ticket: Ticket) {
  return toStaff(runtime, shop, "staff_sla_breach", ticket, ticket.id);
}
