// Customer data requests (customers/data_request from Shopify), newest first: who asked, when, and their report as a
// download. Owners and admins only — the reports are personal data (the same policy guards each download).

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { AdminError } from "~/components/AdminError";
import { DownloadLink } from "~/components/DownloadLink";
import { formatDateTime, formatNumber } from "~/components/format";
import { Pager } from "~/components/Pager";
import { reportFilename, requester } from "~/components/settings/PrivacySection";
import { adminHeaders, adminLoader } from "~/platform/adminRoute.server";
import { listDataRequests } from "~/services/privacy/dataRequests.server";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Customer data requests · Aurora Concierge" }];

const query = z.object({ cursor: z.string().max(500).optional().catch(undefined) });

export const loader = adminLoader("data_requests", "privacy.export", async (ctx, { request }) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    page: await listDataRequests(ctx.runtime.store, ctx.shop.shop, { cursor: params.cursor ?? null, limit: 25 }),
  };
});

export default function DataRequests() {
  const { page } = useLoaderData<typeof loader>();
  const admin = useAdmin();
  return (
    <Page
      title="Customer data requests"
      subtitle="Customers who asked Shopify for the data this app holds about them. Send each one their report."
      backAction={{ content: "Settings", url: "/app/settings#privacy" }}
    >
      <TitleBar title="Customer data requests" />
      <Card>
        <BlockStack gap="400">
          {page.items.length === 0 ? (
            <Text as="p" tone="subdued">
              No requests yet. Shopify forwards them here when a customer asks for their data.
            </Text>
          ) : (
            <table className="aurora-table">
              <caption className="aurora-sr-only">Customer data requests, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Requested</th>
                  <th scope="col" className="num">
                    Orders named
                  </th>
                  <th scope="col">Report</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{requester(r)}</th>
                    <td>{formatDateTime(r.requestedAt, admin.shop.timezone)}</td>
                    <td className="num">{formatNumber(r.ordersRequested)}</td>
                    <td>
                      <DownloadLink href={r.downloadUrl} filename={reportFilename(r)}>
                        {`Download the report for ${requester(r)}`}
                      </DownloadLink>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager nextCursor={page.nextCursor} label="Data requests" />
        </BlockStack>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
