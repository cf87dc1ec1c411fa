// Email end to end over real SMTP: each message kind rendered in the recipient's language, queued in the store's
// outbox, sent by the worker to a real SMTP server on loopback and read back; an outage is retried with backoff
// without losing or duplicating a message; without SMTP_URL nothing is queued and the status says so.

import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { renderMail } from "~/concierge/mail/catalog";
import { agentReplied, escalationAlert, returnDecided, ticketAcknowledged } from "~/services/mail/notify.server";
import { mailStatus, MAIL_JOB } from "~/services/mail/outbox.server";
import { sweepSlaBreaches } from "~/services/mail/slaSweep.server";
import type { Shop, Ticket } from "~/store/port";
import { order, returnRequest, shopValue, staffMember, ticket as ticketFixture } from "../store/fixtures/entities";
import { testRuntime } from "../support/runtime";
import { eventually, query } from "../support/storefront";
import { startSmtpServer } from "../support/webhooks";

const SHOP = "aurora-mail.myshopify.com";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(smtpUrl?: string) {
  const t = await testRuntime({ smtpUrl });
  cleanups.push(t.close);
  const value = shopValue({ name: "Maison Aurora" });
  const shop: Shop = { shop: SHOP, ...value, settings: { ...value.settings, locale: "en" } };
  await t.store.shops.put(SHOP, shop);
  await t.store.staff.put(SHOP, staffMember("u-lead", { email: "lead@aurora.example", role: "support_lead" }));
  await t.store.staff.put(SHOP, staffMember("u-agent", { email: "agent@aurora.example", role: "agent" }));
  const created = await t.store.tickets.create(
    SHOP,
    ticketFixture("tkt_1", {
      contact: { name: "Ada Lovelace", email: "ada@example.com", phone: null },
      slaDueAt: new Date(Date.now() - 60_000).toISOString(),
    }),
  );
  return { ...t, shop, ticket: created };
}

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(options);
  cleanups.push(server.close);
  return server;
}

