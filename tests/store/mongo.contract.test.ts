// The same store contract against MongoDB, only when MONGODB_URI points at a server (none can run on our machines).

import { randomUUID } from "node:crypto";
import { describe } from "vitest";
import { storeContract } from "./contract";

const uri = process.env.MONGODB_URI;

// The title carries the skip reason only when it applies.
const title = uri
  ? "mongo adapter (MONGODB_URI)"
  : "store contract: mongo (skipped: MONGODB_URI not set — no MongoDB server on this machine)";

describe.skipIf(!uri)(title, () => {
  storeContract("mongo", async () => {
    // Dynamic imports: this file must load (and skip) even where the adapter or a server is absent.
    const { openMongoStore } = await import("~/store/mongo");
    const { MongoClient } = await import("mongodb");
    const dbName = `aurora_contract_${randomUUID().replace(/-/g, "")}`;
    const store = await openMongoStore(uri!, dbName);
    return {
      store,
      cleanup: async () => {
        await store.close();
        // The store does not expose its db: a separate client drops the per-test database by name.
        const client = new MongoClient(uri!);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
});
