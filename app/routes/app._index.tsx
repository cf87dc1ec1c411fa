// Overview: the setup checklist and whether the concierge helps (opens, conversations, intents, deflection, CSAT,
// conversion, latency, errors), with charts over time.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { formatMoney, formatMs, formatNumber, formatPercent, titleCase } from "~/components/format";
import { TimeChart } from "~/components/TimeChart";
import { adminHeaders, adminLoader } from "~/platform/adminRoute.server";
import { OVERVIEW_RANGES, type OverviewRange } from "~/contract/admin";
import { overview } from "~/services/overview.server";
import { setupChecklist } from "~/services/shopSetup.server";
import { LOCAL_API_KEY } from "~/platform/shopify.server";

export const meta: MetaFunction = () => [{ title: "Overview · Aurora Concierge" }];

const query = z.object({
  days: z.coerce
    .number()
    .refine((d): d is OverviewRange => (OVERVIEW_RANGES as readonly number[]).includes(d))
    .catch(30),
});

export const loader = adminLoader("overview", "overview.view", async (ctx, { request }) => {
  const { days } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [numbers, checklist] = await Promise.all([
    overview(ctx.runtime, ctx.shop.shop, { days, financials: ctx.can("overview.financials"), now: ctx.now }),
    setupChecklist({
      runtime: ctx.runtime,
      shop: ctx.shop,
      apiKey: ctx.runtime.env.shopifyApiKey ?? LOCAL_API_KEY,
      now: ctx.now,
    }),
  ]);
  return { numbers, checklist, currency: ctx.shop.currency, enabled: ctx.shop.rollout.enabled };
});

function Metric(props: { label: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {props.label}
        </Text>
        <Text as="p" variant="headingLg">
          {props.value}
        </Text>
        {props.help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {props.help}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export default function Overview() {
  const { numbers, checklist, currency, enabled } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { totals, days } = numbers;
  const done = checklist.filter((i) => i.done).length;
  const series = (pick: (d: (typeof days)[number]) => number | null) =>
    days.map((d) => ({ day: d.day, value: pick(d) }));
  return (
    <Page title="Overview" subtitle={enabled ? "The concierge is on." : "The concierge is switched off (kill switch)."}>
      <TitleBar title="Overview" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Setup checklist
                </Text>
                <Text as="p" tone="subdued">
                  {done} of {checklist.length} done
                </Text>
              </InlineStack>
              <ProgressBar progress={(done / checklist.length) * 100} size="small" tone="primary" />
              <ul style={{ margin: 0, paddingLeft: 0, listStyle: "none", display: "grid", gap: 12 }}>
                {checklist.map((item) => (
                  <li key={item.id}>
                    <InlineStack gap="200" blockAlign="center" wrap={false}>
                      <Badge tone={item.done ? "success" : "attention"}>{item.done ? "Done" : "To do"}</Badge>
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {item.label}
                        </Text>
                        <Text as="span" tone="subdued">
                          {item.help}{" "}
                          {item.action && !item.done ? (
                            item.action.external ? (
                              <a href={item.action.url} target="_top" rel="noreferrer">
                                {item.action.label}
                              </a>
                            ) : (
                              <Link to={item.action.url}>{item.action.label}</Link>
                            )
                          ) : null}
                        </Text>
                      </BlockStack>
                    </InlineStack>
                  </li>
                ))}
              </ul>
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                Last {numbers.range.days} days
              </Text>
              <nav aria-label="Period">
                <InlineStack gap="200">
                  {OVERVIEW_RANGES.map((d) => {
                    const current = Number(params.get("days") ?? 30) === d;
                    return (
                      <Link key={d} to={`?days=${d}`} aria-current={current ? "page" : undefined} preventScrollReset>
                        {current ? <strong>{d} days</strong> : `${d} days`}
                      </Link>
                    );
                  })}
                </InlineStack>
              </nav>
            </InlineStack>
            <div aria-busy={navigation.state === "loading"}>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                <Metric label="Widget opens" value={formatNumber(totals.opens)} />
                <Metric label="Conversations" value={formatNumber(totals.conversations)} />
                <Metric
                  label="Deflection"
                  value={formatPercent(totals.deflection)}
                  help={`${formatNumber(totals.escalated)} needed a stylist`}
                />
                <Metric
                  label="CSAT"
                  value={totals.csatAverage === null ? "—" : `${totals.csatAverage.toFixed(2)} / 5`}
                  help={`${formatNumber(totals.csatCount)} ratings`}
                />
                <Metric
                  label="Conversion"
                  value={formatPercent(totals.conversionRate)}
                  help={`${formatNumber(totals.conversions)} attributed orders${
                    totals.revenue !== undefined ? ` · ${formatMoney(totals.revenue, currency)}` : ""
                  }`}
                />
                <Metric label="p95 latency" value={formatMs(totals.p95Ms)} help="Storefront API, server time" />
                <Metric
                  label="Error rate"
                  value={formatPercent(totals.errorRate, 2)}
                  help={`${formatNumber(totals.requests)} storefront requests`}
                />
              </InlineGrid>
            </div>
          </BlockStack>
        </Layout.Section>

        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <Card>
              <TimeChart title="Conversations per day" points={series((d) => d.conversations)} format={formatNumber} />
            </Card>
            <Card>
              <TimeChart title="Widget opens per day" points={series((d) => d.opens)} format={formatNumber} />
            </Card>
            <Card>
              <TimeChart
                title="Deflection per day"
                kind="line"
                max={1}
                points={series((d) => d.deflection)}
                format={(v) => formatPercent(v, 0)}
              />
            </Card>
            <Card>
              <TimeChart
                title="CSAT average per day"
                kind="line"
                max={5}
                points={series((d) => d.csatAverage)}
                format={(v) => (v === null ? "—" : v.toFixed(1))}
              />
            </Card>
            <Card>
              <TimeChart title="p95 latency per day" kind="line" points={series((d) => d.p95Ms)} format={formatMs} />
            </Card>
            <Card>
              <TimeChart
                title="Error rate per day"
                kind="line"
                points={series((d) => d.errorRate)}
                format={(v) => formatPercent(v, 1)}
              />
            </Card>
          </InlineGrid>
        </Layout.Section>

        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <Section title="What shoppers ask about">
              {numbers.intents.length === 0 ? (
                <Text as="p" tone="subdued">
                  No conversations in this period yet.
                </Text>
              ) : (
                <table className="aurora-table">
                  <thead>
                    <tr>
                      <th scope="col">Intent</th>
                      <th scope="col" className="num">
                        Conversations
                      </th>
                      <th scope="col" className="num">
                        Share
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {numbers.intents.map((i) => (
                      <tr key={i.intent}>
                        <th scope="row">{titleCase(i.intent)}</th>
                        <td className="num">{formatNumber(i.count)}</td>
                        <td className="num">{formatPercent(i.count / Math.max(1, totals.conversations), 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
            <Section title="CSAT distribution">
              <table className="aurora-table">
                <thead>
                  <tr>
                    <th scope="col">Rating</th>
                    <th scope="col" className="num">
                      Ratings
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {totals.csatDistribution
                    .map((count, i) => ({ stars: i + 1, count }))
                    .reverse()
                    .map((r) => (
                      <tr key={r.stars}>
                        <th scope="row">
                          {r.stars} {r.stars === 1 ? "star" : "stars"}
                        </th>
                        <td className="num">{formatNumber(r.count)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
              <Box paddingBlockStart="100">
                <Link to="/app/tickets?view=csat">See ratings and follow-ups</Link>
              </Box>
            </Section>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
