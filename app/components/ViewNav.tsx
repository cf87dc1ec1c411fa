// A row of links that switch a list between views (tabs as links, so each view has its own URL).

import { Link } from "@remix-run/react";
import { InlineStack } from "@shopify/polaris";

export function ViewNav(props: { label: string; current: string; views: { id: string; label: string; to: string }[] }) {
  return (
    <nav aria-label={props.label}>
      <InlineStack gap="400" wrap>
        {props.views.map((v) =>
          v.id === props.current ? (
            <Link key={v.id} to={v.to} aria-current="page">
              <strong>{v.label}</strong>
            </Link>
          ) : (
            <Link key={v.id} to={v.to}>
              {v.label}
            </Link>
          ),
        )}
      </InlineStack>
    </nav>
  );
}
