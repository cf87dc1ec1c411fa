// One error type for the app, and the one place that turns any thrown value into the JSON envelope.

import { ZodError } from "zod";
import { InvalidCursorError } from "~/store/cursor";
import { ConflictError, DuplicateError } from "~/store/port";

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** The store could not be reached or failed; callers see 503 store.unavailable. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`store operation ${operation} failed`, { cause });
    this.name = "StoreUnavailableError";
  }
}

/** The client closed the connection before its request was read: its abort, not our error (never a 5xx). */
export class ClientAbortError extends Error {
  constructor(reason = "aborted") {
    super(reason);
    this.name = "ClientAbortError";
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
  requestId: string;
}

export function validationError(error: ZodError, message = "The request is not valid."): AppError {
  return new AppError("validation.failed", 400, message, {
    issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message })),
  });
}

/** Maps anything thrown to status + envelope. Unknown errors are 500 and flagged for logging. */
export function toErrorEnvelope(
  error: unknown,
  requestId: string,
): { status: number; body: ErrorBody; headers: Record<string, string>; unexpected: boolean } {
  let appError: AppError;
  let unexpected = false;
  if (error instanceof AppError) appError = error;
  else if (error instanceof ZodError) appError = validationError(error);
  else if (error instanceof InvalidCursorError)
    appError = new AppError("validation.failed", 400, "The cursor is not valid.", {
      issues: [{ path: "cursor", message: "invalid cursor" }],
    });
  else if (error instanceof DuplicateError)
    appError = new AppError(`${error.entity}.duplicate`, 409, "That already exists.");
  else if (error instanceof ConflictError)
    appError = new AppError(
      `${error.entity}.conflict`,
      409,
      `Someone else changed this ${error.entity} after you opened it. Reload to see their change, then try again.`,
    );
  else if (error instanceof StoreUnavailableError)
    appError = new AppError(
      "store.unavailable",
      503,
      "The service is temporarily unavailable. Please try again shortly.",
      undefined,
      { "Retry-After": "5" },
    );
  else {
    unexpected = true;
    appError = new AppError("internal.error", 500, "Something went wrong on our side.");
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message }, requestId };
  if (appError.details) body.error.details = appError.details;
  return { status: appError.status, body, headers: appError.headers ?? {}, unexpected };
}
