// Opaque keyset cursors: base64url JSON of the last row's sort key. Adapters share the encoding.

export class InvalidCursorError extends Error {
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, arity: number): CursorKey | null {
  if (cursor == null || cursor === "") return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through: a cursor we did not make
  }
  throw new InvalidCursorError();
}
