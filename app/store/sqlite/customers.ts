// Customers mirrored from the shop (logged-in shoppers, allowlists by email).

import type { Customer, Store } from "../port";
import { codec, v } from "./codec";
import { normalizeEmail, type Sql } from "./sql";

const customerRow = codec<Customer>({ id: v, email: v, firstName: v, lastName: v, updatedAt: v }, (c) => ({
  email_lc: normalizeEmail(c.email),
}));

export function customersRepository({ write, one, run, upsert, maybe, byId }: Sql): Store["customers"] {
  return {
    async put(shop, customer) {
      await write(() => upsert("customers", ["shop", "id"], customerRow.toRow(customer, shop)));
      return customer;
    },
    async get(shop, id) {
      return maybe(customerRow, one(byId("customers"), shop, id));
    },
    async findByEmail(shop, email) {
      const sqlText = "SELECT * FROM customers WHERE shop = ? AND email_lc = ? ORDER BY updated_at DESC, id LIMIT 1";
      return maybe(customerRow, one(sqlText, shop, normalizeEmail(email)));
    },
    async remove(shop, id) {
      return write(() => run("DELETE FROM customers WHERE shop = ? AND id = ?", shop, id).changes > 0);
    },
  };
}
