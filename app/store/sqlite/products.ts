// The catalog: products with their variants, filtered for discovery.

import { pageLimit, type Product, type ProductQuery, type Store } from "../port";
import { codec, v } from "./codec";
import { conditions, cursorKey, toPage, type Sql } from "./sql";

const productRow = codec<Product>({
  id: v,
  handle: v,
  title: v,
  description: v,
  category: v,
  metal: v,
  price: v,
  compareAtPrice: v,
  readyToShip: "bool",
  featured: "bool",
  status: v,
  tags: "json",
  images: "json",
  variants: "json",
  inventory: v,
  shippingPromise: v,
  readyToShipMapped: "optionalJson",
  updatedAt: v,
});

/** Gold families: a shopper asking for "gold" accepts any of them. */
const GOLD_METALS = ["yellow_gold", "white_gold", "rose_gold", "gold"];

export function productsRepository({ write, one, all, run, upsert, maybe, byId }: Sql): Store["products"] {
  return {
    async put(shop, product) {
      await write(() => upsert("products", ["shop", "id"], productRow.toRow(product, shop)));
      return product;
    },
    async get(shop, id) {
      return maybe(productRow, one(byId("products"), shop, id));
    },
    async getByHandle(shop, handle) {
      return maybe(
        productRow,
        one("SELECT * FROM products WHERE shop = ? AND handle = ? ORDER BY id LIMIT 1", shop, handle),
      );
    },
    async find(shop, query: ProductQuery, page) {
      const limit = pageLimit(page);
      const after = cursorKey(page, ["string"]);
      const where = conditions("shop = ?", shop);
      if (query.category !== undefined) where.add("category = ?", query.category);
      if (query.metal !== undefined) {
        where.add(
          "metal IN (SELECT value FROM json_each(?))",
          JSON.stringify(query.metal === "gold" ? GOLD_METALS : [query.metal]),
        );
      }
      if (query.excludeCategories?.length) {
        where.add("category NOT IN (SELECT value FROM json_each(?))", JSON.stringify(query.excludeCategories));
      }
      if (query.excludeMetals?.length) {
        where.add(
          "(metal IS NULL OR metal NOT IN (SELECT value FROM json_each(?)))",
          JSON.stringify(query.excludeMetals.flatMap((m) => (m === "gold" ? GOLD_METALS : [m]))),
        );
      }
      if (query.priceMin !== undefined) where.add("price >= ?", query.priceMin);
      if (query.priceMax !== undefined) where.add("price <= ?", query.priceMax);
      if (query.readyToShip !== undefined) where.add("ready_to_ship = ?", query.readyToShip ? 1 : 0);
      if (query.tag !== undefined) where.add("EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?)", query.tag);
      if (query.ringSize !== undefined) {
        where.add(
          "EXISTS (SELECT 1 FROM json_each(variants) WHERE json_extract(value, '$.ringSize') = ?)",
          query.ringSize,
        );
      }
      if (query.activeOnly !== false) where.add("status = 'active'");
      if (query.ids !== undefined) where.add("id IN (SELECT value FROM json_each(?))", JSON.stringify(query.ids));
      if (after) where.add("id > ?", after[0]);
      const found = all(`SELECT * FROM products WHERE ${where.sql()} ORDER BY id LIMIT ?`, ...where.params, limit + 1);
      return toPage(found, limit, productRow.fromRow, (r) => [r.id as string]);
    },
    async remove(shop, id) {
      return write(() => run("DELETE FROM products WHERE shop = ? AND id = ?", shop, id).changes > 0);
    },
    async count(shop) {
      return one("SELECT count(*) AS n FROM products WHERE shop = ?", shop)!.n as number;
    },
    async catalogVersion(shop) {
      return (one("SELECT version FROM catalog_versions WHERE shop = ?", shop)?.version as string | undefined) ?? "";
    },
    async findByInventoryItem(shop, inventoryItemId) {
      const sqlText =
        "SELECT * FROM products WHERE shop = ? AND EXISTS " +
        "(SELECT 1 FROM json_each(variants) WHERE json_extract(value, '$.inventoryItemId') = ?) ORDER BY id LIMIT 1";
      return maybe(productRow, one(sqlText, shop, inventoryItemId));
    },
  };
}
