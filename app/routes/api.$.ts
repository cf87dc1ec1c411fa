// /api paths Remix sees: the probes of the one route table (in production the lean mount answers them first),
// anything else unknown answers in the error envelope rather than with an HTML page.

import { AppError } from "~/platform/errors.server";
import { jsonRoute, type RouteArgs } from "~/platform/http.server";
import { serveFromRemix } from "~/platform/remixMount.server";
import { opsRoute } from "~/storefront/routes.server";

const notFound = jsonRoute("api.not_found", async () => {
  throw new AppError("route.not_found", 404, "There is no such endpoint.");
});

const serve = (args: RouteArgs) => {
  const probe = opsRoute(new URL(args.request.url).pathname);
  return probe ? serveFromRemix(probe, args) : notFound(args);
};

export const loader = serve;
export const action = serve;