describe("each message arrives", () => {
  it("ticket acknowledgement, agent reply, return decision, escalation and SLA alerts reach the SMTP server", async () => {
    const server = await smtp();
    const { runtime, store, shop, ticket } = await setup(server.url);
    await store.orders.put(SHOP, order("order-1", { email: "grace@example.com", customerId: null }));
    const decided = await store.returns.create(
      SHOP,
      returnRequest("ret_1", { status: "approved", decisionNote: "Label <b>attached</b>" }),
    );

    const started = performance.now();
    expect(await ticketAcknowledged(runtime, shop, ticket, "fr-CA")).toBe(true);
    expect(performance.now() - started).toBeLessThan(200); // queued, not sent: no request waits on SMTP
    expect(
      await agentReplied(runtime, shop, ticket, {
        id: "reply-1",
        body: "Your ring is ready <script>alert(1)</script>",
      }),
    ).toBe(true);
    expect(await returnDecided(runtime, shop, decided, "de")).toBe(true);
    expect(await escalationAlert(runtime, shop, ticket)).toBe(true);
    expect(await sweepSlaBreaches(runtime)).toBe(1);
    expect(await sweepSlaBreaches(runtime)).toBe(0); // once per ticket
    // The same message for the same thing is queued once.
    expect(await ticketAcknowledged(runtime, shop, ticket)).toBe(false);

    runtime.worker.start();
    await eventually(() => server.received.length === 5, 15_000, 25);
    const bySubject = (re: RegExp) => server.received.find((m) => re.test(m.subject))!;

    const ack = bySubject(/Nous avons bien reçu/);
    expect(ack.to).toEqual(["ada@example.com"]);
    expect(ack.from).toContain("concierge@aurora.example");
    expect(ack.text).toContain("Bonjour Ada Lovelace");
    expect(ack.text).toMatch(/ticket n° 1/);
    expect(ack.html).toContain("<p>Bonjour Ada Lovelace,</p>");

    const reply = bySubject(/A reply to your request/);
    expect(reply.text).toContain("Your ring is ready <script>alert(1)</script>");
    expect(reply.html).toContain("Your ring is ready &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(reply.html).not.toContain("<script>");

    const decision = bySubject(/angenommen/);
    expect(decision.to).toEqual(["grace@example.com"]);
    expect(decision.text).toContain("Nachricht unseres Teams: Label <b>attached</b>");

    const alert = bySubject(/New escalation: ticket #1/);
    expect(alert.to).toEqual(["lead@aurora.example"]); // leads, not every agent
    expect(alert.text).toContain(`${runtime.env.appUrl}/app/tickets/tkt_1`);
    expect(bySubject(/SLA breached: ticket #1/).to).toEqual(["lead@aurora.example"]);
    expect((await store.tickets.get(SHOP, "tkt_1"))!.events.map((e) => e.type)).toContain("sla_breached");

    // Sent mail leaves no copy of its contents in the outbox.
    expect(await mailStatus(runtime, SHOP)).toMatchObject({
      configured: true,
      queue: { pending: 0, sent: 5, failed: 0 },
    });
  });

  it("renders every kind in en, fr, es and de with a subject, plain text and HTML", () => {
    for (const locale of ["en", "fr", "es", "de"]) {
      for (const kind of [
        "ticket_acknowledged",
        "agent_reply",
        "return_decision",
        "staff_escalation",
        "staff_sla_breach",
      ] as const) {
        const mail = renderMail(kind, locale, {
          shopName: "Maison",
          name: "Ada",
          ticketNumber: 7,
          rma: "RMA-00001",
          decision: "declined",
          reply: "Hi",
          topic: "care",
          dueAt: "tomorrow",
        });
        expect(mail.subject.length, `${kind} ${locale}`).toBeGreaterThan(5);
        expect(mail.text).toContain("— Maison");
        expect(mail.html).toContain(`<html lang="${locale}">`);
      }
    }
    expect(renderMail("ticket_acknowledged", "fr", { shopName: "M", ticketNumber: 1 }).subject).not.toBe(
      renderMail("ticket_acknowledged", "es", { shopName: "M", ticketNumber: 1 }).subject,
    );
    expect(renderMail("agent_reply", "xx-YY", { shopName: "M", ticketNumber: 1 }).subject).toMatch(/^A reply/);
  });
});

describe("outages", () => {
  it("a server refusing mail (451) is retried with backoff: every message arrives exactly once", async () => {
    let refusing = true;
    let refusals = 0;
    const server = await smtp({ refuse: () => refusing && ++refusals > 0 });
    const { runtime, store, shop, ticket } = await setup(server.url);
    for (let i = 1; i <= 3; i++) await agentReplied(runtime, shop, ticket, { id: `reply-${i}`, body: `Reply ${i}` });
    runtime.worker.start();
    await eventually(() => refusals >= 6, 15_000, 25); // each message failed at least twice
    expect(server.received).toHaveLength(0);
    expect((await store.jobs.counts(SHOP, MAIL_JOB)).dead).toBe(0);
    refusing = false;
    await eventually(() => server.received.length === 3, 15_000, 25);
    await new Promise((r) => setTimeout(r, 600)); // a duplicate would arrive by now
    expect(server.received.map((m) => m.subject).sort()).toEqual(
      [1, 2, 3].map(() => "A reply to your request (ticket #1) — Maison Aurora"),
    );
    expect(new Set(server.received.map((m) => m.text.match(/Reply \d/)![0]))).toEqual(
      new Set(["Reply 1", "Reply 2", "Reply 3"]),
    );
    expect(new Set(server.received.map((m) => m.messageId)).size).toBe(3);
    expect(await mailStatus(runtime, SHOP)).toMatchObject({ queue: { pending: 0, sent: 3, failed: 0 } });
  });

  it("a server that is down is retried until it comes up, losing nothing", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { runtime, shop, ticket, path } = await setup(`smtp://127.0.0.1:${port}`);
    await agentReplied(runtime, shop, ticket, { id: "reply-down", body: "Are you there?" });
    const mailJob = () =>
      query<{ status: string; attempts: number; last_error: string | null }>(
        path,
        "SELECT status, attempts, last_error FROM jobs WHERE kind = 'mail'",
      )[0];
    runtime.worker.start();
    await eventually(() => mailJob().attempts >= 2, 15_000, 25);
    expect(mailJob()).toMatchObject({
      status: expect.stringMatching(/pending|running/),
      last_error: expect.stringMatching(/SMTP send failed/),
    });
    const server = await startSmtpServer({ port });
    cleanups.push(server.close);
    await eventually(() => server.received.length === 1, 15_000, 25);
    expect(server.received[0].text).toContain("Are you there?");
    await eventually(() => mailJob().status === "done", 15_000, 25);
    expect(mailJob().last_error).toBeNull();
  });
});

describe("without SMTP_URL", () => {
  it("queues nothing and says so", async () => {
    const { runtime, shop, ticket, store } = await setup(undefined);
    expect(await ticketAcknowledged(runtime, shop, ticket as Ticket)).toBe(false);
    expect(await store.jobs.counts(SHOP, MAIL_JOB)).toEqual({ pending: 0, running: 0, done: 0, dead: 0 });
    const status = await mailStatus(runtime, SHOP);
    expect(status.configured).toBe(false);
    expect(status.message).toMatch(/^Emails are not sent: SMTP_URL is not set\./);
  });
});
