// Every /proxy path that reaches Remix (under `remix vite:dev`; in production the Node server's lean mount
// answers first) goes through the one route table.

import type { RouteArgs } from "~/platform/http.server";
import { serveFromRemix } from "~/platform/remixMount.server";
import { proxyRoute } from "~/storefront/routes.server";

const serve = (args: RouteArgs) =>
  serveFromRemix(proxyRoute(new URL(args.request.url).pathname.replace(/^\/[^/]*\/?/, "")), args);

export const loader = serve;
export const action = serve;
