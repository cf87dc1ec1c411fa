// One ticket, worked end to end: status (open → in progress → waiting → resolved), assignment, internal notes,
// replies to the shopper (they appear in the shopper's chat), with the transcript and customer context beside it.
// Edits carry the ticket version the agent saw; a change by someone else in between answers a clear conflict.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { STATUS_LABELS } from "~/contract/admin";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { formatDateTime, titleCase } from "~/components/format";
import { SlaClock, useNow } from "~/components/SlaClock";
import { ShopperContextPanel, Transcript } from "~/components/Transcript";
import { useActionToast, type ActionOutcome } from "~/components/useActionToast";
import { adminAction, adminHeaders, adminLoader, intent, routeId } from "~/platform/adminRoute.server";
import { listStaff } from "~/services/staff.server";
import {
  addInternalNote,
  assignTicket,
  changeStatus,
  replyToShopper,
  ticketDetail,
} from "~/services/ticketDesk.server";
import { TICKET_STATUSES } from "~/store/port";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Ticket · Aurora Concierge" }];

const idFrom = (params: Record<string, string | undefined>) => routeId(params, "ticket", "There is no such ticket.");

export const loader = adminLoader("ticket", "tickets.view", async (ctx, { params }) => {
  const [detail, staff] = await Promise.all([
    ticketDetail(ctx.runtime, ctx.shop.shop, idFrom(params)),
    listStaff(ctx.runtime, ctx.shop.shop),
  ]);
  return {
    ...detail,
    staff: staff
      .filter((s) => ["owner", "admin", "support_lead", "agent"].includes(s.role))
      .map((s) => ({ userId: s.userId, name: s.name })),
    names: Object.fromEntries(staff.map((s) => [s.userId, s.name])),
    currency: ctx.shop.currency,
    showMoney: ctx.can("overview.financials"),
    canWork: ctx.can("tickets.work"),
    canAssign: ctx.can("tickets.assign"),
    now: ctx.now.toISOString(),
  };
});

const version = z.coerce.number().int().min(1);
const text = (max: number) => z.string().trim().min(1, "Write something first.").max(max);

