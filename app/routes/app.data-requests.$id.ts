// GET /app/data-requests/{id} — the customers/data_request report as a JSON download, linked from Settings. Who may
// download it is the admin's role policy (owners and admins: it is personal data); the shop is the admin's own.

import { adminResource } from "~/platform/adminRoute.server";
import { dataRequestReport } from "~/services/privacy/dataRequests.server";

export const loader = adminResource("data_requests", "privacy.export", async (ctx, { params }) => {
  const id = params.id ?? "";
  const report = await dataRequestReport(ctx.runtime.store, ctx.shop.shop, id);
  return new Response(JSON.stringify(report, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="data-request-${id.replace(/[^\w-]/g, "_")}.json"`,
      "Cache-Control": "no-store",
      "x-request-id": ctx.requestId,
    },
  });
});
