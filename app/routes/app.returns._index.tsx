// Returns: return, resize, exchange and care requests, newest first, by status.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Card, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { OPTION_LABELS } from "~/contract/admin";
import { AdminError } from "~/components/AdminError";
import { formatDateTime, titleCase } from "~/components/format";
import { Pager } from "~/components/Pager";
import { ViewNav } from "~/components/ViewNav";
import { adminHeaders, adminLoader } from "~/platform/adminRoute.server";
import { listReturns } from "~/services/returnDecisions.server";
import { RETURN_STATUSES } from "~/store/port";
import { useAdmin } from "./app";

export const meta: MetaFunction = () => [{ title: "Returns · Aurora Concierge" }];

const query = z.object({
  status: z.enum([...RETURN_STATUSES, "all"]).catch("requested"),
  cursor: z.string().max(500).optional().catch(undefined),
});

export const loader = adminLoader("returns", "returns.view", async (ctx, { request }) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listReturns(ctx.runtime, ctx.shop.shop, {
    status: params.status === "all" ? undefined : params.status,
    page: { cursor: params.cursor ?? null, limit: 25 },
  });
  return { page, status: params.status };
});

export const STATUS_TONE = {
  requested: "attention",
  approved: "success",
  declined: "critical",
  completed: undefined,
} as const;

export default function Returns() {
  const { page, status } = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const views = [
    { id: "requested", label: "Waiting for a decision", to: "?status=requested" },
    { id: "approved", label: "Approved", to: "?status=approved" },
    { id: "declined", label: "Declined", to: "?status=declined" },
    { id: "completed", label: "Completed", to: "?status=completed" },
    { id: "all", label: "All", to: "?status=all" },
  ];
  return (
    <Page
      title="Returns"
      subtitle="Return, resize, exchange and care requests from the concierge. Nothing is refunded automatically."
    >
      <TitleBar title="Returns" />
      <Card>
        <BlockStack gap="400">
          <ViewNav label="Return views" current={status} views={views} />
          {page.items.length === 0 ? (
            <Text as="p" tone="subdued">
              {status === "requested" ? "No requests are waiting for a decision." : "No requests here."}
            </Text>
          ) : (
            <table className="aurora-table">
              <thead>
                <tr>
                  <th scope="col">RMA</th>
                  <th scope="col">Request</th>
                  <th scope="col">Order</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/app/returns/${r.id}`}>{r.rma}</Link>
                    </th>
                    <td>{OPTION_LABELS[r.option]}</td>
                    <td>#{r.orderNumber}</td>
                    <td>
                      <Badge tone={STATUS_TONE[r.status]}>{titleCase(r.status)}</Badge>
                    </td>
                    <td>{formatDateTime(r.createdAt, admin.shop.timezone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager nextCursor={page.nextCursor} label="Returns" />
        </BlockStack>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
