// Shopify's Admin GraphQL API behind our own small port: the base URL and fetch are injectable, so tests point it at
// a fake Admin API on loopback. The shop's offline access token comes from the stored session.

import { Session } from "@shopify/shopify-app-remix/server";
import type { Store } from "~/store/port";

type PropertyArray = Parameters<typeof Session.fromPropertyArray>[0];

export const ADMIN_API_VERSION = "2025-10";

export interface AdminApi {
  graphql<T>(shop: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The call failed in a way a later retry may not (no session, a revoked token): the backfill stops and says why. */
export class AdminApiAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminApiAuthError";
  }
}

export interface AdminApiOptions {
  store: Store;
  /** Replaces `https://{shop}` (tests: a loopback fake). */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  const doFetch = options.fetch ?? fetch;
  return {
    async graphql<T>(shop: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const record = await options.store.sessions.load(`offline_${shop}`);
      if (!record) throw new AdminApiAuthError(`no offline session for ${shop}: open the app once to authorise it`);
      const session = Session.fromPropertyArray(record.data as PropertyArray, true);
      if (!session.accessToken) throw new AdminApiAuthError(`the offline session of ${shop} has no access token`);
      const base = (options.baseUrl ?? `https://${shop}`).replace(/\/$/, "");
      const response = await doFetch(`${base}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": session.accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      if (response.status === 401 || response.status === 403) {
        throw new AdminApiAuthError(`the Admin API refused the token of ${shop} (${response.status})`);
      }
      if (!response.ok) throw new Error(`Admin API answered ${response.status}`);
      const body = (await response.json()) as {
        data?: T;
        errors?: { message?: string; extensions?: { code?: string } }[];
      };
      if (body.errors?.length) {
        const throttled = body.errors.some((e) => e.extensions?.code === "THROTTLED");
        throw new Error(
          throttled ? "Admin API throttled the request" : `Admin API error: ${body.errors[0].message ?? "unknown"}`,
        );
      }
      if (!body.data) throw new Error("Admin API answered without data");
      return body.data;
    },
  };
}
