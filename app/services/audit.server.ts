// The audit log: every admin change, with who, when, before → after and (when there is more to say) why.

import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import type { AuditEntry, Page, PageRequest } from "~/store/port";

export async function recordAudit(
  runtime: Runtime,
  shop: string,
  entry: { actor: string; action: string; before: unknown; after: unknown; at: Date; reason?: string },
): Promise<void> {
  const { at, reason, ...rest } = entry;
  await runtime.store.audit.record(shop, {
    id: newId("aud"),
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
