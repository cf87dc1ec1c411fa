// A method a JSON route does not serve still answers in the error envelope (405), not Remix's default page.

import { AppError } from "./errors.server";
import { jsonRoute } from "./http.server";

export function methodNotAllowed(route: string, allowed: string[]) {
  return jsonRoute(route, async () => {
    throw new AppError("method.not_allowed", 405, `Use ${allowed.join(" or ")} here.`, undefined, {
      Allow: allowed.join(", "),
    });
  });
}
