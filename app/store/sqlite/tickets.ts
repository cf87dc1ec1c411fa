// Stylist tickets: the agents' queue, ordered by priority then SLA deadline.

import { pageLimit, type Store, type Ticket, type TicketFilter } from "../port";
import { codec, v } from "./codec";
import { conditions, cursorKey, definedOnly, toPage, unique, type Sql } from "./sql";
import { redactTicket } from "../redaction";

const ticketRow = codec<Ticket>(
  {
    id: v,
    number: v,
    conversationId: v,
    status: v,
    priority: v,
    topic: v,
    contact: "json",
    notes: v,
    preferredTime: v,
    assignee: v,
    context: "json",
    internalNotes: "json",
    events: "json",
    slaDueAt: v,
    createdAt: v,
    updatedAt: v,
  },
  // The queue's sort key (high = 0) as a column, so an index can serve "high first, then SLA".
  (t) => ({ priority_rank: t.priority === "high" ? 0 : 1 }),
);

export function ticketsRepository({ db, one, all, upsert, insert, maybe, byId, nextSequence }: Sql): Store["tickets"] {
  const createTicket = db.transaction((shop: string, ticket: Omit<Ticket, "number">): Ticket => {
    const created: Ticket = { ...ticket, number: nextSequence(shop, "ticket") };
    unique("ticket", () => insert("tickets", ticketRow.toRow(created, shop)));
    return created;
  });

  const changeTicket = db.transaction((shop: string, id: string, change: (t: Ticket) => Ticket): Ticket | null => {
    const current = maybe(ticketRow, one(byId("tickets"), shop, id));
    if (!current) return null;
    const next = change(current);
    upsert("tickets", ["shop", "id"], ticketRow.toRow(next, shop));
    return next;
  });

  return {
    async create(shop, ticket) {
      return createTicket.immediate(shop, ticket);
    },
    async get(shop, id) {
      return maybe(ticketRow, one(byId("tickets"), shop, id));
    },
    async list(shop, filter: TicketFilter = {}, page) {
      const limit = pageLimit(page);
      const after = cursorKey(page, ["number", "string", "string"]);
      const where = conditions("shop = ?", shop);
      if (filter.status !== undefined) where.add("status = ?", filter.status);
      if (filter.assignee !== undefined) where.add("assignee = ?", filter.assignee);
      if (filter.priority !== undefined) where.add("priority = ?", filter.priority);
      if (filter.dueBefore !== undefined) where.add("sla_due_at <= ?", filter.dueBefore);
      if (filter.unresolved) where.add("status != 'resolved'");
      if (after) where.add("(priority_rank, sla_due_at, id) > (?, ?, ?)", ...after);
      const found = all(
        `SELECT * FROM tickets WHERE ${where.sql()} ORDER BY priority_rank, sla_due_at, id LIMIT ?`,
        ...where.params,
        limit + 1,
      );
      return toPage(found, limit, ticketRow.fromRow, (r) => [
        r.priority_rank as number,
        r.sla_due_at as string,
        r.id as string,
      ]);
    },
    async update(shop, id, patch, event) {
      const { status, priority, assignee, slaDueAt } = patch; // only what the port lets a caller change
      return changeTicket.immediate(shop, id, (ticket) => ({
        ...ticket,
        ...definedOnly({ status, priority, assignee, slaDueAt }),
        events: [...ticket.events, event],
        updatedAt: event.at,
      }));
    },
    async findForRedaction(shop, target) {
      return all(
        "SELECT id FROM tickets WHERE shop = ? AND (conversation_id IN (SELECT value FROM json_each(?)) " +
          "OR (? IS NOT NULL AND lower(json_extract(contact, '$.email')) = lower(?))) ORDER BY id",
        shop,
        JSON.stringify(target.conversationIds),
        target.email ?? null,
        target.email ?? null,
      ).map((r) => r.id as string);
    },
    async redact(shop, id, scope, event) {
      const changed = changeTicket.immediate(shop, id, (ticket) => redactTicket(ticket, scope, event));
      return changed !== null;
    },
    async addNote(shop, id, note) {
      return changeTicket.immediate(shop, id, (ticket) => ({
        ...ticket,
        internalNotes: [...ticket.internalNotes, note],
        updatedAt: note.at,
      }));
    },
  };
}
