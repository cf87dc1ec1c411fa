// Prometheus exposition; bearer-protected when METRICS_TOKEN is set (API.md §3).

import { methodNotAllowed } from "~/platform/methodNotAllowed.server";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "~/platform/errors.server";
import { jsonRoute } from "~/platform/http.server";
import { metricsSummary } from "~/platform/metrics.server";

function tokenMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  const given = Buffer.from(match?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const loader = jsonRoute("api.metrics", async ({ request }, ctx) => {
  const { metricsToken } = ctx.runtime.env;
  if (metricsToken && !tokenMatches(request.headers.get("authorization"), metricsToken)) {
    throw new AppError("auth.unauthorized", 401, "A valid metrics token is required.", undefined, {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
  const { metrics } = ctx.runtime;
  if (new URL(request.url).searchParams.get("format") === "summary") {
    return { body: { summary: await metricsSummary(metrics) } };
  }
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
});

export const action = methodNotAllowed("api.metrics", ["GET"]);
