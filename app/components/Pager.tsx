// Keyset pagination for the admin's lists: the next page follows the cursor, "first page" starts over.
// (Keyset cursors only go forward; going back is the browser's Back button or the first page.)

import { Link, useLocation } from "@remix-run/react";
import { InlineStack } from "@shopify/polaris";

export function Pager(props: { nextCursor: string | null; label: string }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const onLaterPage = params.has("cursor");
  if (!props.nextCursor && !onLaterPage) return null;
  const next = new URLSearchParams(params);
  if (props.nextCursor) next.set("cursor", props.nextCursor);
  const first = new URLSearchParams(params);
  first.delete("cursor");
  return (
    <nav aria-label={`${props.label} pages`}>
      <InlineStack gap="400">
        {onLaterPage ? <Link to={`?${first.toString()}`}>First page</Link> : null}
        {props.nextCursor ? <Link to={`?${next.toString()}`}>Next page</Link> : null}
      </InlineStack>
    </nav>
  );
}
