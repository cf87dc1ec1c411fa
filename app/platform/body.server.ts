// Reads a JSON request body safely: size-capped while streaming, malformed JSON and `$`-keys are 4xx.

import { AppError, saidError } from "./errors.server";

export const MAX_BODY_BYTES = 64 * 1024;

export function tooLarge(): AppError {
  return saidError("request.too_large", 413, { key: "error.request.too_large", params: { kb: MAX_BODY_BYTES / 1024 } });
}

/** After the cap, the rest of an oversized body is read and dropped up to this many bytes, then the socket is cut. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

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
      // Cancelling the stream destroys the connection, and a client still sending then sees a reset instead of the
      // 413: drop the rest of a moderately oversized body so the answer arrives; cut off only a huge one.
      while (size <= DRAIN_LIMIT_BYTES) {
        const next = await reader.read();
        if (next.done) break;
        size += next.value.byteLength;
      }
      if (size > DRAIN_LIMIT_BYTES) await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Deeper JSON than any storefront request needs is refused (and never walked recursively). */
export const MAX_JSON_DEPTH = 32;

export interface JsonProblem {
  path: string;
  message: string;
}

/**
 * Walks parsed JSON without recursion and reports the first thing no storefront request may contain: a key
 * starting with `$` (operator injection into a document store), a NUL character in a key or a string (it
 * truncates text in C libraries and BSON refuses it in keys), or nesting deeper than MAX_JSON_DEPTH.
 */
export function inspectJson(value: unknown): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === "string") {
      if (node.includes("\u0000")) return { path, message: "NUL characters are not allowed" };
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    const entries = Array.isArray(node) ? node.map((child, i) => [String(i), child] as const) : Object.entries(node);
    // Reverse so the first key is examined first (a stable, readable report).
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const here = path ? `${path}.${key}` : key;
      if (!Array.isArray(node)) {
        if (key.startsWith("$")) return { path: here, message: "keys starting with $ are not allowed" };
        if (key.includes("\u0000")) return { path: here, message: "NUL characters are not allowed" };
      }
      stack.push({ value: child, path: here, depth: depth + 1 });
    }
  }
  return null;
}

/** Finds a key starting with `$` at any depth (operator injection into a document store). */
export function findDollarKey(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const here = path ? `${path}.${key}` : key;
      if (key.startsWith("$")) return here;
      stack.push({ value: child, path: here });
    }
  }
  return null;
}

export function parseJsonBody(raw: string, contentType: string | null): unknown {
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new AppError("request.unsupported_media_type", 415, "Send the body as application/json.");
  }
  if (raw.trim() === "")
    throw new AppError("validation.failed", 400, "The request body is empty.", {
      issues: [{ path: "", message: "expected a JSON object" }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("request.malformed_json", 400, "The request body is not valid JSON.");
  }
  const problem = inspectJson(parsed);
  if (problem) {
    throw new AppError(
      "validation.failed",
      400,
      problem.message.startsWith("keys starting with $")
        ? "Keys starting with $ are not allowed."
        : problem.message.startsWith("nested deeper")
          ? "The request body is nested too deeply."
          : "The request body contains NUL characters.",
      { issues: [problem] },
    );
  }
  return parsed;
}
