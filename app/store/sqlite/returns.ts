// Return, resize, exchange and care requests.

import type { ReturnRequest, Store } from "../port";
import { codec, v } from "./codec";
import { conditions, unique, type Sql } from "./sql";

const returnRow = codec<ReturnRequest>({
  id: v,
  rma: v,
  orderId: v,
  orderNumber: v,
  lineItemId: v,
  option: v,
  reason: v,
  newSize: v,
  status: v,
  eligibility: "json",
  conversationId: v,
  decisionNote: v,
  createdAt: v,
  decidedAt: v,
});

export function returnsRepository({
  db,
  write,
  one,
  all,
  run,
  insert,
  upsert,
  maybe,
  byId,
  newestFirst,
}: Sql): Store["returns"] {
  const decideReturn = db.transaction(
    (shop: string, id: string, decision: { status: ReturnRequest["status"]; note: string | null; at: string }) => {
      const changed = run(
        "UPDATE return_requests SET status = ?, decision_note = ?, decided_at = ? WHERE shop = ? AND id = ?",
        decision.status,
        decision.note,
        decision.at,
        shop,
        id,
      );
      return changed.changes === 0 ? null : maybe(returnRow, one(byId("return_requests"), shop, id));
    },
  );
  const redactReturn = db.transaction((shop: string, id: string): boolean => {
    const current = maybe(returnRow, one(byId("return_requests"), shop, id));
    if (!current) return false;
    const { transcript: _transcript, ...eligibility } = current.eligibility;
    upsert("return_requests", ["shop", "id"], returnRow.toRow({ ...current, reason: "", eligibility }, shop));
    return true;
  });
  return {
    async create(shop, request) {
      await write(() => unique("return_request", () => insert("return_requests", returnRow.toRow(request, shop))));
      return request;
    },
    async get(shop, id) {
      return maybe(returnRow, one(byId("return_requests"), shop, id));
    },
    async findOpenForItem(shop, orderId, lineItemId) {
      const sqlText =
        "SELECT * FROM return_requests WHERE shop = ? AND order_id = ? AND line_item_id = ? " +
        "AND status IN ('requested', 'approved')";
      return maybe(returnRow, one(sqlText, shop, orderId, lineItemId));
    },
    async list(shop, filter = {}, page) {
      const where = conditions("shop = ?", shop);
      if (filter.status !== undefined) where.add("status = ?", filter.status);
      return newestFirst("return_requests", "created_at", where, page, returnRow);
    },
    async decide(shop, id, decision) {
      return write(() => unique("return_request", () => decideReturn(shop, id, decision)));
    },
    async findForRedaction(shop, target) {
      return all(
        "SELECT id FROM return_requests WHERE shop = ? AND (conversation_id IN (SELECT value FROM json_each(?)) " +
          "OR order_id IN (SELECT value FROM json_each(?))) ORDER BY id",
        shop,
        JSON.stringify(target.conversationIds),
        JSON.stringify(target.orderIds ?? []),
      ).map((r) => r.id as string);
    },
    async redact(shop, id) {
      return write(() => redactReturn(shop, id));
    },
  };
}
