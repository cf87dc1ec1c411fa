// The Shopify library's five-method session storage, on our store (sessions live where the rest of the shop does).

import { Session } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Store } from "~/store/port";

type PropertyArray = Parameters<typeof Session.fromPropertyArray>[0];

export class StoreSessionStorage implements SessionStorage {
  constructor(private readonly store: Store) {}

  async storeSession(session: Session): Promise<boolean> {
    await this.store.sessions.store({ id: session.id, shop: session.shop, data: session.toPropertyArray(true) });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const record = await this.store.sessions.load(id);
    return record ? Session.fromPropertyArray(record.data as PropertyArray, true) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.store.sessions.delete(id);
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.store.sessions.deleteMany(ids);
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const records = await this.store.sessions.findByShop(shop);
    return records.map((r) => Session.fromPropertyArray(r.data as PropertyArray, true));
  }
}
