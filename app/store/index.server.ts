// Chooses the store adapter once at start-up: MongoDB when MONGODB_URI is set, else the embedded SQLite file.

import type { Store } from "./port";
import { openSqliteStore, sqlitePathFromUrl } from "./sqlite";

export interface StoreConfig {
  databaseUrl: string;
  mongodbUri?: string;
  /** SQLite: checkpoint the WAL on a worker thread (the server), not on the committing request (CLIs, tests). */
  backgroundCheckpoints?: boolean;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) {
    const { openMongoStore } = await import("./mongo");
    return openMongoStore(config.mongodbUri);
  }
  return openSqliteStore(sqlitePathFromUrl(config.databaseUrl), {
    backgroundCheckpoints: config.backgroundCheckpoints,
  });
}
