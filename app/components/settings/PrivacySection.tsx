// Settings → Customer data requests: what Shopify forwarded (customers/data_request), newest first, each report a
// download — for owners and admins only (the server sends the list to no one else).

import { Link } from "@remix-run/react";
import { BlockStack, Text } from "@shopify/polaris";
import type { PlatformSettings } from "~/services/platformSettings.server";
import { DownloadLink } from "../DownloadLink";
import { formatDateTime } from "../format";
import { Section } from "../Section";

export type DataRequestRow = NonNullable<PlatformSettings["dataRequests"]>["items"][number];

/** Who the request is about, as the merchant will address the report. */
export function requester(r: DataRequestRow): string {
  return r.email ?? (r.customerId ? `Customer ${r.customerId}` : "A customer");
}

export function reportFilename(r: DataRequestRow): string {
  return `data-request-${r.id.replace(/[^\w-]/g, "_")}.json`;
}

export function PrivacySection(props: { dataRequests: PlatformSettings["dataRequests"]; timezone: string }) {
  const { dataRequests } = props;
  return (
    <Section title="Customer data requests" id="privacy">
      {dataRequests === null ? (
        <Text as="p" tone="subdued">
          When a customer asks Shopify for their data, owners and admins download the report to send them here.
        </Text>
      ) : dataRequests.items.length === 0 ? (
        <Text as="p" tone="subdued">
          None yet. When a customer asks Shopify for their data, the report to send them appears here.
        </Text>
      ) : (
        <BlockStack gap="200">
          <Text as="p">
            Send each customer their report: it holds their conversations, tickets, returns and ratings.
          </Text>
          <ul className="aurora-plain-list">
            {dataRequests.items.map((r) => (
              <li key={r.id}>
                {requester(r)}, requested {formatDateTime(r.requestedAt, props.timezone)}:{" "}
                <DownloadLink href={r.downloadUrl} filename={reportFilename(r)}>
                  {`Download the report for ${requester(r)}`}
                </DownloadLink>
              </li>
            ))}
          </ul>
          <Link to="/app/data-requests">All customer data requests</Link>
        </BlockStack>
      )}
    </Section>
  );
}
