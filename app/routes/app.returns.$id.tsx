// One return request: its eligibility (window, item rules), the order and item, and the decision with a note the
// shopper reads in their chat.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { OPTION_LABELS } from "~/contract/admin";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { formatDateTime, formatMoney, titleCase } from "~/components/format";
import { useActionToast, type ActionOutcome } from "~/components/useActionToast";
import { adminAction, adminHeaders, adminLoader, intent, routeId } from "~/platform/adminRoute.server";
import { decideReturn, returnDetail } from "~/services/returnDecisions.server";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Return request · Aurora Concierge" }];

const idFrom = (params: Record<string, string | undefined>) =>
  routeId(params, "return", "There is no such return request.");

export const loader = adminLoader("return", "returns.view", async (ctx, { params }) => {
  const detail = await returnDetail(ctx.runtime, ctx.shop.shop, idFrom(params));
  return { ...detail, canDecide: ctx.can("returns.decide"), showMoney: ctx.can("overview.financials") };
});

export const action = adminAction("return", {
  decide: intent({
    permission: "returns.decide",
    input: z.object({
      decision: z.enum(["approved", "declined", "completed"]),
      note: z
        .string()
        .trim()
        .max(1000)
        .transform((n) => (n === "" ? null : n)),
    }),
    async run(ctx, input, { params }) {
      const { request, emailed } = await decideReturn(ctx, idFrom(params), input.decision, input.note);
      return {
        message: `${request.rma} ${input.decision}.${emailed ? " The shopper is emailed the decision." : ""}`,
        emailed,
      };
    },
  }),
});

function describeEligibility(eligibility: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (typeof eligibility.eligible === "boolean")
    lines.push(eligibility.eligible ? "Eligible when requested." : "Not eligible when requested.");
  if (typeof eligibility.reason === "string") lines.push(`Reason: ${titleCase(eligibility.reason)}.`);
  if (typeof eligibility.deadline === "string") lines.push(`Window ends ${eligibility.deadline.slice(0, 10)}.`);
  if (typeof eligibility.windowDays === "number") lines.push(`Window: ${eligibility.windowDays} days from delivery.`);
  if (typeof eligibility.message === "string") lines.push(`Told the shopper: “${eligibility.message}”`);
  return lines;
}

export default function ReturnPage() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const { request, order, item } = data;
  const tz = admin.shop.timezone;
  const fetcher = useFetcher<typeof action>();
  const outcome = fetcher.data as ActionOutcome | undefined;
  useActionToast(outcome);
  const [note, setNote] = useState("");
  const decide = (decision: string) => fetcher.submit({ intent: "decide", decision, note }, { method: "post" });
  const open = request.status === "requested" || request.status === "approved";
  return (
    <Page
      title={`${OPTION_LABELS[request.option]} request ${request.rma}`}
      backAction={{ content: "Returns", url: "/app/returns" }}
      titleMetadata={<Badge>{titleCase(request.status)}</Badge>}
    >
      <TitleBar title={request.rma} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Section title="Request">
              <Text as="p">Received {formatDateTime(request.createdAt, tz)}</Text>
              <Text as="p">Reason given: “{request.reason}”</Text>
              {request.newSize !== null ? <Text as="p">New size: {request.newSize}</Text> : null}
              {request.decisionNote ? <Text as="p">Decision note: {request.decisionNote}</Text> : null}
              {request.decidedAt ? <Text as="p">Decided {formatDateTime(request.decidedAt, tz)}</Text> : null}
            </Section>
            <Section title="Eligibility">
              {describeEligibility(request.eligibility).map((line) => (
                <Text as="p" key={line}>
                  {line}
                </Text>
              ))}
              <Text as="p">Delivered: {data.deliveredAt ? formatDateTime(data.deliveredAt, tz) : "not yet"}</Text>
              {item ? (
                <Text as="p">
                  Item: {item.quantity} × {item.title}
                  {item.ringSize ? `, size ${item.ringSize}` : ""}
                  {data.showMoney ? ` · ${formatMoney(item.price, order?.currency ?? "USD")}` : ""}
                  {item.custom ? " · custom" : ""}
                  {item.engraved ? " · engraved" : ""}
                  {item.finalSale ? " · final sale" : ""}
                </Text>
              ) : (
                <Text as="p" tone="subdued">
                  The item is no longer on the order.
                </Text>
              )}
            </Section>
            {data.canDecide && open ? (
              <Section title="Decision">
                {outcome && !outcome.ok ? (
                  <Banner tone="critical">
                    <p>{outcome.error?.message}</p>
                  </Banner>
                ) : null}
                <TextField
                  label="Note to the shopper"
                  helpText="Required when declining. The shopper reads it in their chat."
                  multiline={3}
                  maxLength={1000}
                  value={note}
                  onChange={setNote}
                  autoComplete="off"
                />
                <InlineStack gap="200">
                  {request.status === "requested" ? (
                    <Button variant="primary" onClick={() => decide("approved")} loading={fetcher.state !== "idle"}>
                      Approve
                    </Button>
                  ) : (
                    <Button variant="primary" onClick={() => decide("completed")} loading={fetcher.state !== "idle"}>
                      Mark completed
                    </Button>
                  )}
                  <Button tone="critical" onClick={() => decide("declined")}>
                    Decline
                  </Button>
                </InlineStack>
              </Section>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Section title="Order">
            {order ? (
              <BlockStack gap="100">
                <Text as="p">
                  {order.name} · {order.status.replace(/_/g, " ")}
                </Text>
                <Text as="p">Placed {formatDateTime(order.placedAt, tz)}</Text>
                <Text as="p" tone="subdued">
                  {order.items.map((i) => `${i.quantity} × ${i.title}`).join(", ")}
                </Text>
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                Order #{request.orderNumber} is no longer in the store.
              </Text>
            )}
          </Section>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
