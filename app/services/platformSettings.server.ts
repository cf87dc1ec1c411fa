// What Settings shows about the platform around the concierge: the catalog (Shopify sync and CSV import), email
// (configured or not, the outbox, who gets staff alerts) and customer data requests — the last only for the roles
// that may download them, so the others' pages never carry the list.

import type { AdminContext } from "~/platform/adminRoute.server";
import { staffAlertRecipients } from "./mail/notify.server";
import { mailStatus } from "./mail/outbox.server";
import { listDataRequests } from "./privacy/dataRequests.server";
import { catalogStatus } from "./sync/catalogAdmin.server";

export async function platformSettings(ctx: AdminContext) {
  const { runtime, shop } = ctx;
  const [mail, recipients, catalog, dataRequests] = await Promise.all([
    mailStatus(runtime, shop.shop),
    staffAlertRecipients(runtime, shop.shop),
    catalogStatus(runtime, shop.shop),
    ctx.can("privacy.export") ? listDataRequests(runtime.store, shop.shop, { limit: 5 }) : null,
  ]);
  return {
    mail: {
      ...mail,
      alertRecipients: recipients
        .map((m) => ({ name: m.name, email: m.email, role: m.role }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
    catalog,
    dataRequests,
  };
}

export type PlatformSettings = Awaited<ReturnType<typeof platformSettings>>;
