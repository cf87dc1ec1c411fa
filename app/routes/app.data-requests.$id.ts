// GET /app/data-requests/{id} — the customers/data_request report as a JSON download, for the admin's privacy page
// to link. Shopify mode: the embedded admin's session token decides the shop; local mode: the demo shop on loopback.

import { jsonRoute } from "~/platform/http.server";
import { LOCAL_DEMO_SHOP } from "~/platform/runtime.server";
import { dataRequestReport } from "~/services/privacy/dataRequests.server";

export const loader = jsonRoute("app.data_requests", async ({ request, params }, { runtime }) => {
  let shop = LOCAL_DEMO_SHOP;
  if (runtime.env.mode === "shopify") {
    try {
      shop = (await runtime.shopify.authenticate.admin(request)).session.shop;
    } catch (thrown) {
      // The library answers auth flows (bounce, 401 with retry header) with Responses: pass them on as they are.
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  const id = params.id ?? "";
  const report = await dataRequestReport(runtime.store, shop, id);
  return new Response(JSON.stringify(report, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="data-request-${id.replace(/[^\w-]/g, "_")}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
