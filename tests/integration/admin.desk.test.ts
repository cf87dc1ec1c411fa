// The agents' desk over real HTTP in Shopify mode: a shopper escalates from the widget, an agent works the ticket
// from open to resolved with a note and a reply, and the shopper's transcript (GET /proxy/conversations/{id})
// shows the reply with an unread badge. Two agents editing one ticket: the second gets a clear conflict. Return
// decisions and CSAT follow-ups reach the shopper's chat too.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { shopifyAdmin, type AdminClient, type Json } from "../support/adminClient";
import { escalatedShopper, proxyClient, returnRequested, type ProxyClient } from "../support/proxy";
import { seedShopifyShop, SHOPIFY_TEST, shopifyEnv, userOf } from "../support/shopifyAdmin";
import { query } from "../support/storefront";

let app: RunningApp;
let shopper: ProxyClient;
let agent: AdminClient;
let otherAgent: AdminClient;
let lead: AdminClient;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "aurora-desk-"));
  const databasePath = join(dataDir, "aurora.sqlite");
  await seedShopifyShop(databasePath);
  // A second agent: promote the viewer in the seeded staff.
  const { openSqliteStore } = await import("~/store/sqlite");
  const store = openSqliteStore(databasePath);
  await store.staff.put(SHOPIFY_TEST.shop, {
    userId: "1006",
    name: "Ben Agent",
    email: "ben@aurora.example",
    role: "agent",
    updatedAt: new Date().toISOString(),
  });
  await store.close();
  app = await startApp({ ...shopifyEnv(), RATE_LIMIT_PER_MINUTE: "100000" }, { dataDir });
  shopper = proxyClient(app.url, { shop: SHOPIFY_TEST.shop, secret: SHOPIFY_TEST.secret });
  agent = shopifyAdmin(app, userOf("agent"));
  otherAgent = shopifyAdmin(app, "1006");
  lead = shopifyAdmin(app, userOf("support_lead"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

async function json(res: Response): Promise<Json> {
  return res.json();
}

async function ticketPage(client: AdminClient, id: string) {
  const res = await client.load(`/app/tickets/${id}`, "routes/app.tickets.$id");
  expect(res.status).toBe(200);
  return res.body;
}

describe("an agent works a ticket from open to resolved", () => {
  it("assigns it, moves it through the statuses, notes it and replies; the shopper's chat shows the reply", async () => {
    const visitorId = "v-desk-grace";
    const { conversationId, ticketId } = await escalatedShopper(shopper, visitorId);

    const queue = await agent.load("/app/tickets", "routes/app.tickets._index");
    expect(queue.body.queue.items.map((t: Json) => t.id)).toContain(ticketId);
    let page = await ticketPage(agent, ticketId);
    expect(page.ticket).toMatchObject({ status: "open", assignee: null, version: 1 });
    expect(page.transcript.map((m: Json) => m.role)).toContain("shopper");

    const steps: [Record<string, string>, string][] = [
      [{ intent: "assign", assignee: userOf("agent") }, "assigned to Aiko Agent"],
      [{ intent: "status", status: "in_progress" }, "in progress"],
      [{ intent: "note", body: "Checked stock: two vintage halos in platinum." }, "note"],
      [
        { intent: "reply", body: "Hi Grace, we have two vintage halo rings in size 6. Shall I send photos?" },
        "Reply sent",
      ],
      [{ intent: "status", status: "waiting" }, "waiting on shopper"],
      [{ intent: "status", status: "resolved" }, "resolved"],
    ];
    for (const [fields, said] of steps) {
      const version = String((await ticketPage(agent, ticketId)).ticket.version);
      const res = await agent.act(`/app/tickets/${ticketId}`, { ...fields, version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.message).toContain(said);
    }

    page = await ticketPage(agent, ticketId);
    expect(page.ticket).toMatchObject({ status: "resolved", assignee: userOf("agent") });
    expect(page.ticket.internalNotes).toEqual([
      expect.objectContaining({ author: userOf("agent"), body: "Checked stock: two vintage halos in platinum." }),
    ]);
    expect(page.ticket.events.map((e: Json) => e.type)).toEqual([
      "created",
      "assigned",
      "status_changed",
      "noted",
      "replied",
      "status_changed",
      "status_changed",
    ]);

    // The reply counts as unread until the shopper opens the chat…
    expect(
      query<{ unread: number }>(app.databasePath, "SELECT unread FROM conversations WHERE id = ?", conversationId),
    ).toEqual([{ unread: 1 }]);
    // …which then shows it, from staff, and clears the badge.
    const transcript = await json(await shopper.get(`conversations/${conversationId}`, { visitorId }));
    const last = transcript.conversation.messages.at(-1);
    expect(last).toMatchObject({
      type: "text",
      role: "agent",
      text: "Hi Grace, we have two vintage halo rings in size 6. Shall I send photos?",
      author: "Aiko Agent",
    });
    expect(
      query<{ unread: number }>(app.databasePath, "SELECT unread FROM conversations WHERE id = ?", conversationId),
    ).toEqual([{ unread: 0 }]);
    // Without SMTP_URL the reply goes to the chat only: no email is queued, and the agent was told so.
    expect(query(app.databasePath, "SELECT count(*) AS n FROM jobs WHERE kind = 'mail'")).toEqual([{ n: 0 }]);
    expect(page.ticket.events.find((e: Json) => e.type === "replied").data).toMatchObject({ emailed: false });
    // Every change is in the audit log; the note's words are not.
    const audit = query<{ action: string; after: string }>(
      app.databasePath,
      "SELECT action, after FROM audit_log WHERE shop = ? AND action LIKE 'ticket.%' ORDER BY at, rowid",
      SHOPIFY_TEST.shop,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "ticket.assigned",
      "ticket.status",
      "ticket.noted",
      "ticket.replied",
      "ticket.status",
      "ticket.status",
    ]);
    expect(audit.map((a) => a.after).join(" ")).not.toContain("vintage halos");
  });

  it("an agent may take a ticket but not hand it to someone else; a lead may", async () => {
    const { ticketId } = await escalatedShopper(shopper, "v-desk-assign");
    const version = () => ticketPage(lead, ticketId).then((p) => String(p.ticket.version));
    const toBen = await agent.act(`/app/tickets/${ticketId}`, {
      intent: "assign",
      assignee: "1006",
      version: await version(),
    });
    expect(toBen.status).toBe(403);
    expect(toBen.body.error.code).toBe("auth.forbidden");
    expect(
      (await lead.act(`/app/tickets/${ticketId}`, { intent: "assign", assignee: "1006", version: await version() }))
        .status,
    ).toBe(200);
    // Taking it off Ben is handing it on too.
    const take = await agent.act(`/app/tickets/${ticketId}`, {
      intent: "assign",
      assignee: userOf("agent"),
      version: await version(),
    });
    expect(take.status).toBe(403);
    const viewerAsAssignee = await lead.act(`/app/tickets/${ticketId}`, {
      intent: "assign",
      assignee: userOf("viewer"),
      version: await version(),
    });
    expect(viewerAsAssignee.body.error.code).toBe("ticket.assignee_invalid");
  });
});

describe("two agents on one ticket", () => {
  it("the second edit made on the same version gets a clear conflict and changes nothing", async () => {
    const { ticketId } = await escalatedShopper(shopper, "v-desk-race");
    const { version } = (await ticketPage(agent, ticketId)).ticket;
    const first = await agent.act(`/app/tickets/${ticketId}`, {
      intent: "status",
      status: "in_progress",
      version: String(version),
    });
    expect(first.status).toBe(200);
    const second = await otherAgent.act(`/app/tickets/${ticketId}`, {
      intent: "status",
      status: "resolved",
      version: String(version),
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "ticket.conflict",
      message: expect.stringContaining("Someone else changed this ticket"),
    });
    const after = (await ticketPage(agent, ticketId)).ticket;
    expect(after).toMatchObject({ status: "in_progress", version: version + 1 });

    // Racing for real: of two concurrent edits on one version, exactly one lands.
    const results = await Promise.all([
      agent.act(`/app/tickets/${ticketId}`, { intent: "status", status: "waiting", version: String(after.version) }),
      otherAgent.act(`/app/tickets/${ticketId}`, {
        intent: "status",
        status: "resolved",
        version: String(after.version),
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("a reply to a chat the shopper deleted is refused with a reason", async () => {
    const visitorId = "v-desk-erased";
    const { conversationId, ticketId } = await escalatedShopper(shopper, visitorId);
    expect((await shopper.del(`conversations/${conversationId}`, { visitorId })).status).toBe(200);
    const res = await agent.act(`/app/tickets/${ticketId}`, { intent: "reply", body: "Hello?" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("ticket.no_conversation");
    const empty = await agent.act(`/app/tickets/${ticketId}`, { intent: "note", body: "   " });
    expect(empty.status).toBe(400);
  });
});

describe("returns and CSAT follow-ups", () => {
  it("a lead approves a return (the shopper reads it in their chat); agents may only look; a decline needs a note", async () => {
    const visitorId = "v-desk-return";
    const { conversationId, id } = await returnRequested(shopper, visitorId);
    const list = await agent.load("/app/returns", "routes/app.returns._index");
    expect(list.body.page.items.map((r: Json) => r.id)).toContain(id);
    expect((await agent.act(`/app/returns/${id}`, { intent: "decide", decision: "approved", note: "" })).status).toBe(
      403,
    );
    const decline = await lead.act(`/app/returns/${id}`, { intent: "decide", decision: "declined", note: "" });
    expect(decline.status).toBe(400);
    const approved = await lead.act(`/app/returns/${id}`, {
      intent: "decide",
      decision: "approved",
      note: "Label on its way.",
    });
    expect(approved.status).toBe(200);
    const again = await lead.act(`/app/returns/${id}`, { intent: "decide", decision: "approved", note: "" });
    expect(again.body.error.code).toBe("return.decided");
    const detail = await agent.load(`/app/returns/${id}`, "routes/app.returns.$id");
    expect(detail.body.request).toMatchObject({ status: "approved", decisionNote: "Label on its way." });
    const transcript = await json(await shopper.get(`conversations/${conversationId}`, { visitorId }));
    expect(transcript.conversation.messages.at(-1)).toMatchObject({
      role: "agent",
      text: expect.stringMatching(/^Good news: your return request RMA-\d+ is approved\. Label on its way\./),
    });
  });

  it("a low rating becomes one follow-up ticket whose replies reach the shopper", async () => {
    const visitorId = "v-desk-csat";
    const turn = await json(await shopper.post("messages", { visitorId, text: "rings under $500" }));
    const conversationId = turn.conversationId as string;
    expect(
      (await shopper.post("csat", { conversationId, visitorId, rating: 2, comment: "Too few options" })).status,
    ).toBe(200);
    const tab = await agent.load("/app/tickets?view=csat&maxRating=3", "routes/app.tickets._index");
    const rating = tab.body.csat.items.find((r: Json) => r.conversationId === conversationId);
    expect(rating).toMatchObject({ rating: 2, comment: "Too few options", ticket: null });
    expect(tab.body.csat.last30Days.count).toBeGreaterThanOrEqual(1);

    const opened = await agent.act("/app/tickets", { intent: "follow_up", conversationId }, { index: true });
    expect(opened.status).toBe(200);
    const again = await agent.act("/app/tickets", { intent: "follow_up", conversationId }, { index: true });
    expect(again.body.error.code).toBe("ticket.exists");
    const ticketId = opened.body.ticketId as string;
    expect((await ticketPage(agent, ticketId)).ticket).toMatchObject({
      topic: "low_csat",
      priority: "high",
      status: "open",
    });
    expect(
      (await agent.act(`/app/tickets/${ticketId}`, { intent: "reply", body: "Sorry about that — here are more." }))
        .status,
    ).toBe(200);
    const transcript = await json(await shopper.get(`conversations/${conversationId}`, { visitorId }));
    expect(transcript.conversation.messages.at(-1)).toMatchObject({
      role: "agent",
      text: "Sorry about that — here are more.",
    });
  });
});
