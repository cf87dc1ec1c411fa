// Unknown storefront paths: 404 in the envelope (after the signature check, like every /proxy path).

import { AppError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";

const notFound = {
  handler: async (): Promise<never> => {
    throw new AppError("route.not_found", 404, "There is no such endpoint.");
  },
};

const endpoint = proxyEndpoint("not_found", { GET: notFound, POST: notFound, DELETE: notFound });

export const loader = endpoint.loader;
export const action = endpoint.action;
