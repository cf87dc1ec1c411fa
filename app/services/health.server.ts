// Liveness and readiness answers (API.md §3). Readiness is honest about the store: a read and a small write within
// 1 s, and no store call failed in the last few seconds (a small probe may still fit on a disk real writes find
// full, or slip between another process's locks).

import type { JsonResult } from "~/platform/http.server";
import type { Runtime } from "~/platform/runtime.server";

const STORE_PING_TIMEOUT_MS = 1000;
const RECENT_FAILURE_MS = 5_000;

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

/** A store call failed in the last few seconds: readiness says degraded. */
export function storeFailedRecently(runtime: Runtime): boolean {
  return Date.now() - (runtime.storeHealth?.lastFailureAt ?? 0) < RECENT_FAILURE_MS;
}

/**
 * A store fault (full disk, I/O error) in the last few seconds: the storefront hides the launcher, since the reads a
 * page view makes may still work while every message would fail. Waiting on another writer's lock is not a fault:
 * config's own call meets it while it lasts, and the launcher is back on the first page view after it.
 */
export function storeFaultedRecently(runtime: Runtime): boolean {
  return Date.now() - (runtime.storeHealth?.lastFaultAt ?? 0) < RECENT_FAILURE_MS;
}

export async function readiness(runtime: Runtime): Promise<JsonResult> {
  const failedRecently = storeFailedRecently(runtime);
  const probed = await storeCheck(runtime);
  const checks = { store: failedRecently ? ("failing" as const) : probed };
  const ok = Object.values(checks).every((c) => c === "ok");
  return { status: ok ? 200 : 503, body: { status: ok ? "ok" : "degraded", checks } };
}
