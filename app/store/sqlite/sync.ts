// Backfill progress per shop, and customers/data_request records.

import type { DataRequest, Store, SyncProgress } from "../port";
import { codec, v } from "./codec";
import { conditions, customerOrEmail, normalizeEmail, type Sql } from "./sql";

const progressRow = codec<SyncProgress>({
  runId: v,
  status: v,
  phase: v,
  cursor: v,
  counts: "json",
  ordersSince: v,
  startedAt: v,
  finishedAt: v,
  updatedAt: v,
  lastError: v,
});

const dataRequestRow = codec<DataRequest>(
  { id: v, customerId: v, email: v, phone: v, ordersRequested: "json", requestedAt: v },
  (r) => ({ email_lc: r.email === null ? null : normalizeEmail(r.email) }),
);

export function syncProgressRepository({ write, one, upsert, maybe }: Sql): Store["syncProgress"] {
  return {
    async get(shop) {
      return maybe(progressRow, one("SELECT * FROM sync_progress WHERE shop = ?", shop));
    },
    async put(shop, progress) {
      await write(() => upsert("sync_progress", ["shop"], progressRow.toRow(progress, shop)));
      return progress;
    },
  };
}

export function dataRequestsRepository({
  write,
  one,
  run,
  upsert,
  maybe,
  byId,
  newestFirst,
}: Sql): Store["dataRequests"] {
  return {
    async put(shop, request) {
      await write(() => upsert("data_requests", ["shop", "id"], dataRequestRow.toRow(request, shop)));
      return request;
    },
    async get(shop, id) {
      return maybe(dataRequestRow, one(byId("data_requests"), shop, id));
    },
    async list(shop, page) {
      return newestFirst("data_requests", "requested_at", conditions("shop = ?", shop), page, dataRequestRow);
    },
    async removeFor(shop, customerId, email) {
      if (customerId === null && email === null) return 0;
      const person = customerOrEmail(customerId, email);
      return write(
        () => run(`DELETE FROM data_requests WHERE shop = ? AND ${person.sql}`, shop, ...person.params).changes,
      );
    },
  };
}
