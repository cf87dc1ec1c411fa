// Stylist tickets: the agents' queue, ordered by priority then SLA deadline; versioned for conflict-safe edits.

import { ConflictError, pageLimit, type Store, type Ticket, type TicketFilter } from "../port";
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
    version: v,
  },
  // The queue's sort key (high = 0) as a column, so an index can serve "high first, then SLA".
  (t) => ({ priority_rank: t.priority === "high" ? 0 : 1 }),
);

function ticketWhere(shop: string, filter: TicketFilter) {
  const where = conditions("shop = ?", shop);
  if (filter.status !== undefined) where.add("status = ?", filter.status);
  if (filter.statuses !== undefined) {
    // An empty list matches nothing, like an IN () would.
    if (filter.statuses.length === 0) where.add("0");
    else where.add(`status IN (${filter.statuses.map(() => "?").join(", ")})`, ...filter.statuses);
  }
  if (filter.assignee === null) where.add("assignee IS NULL");
  else if (filter.assignee !== undefined) where.add("assignee = ?", filter.assignee);
  if (filter.priority !== undefined) where.add("priority = ?", filter.priority);
  if (filter.conversationId !== undefined) where.add("conversation_id = ?", filter.conversationId);
  if (filter.dueBefore !== undefined) where.add("sla_due_at <= ?", filter.dueBefore);
  if (filter.unresolved) where.add("status != 'resolved'");
  return where;
}

export function ticketsRepository({
  db,
  write,
  one,
  all,
  upsert,
  insert,
  maybe,
  byId,
  nextSequence,
}: Sql): Store["tickets"] {
  const createTicket = db.transaction((shop: string, ticket: Omit<Ticket, "number" | "version">): Ticket => {
    const created: Ticket = { ...ticket, number: nextSequence(shop, "ticket"), version: 1 };
    unique("ticket", () => insert("tickets", ticketRow.toRow(created, shop)));
    return created;
  });

  const changeTicket = db.transaction(
    (shop: string, id: string, change: (t: Ticket) => Ticket, expectedVersion?: number): Ticket | null => {
      const current = maybe(ticketRow, one(byId("tickets"), shop, id));
      if (!current) return null;
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ConflictError("ticket", current.version);
      }
      const next = { ...change(current), version: current.version + 1 };
      upsert("tickets", ["shop", "id"], ticketRow.toRow(next, shop));
      return next;
    },
  );

  return {
    async create(shop, ticket) {
      return write(() => createTicket(shop, ticket));
    },
    async get(shop, id) {
      return maybe(ticketRow, one(byId("tickets"), shop, id));
    },
    async list(shop, filter: TicketFilter = {}, page) {
      const limit = pageLimit(page);
      const after = cursorKey(page, ["number", "string", "string"]);
      const where = ticketWhere(shop, filter);
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
    async count(shop, filter: TicketFilter = {}) {
      const where = ticketWhere(shop, filter);
      return one(`SELECT count(*) AS n FROM tickets WHERE ${where.sql()}`, ...where.params)!.n as number;
    },
    async update(shop, id, patch, event, expectedVersion) {
      const { status, priority, assignee, slaDueAt } = patch; // only what the port lets a caller change
      return write(() =>
        changeTicket(
          shop,
          id,
          (ticket) => ({
            ...ticket,
            ...definedOnly({ status, priority, assignee, slaDueAt }),
            events: [...ticket.events, event],
            updatedAt: event.at,
          }),
          expectedVersion,
        ),
      );
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
      const changed = await write(() => changeTicket(shop, id, (ticket) => redactTicket(ticket, scope, event)));
      return changed !== null;
    },
    async addNote(shop, id, note, event) {
      return write(() =>
        changeTicket(shop, id, (ticket) => ({
          ...ticket,
          internalNotes: [...ticket.internalNotes, note],
          events: event ? [...ticket.events, event] : ticket.events,
          updatedAt: note.at,
        })),
      );
    },
  };
}
