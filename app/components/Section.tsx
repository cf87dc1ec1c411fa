// A titled card: the admin's section shape (an h2 heading, then its content).

import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function Section(props: { title: string; id?: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id={props.id}>
          {props.title}
        </Text>
        {props.children}
      </BlockStack>
    </Card>
  );
}
