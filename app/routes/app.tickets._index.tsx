// Tickets: the queue by priority and SLA deadline with live countdowns (open, mine, unassigned, resolved), and
// the CSAT tab (every rating with average and distribution; a low one can become a follow-up ticket).

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, InlineStack, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { QUEUE_VIEWS, STATUS_LABELS } from "~/contract/admin";
import { AdminError } from "~/components/AdminError";
import { formatDateTime, formatNumber, titleCase } from "~/components/format";
import { Pager } from "~/components/Pager";
import { SlaClock, useNow } from "~/components/SlaClock";
import { useActionToast, type ActionOutcome } from "~/components/useActionToast";
import { ViewNav } from "~/components/ViewNav";
import { adminAction, adminHeaders, adminLoader, intent } from "~/platform/adminRoute.server";
import { createFollowUp, csatFollowUps } from "~/services/csatFollowUps.server";
import { listStaff } from "~/services/staff.server";
import { queueCounts, ticketQueue } from "~/services/ticketDesk.server";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Tickets · Aurora Concierge" }];

const query = z.object({
  view: z.enum([...QUEUE_VIEWS, "csat"]).catch("open"),
  cursor: z.string().max(500).optional().catch(undefined),
  maxRating: z.coerce.number().int().min(1).max(5).catch(5),
});

export const loader = adminLoader("tickets", "tickets.view", async (ctx, { request }) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = { cursor: params.cursor ?? null, limit: 25 };
  const [counts, staff] = await Promise.all([
    queueCounts(ctx.runtime, ctx.shop.shop, ctx.staff.userId),
    listStaff(ctx.runtime, ctx.shop.shop),
  ]);
  const names = Object.fromEntries(staff.map((s) => [s.userId, s.name]));
  if (params.view === "csat") {
    const csat = await csatFollowUps(ctx.runtime, ctx.shop.shop, { maxRating: params.maxRating, page, now: ctx.now });
    return {
      view: params.view,
      counts,
      names,
      csat,
      queue: null,
      maxRating: params.maxRating,
      now: ctx.now.toISOString(),
    };
  }
  const queue = await ticketQueue(ctx.runtime, ctx.shop.shop, { view: params.view, staffId: ctx.staff.userId, page });
  return {
    view: params.view,
    counts,
    names,
    csat: null,
    queue,
    maxRating: params.maxRating,
    now: ctx.now.toISOString(),
  };
});

export const action = adminAction("tickets", {
  follow_up: intent({
    permission: "tickets.work",
    input: z.object({ conversationId: z.string().min(1).max(100) }),
    async run(ctx, input) {
      const ticket = await createFollowUp(ctx, input.conversationId);
      return { message: `Follow-up ticket #${ticket.number} opened.`, ticketId: ticket.id };
    },
  }),
});

const VIEW_LABELS = { open: "Open", mine: "Assigned to me", unassigned: "Unassigned", resolved: "Resolved" } as const;

