// Settings → Language: the shop's primary language, which replies, emails and dates fall back to when a shopper's
// own language is none of the four the concierge speaks. Read from Shopify at install; staff can change it.

import { BlockStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { Section } from "../Section";
import { Problem, useSection } from "./sectionForm";
import { SaveButton } from "~/components/SaveButton";

const LANGUAGES = [
  { label: "English", value: "en" },
  { label: "Français (French)", value: "fr" },
  { label: "Español (Spanish)", value: "es" },
  { label: "Deutsch (German)", value: "de" },
];

export function LanguageSection(props: { locale: string; canChange: boolean }) {
  const { fetcher, problem } = useSection();
  const [locale, setLocale] = useState(props.locale);
  return (
    <Section title="Language" id="language">
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="p" tone="subdued">
            The concierge answers each shopper in their own language when it speaks it, otherwise in this one.
          </Text>
          <Problem text={problem} />
          <input type="hidden" name="intent" value="locale" />
          <Select
            label="Primary language"
            name="locale"
            options={LANGUAGES}
            value={locale}
            onChange={setLocale}
            disabled={!props.canChange}
          />
          {props.canChange ? <SaveButton fetcher={fetcher}>Save language</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Section>
  );
}
