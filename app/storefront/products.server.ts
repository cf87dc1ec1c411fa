// GET /proxy/products — ranked catalog search with cursor pagination.

import { productsQuery } from "~/contract/storefront";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { searchCatalog } from "~/services/catalog.server";

export const products = proxyEndpoint("products", {
  GET: {
    query: productsQuery,
    handler: async ({ runtime, shopRow, query }) => ({ body: { ...(await searchCatalog(runtime, shopRow!, query)) } }),
  },
});
