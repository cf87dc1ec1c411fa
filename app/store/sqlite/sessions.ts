// Shopify sessions (the library's session storage builds on these).

import type { SessionRecord, Store } from "../port";
import { codec, v } from "./codec";
import type { Sql } from "./sql";

const sessionRow = codec<SessionRecord>({ id: v, shop: v, data: "json" });

export function sessionsRepository({ write, one, all, run, upsert, maybe }: Sql): Store["sessions"] {
  return {
    async store(record) {
      await write(() => upsert("sessions", ["id"], sessionRow.toRow(record)));
    },
    async load(id) {
      return maybe(sessionRow, one("SELECT * FROM sessions WHERE id = ?", id));
    },
    async delete(id) {
      await write(() => run("DELETE FROM sessions WHERE id = ?", id));
    },
    async deleteMany(ids) {
      if (ids.length === 0) return;
      await write(() => run("DELETE FROM sessions WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(ids)));
    },
    async findByShop(shop) {
      return all("SELECT * FROM sessions WHERE shop = ? ORDER BY id", shop).map(sessionRow.fromRow);
    },
  };
}
