// The audit log: every admin change, with who, when, before → after and (when there is more to say) why.

import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { AuditEntry, Page, PageRequest, Store } from "~/store/port";

/** One audit entry. `id` only where a retry must not write it twice (a webhook job, the seed). */
export async function recordAudit(
  store: Store,
  shop: string,
  entry: { actor: string; action: string; before: unknown; after: unknown; at: Date; reason?: string; id?: string },
): Promise<void> {
  const { at, reason, id, ...rest } = entry;
  await store.audit.record(shop, {
    id: id ?? newId("aud"),
    ...rest,
    at: at.toISOString(),
    ...(reason ? { reason } : {}),
  });
}

export async function auditLog(
  runtime: Runtime,
  shop: string,
  page: PageRequest,
  actionPrefix?: string,
): Promise<Page<AuditEntry>> {
  return runtime.store.audit.list(shop, page, actionPrefix ? { actionPrefix } : {});
}
