// Unknown /api paths answer in the error envelope rather than with an HTML page.

import { AppError } from "~/platform/errors.server";
import { jsonRoute } from "~/platform/http.server";

const notFound = jsonRoute("api.not_found", async () => {
  throw new AppError("route.not_found", 404, "There is no such endpoint.");
});

export const loader = notFound;
export const action = notFound;
