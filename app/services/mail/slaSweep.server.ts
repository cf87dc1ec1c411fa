// The SLA sweep: once a minute (one process, under a lease), tickets past their reply deadline get an sla_breached
// event and the shop's leads an email — once per ticket.

import type { Runtime } from "~/platform/runtime.server";
import type { PeriodicTask } from "~/platform/worker.server";
import { slaBreached } from "./notify.server";

export async function sweepSlaBreaches(runtime: Runtime, now = new Date()): Promise<number> {
  let breached = 0;
  for (const shop of await runtime.store.shops.list()) {
    if (shop.uninstalledAt) continue;
    const page = await runtime.store.tickets.list(
      shop.shop,
      { dueBefore: now.toISOString(), unresolved: true },
      { limit: 100 },
    );
    for (const ticket of page.items) {
      if (ticket.events.some((e) => e.type === "sla_breached")) continue;
      const event = { at: now.toISOString(), actor: "system", type: "sla_breached" };
      const updated = await runtime.store.tickets.update(shop.shop, ticket.id, {}, event);
      if (updated) {
        await slaBreached(runtime, shop, updated);
        breached += 1;
      }
    }
  }
  return breached;
}

export function slaSweepTask(runtime: Runtime): PeriodicTask {
  return { name: "sla-sweep", intervalMs: 60_000, run: async () => void (await sweepSlaBreaches(runtime)) };
}
