// The pure parts of idempotency: the body hash (what "the same body" means) and the key format.

import { describe, expect, it } from "vitest";
import { AppError } from "~/platform/errors.server";
import { bodyHash, checkIdempotencyKey } from "~/platform/idempotency.server";

describe("bodyHash", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { visitorId: "v1", contact: { name: "Ada", email: "a@example.com" }, tags: [{ x: 1, y: 2 }] };
    const b = { tags: [{ y: 2, x: 1 }], contact: { email: "a@example.com", name: "Ada" }, visitorId: "v1" };
    expect(bodyHash(a)).toBe(bodyHash(b));
    expect(bodyHash(JSON.parse(JSON.stringify(b, null, 4)))).toBe(bodyHash(a));
  });

  it("changes with any value, with array order, and with types", () => {
    const base = { visitorId: "v1", productIds: ["p1", "p2"], rating: 5 };
    const h = bodyHash(base);
    expect(bodyHash({ ...base, visitorId: "v2" })).not.toBe(h);
    expect(bodyHash({ ...base, productIds: ["p2", "p1"] })).not.toBe(h);
    expect(bodyHash({ ...base, rating: "5" })).not.toBe(h);
    expect(bodyHash({ ...base, extra: null })).not.toBe(h);
    expect(bodyHash([base])).not.toBe(h);
  });

  it("cannot be confused by keys or strings that contain JSON punctuation", () => {
    expect(bodyHash({ a: "1,b:2" })).not.toBe(bodyHash({ a: "1", b: 2 }));
    expect(bodyHash({ 'a":"x': 1 })).not.toBe(bodyHash({ a: "x", "": 1 }));
  });

  it("hashes bodies without content (GET, DELETE) the same way every time", () => {
    expect(bodyHash(undefined)).toBe(bodyHash(undefined));
    expect(bodyHash(undefined)).toBe(bodyHash(null));
    expect(bodyHash({})).not.toBe(bodyHash(null));
    expect(bodyHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("checkIdempotencyKey", () => {
  it("accepts 8 to 128 visible ASCII characters", () => {
    for (const key of [
      "12345678",
      "k".repeat(128),
      "a1b2-c3d4_e5:f6.g7",
      "0f8fad5b-d9cb-469f-a165-70867728950e",
      "!~#$%&'*+",
    ]) {
      expect(() => checkIdempotencyKey(key), key).not.toThrow();
    }
  });

  it("refuses shorter, longer, blank, non-ASCII and control characters with 400 validation.failed", () => {
    for (const key of [
      "",
      "1234567",
      "k".repeat(129),
      "has space",
      "tab\there!",
      "ünïcødé-key",
      "line\nbreak1",
      "null\u0000byte",
    ]) {
      try {
        checkIdempotencyKey(key);
        expect.unreachable(`accepted ${JSON.stringify(key)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).code).toBe("validation.failed");
      }
    }
  });
});