function Queue(props: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { queue, names, view } = props.data;
  const now = useNow(props.data.now);
  if (!queue) return null;
  if (queue.items.length === 0) {
    return (
      <Text as="p" tone="subdued">
        {view === "resolved"
          ? "No resolved tickets yet."
          : view === "mine"
            ? "Nothing assigned to you. Pick a ticket from the open queue."
            : "No open tickets. When a shopper asks for a stylist, the ticket appears here."}
      </Text>
    );
  }
  return (
    <table className="aurora-table">
      <caption className="aurora-sr-only">Tickets, high priority first, then by SLA deadline</caption>
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Priority</th>
          <th scope="col">Topic</th>
          <th scope="col">Customer</th>
          <th scope="col">Status</th>
          <th scope="col">Assignee</th>
          <th scope="col">Reply due</th>
        </tr>
      </thead>
      <tbody>
        {queue.items.map((t) => (
          <tr key={t.id}>
            <th scope="row">
              <Link to={`/app/tickets/${t.id}`}>#{t.number}</Link>
            </th>
            <td>{t.priority === "high" ? <Badge tone="critical">High</Badge> : "Normal"}</td>
            <td>{titleCase(t.topic)}</td>
            <td>{t.contactName}</td>
            <td>{STATUS_LABELS[t.status]}</td>
            <td>{t.assignee ? (names[t.assignee] ?? t.assignee) : "—"}</td>
            <td>
              <SlaClock dueAt={t.slaDueAt} now={now} resolved={t.status === "resolved"} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FollowUpButton(props: { conversationId: string }) {
  const fetcher = useFetcher<typeof action>();
  useActionToast(fetcher.data as ActionOutcome | undefined);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="follow_up" />
      <input type="hidden" name="conversationId" value={props.conversationId} />
      <Button submit size="slim" loading={fetcher.state !== "idle"}>
        Open follow-up ticket
      </Button>
    </fetcher.Form>
  );
}

function CsatTab(props: { data: ReturnType<typeof useLoaderData<typeof loader>>; canWork: boolean }) {
  const { csat, maxRating } = props.data;
  const admin = useAdmin();
  const [max, setMax] = useState(String(maxRating));
  if (!csat) return null;
  const { last30Days } = csat;
  return (
    <BlockStack gap="400">
      <Text as="p">
        Last 30 days: {formatNumber(last30Days.count)} ratings, average{" "}
        {last30Days.average === null ? "—" : last30Days.average.toFixed(2)} / 5 (
        {last30Days.distribution.map((n, i) => `${i + 1}★ ${n}`).join(", ")}).
      </Text>
      <form method="get">
        <input type="hidden" name="view" value="csat" />
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Show ratings up to"
            name="maxRating"
            value={max}
            options={[5, 4, 3, 2, 1].map((r) => ({ label: `${r} ${r === 1 ? "star" : "stars"}`, value: String(r) }))}
            onChange={setMax}
          />
          <Button submit>Show</Button>
        </InlineStack>
      </form>
      {csat.items.length === 0 ? (
        <Text as="p" tone="subdued">
          No ratings here yet.
        </Text>
      ) : (
        <table className="aurora-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Rating
              </th>
              <th scope="col">Comment</th>
              <th scope="col">About</th>
              <th scope="col">Follow-up</th>
            </tr>
          </thead>
          <tbody>
            {csat.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/app/conversations/${r.conversationId}`}>{formatDateTime(r.at, admin.shop.timezone)}</Link>
                </th>
                <td className="num">{r.rating} / 5</td>
                <td>{r.comment ?? "—"}</td>
                <td>{r.intent ? titleCase(r.intent) : "—"}</td>
                <td>
                  {r.ticket ? (
                    <Link to={`/app/tickets/${r.ticket.id}`}>
                      Ticket #{r.ticket.number} ({STATUS_LABELS[r.ticket.status]})
                    </Link>
                  ) : props.canWork && r.rating <= 3 ? (
                    <FollowUpButton conversationId={r.conversationId} />
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager nextCursor={csat.nextCursor} label="Ratings" />
    </BlockStack>
  );
}

export default function Tickets() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const views = [
    ...QUEUE_VIEWS.map((v) => ({ id: v, label: `${VIEW_LABELS[v]} (${data.counts[v]})`, to: `?view=${v}` })),
    { id: "csat", label: "CSAT follow-ups", to: "?view=csat&maxRating=3" },
  ];
  return (
    <Page title="Tickets" subtitle="Shoppers waiting for a stylist, most urgent first.">
      <TitleBar title="Tickets" />
      <Card>
        <BlockStack gap="400">
          <ViewNav label="Ticket views" current={data.view} views={views} />
          {data.view === "csat" ? (
            <CsatTab data={data} canWork={admin.permissions["tickets.work"]} />
          ) : (
            <BlockStack gap="300">
              <Queue data={data} />
              <Pager nextCursor={data.queue?.nextCursor ?? null} label="Tickets" />
            </BlockStack>
          )}
        </BlockStack>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
