// Settings → Catalog mapping: where the concierge reads each product's category, metal and ready-to-ship from, in
// the shop's own conventions (a metafield, an option, a tag, the product type or title), one source per line in order.

import { BlockStack, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { MappingAttribute } from "~/concierge/catalogMappingText";
import { Section } from "../Section";
import { Problem, useSection } from "./sectionForm";
import { SaveButton } from "~/components/SaveButton";

const FIELDS: { name: MappingAttribute; label: string }[] = [
  { name: "category", label: "Category from" },
  { name: "metal", label: "Metal from" },
  { name: "readyToShip", label: "Ready to ship from" },
];

export function CatalogMappingSection(props: { mapping: Record<MappingAttribute, string>; canManage: boolean }) {
  const { fetcher, problem } = useSection();
  const [values, setValues] = useState(props.mapping);
  return (
    <Section title="Catalog mapping" id="catalog-mapping">
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="p" tone="subdued">
            One source per line, tried in order: metafield:namespace.key, option:Name, tag:prefix, tag, product_type or
            title. Products use it as they sync; sync again to remap the whole catalog.
          </Text>
          <Problem text={problem} />
          <input type="hidden" name="intent" value="catalog_mapping" />
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            {FIELDS.map((field) => (
              <TextField
                key={field.name}
                label={field.label}
                name={field.name}
                value={values[field.name]}
                onChange={(v) => setValues((all) => ({ ...all, [field.name]: v }))}
                multiline={4}
                maxLength={2000}
                disabled={!props.canManage}
                autoComplete="off"
              />
            ))}
          </InlineGrid>
          {props.canManage ? <SaveButton fetcher={fetcher}>Save catalog mapping</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Section>
  );
}
