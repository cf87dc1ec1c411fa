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
  /** A download or page for this entry, if it has one. */
  link?: { label: string; url: string };
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

export async function platformNotices(runtime: Runtime, shop: Shop): Promise<PlatformNotice[]> {
  return Promise.all(PLATFORM_CHECKS.map((check) => check(runtime, shop)));
}
