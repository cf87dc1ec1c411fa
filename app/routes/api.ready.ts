// Readiness: the store answers (API.md §3).

import { methodNotAllowed } from "~/platform/methodNotAllowed.server";
import { jsonRoute } from "~/platform/http.server";
import { readiness } from "~/services/health.server";

export const loader = jsonRoute("api.ready", async (_args, ctx) => readiness(ctx.runtime));

export const action = methodNotAllowed("api.ready", ["GET"]);
