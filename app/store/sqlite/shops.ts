// Shops (settings, rollout) and their staff.

import { ConflictError, type Shop, type StaffMember, type Store } from "../port";
import { codec, v } from "./codec";
import { SHOP_TABLES } from "./migrations";
import type { Sql } from "./sql";

const shopRow = codec<Shop>({
  shop: v,
  name: v,
  currency: v,
  orderPrefix: v,
  settings: "json",
  rollout: "json",
  installedAt: v,
  uninstalledAt: v,
  updatedAt: v,
});

const staffRow = codec<StaffMember>({ userId: v, email: v, name: v, role: v, updatedAt: v });

export function shopsRepository({ db, write, one, all, run, upsert, maybe }: Sql): Store["shops"] {
  const purge = db.transaction((shop: string) => {
    for (const table of SHOP_TABLES) run(`DELETE FROM ${table} WHERE shop = ?`, shop);
    // A running job (the shop/redact being applied) finishes on its own and then drops its payload.
    run("DELETE FROM jobs WHERE shop = ? AND status != 'running'", shop);
  });
  const patchShop = db.transaction(
    (
      shop: string,
      patch: Partial<Pick<Shop, "rollout" | "settings" | "name">> & { updatedAt: string },
      ifAt?: string,
    ) => {
      const current = maybe(shopRow, one("SELECT * FROM shops WHERE shop = ?", shop));
      if (!current) return null;
      // The rollout has no version number: its updatedAt plays that part (0 = "see the stored rollout").
      if (ifAt !== undefined && current.rollout.updatedAt !== ifAt) throw new ConflictError("rollout", 0);
      const next: Shop = { ...current, ...patch, shop };
      upsert("shops", ["shop"], shopRow.toRow(next));
      return next;
    },
  );
  return {
    async get(shop) {
      return maybe(shopRow, one("SELECT * FROM shops WHERE shop = ?", shop));
    },
    async put(shop, value) {
      const saved: Shop = { ...value, shop };
      await write(() => upsert("shops", ["shop"], shopRow.toRow(saved)));
      return saved;
    },
    async list() {
      return all("SELECT * FROM shops ORDER BY shop").map(shopRow.fromRow);
    },
    async patch(shop, patch, guard) {
      const { rollout, settings, name, updatedAt } = patch; // only what the port lets a caller change
      const parts = Object.fromEntries(
        Object.entries({ rollout, settings, name, updatedAt }).filter(([, value]) => value !== undefined),
      );
      return patchShop.immediate(shop, parts as typeof patch, guard?.ifRolloutUpdatedAt);
    },
    async purge(shop) {
      await write(() => purge(shop));
    },
  };
}

export function staffRepository({ write, one, all, run, upsert, maybe }: Sql): Store["staff"] {
  return {
    async list(shop) {
      return all("SELECT * FROM staff WHERE shop = ? ORDER BY user_id", shop).map(staffRow.fromRow);
    },
    async get(shop, userId) {
      return maybe(staffRow, one("SELECT * FROM staff WHERE shop = ? AND user_id = ?", shop, userId));
    },
    async put(shop, member) {
      await write(() => upsert("staff", ["shop", "user_id"], staffRow.toRow(member, shop)));
      return member;
    },
    async remove(shop, userId) {
      return write(() => run("DELETE FROM staff WHERE shop = ? AND user_id = ?", shop, userId).changes > 0);
    },
  };
}
