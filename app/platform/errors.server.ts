// One error type for the app, and the one place that turns any thrown value into the JSON envelope.

import { ZodError } from "zod";
import { type CopyKey, copyFor, type Params, replyLocale } from "~/concierge/copy";
import { EN } from "~/concierge/copy/en";
import { InvalidCursorError } from "~/store/cursor";
import { ConflictError, DuplicateError } from "~/store/port";

/** A message by its catalog key, for messages with values filled in (a literal one is found by its English text). */
export interface Said {
  key: CopyKey;
  params?: Params;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
    readonly said?: Said,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** An AppError whose message is a catalog string with values: English here, the caller's language in the envelope. */
export function saidError(
  code: string,
  status: number,
  said: Said,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
): AppError {
  return new AppError(code, status, copyFor("en").t(said.key, said.params), details, headers, said);
}

/** The catalog key of every English string without values, so a literal error message finds its translations. */
const KEY_OF_ENGLISH = new Map<string, CopyKey>(
  (Object.entries(EN) as [CopyKey, string][])
    .filter(([, text]) => !text.includes("{"))
    .map(([key, text]) => [text, key]),
);

/** Whose language an error message follows: set for storefront requests only (the admin speaks English). */
export interface ErrorLanguage {
  /** null: a storefront request that named no locale (yet); undefined: not a storefront request. */
  locale?: string | null;
  /** The shop's primary locale, the fallback. */
  shopLocale?: string;
}

/** The error's message in the request's language, then the shop's, then English; unknown messages stay as thrown. */
export function messageFor(error: AppError, language: ErrorLanguage | undefined): string {
  if (!language || language.locale === undefined) return error.message;
  const key = error.said?.key ?? KEY_OF_ENGLISH.get(error.message);
  if (!key) return error.message; // already in the caller's language (returns.ineligible) or not shopper-facing
  return copyFor(replyLocale(language.locale, language.shopLocale)).t(key, error.said?.params);
}

/** The envelope's `error` member (code unchanged: outside checks depend on it). */
export function errorMember(error: AppError, language: ErrorLanguage | undefined): ErrorBody["error"] {
  const member: ErrorBody["error"] = { code: error.code, message: messageFor(error, language) };
  if (error.details) member.details = error.details;
  return member;
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
  language?: ErrorLanguage,
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
      undefined,
      undefined,
      { key: "error.conflict" },
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
  const body: ErrorBody = { error: errorMember(appError, language), requestId };
  return { status: appError.status, body, headers: appError.headers ?? {}, unexpected };
}
