// Owns the Shopify library configuration. Local mode runs the same checks with a generated development secret.

import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import type { AppEnv } from "./env.server";
import { StoreSessionStorage } from "./sessionStorage.server";
import type { Store } from "~/store/port";

export const LOCAL_API_KEY = "aurora-local-dev";

export interface ShopifyHooks {
  /** After a merchant installs (or re-authorises) the app: create the shop, start the backfill. */
  afterInstall?: (shop: string) => Promise<void>;
}

export function createShopify(env: AppEnv, store: Store, localSecret: string, hooks: ShopifyHooks = {}) {
  return shopifyApp({
    apiKey: env.shopifyApiKey ?? LOCAL_API_KEY,
    apiSecretKey: env.shopifyApiSecret ?? localSecret,
    apiVersion: ApiVersion.October25,
    appUrl: env.appUrl,
    scopes: env.scopes,
    authPathPrefix: "/auth",
    sessionStorage: new StoreSessionStorage(store),
    distribution: AppDistribution.AppStore,
    useOnlineTokens: false,
    // The library's own logger prints full URLs (id_token values); ours redacts, so keep it quiet.
    logger: { level: LogSeverity.Error },
    hooks: {
      afterAuth: async ({ session }) => {
        await hooks.afterInstall?.(session.shop);
      },
    },
  });
}

export type ShopifyContext = ReturnType<typeof createShopify>;
