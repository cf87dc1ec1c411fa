// What an admin page shows when its loader refused or failed: a plain message by status, never a stack.

import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Page, Text } from "@shopify/polaris";

const COPY: Record<number, { title: string; body: string }> = {
  403: {
    title: "You don't have access to this page",
    body: "Your role does not include it. An owner or admin can change roles in Settings.",
  },
  404: { title: "Page not found", body: "There is nothing at this address. It may have been removed." },
  409: { title: "This changed while you were away", body: "Reload the page to see the latest version." },
  503: { title: "The store is unavailable", body: "Data could not be read just now. Try again in a moment." },
};

export function errorStatus(error: unknown): { status: number; message: string | null; requestId: string | null } {
  if (isRouteErrorResponse(error)) {
    const envelope = error.data as { error?: { message?: string }; requestId?: string } | null;
    return {
      status: error.status,
      message: typeof envelope?.error?.message === "string" ? envelope.error.message : null,
      requestId: envelope?.requestId ?? null,
    };
  }
  return { status: 500, message: null, requestId: null };
}

export function AdminError() {
  const { status, message, requestId } = errorStatus(useRouteError());
  const copy = COPY[status] ?? { title: "Something went wrong", body: "Try again in a moment." };
  return (
    <Page title={copy.title}>
      <Banner tone={status === 404 ? "info" : "critical"}>
        <BlockStack gap="200">
          <p>{message ?? copy.body}</p>
          {requestId ? (
            <Text as="p" variant="bodySm" tone="subdued">
              Reference: {requestId}
            </Text>
          ) : null}
          <p>
            <Link to="/app">Back to the overview</Link>
          </p>
        </BlockStack>
      </Banner>
    </Page>
  );
}
