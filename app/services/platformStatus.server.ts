// The Settings page's "Notifications and data" section: what the platform around the concierge is doing for this
// shop. Each entry is one small check; add entries here (data-request reports, catalog backfill progress, ...).

import type { Runtime } from "~/platform/runtime.server";
import type { Shop } from "~/store/port";

export interface PlatformNotice {
  id: string;
  title: string;
  tone: "success" | "warning" | "info";
  status: string;
  body: string;
  /** Downloads or pages for this entry, if it has any. */
  links?: { label: string; url: string }[];
}

export const PLATFORM_CHECKS: ((runtime: Runtime, shop: Shop) => Promise<PlatformNotice>)[] = [
  async (runtime) => {
    const configured = Boolean(runtime.env.smtpUrl && runtime.env.mailFrom);
    return {
      id: "mail",
      title: "Email",
      tone: configured ? "success" : "warning",
      status: configured ? "Configured" : "Not configured",
      body: configured
        ? "Ticket acknowledgements, replies and return decisions are also emailed to shoppers."
        : "No email is sent: shoppers read replies and decisions in the concierge chat only. Set SMTP_URL and MAIL_FROM to send email too.",
    };
  },
];

/** The catalog backfill's progress (products, customers, orders synced from Shopify). */
PLATFORM_CHECKS.push(async (runtime, shop) => {
  const progress = await runtime.store.syncProgress.get(shop.shop);
  const counts = progress
    ? `${progress.counts.products} products, ${progress.counts.customers} customers, ${progress.counts.orders} orders`
    : "";
  if (!progress) {
    return {
      id: "catalog_sync",
      title: "Catalog sync",
      tone: "info",
      status: "Not started",
      body: "The catalog, customers and orders are copied from Shopify after install.",
    };
  }
  const byStatus = {
    running: { tone: "info", status: "In progress", body: `Syncing ${progress.phase}: ${counts} so far.` },
    done: { tone: "success", status: "Up to date", body: `Synced ${counts}; webhooks keep it current.` },
    failed: {
      tone: "warning",
      status: "Stopped",
      body: `The sync stopped (${progress.lastError ?? "unknown error"}) after ${counts}; it resumes on its own.`,
    },
  } as const;
  return { id: "catalog_sync", title: "Catalog sync", ...byStatus[progress.status] };
});

/** customers/data_request reports, newest first, each a download (owners and admins only, like the route). */
PLATFORM_CHECKS.push(async (runtime, shop) => {
  const recent = await runtime.store.dataRequests.list(shop.shop, { limit: 10 });
  return {
    id: "data_requests",
    title: "Customer data requests",
    tone: recent.items.length > 0 ? "warning" : "success",
    status: recent.items.length > 0 ? `${recent.items.length}${recent.nextCursor ? "+" : ""} received` : "None",
    body:
      recent.items.length > 0
        ? "Shopify forwarded these requests: download each report and send it to the customer."
        : "When a customer asks Shopify for their data, the report to send them appears here.",
    links: recent.items.map((r) => ({
      label: `Report ${r.id} (requested ${r.requestedAt.slice(0, 10)})`,
      url: `/app/data-requests/${encodeURIComponent(r.id)}`,
    })),
  };
});

export async function platformNotices(runtime: Runtime, shop: Shop): Promise<PlatformNotice[]> {
  return Promise.all(PLATFORM_CHECKS.map((check) => check(runtime, shop)));
}
