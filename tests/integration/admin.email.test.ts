// The admin's email end to end, in Shopify mode over real HTTP, delivered to a real SMTP server on loopback: a
// shopper's escalation mails them an acknowledgement and the shop's owners, admins and support leads an alert; an
// agent's reply from the ticket and a lead's return decision are emailed to the shopper; an overdue ticket alerts
// the same staff. With the mail server down, replies and decisions still answer at once and the mail follows later.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { shopifyAdmin, type AdminClient, type Json } from "../support/adminClient";
import { escalatedShopper, proxyClient, returnRequested, type ProxyClient } from "../support/proxy";
import { seedShopifyShop, SHOPIFY_TEST, shopifyEnv, userOf } from "../support/shopifyAdmin";
import { eventually, query } from "../support/storefront";
import { startSmtpServer, type ReceivedMail } from "../support/webhooks";

/** Owners, admins and support leads of the seeded staff (agents and viewers get no alerts). */
const ALERTED = ["adam@aurora.example", "lena@aurora.example", "olivia@aurora.example"];
const OVERDUE_TICKET = "tkt_overdue";

let app: RunningApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let shopper: ProxyClient;
let agent: AdminClient;
let lead: AdminClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dataDir = mkdtempSync(join(tmpdir(), "aurora-admin-mail-"));
  const databasePath = join(dataDir, "aurora.sqlite");
  await seedShopifyShop(databasePath);
  // A ticket already past its reply deadline: the SLA sweep finds it when the worker starts.
  const { openSqliteStore } = await import("~/store/sqlite");
  const store = openSqliteStore(databasePath);
  const past = new Date(Date.now() - 3_600_000).toISOString();
  await store.tickets.create(SHOPIFY_TEST.shop, {
    id: OVERDUE_TICKET,
    conversationId: null,
    status: "open",
    priority: "high",
    topic: "order_late",
    contact: { name: "Ida Overdue", email: "ida@example.com", phone: null },
    notes: null,
    preferredTime: null,
    assignee: null,
    context: {},
    internalNotes: [],
    events: [{ at: past, actor: "shopper", type: "created" }],
    slaDueAt: past,
    createdAt: past,
    updatedAt: past,
  });
  await store.close();
  app = await startApp(
    { ...shopifyEnv(), SMTP_URL: smtp.url, MAIL_FROM: "concierge@aurora.example", RATE_LIMIT_PER_MINUTE: "100000" },
    { dataDir },
  );
  shopper = proxyClient(app.url, { shop: SHOPIFY_TEST.shop, secret: SHOPIFY_TEST.secret });
  agent = shopifyAdmin(app, userOf("agent"));
  lead = shopifyAdmin(app, userOf("support_lead"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

async function json(res: Response): Promise<Json> {
  return res.json();
}

async function mailAbout(match: (m: ReceivedMail) => boolean, what: string): Promise<ReceivedMail> {
  await eventually(() => smtp.received.some(match), 15_000, 25).catch(() => {
    throw new Error(`no email arrived: ${what} (received: ${smtp.received.map((m) => m.subject).join("; ")})`);
  });
  return smtp.received.find(match)!;
}

describe("email from the desk", () => {
  it("an escalation mails the shopper an acknowledgement and alerts owners, admins and support leads", async () => {
    const { ticketId, number } = await escalatedShopper(shopper, "v-mail-escalate", {
      contact: { name: "Grace Hopper", email: "grace.escalate@example.com" },
    });
    const ack = await mailAbout((m) => m.to.includes("grace.escalate@example.com"), "the acknowledgement");
    expect(ack.subject).toBe(`We have your request (ticket #${number}) — Aurora E2e`);
    const alert = await mailAbout((m) => m.subject.startsWith(`New escalation: ticket #${number} `), "the alert");
    expect([...alert.to].sort()).toEqual(ALERTED);
    // The link opens the ticket inside Shopify's admin, where the staff member is signed in.
    expect(alert.text).toContain(
      `https://admin.shopify.com/store/aurora-e2e/apps/${SHOPIFY_TEST.apiKey}/app/tickets/${ticketId}`,
    );
  });

  it("an agent's reply from the ticket reaches the shopper's chat and their inbox", async () => {
    const { conversationId, ticketId, number } = await escalatedShopper(shopper, "v-mail-reply", {
      contact: { name: "Grace Hopper", email: "grace.reply@example.com" },
    });
    const reply = "Hi Grace, two platinum halos in size 6 are in stock. Shall I hold one?";
    const res = await agent.act(`/app/tickets/${ticketId}`, { intent: "reply", body: reply });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      message: "Reply sent: the shopper sees it in their chat and by email.",
      emailed: true,
    });
    const mail = await mailAbout(
      (m) => m.to.includes("grace.reply@example.com") && m.subject.startsWith("A reply to your request"),
      "the reply email",
    );
    expect(mail.subject).toBe(`A reply to your request (ticket #${number}) — Aurora E2e`);
    expect(mail.text).toContain(reply);
    expect(mail.from).toContain("concierge@aurora.example");
    const transcript = await json(await shopper.get(`conversations/${conversationId}`, { visitorId: "v-mail-reply" }));
    expect(transcript.conversation.messages.at(-1)).toMatchObject({ role: "agent", text: reply });
    const page = await agent.load(`/app/tickets/${ticketId}`, "routes/app.tickets.$id");
    expect(page.body.ticket.events.at(-1)).toMatchObject({ type: "replied", data: { emailed: true } });
  });

  it("a shopper who escalated in French gets the acknowledgement and the agent's reply in French", async () => {
    const { ticketId, number } = await escalatedShopper(shopper, "v-mail-fr", {
      contact: { name: "Amélie Poulain", email: "amelie@example.com" },
      locale: "fr",
    });
    const ack = await mailAbout((m) => m.to.includes("amelie@example.com"), "the French acknowledgement");
    expect(ack.subject).toBe(`Nous avons bien reçu votre demande (ticket n° ${number}) — Aurora E2e`);
    const res = await agent.act(`/app/tickets/${ticketId}`, { intent: "reply", body: "Bonjour Amélie !" });
    expect(res.body.emailed).toBe(true);
    const reply = await mailAbout(
      (m) => m.to.includes("amelie@example.com") && m.text.includes("Bonjour Amélie !"),
      "the French reply",
    );
    expect(reply.subject).toBe(`Réponse à votre demande (ticket n° ${number}) — Aurora E2e`);
  });

  it("a lead's return decision is emailed to the order's address", async () => {
    const { id, rma } = await returnRequested(shopper, "v-mail-return");
    const res = await lead.act(`/app/returns/${id}`, {
      intent: "decide",
      decision: "approved",
      note: "The prepaid label is attached.",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.message).toBe(`${rma} approved. The shopper is emailed the decision.`);
    const mail = await mailAbout((m) => m.subject.startsWith(`Your request ${rma} was approved`), "the decision");
    expect(mail.to).toEqual(["emma.thompson@example.com"]);
    expect(mail.text).toContain("The prepaid label is attached.");
  });

  it("a ticket past its reply deadline alerts the same staff, once", async () => {
    const [{ number }] = query<{ number: number }>(
      app.databasePath,
      "SELECT number FROM tickets WHERE id = ?",
      OVERDUE_TICKET,
    );
    const alert = await mailAbout((m) => m.subject === `SLA breached: ticket #${number}`, "the SLA alert");
    expect([...alert.to].sort()).toEqual(ALERTED);
    expect(smtp.received.filter((m) => m.subject === alert.subject)).toHaveLength(1);
    const events = query<{ events: string }>(
      app.databasePath,
      "SELECT events FROM tickets WHERE id = ?",
      OVERDUE_TICKET,
    );
    expect(JSON.parse(events[0].events).map((e: { type: string }) => e.type)).toContain("sla_breached");
  });
});

describe("the mail server is down", () => {
  it("replies answer at once and are queued; the email arrives once the server is back", async () => {
    const { ticketId } = await escalatedShopper(shopper, "v-mail-down", {
      contact: { name: "Grace Hopper", email: "grace.down@example.com" },
    });
    await mailAbout((m) => m.to.includes("grace.down@example.com"), "the acknowledgement");
    await smtp.close();
    const res = await agent.act(`/app/tickets/${ticketId}`, { intent: "reply", body: "Are you still there?" });
    expect(res.status).toBe(200);
    expect(res.body.emailed).toBe(true);
    // Queued in the store, not sent: the answer never waited on SMTP.
    await eventually(
      () =>
        query<{ n: number }>(
          app.databasePath,
          "SELECT count(*) AS n FROM jobs WHERE kind = 'mail' AND status = 'pending' AND last_error LIKE 'SMTP send failed%'",
        )[0].n > 0,
      15_000,
      25,
    );
    smtp = await startSmtpServer({ port: smtp.port });
    const mail = await mailAbout(
      (m) => m.to.includes("grace.down@example.com") && m.text.includes("Are you still there?"),
      "the reply after the outage",
    );
    expect(mail.subject).toMatch(/^A reply to your request/);
  }, 30_000);
});
