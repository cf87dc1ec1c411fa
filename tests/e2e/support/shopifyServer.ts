// The Shopify-mode app for browser tests: seeds what an install leaves (shop, offline session, staff of every
// role) into a fresh SQLite file, serves a fake Admin API on loopback for the catalog sync (Shopify itself is out of
// reach: the only fake, at the network boundary), then starts the real server. Run as `node --import tsx <this file>`.

import { sqlitePathFromUrl } from "../../../app/store/sqlite";
import { gqlCustomer, gqlOrder, gqlProduct, startFakeAdminApi } from "../../support/fakeAdminApi";
import { seedShopifyShop } from "../../support/shopifyAdmin";

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const fake = await startFakeAdminApi({
  token: "shpat_seeded_offline_token",
  products: range(75).map(gqlProduct),
  customers: range(12).map(gqlCustomer),
  orders: range(20).map(gqlOrder),
  pageSize: 25,
});
process.env.SHOPIFY_ADMIN_API_URL = fake.url;
await seedShopifyShop(sqlitePathFromUrl(process.env.DATABASE_URL ?? ""));
const { startServer } = (await import("../../../server.mjs")) as { startServer: () => Promise<unknown> };
await startServer();
