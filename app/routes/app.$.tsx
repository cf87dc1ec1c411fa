// An /app path no page serves: the admin's own "not found", inside the admin frame.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { adminHeaders, adminLoader } from "~/platform/adminRoute.server";
import { AppError } from "~/platform/errors.server";
import { AdminError } from "~/components/AdminError";

export const meta: MetaFunction = () => [{ title: "Page not found · Aurora Concierge" }];

export const loader = adminLoader("not_found", "overview.view", async (ctx, { request }) => {
  ctx.logger.info({ path: new URL(request.url).pathname, status: 404 }, "no admin page for this path");
  throw new AppError("route.not_found", 404, "There is no admin page at this address.");
});

export default function NotFound() {
  return null;
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
