// Orders mirrored from the shop: lookups by number, a customer's history, conversion attribution.

import type { Order, Store } from "../port";
import { codec, v } from "./codec";
import { conditions, customerOrEmail, normalizeEmail, type Sql } from "./sql";

const orderRow = codec<Order>(
  {
    id: v,
    number: v,
    name: v,
    customerId: v,
    email: v,
    postalCode: v,
    status: v,
    placedAt: v,
    deliveredAt: v,
    lineItems: "json",
    fulfillments: "json",
    statusHistory: "json",
    total: v,
    currency: v,
    conversationId: v,
    updatedAt: v,
  },
  (o) => ({ email_lc: normalizeEmail(o.email) }),
);

/** Same normalisation as `Order.number`: "#1042" and "1042" find the same order. */
function normalizeOrderNumber(number: string): string {
  return number.replace(/[#\s-]/g, "").toUpperCase();
}

export function ordersRepository({ write, one, run, upsert, maybe, byId, newestFirst }: Sql): Store["orders"] {
  return {
    async put(shop, order) {
      await write(() => upsert("orders", ["shop", "id"], orderRow.toRow(order, shop)));
      return order;
    },
    async get(shop, id) {
      return maybe(orderRow, one(byId("orders"), shop, id));
    },
    async getByNumber(shop, number) {
      const sqlText = "SELECT * FROM orders WHERE shop = ? AND number = ? ORDER BY placed_at DESC, id LIMIT 1";
      return maybe(orderRow, one(sqlText, shop, normalizeOrderNumber(number)));
    },
    async listByCustomer(shop, customerId, page) {
      const where = conditions("shop = ? AND customer_id = ?", shop, customerId);
      return newestFirst("orders", "placed_at", where, page, orderRow);
    },
    async attribute(shop, orderId, conversationId) {
      const sqlText = "UPDATE orders SET conversation_id = ? WHERE shop = ? AND id = ? AND conversation_id IS NULL";
      return write(() => run(sqlText, conversationId, shop, orderId).changes > 0);
    },
    async redactCustomer(shop, customerId, email) {
      if (customerId === null && email === null) return 0;
      const person = customerOrEmail(customerId, email);
      return write(
        () =>
          run(
            `UPDATE orders SET customer_id = NULL, email = '', email_lc = '', postal_code = '' WHERE shop = ? AND ${person.sql}`,
            shop,
            ...person.params,
          ).changes,
      );
    },
  };
}