export const action = adminAction("ticket", {
  status: intent({
    permission: "tickets.work",
    input: z.object({ version, status: z.enum(TICKET_STATUSES) }),
    async run(ctx, input, { params }) {
      const saved = await changeStatus(ctx, idFrom(params), input.status, input.version);
      return { message: `Ticket #${saved.number} is now ${STATUS_LABELS[input.status].toLowerCase()}.` };
    },
  }),
  assign: intent({
    permission: "tickets.work",
    input: z.object({ version, assignee: z.string().max(100) }),
    async run(ctx, input, { params }) {
      const { ticket, member } = await assignTicket(ctx, idFrom(params), input.assignee || null, input.version);
      return {
        message: member
          ? `Ticket #${ticket.number} assigned to ${member.name}.`
          : `Ticket #${ticket.number} unassigned.`,
      };
    },
  }),
  note: intent({
    permission: "tickets.work",
    input: z.object({ body: text(5000) }),
    async run(ctx, input, { params }) {
      await addInternalNote(ctx, idFrom(params), input.body);
      return { message: "Internal note added." };
    },
  }),
  reply: intent({
    permission: "tickets.work",
    input: z.object({ body: text(2000) }),
    async run(ctx, input, { params }) {
      const { emailed } = await replyToShopper(ctx, idFrom(params), input.body);
      return {
        message: emailed
          ? "Reply sent: the shopper sees it in their chat and by email."
          : "Reply sent: the shopper sees it in their chat.",
        emailed,
      };
    },
  }),
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function useTicketFetcher() {
  const fetcher = useFetcher<typeof action>();
  useActionToast(fetcher.data as ActionOutcome | undefined);
  return fetcher;
}

function ConflictBanner(props: { outcome: ActionOutcome | undefined }) {
  const revalidator = useRevalidator();
  const error = props.outcome && !props.outcome.ok ? props.outcome.error : undefined;
  if (!error) return null;
  const conflict = (props.outcome as { error?: { code?: string } }).error?.code === "ticket.conflict";
  return (
    <Banner tone={conflict ? "warning" : "critical"}>
      <BlockStack gap="200">
        <p>{error.message}</p>
        {conflict ? (
          <InlineStack>
            <Button onClick={() => revalidator.revalidate()}>Reload the ticket</Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Banner>
  );
}

function WorkCard({ data }: { data: Data }) {
  const { ticket } = data;
  const statusFetcher = useTicketFetcher();
  const assignFetcher = useTicketFetcher();
  const [status, setStatus] = useState<string>(ticket.status);
  const [assignee, setAssignee] = useState<string>(ticket.assignee ?? "");
  const admin = useAdmin();
  const me = admin.staff.userId;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Work this ticket
        </Text>
        <ConflictBanner outcome={(statusFetcher.data ?? assignFetcher.data) as ActionOutcome | undefined} />
        <statusFetcher.Form method="post">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="version" value={ticket.version} />
          <InlineStack gap="200" blockAlign="end">
            <Select
              label="Status"
              name="status"
              value={status}
              onChange={setStatus}
              options={TICKET_STATUSES.map((s) => ({ label: STATUS_LABELS[s], value: s }))}
            />
            <Button submit loading={statusFetcher.state !== "idle"} disabled={status === ticket.status}>
              Update status
            </Button>
          </InlineStack>
        </statusFetcher.Form>
        <BlockStack gap="200">
          <Text as="p">
            Assigned to: {ticket.assignee ? (data.names[ticket.assignee] ?? ticket.assignee) : "nobody yet"}
          </Text>
          <InlineStack gap="200" blockAlign="end">
            {ticket.assignee !== me ? (
              <assignFetcher.Form method="post">
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="version" value={ticket.version} />
                <input type="hidden" name="assignee" value={me} />
                <Button submit variant="primary" loading={assignFetcher.state !== "idle"}>
                  Assign to me
                </Button>
              </assignFetcher.Form>
            ) : null}
            {data.canAssign ? (
              <assignFetcher.Form method="post">
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="version" value={ticket.version} />
                <InlineStack gap="200" blockAlign="end">
                  <Select
                    label="Assign to"
                    name="assignee"
                    value={assignee}
                    onChange={setAssignee}
                    options={[
                      { label: "Nobody", value: "" },
                      ...data.staff.map((s) => ({ label: s.name, value: s.userId })),
                    ]}
                  />
                  <Button submit disabled={assignee === (ticket.assignee ?? "")}>
                    Assign
                  </Button>
                </InlineStack>
              </assignFetcher.Form>
            ) : null}
          </InlineStack>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

/** A textarea form that clears itself after a successful send and keeps focus in place. */
function TextForm(props: {
  intent: "note" | "reply";
  label: string;
  help: string;
  submit: string;
  disabled?: boolean;
}) {
  const fetcher = useTicketFetcher();
  const [value, setValue] = useState("");
  const sent = useRef<unknown>(null);
  const outcome = fetcher.data as ActionOutcome | undefined;
  useEffect(() => {
    if (outcome?.ok && sent.current !== outcome) {
      sent.current = outcome;
      setValue("");
    }
  }, [outcome]);
  return (
    <fetcher.Form method="post">
      <BlockStack gap="200">
        <input type="hidden" name="intent" value={props.intent} />
        <TextField
          label={props.label}
          helpText={props.help}
          name="body"
          multiline={3}
          maxLength={props.intent === "reply" ? 2000 : 5000}
          value={value}
          onChange={setValue}
          autoComplete="off"
          disabled={props.disabled}
          error={outcome && !outcome.ok ? outcome.error?.message : undefined}
        />
        <InlineStack>
          <Button submit loading={fetcher.state !== "idle"} disabled={props.disabled || value.trim() === ""}>
            {props.submit}
          </Button>
        </InlineStack>
      </BlockStack>
    </fetcher.Form>
  );
}

export default function TicketPage() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const { ticket, conversation } = data;
  const tz = admin.shop.timezone;
  const now = useNow(data.now);
  const canReply = Boolean(conversation && !conversation.erased);
  return (
    <Page
      title={`Ticket #${ticket.number}: ${titleCase(ticket.topic)}`}
      backAction={{ content: "Tickets", url: "/app/tickets" }}
      titleMetadata={
        <InlineStack gap="100">
          <Badge tone={ticket.status === "resolved" ? "success" : "info"}>{STATUS_LABELS[ticket.status]}</Badge>
          {ticket.priority === "high" ? <Badge tone="critical">High priority</Badge> : null}
        </InlineStack>
      }
    >
      <TitleBar title={`Ticket #${ticket.number}`} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Section title="Request">
              <Text as="p">
                Reply due: <SlaClock dueAt={ticket.slaDueAt} now={now} resolved={ticket.status === "resolved"} /> (
                {formatDateTime(ticket.slaDueAt, tz)})
              </Text>
              <Text as="p">
                From {ticket.contact.name}
                {ticket.contact.email ? ` · ${ticket.contact.email}` : ""}
                {ticket.contact.phone ? ` · ${ticket.contact.phone}` : ""}
              </Text>
              {ticket.preferredTime ? <Text as="p">Preferred time: {ticket.preferredTime}</Text> : null}
              {ticket.notes ? <Text as="p">“{ticket.notes}”</Text> : null}
            </Section>
            {data.canWork ? <WorkCard key={ticket.version} data={data} /> : null}
            {data.canWork ? (
              <Section title="Reply to the shopper">
                {!canReply ? (
                  <Banner tone="info">
                    <p>
                      {conversation
                        ? "The shopper deleted this chat, so a reply cannot reach them there."
                        : "This ticket has no chat to reply in; contact the shopper by email."}
                    </p>
                  </Banner>
                ) : null}
                <TextForm
                  intent="reply"
                  label="Your reply"
                  help="The shopper sees this in the concierge chat (with an unread badge on the launcher)."
                  submit="Send reply"
                  disabled={!canReply}
                />
              </Section>
            ) : null}
            <Section title="Internal notes">
              {ticket.internalNotes.length === 0 ? (
                <Text as="p" tone="subdued">
                  No notes yet. Notes are for staff only.
                </Text>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18, display: "grid", gap: 8 }}>
                  {ticket.internalNotes.map((n) => (
                    <li key={n.id}>
                      <Text as="span" fontWeight="semibold">
                        {data.names[n.author] ?? n.author}
                      </Text>{" "}
                      · <time dateTime={n.at}>{formatDateTime(n.at, tz)}</time>
                      <Text as="p">{n.body}</Text>
                    </li>
                  ))}
                </ul>
              )}
              {data.canWork ? (
                <TextForm intent="note" label="Add an internal note" help="Only staff see notes." submit="Add note" />
              ) : null}
            </Section>
            <Section title="Conversation">
              <Transcript items={data.transcript} timezone={tz} label="Conversation messages" />
            </Section>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Section title="Customer context">
              <ShopperContextPanel
                context={data.context}
                currency={data.currency}
                timezone={tz}
                showMoney={data.showMoney}
              />
            </Section>
            <Section title="History">
              <ol style={{ margin: 0, paddingLeft: 18, display: "grid", gap: 4 }}>
                {ticket.events.map((e, i) => (
                  <li key={i}>
                    <time dateTime={e.at}>{formatDateTime(e.at, tz)}</time>: {titleCase(e.type)} by{" "}
                    {data.names[e.actor] ?? e.actor}
                  </li>
                ))}
              </ol>
            </Section>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
