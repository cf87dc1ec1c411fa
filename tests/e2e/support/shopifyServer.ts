// The Shopify-mode app for browser tests: seeds what an install leaves (shop, offline session, staff of every
// role) into a fresh SQLite file, then starts the real server. Run as `node --import tsx <this file>`.

import { sqlitePathFromUrl } from "../../../app/store/sqlite";
import { seedShopifyShop } from "../../support/shopifyAdmin";

await seedShopifyShop(sqlitePathFromUrl(process.env.DATABASE_URL ?? ""));
const { startServer } = (await import("../../../server.mjs")) as { startServer: () => Promise<unknown> };
await startServer();
