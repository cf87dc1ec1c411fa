// Wraps every store call: failures are counted, logged once, and surface as StoreUnavailableError (503).

import type { Logger } from "pino";
import { InvalidCursorError } from "~/store/cursor";
import { ConflictError, DuplicateError, type Store, StoreBusyError } from "~/store/port";
import { StoreUnavailableError } from "./errors.server";
import type { Metrics } from "./metrics.server";

// Errors that are answers, not failures.
const isExpected = (error: unknown) =>
  error instanceof DuplicateError || error instanceof InvalidCursorError || error instanceof ConflictError;

/**
 * When a store call last failed (epoch ms, 0 = never): readiness stays degraded for a while after one. A fault
 * (full disk, I/O error: anything but waiting too long on another writer) is also kept apart, because small calls
 * can still slip through one; contention shows on the very next call that meets it, and is over when it is over.
 */
export interface StoreHealth {
  lastFailureAt: number;
  lastFaultAt: number;
}

export const healthyStore = (): StoreHealth => ({ lastFailureAt: 0, lastFaultAt: 0 });

function wrap<T extends object>(target: T, path: string, metrics: Metrics, logger: Logger, health: StoreHealth): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      const name = `${path}${String(prop)}`;
      if (typeof value === "function") {
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => unknown).apply(obj, args);
          } catch (error) {
            if (isExpected(error)) throw error;
            health.lastFailureAt = Date.now();
            if (!(error instanceof StoreBusyError)) health.lastFaultAt = health.lastFailureAt;
            metrics.storeErrors.inc();
            logger.error({ err: error, operation: name }, "store operation failed");
            throw new StoreUnavailableError(name, error);
          }
        };
      }
      if (value && typeof value === "object") return wrap(value as object, `${name}.`, metrics, logger, health);
      return value;
    },
  });
}

export function instrumentStore(
  store: Store,
  metrics: Metrics,
  logger: Logger,
  health: StoreHealth = healthyStore(),
): Store {
  return wrap(store, "", metrics, logger, health);
}
