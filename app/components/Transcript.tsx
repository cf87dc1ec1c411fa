// A conversation as an agent reads it: who said what and when, with the product cards and order status the
// concierge showed, and staff replies marked as such.

import { Link } from "@remix-run/react";
import { BlockStack, Text } from "@shopify/polaris";
import type { ShopperContext, TranscriptEntry } from "~/services/shopperContext.server";
import { formatDateTime, formatMoney } from "./format";

export type TranscriptItem = TranscriptEntry;

const WHO = { shopper: "Shopper", concierge: "Concierge", agent: "Staff reply" } as const;

export function Transcript(props: { items: TranscriptItem[]; timezone: string; label: string }) {
  if (props.items.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No messages (the shopper may have deleted this chat).
      </Text>
    );
  }
  return (
    <ol className="aurora-transcript" aria-label={props.label}>
      {props.items.map((m) => (
        <li key={m.id} data-role={m.role}>
          <BlockStack gap="100">
            <span className="meta">
              <strong>{m.role === "agent" && m.author ? `${m.author} (staff)` : WHO[m.role]}</strong> ·{" "}
              <time dateTime={m.at}>{formatDateTime(m.at, props.timezone)}</time>
            </span>
            {m.text ? <Text as="p">{m.text}</Text> : null}
            {m.products && m.products.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {m.products.map((p) => (
                  <li key={p.id} style={{ background: "none", padding: 0 }}>
                    {p.title} — {formatMoney(p.price, p.currency)}
                  </li>
                ))}
              </ul>
            ) : null}
            {m.order ? (
              <Text as="p" tone="subdued">
                Order {m.order.name}: {m.order.status.replace(/_/g, " ")}
              </Text>
            ) : null}
            {m.ticketNumber ? (
              <Text as="p" tone="subdued">
                Handed to a stylist: ticket #{m.ticketNumber}
              </Text>
            ) : null}
          </BlockStack>
        </li>
      ))}
    </ol>
  );
}

export type ContextData = ShopperContext;

/** The shopper beside the transcript: who, the order in question, their other orders, their shortlist. */
export function ShopperContextPanel(props: {
  context: ContextData;
  currency: string;
  timezone: string;
  showMoney: boolean;
}) {
  const { customer, order, recentOrders, shortlist } = props.context;
  const money = (value: number, currency: string) => (props.showMoney ? formatMoney(value, currency) : null);
  return (
    <BlockStack gap="300">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Customer
        </Text>
        {customer ? (
          <Text as="p">
            {customer.name}
            {customer.email ? ` · ${customer.email}` : ""}
          </Text>
        ) : (
          <Text as="p" tone="subdued">
            A guest (not logged in).
          </Text>
        )}
      </BlockStack>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Order in this conversation
        </Text>
        {order ? (
          <BlockStack gap="050">
            <Text as="p">
              {order.name} · {order.status.replace(/_/g, " ")} · placed {formatDateTime(order.placedAt, props.timezone)}
              {money(order.total, order.currency) ? ` · ${money(order.total, order.currency)}` : ""}
            </Text>
            <Text as="p" tone="subdued">
              {order.items.map((i) => `${i.quantity} × ${i.title}`).join(", ")}
            </Text>
            {order.tracking?.url ? (
              <a href={order.tracking.url} target="_blank" rel="noreferrer">
                Track with {order.tracking.carrier ?? "the carrier"} (opens in a new tab)
              </a>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            None.
          </Text>
        )}
      </BlockStack>
      {recentOrders.length > 0 ? (
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Other recent orders
          </Text>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {recentOrders.map((o) => (
              <li key={o.id}>
                {o.name} · {o.status.replace(/_/g, " ")}
                {money(o.total, o.currency) ? ` · ${money(o.total, o.currency)}` : ""}
              </li>
            ))}
          </ul>
        </BlockStack>
      ) : null}
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Shortlist
        </Text>
        {shortlist.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {shortlist.map((p) => (
              <li key={p.id}>
                {p.title} — {formatMoney(p.price, props.currency)}
              </li>
            ))}
          </ul>
        ) : (
          <Text as="p" tone="subdued">
            Nothing saved.
          </Text>
        )}
      </BlockStack>
    </BlockStack>
  );
}

export function TicketLinks(props: { tickets: { id: string; number: number; status: string }[] }) {
  if (props.tickets.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {props.tickets.map((t) => (
        <li key={t.id}>
          <Link to={`/app/tickets/${t.id}`}>Ticket #{t.number}</Link> ({t.status.replace(/_/g, " ")})
        </li>
      ))}
    </ul>
  );
}
