// One conversation: the transcript with the products and order status the concierge showed, the shopper's
// context, the rating and any tickets.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { formatDateTime, titleCase } from "~/components/format";
import { ShopperContextPanel, TicketLinks, Transcript } from "~/components/Transcript";
import { adminHeaders, adminLoader, routeId } from "~/platform/adminRoute.server";
import { conversationDetail } from "~/services/conversationSearch.server";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Conversation · Aurora Concierge" }];

export const loader = adminLoader("conversation", "conversations.view", async (ctx, { params }) => {
  const id = routeId(params, "conversation", "There is no such conversation.");
  const detail = await conversationDetail(ctx.runtime, ctx.shop.shop, id);
  return { ...detail, currency: ctx.shop.currency, showMoney: ctx.can("overview.financials") };
});

export default function ConversationPage() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const { conversation: c } = data;
  const tz = admin.shop.timezone;
  return (
    <Page
      title={`Conversation from ${formatDateTime(c.startedAt, tz)}`}
      backAction={{ content: "Conversations", url: "/app/conversations" }}
    >
      <TitleBar title="Conversation" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Transcript
                </Text>
                <Badge>{titleCase(c.outcome)}</Badge>
                {c.erased ? <Badge tone="warning">Deleted by the shopper</Badge> : null}
              </InlineStack>
              {data.truncated ? (
                <Text as="p" tone="subdued">
                  Showing the latest {data.transcript.length} of {c.messageCount} messages.
                </Text>
              ) : null}
              <Transcript items={data.transcript} timezone={tz} label="Messages" />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Section title="Summary">
              <Text as="p">Last intent: {c.lastIntent ? titleCase(c.lastIntent) : "—"}</Text>
              <Text as="p">Messages: {c.messageCount}</Text>
              <Text as="p">
                Rating:{" "}
                {data.rating
                  ? `${data.rating.rating} / 5${data.rating.comment ? ` — “${data.rating.comment}”` : ""}`
                  : "not rated"}
              </Text>
              {data.tickets.length > 0 ? (
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm">
                    Tickets
                  </Text>
                  <TicketLinks tickets={data.tickets} />
                </BlockStack>
              ) : (
                <Text as="p" tone="subdued">
                  No ticket: the concierge handled it alone.
                </Text>
              )}
            </Section>
            <Section title="Shopper">
              <ShopperContextPanel
                context={data.context}
                currency={data.currency}
                timezone={tz}
                showMoney={data.showMoney}
              />
            </Section>
            <Link to="/app/conversations">Back to conversations</Link>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
