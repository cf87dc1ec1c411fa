// The submit button at the foot of an admin form: busy while its fetcher is submitting or loading.

import { Button, InlineStack } from "@shopify/polaris";

export function SaveButton({ fetcher, children }: { fetcher: { state: string }; children: string }) {
  return (
    <InlineStack>
      <Button submit loading={fetcher.state !== "idle"}>
        {children}
      </Button>
    </InlineStack>
  );
}
