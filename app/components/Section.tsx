// A titled card: the admin's section shape (an h2 heading, then its content). With an `id` (a link target such as
// /app/settings#catalog) it is also a region named by its heading, so assistive tech can jump to it.

import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function Section(props: { title: string; id?: string; children: ReactNode }) {
  const card = (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id={props.id}>
          {props.title}
        </Text>
        {props.children}
      </BlockStack>
    </Card>
  );
  return props.id ? <section aria-labelledby={props.id}>{card}</section> : card;
}
