// How a redacted ticket looks, the same in every adapter: ids, statuses, dates and the queue position stay; the
// shopper's words go ("transcript": the transcript copy; "all": also contact, notes, note bodies and event data).

import type { Ticket, TicketEvent } from "./port";

export function redactTicket(ticket: Ticket, scope: "transcript" | "all", event: TicketEvent): Ticket {
  const base = {
    ...ticket,
    context: { ...ticket.context, transcript: [] },
    events: [...ticket.events, event],
    updatedAt: event.at,
  };
  if (scope === "transcript") return base;
  return {
    ...base,
    contact: { name: "", email: "", phone: null },
    notes: null,
    preferredTime: null,
    context: { transcript: [] },
    internalNotes: ticket.internalNotes.map((n) => ({ ...n, body: "" })),
    events: base.events.map(({ data: _data, ...rest }) => rest),
  };
}
