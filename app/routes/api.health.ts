// Liveness (and readiness with ?ready=1), API.md §3.

import { methodNotAllowed } from "~/platform/methodNotAllowed.server";
import { jsonRoute } from "~/platform/http.server";
import { liveness, readiness } from "~/services/health.server";

export const loader = jsonRoute("api.health", async ({ request }, ctx) => {
  const url = new URL(request.url);
  return url.searchParams.get("ready") === "1" ? readiness(ctx.runtime) : liveness(ctx.runtime);
});

export const action = methodNotAllowed("api.health", ["GET"]);
