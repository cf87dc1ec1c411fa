// Conversations: full-text search over what was said, filters (intent, outcome, rating, dates, escalated), newest
// first with keyset pages.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { INTENTS } from "~/concierge/understanding/types";
import { AdminError } from "~/components/AdminError";
import { formatDateTime, titleCase } from "~/components/format";
import { Pager } from "~/components/Pager";
import { adminHeaders, adminLoader } from "~/platform/adminRoute.server";
import { searchConversations } from "~/services/conversationSearch.server";
import type { ConversationFilter } from "~/store/port";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Conversations · Aurora Concierge" }];

const OUTCOMES = ["open", "resolved", "escalated", "abandoned"] as const;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
  .optional()
  .catch(undefined);
const empty = (v: unknown) => (v === "" ? undefined : v);

const query = z.object({
  q: z.preprocess(empty, z.string().max(200).optional()),
  intent: z.preprocess(empty, z.enum(INTENTS).optional()).catch(undefined),
  outcome: z.preprocess(empty, z.enum(OUTCOMES).optional()).catch(undefined),
  rating: z.preprocess(empty, z.coerce.number().int().min(1).max(5).optional()).catch(undefined),
  escalated: z.preprocess(empty, z.enum(["yes", "no"]).optional()).catch(undefined),
  from: z.preprocess(empty, day),
  to: z.preprocess(empty, day),
  cursor: z.preprocess(empty, z.string().max(500).optional()),
});

export const loader = adminLoader("conversations", "conversations.view", async (ctx, { request }) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filter: ConversationFilter = {};
  if (params.q?.trim()) filter.q = params.q.trim();
  if (params.intent) filter.intent = params.intent;
  if (params.outcome) filter.outcome = params.outcome;
  if (params.rating) filter.rating = params.rating;
  if (params.escalated) filter.escalated = params.escalated === "yes";
  if (params.from) filter.from = `${params.from}T00:00:00.000Z`;
  if (params.to) filter.to = new Date(Date.parse(`${params.to}T00:00:00Z`) + 86_400_000).toISOString();
  const page = await searchConversations(ctx.runtime, ctx.shop.shop, filter, {
    cursor: params.cursor ?? null,
    limit: 25,
  });
  return { page, filtered: Object.keys(filter).length > 0 };
});

const OUTCOME_TONE = { open: "info", resolved: "success", escalated: "attention", abandoned: undefined } as const;

export default function Conversations() {
  const { page, filtered } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const admin = useAdmin();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [intent, setIntent] = useState(params.get("intent") ?? "");
  const [outcome, setOutcome] = useState(params.get("outcome") ?? "");
  const [rating, setRating] = useState(params.get("rating") ?? "");
  const [escalated, setEscalated] = useState(params.get("escalated") ?? "");
  const [from, setFrom] = useState(params.get("from") ?? "");
  const [to, setTo] = useState(params.get("to") ?? "");
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/app/conversations";
  return (
    <Page title="Conversations" subtitle="Everything shoppers asked the concierge, newest first.">
      <TitleBar title="Conversations" />
      <BlockStack gap="400">
        <Card>
          <Form method="get" role="search" aria-label="Conversations">
            <BlockStack gap="300">
              <TextField
                label="Search what was said"
                name="q"
                type="search"
                value={q}
                onChange={setQ}
                autoComplete="off"
                helpText="Every word must appear in one message, e.g. “sapphire ring”."
              />
              <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="300">
                <Select
                  label="Intent"
                  name="intent"
                  value={intent}
                  onChange={setIntent}
                  options={[
                    { label: "Any intent", value: "" },
                    ...INTENTS.map((i) => ({ label: titleCase(i), value: i })),
                  ]}
                />
                <Select
                  label="Outcome"
                  name="outcome"
                  value={outcome}
                  onChange={setOutcome}
                  options={[
                    { label: "Any outcome", value: "" },
                    ...OUTCOMES.map((o) => ({ label: titleCase(o), value: o })),
                  ]}
                />
                <Select
                  label="Rating"
                  name="rating"
                  value={rating}
                  onChange={setRating}
                  options={[
                    { label: "Any rating", value: "" },
                    ...[5, 4, 3, 2, 1].map((r) => ({ label: `${r} ${r === 1 ? "star" : "stars"}`, value: String(r) })),
                  ]}
                />
                <Select
                  label="Stylist escalation"
                  name="escalated"
                  value={escalated}
                  onChange={setEscalated}
                  options={[
                    { label: "Escalated or not", value: "" },
                    { label: "Escalated", value: "yes" },
                    { label: "Not escalated", value: "no" },
                  ]}
                />
                <TextField
                  label="Started from"
                  name="from"
                  type="date"
                  value={from}
                  onChange={setFrom}
                  autoComplete="off"
                />
                <TextField label="Started until" name="to" type="date" value={to} onChange={setTo} autoComplete="off" />
              </InlineGrid>
              <InlineStack gap="200">
                <Button submit variant="primary" loading={searching}>
                  Search
                </Button>
                {filtered ? <Link to="/app/conversations">Clear filters</Link> : null}
              </InlineStack>
            </BlockStack>
          </Form>
        </Card>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {filtered ? "Matching conversations" : "Recent conversations"}
            </Text>
            {page.items.length === 0 ? (
              <Text as="p" tone="subdued">
                {filtered
                  ? "No conversation matches. Try fewer words or filters."
                  : "No conversations yet. They appear here as soon as shoppers talk to the concierge."}
              </Text>
            ) : (
              <table className="aurora-table">
                <thead>
                  <tr>
                    <th scope="col">Last activity</th>
                    <th scope="col">Intent</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="num">
                      Messages
                    </th>
                    <th scope="col" className="num">
                      Rating
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/app/conversations/${c.id}`}>
                          {formatDateTime(c.updatedAt, admin.shop.timezone)}
                        </Link>
                      </th>
                      <td>{c.lastIntent ? titleCase(c.lastIntent) : "—"}</td>
                      <td>
                        <InlineStack gap="100">
                          <Badge tone={OUTCOME_TONE[c.outcome]}>{titleCase(c.outcome)}</Badge>
                          {c.erased ? <Badge>Deleted by shopper</Badge> : null}
                        </InlineStack>
                      </td>
                      <td className="num">{c.messageCount}</td>
                      <td className="num">{c.rating ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager nextCursor={page.nextCursor} label="Conversations" />
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
