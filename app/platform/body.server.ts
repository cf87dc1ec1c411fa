// Reads a JSON request body safely: size-capped while streaming, malformed JSON and `$`-keys are 4xx.

import { AppError } from "./errors.server";

export const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(): AppError {
  return new AppError("request.too_large", 413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
}

export async function readRawBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Finds a key starting with `$` at any depth (operator injection into a document store). */
export function findDollarKey(value: unknown, path = ""): string | null {
  if (value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.startsWith("$")) return here;
    const nested = findDollarKey(child, here);
    if (nested) return nested;
  }
  return null;
}

export function parseJsonBody(raw: string, contentType: string | null): unknown {
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new AppError("request.unsupported_media_type", 415, "Send the body as application/json.");
  }
  if (raw.trim() === "") throw new AppError("validation.failed", 400, "The request body is empty.", { issues: [{ path: "", message: "expected a JSON object" }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("request.malformed_json", 400, "The request body is not valid JSON.");
  }
  const dollar = findDollarKey(parsed);
  if (dollar) {
    throw new AppError("validation.failed", 400, "Keys starting with $ are not allowed.", {
      issues: [{ path: dollar, message: "keys starting with $ are not allowed" }],
    });
  }
  return parsed;
}
