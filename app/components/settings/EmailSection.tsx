// Settings → Email: whether email is sent at all (without SMTP_URL it is not, and this says so), the shop's outbox,
// and who receives the staff alerts for new escalations and SLA breaches.

import { Badge, Banner, BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { PlatformSettings } from "~/services/platformSettings.server";
import { ROLE_LABELS } from "../adminNav";
import { formatNumber } from "../format";
import { Section } from "../Section";

export function EmailSection({ mail }: { mail: PlatformSettings["mail"] }) {
  const { queue } = mail;
  return (
    <Section title="Email" id="email">
      <InlineStack gap="200" blockAlign="center">
        <Badge tone={mail.configured ? "success" : "warning"}>{mail.configured ? "Sending" : "Not sending"}</Badge>
        <Text as="p">{mail.message}</Text>
      </InlineStack>
      <Text as="p" tone="subdued">
        Shoppers are emailed their ticket acknowledgement, agents&apos; replies and return decisions; staff are emailed
        new escalations and SLA breaches. Mail is queued and retried, so a slow mail server never slows the concierge.
      </Text>
      {mail.configured ? (
        <Text as="p">
          Outbox: {formatNumber(queue.pending + queue.sending)} waiting, {formatNumber(queue.sent)} sent,{" "}
          {formatNumber(queue.failed)} failed after every retry.
        </Text>
      ) : null}
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Who gets staff alerts
        </Text>
        {mail.alertRecipients.length > 0 ? (
          <ul className="aurora-plain-list">
            {mail.alertRecipients.map((r) => (
              <li key={r.email}>
                {r.name} ({ROLE_LABELS[r.role]}) — {r.email}
              </li>
            ))}
          </ul>
        ) : (
          <Banner tone="warning">
            <p>
              No owner, admin or support lead has an email address, so staff alerts reach no one. Add one under{" "}
              <a href="#staff">Staff and roles</a>.
            </p>
          </Banner>
        )}
        <Text as="p" tone="subdued">
          Owners, admins and support leads with an email address under Staff and roles.
        </Text>
      </BlockStack>
    </Section>
  );
}
