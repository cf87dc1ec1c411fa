// The app's front door in local mode: what is running and where to go.

import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getRuntime } from "~/platform/runtime.server";

export const meta: MetaFunction = () => [{ title: "Aurora Concierge" }];

export async function loader() {
  const runtime = await getRuntime();
  return { mode: runtime.env.mode, store: runtime.store.kind, version: runtime.version };
}

export default function Index() {
  const { mode, store, version } = useLoaderData<typeof loader>();
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: 720,
        margin: "3rem auto",
        padding: "0 1rem",
        lineHeight: 1.5,
      }}
    >
      <h1>Aurora Concierge</h1>
      <p>
        A concierge for jewelry stores: product discovery, order tracking, returns and resizes, and a stylist when the
        bot is not enough.
      </p>
      <h2>This instance</h2>
      <dl>
        <dt>Mode</dt>
        <dd>{mode === "local" ? "Local demo (no Shopify credentials)" : "Shopify"}</dd>
        <dt>Store</dt>
        <dd>{store === "sqlite" ? "Embedded SQLite" : "MongoDB"}</dd>
        <dt>Version</dt>
        <dd>{version}</dd>
      </dl>
      <h2>Operations</h2>
      <ul>
        <li>
          <a href="/api/health">Liveness</a> and <a href="/api/ready">readiness</a>
        </li>
        <li>
          <a href="/api/metrics?format=summary">Metrics summary</a> (Prometheus text at <code>/api/metrics</code>)
        </li>
      </ul>
    </main>
  );
}
