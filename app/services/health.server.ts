// Liveness and readiness answers (API.md §3): readiness pings the store with a deadline.

import type { JsonResult } from "~/platform/http.server";
import type { Runtime } from "~/platform/runtime.server";

const STORE_PING_TIMEOUT_MS = 1000;

export async function liveness(runtime: Runtime): Promise<JsonResult> {
  return {
    body: {
      status: "ok",
      version: runtime.version,
      uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000),
    },
  };
}

async function storeCheck(runtime: Runtime): Promise<"ok" | "failing"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"failing">((resolve) => {
    timer = setTimeout(() => resolve("failing"), STORE_PING_TIMEOUT_MS);
  });
  const ping = runtime.store.ping().then(
    () => "ok" as const,
    () => "failing" as const,
  );
  try {
    return await Promise.race([ping, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(runtime: Runtime): Promise<JsonResult> {
  const checks = { store: await storeCheck(runtime) };
  const ok = Object.values(checks).every((c) => c === "ok");
  return { status: ok ? 200 : 503, body: { status: ok ? "ok" : "degraded", checks } };
}
